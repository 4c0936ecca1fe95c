// The shard manager's own duties, with the built bot (`DOCKET_SHARDS=2`) against the Discord double: a shard
// that cannot start ends the start (exit 1, its own error line, no restart loop, no process left behind), and
// a shard process that dies later is started again and serves its servers (two shards on one embedded SQLite
// store, as `npm start` allows on one host).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, test } from "node:test";
import { DATA_DIR } from "../../src/app/paths.js";
import { seedsIndexPath } from "../../src/store/index/openIndex.js";
import { DiscordDouble } from "../doubles/discord/discordDouble.js";
import { shardOfGuild } from "../doubles/discord/sharding.js";
import { command } from "../support/factories.js";
import { refusedPort } from "../support/ports.js";
import { CI } from "../support/services.js";
import { SEEDS } from "../support/shared.js";
import { builtBotProblem, startShardedBot, type LogLine, type ShardedBot } from "../support/shardedBot.js";

const BASE = 100_000_000_000_000_000n >> 22n;
const GUILDS = [0, 1].map((i) => ({
  id: String((BASE + BigInt(i)) << 22n),
  channel: `30000000000000000${i}`,
}));
const dir = mkdtempSync(path.join(tmpdir(), "docket-shard-life-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

const built = builtBotProblem();
const skip = built !== null && !CI ? `${built}; skipped outside CI` : false;

async function double(): Promise<DiscordDouble> {
  return DiscordDouble.start({
    guilds: GUILDS.map((g, i) => ({
      id: g.id,
      name: `Guild ${i}`,
      channels: [{ id: g.channel, name: "news" }],
    })),
    sharding: { maxConcurrency: 16 },
  });
}

const env = (discord: DiscordDouble, store: string): Record<string, string> => ({
  DISCORD_TOKEN: discord.token,
  DISCORD_API_URL: discord.apiUrl,
  DOCKET_SEEDS: SEEDS,
  DOCKET_STORE_URL: store,
  DOCKET_SHARDS: "2",
});

const started = (lines: LogLine[], shard: number): LogLine[] =>
  lines.filter((l) => l.msg === "shard process started" && l.shard === shard);

async function until(probe: () => boolean, bot: ShardedBot): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!probe()) {
    if (Date.now() > deadline || bot.process.exitCode !== null)
      throw new Error(`the manager did not get there: ${bot.other.join("\n")}`);
    await sleep(50);
  }
}

function alive(pid: unknown): boolean {
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch {
    return false;
  }
}

test(
  "a shard that cannot reach its store ends the start: exit 1, its own line, no restart, no orphan",
  { skip, timeout: 180_000 },
  async () => {
    if (built !== null) throw new Error(`in CI: ${built}`);
    const discord = await double();
    const store = `postgres://127.0.0.1:${await refusedPort()}/docket`;
    const bot = startShardedBot(env(discord, store));
    try {
      const code = await bot.exited;
      assert.equal(code, 1, bot.other.join("\n"));
      const words = bot.other.join("\n");
      assert.match(words, /DOCKET_STORE_URL/, "the shard's own line names the store");
      assert.match(words, /Shard [01] did not start/);
      assert.doesNotMatch(words, /\n\s+at /, "no stack trace");
      const pids = [0, 1].flatMap((shard) => started(bot.lines, shard).map((l) => l.pid));
      assert.ok(pids.length <= 2, `no shard was started twice: ${pids.length} starts`);
      assert.deepEqual(pids.filter(alive), [], "no shard process outlives the manager");
    } finally {
      await bot.stop();
      await discord.close();
      const file = seedsIndexPath(store, [SEEDS], DATA_DIR);
      for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    }
  },
);

test(
  "a shard process that dies is started again and answers its servers again",
  { skip, timeout: 180_000 },
  async () => {
    if (built !== null) throw new Error(`in CI: ${built}`);
    const discord = await double();
    const bot = startShardedBot({
      ...env(discord, `sqlite://${path.join(dir, "store.sqlite")}`),
      LOG_LEVEL: "info",
    });
    try {
      await discord.waitForReady(120_000);
      // Killed before the manager heard every shard is ready, it would count as a failed start (and stop all).
      await until(() => bot.lines.some((l) => l.msg === "every shard is ready"), bot);
      const guild = GUILDS[1];
      assert.ok(guild);
      const victim = shardOfGuild(guild.id, 2);
      const [first] = started(bot.lines, victim);
      assert.ok(first && alive(first.pid), "the shard's process is running");
      process.kill(Number(first.pid), "SIGKILL");
      const readies = (): number =>
        bot.lines.filter((l) => l.msg === "shard ready" && l.shard === victim).length;
      await until(() => started(bot.lines, victim).length >= 2 && readies() >= 2, bot);
      await discord.waitForReady(120_000);
      const deal = discord.chatInput(
        command("deal", { topic: "tiktok" }, { guildId: guild.id, channelId: guild.channel }),
      );
      await deal.waitForOriginal((m) => Array.isArray(m.embeds), 60_000);
      assert.equal(deal.shard, victim);
      assert.equal(await bot.stop(), 0, bot.other.join("\n"));
    } finally {
      await bot.stop();
      await discord.close();
    }
  },
);
