// End to end: the real discord.js bot (startBot, the entry `npm start` uses) against the loopback
// Discord double, over real HTTP and WebSocket.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { RunningBot } from "../../src/discord/runtime/startBot.js";
import { deployCommands } from "../../src/discord/runtime/deployCommands.js";
import type { Phraser } from "../../src/core/phrase/phraser.js";
import { templatePhraser } from "../../src/core/phrase/templatePhraser.js";
import type { Command } from "../../src/discord/interaction/commandModule.js";
import { COMMAND_DATA, COMMANDS } from "../../commands/list.js";
import { captureLogs, startTestBot } from "../support/testBot.js";
import { DiscordDouble } from "../doubles/discord/discordDouble.js";
import type { InteractionHandle } from "../doubles/discord/types.js";
import { REPO } from "../support/shared.js";
import { command } from "../support/factories.js";

const GUILD = "100000000000000001";
const OTHER_GUILD = "100000000000000002";
const CHANNEL = "200000000000000001";
const STRING = 3;

const { logger, lines: logLines } = captureLogs();

const failing: Command = {
  data: { name: "explode", description: "Always throws (test only)" },
  execute: () => Promise.reject(new Error("boom inside a handler")),
};

/** Makes every brief slow, to prove the bot acknowledges before the 3-second deadline anyway. */
let phraserDelayMs = 0;
const slowPhraser: Phraser = {
  name: "slow-template",
  async phrase(items) {
    await new Promise((resolve) => setTimeout(resolve, phraserDelayMs));
    return templatePhraser.phrase(items);
  },
};

const storeDir = mkdtempSync(path.join(tmpdir(), "docket-e2e-"));
let discord: DiscordDouble;
let bot: RunningBot;

async function start(): Promise<RunningBot> {
  return startTestBot(discord, {
    storeUrl: `sqlite://${storeDir}/docket.sqlite`,
    logger,
    overrides: { commands: [...COMMANDS, failing], groundedPhraser: slowPhraser },
  });
}

before(async () => {
  discord = await DiscordDouble.start({
    guilds: [
      { id: GUILD, name: "Policy nerds", channels: [{ id: CHANNEL, name: "general" }] },
      { id: OTHER_GUILD, name: "Elsewhere" },
    ],
  });
  bot = await start();
});

after(async () => {
  await bot.stop();
  await discord.close();
  rmSync(storeDir, { recursive: true, force: true });
});

const deal = (topic: string, guildId = GUILD): InteractionHandle =>
  discord.chatInput(command("deal", { topic }, { guildId, channelId: CHANNEL }));

function textOf(message: Record<string, unknown>): string {
  return JSON.stringify(message).replace(/\\\\/g, "\\");
}

test("/deal topic:tiktok is acknowledged within 3 s and answers with summary, verbatim quotes and sources", async () => {
  const handle = deal("tiktok");
  const callback = await handle.callback();
  assert.ok([4, 5].includes(callback.type));
  const acked = handle.ackedAt();
  assert.ok(acked !== undefined && acked - handle.sentAt < 3000, "acknowledged inside Discord's window");
  const message = await handle.waitForOriginal((m) => Array.isArray(m.embeds) && m.embeds.length > 0);
  const text = textOf(message);
  for (const quote of ["Microsoft fully appreciates the importance of addressing the President’s concerns"]) {
    assert.ok(text.includes(quote), `quote missing: ${quote}`);
  }
  assert.match(text, /September 15/);
  assert.match(text, /Sources?\b/i);
  assert.match(text, /Microsoft confirms interest in TitTok/);
  assert.deepEqual((message.allowed_mentions as { parse?: unknown[] } | undefined)?.parse ?? [], []);
});

test("autocomplete for 'tik' offers TikTok", async () => {
  const handle = discord.autocomplete({
    name: "deal",
    options: [{ name: "topic", type: STRING, value: "tik", focused: true }],
    guildId: GUILD,
  });
  const callback = await handle.callback();
  assert.equal(callback.type, 8);
  const choices = (callback.data as { choices: Array<{ name: string; value: string }> }).choices;
  assert.ok(choices.length <= 25);
  assert.ok(
    choices.some((c) => c.name === "TikTok"),
    JSON.stringify(choices),
  );
});

test("an unknown topic gets an ephemeral reply with the closest topics", async () => {
  const handle = deal("microsoftcorpx");
  const callback = await handle.callback();
  const message =
    callback.type === 4
      ? (callback.data as Record<string, unknown>)
      : (handle.followups()[0] as Record<string, unknown>);
  assert.equal(Number(message.flags) & 64, 64, "ephemeral");
  assert.match(textOf(message), /Microsoft/);
});

test("an error inside a handler: ephemeral error id, the same id in a log line, and the bot keeps serving", async () => {
  const handle = discord.chatInput({ name: "explode", guildId: GUILD, channelId: CHANNEL });
  const callback = await handle.callback();
  const data = callback.data as Record<string, unknown>;
  assert.equal(Number(data.flags) & 64, 64);
  const id = /error id[^\w]*([0-9a-f]{8})/i.exec(textOf(data))?.[1];
  assert.ok(id, textOf(data));
  assert.ok(
    logLines.some((l) => l.errorId === id && l.command === "explode"),
    "log line with the same error id",
  );
  const next = deal("tiktok");
  await next.waitForOriginal((m) => Array.isArray(m.embeds) && m.embeds.length > 0);
});

test("a slow brief is deferred inside the window, then edited in", async () => {
  phraserDelayMs = 2000;
  try {
    const handle = deal("bytedance");
    const callback = await handle.callback();
    assert.equal(callback.type, 5, "deferred");
    assert.ok((handle.ackedAt() ?? Infinity) - handle.sentAt < 3000);
    await handle.waitForOriginal((m) => Array.isArray(m.embeds) && m.embeds.length > 0, 8000);
  } finally {
    phraserDelayMs = 0;
  }
});

test("buttons answer the presser privately, keep working after a restart, and never change the brief", async () => {
  const handle = deal("tiktok");
  const message = await handle.waitForOriginal((m) => Array.isArray(m.components) && m.components.length > 0);
  const rows = message.components as Array<{ components: Array<{ custom_id?: string; disabled?: boolean }> }>;
  const buttons = rows.flatMap((r) => r.components);
  assert.ok(!buttons.some((b) => b.disabled), `no disabled button in ${JSON.stringify(rows)}`);
  const button = buttons.find((b) => b.custom_id?.startsWith("deal:"));
  assert.ok(button?.custom_id, `a paging button in ${JSON.stringify(rows)}`);
  const before = JSON.stringify(handle.original());
  await bot.stop();
  bot = await start();
  const press = discord.button({
    customId: button.custom_id,
    messageId: message.id,
    guildId: GUILD,
    channelId: CHANNEL,
  });
  const callback = await press.callback();
  assert.equal(callback.type, 4, "a reply of its own");
  assert.equal(Number(callback.data?.flags) & 64, 64, "ephemeral: only the presser sees it");
  assert.match(textOf(callback.data as Record<string, unknown>), /TikTok|Microsoft/);
  assert.equal(JSON.stringify(handle.original()), before, "the public brief is unchanged");
});

test("/topics lists the stories the bot follows: TikTok on the bundled seed, with its sources", async () => {
  const handle = discord.chatInput({ name: "topics", guildId: GUILD, channelId: CHANNEL });
  const message = await handle.waitForOriginal((m) => Array.isArray(m.embeds) && m.embeds.length > 0);
  const text = textOf(message);
  assert.match(text, /\*\*[^*]*TikTok[^*]*\*\* — /u, "a story labelled with TikTok");
  assert.match(text, /1 source/);
  assert.doesNotMatch(text, /TitTok|People/u, "stories, not raw names");
});

test("an interaction older than its 15-minute token is not answered", async () => {
  const handle = discord.chatInput(
    command("deal", { topic: "tiktok" }, { guildId: GUILD, createdAt: Date.now() - 16 * 60 * 1000 }),
  );
  await assert.rejects(handle.callback());
});

test("a 429 from Discord on the callback is waited out and the answer still arrives", async () => {
  discord.failNext({ method: "POST", path: /\/callback$/ }, { status: 429, retryAfter: 0.3 }, 1);
  const handle = deal("tiktok");
  await handle.waitForOriginal((m) => Array.isArray(m.embeds) && m.embeds.length > 0, 4000);
  // The 429 was really served to this interaction's callback, and the retry after it succeeded.
  const callbacks = discord.requests
    .filter((r) => r.method === "POST" && r.path === `/interactions/${handle.id}/${handle.token}/callback`)
    .map((r) => r.status);
  assert.equal(callbacks[0], 429, `callback statuses: ${callbacks.join(", ")}`);
  assert.ok(
    callbacks.slice(1).some((status) => status === 200 || status === 204),
    `callback statuses: ${callbacks.join(", ")}`,
  );
  assert.ok((handle.ackedAt() ?? Infinity) - handle.sentAt < 3000, "acknowledged within 3 s despite the 429");
});

test("deploy-commands bulk-registers the definitions to a guild", async () => {
  const count = await deployCommands({
    token: discord.token,
    applicationId: discord.applicationId,
    guildId: GUILD,
    api: discord.apiUrl,
    body: COMMAND_DATA,
  });
  assert.equal(count, COMMAND_DATA.length);
  const names = (discord.commands.get(GUILD) as Array<{ name: string }>).map((c) => c.name).sort();
  assert.deepEqual(names, ["deal", "digest", "source", "topics"]);
});

test("npm start without a token exits with a message that points to the CLI", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", "src/bin/bot.ts"], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? "", DOTENV_CONFIG_PATH: "/nonexistent" },
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  assert.equal(code, 1);
  assert.match(stderr, /DISCORD_TOKEN/);
  assert.match(stderr, /npx docket deal tiktok/);
});

test("npm start logs in, serves, and shuts down cleanly on SIGTERM", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", "src/bin/bot.ts"], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH ?? "",
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      DOCKET_STORE_URL: `sqlite://${storeDir}/spawned.sqlite`,
      LOG_LEVEL: "info",
    },
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 15000;
  while (!stderr.includes("bot ready") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.match(stderr, /bot ready/);
  child.kill("SIGTERM");
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  assert.equal(code, 0);
  assert.match(stderr, /bot stopped/);
});
