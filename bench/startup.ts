// Bot start-up against a stored index (issue 12, acceptance 1): spawns the built bot (`node dist/src/bin/bot.js`,
// as `npm start` runs it) on the store DOCKET_STORE_URL and DOCKET_SEEDS name (bench/cliStore.ts builds one),
// logged in to the loopback Discord double, and times start → logged in (gateway READY) → the first /deal
// answered with a brief; then reads the process's RSS. Usage: node --import tsx bench/startup.ts "<topic>"
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DiscordDouble } from "../test/doubles/discord/discordDouble.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const GUILD = "100000000000000001";
const CHANNEL = "200000000000000001";
const STRING_OPTION = 3;
const topic = process.argv[2] ?? "tiktok";

function rssMB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  return Number(/\d+/.exec(line ?? "")?.[0] ?? Number.NaN) / 1024;
}

/** CPU seconds (user + system) the process has used: what the start costs whatever the machine's load. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const discord = await DiscordDouble.start({
  guilds: [{ id: GUILD, name: "Bench", channels: [{ id: CHANNEL, name: "general" }] }],
});
const started = performance.now();
const child = spawn(process.execPath, ["dist/src/bin/bot.js"], {
  cwd: ROOT,
  env: {
    PATH: process.env.PATH ?? "",
    DOTENV_CONFIG_PATH: "/nonexistent",
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    DOCKET_STORE_URL: process.env.DOCKET_STORE_URL ?? "",
    DOCKET_SEEDS: process.env.DOCKET_SEEDS ?? "",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  },
  stdio: ["ignore", "inherit", "inherit"],
});
try {
  await discord.waitForReady(120_000);
  const readyMs = performance.now() - started;
  const handle = discord.chatInput({
    name: "deal",
    options: [{ name: "topic", type: STRING_OPTION, value: topic }],
    guildId: GUILD,
    channelId: CHANNEL,
  });
  // Watched from the start: a brief ready at once comes with the callback itself.
  const answered = handle.waitForOriginal((m) => Array.isArray(m.embeds) && m.embeds.length > 0, 120_000);
  await handle.callback();
  const ackMs = performance.now() - started;
  await answered;
  const answeredMs = performance.now() - started;
  const line = `start → logged in ${readyMs.toFixed(0)} ms; first /deal acknowledged ${ackMs.toFixed(0)} ms, answered ${answeredMs.toFixed(0)} ms; RSS ${rssMB(child.pid ?? 0).toFixed(0)} MB; ${cpuSeconds(child.pid ?? 0).toFixed(2)} s of CPU`;
  console.log(line);
} finally {
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
  await discord.close();
}
