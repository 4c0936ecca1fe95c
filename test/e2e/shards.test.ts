// Issue 12, acceptance 6: the bot run as two shards (`DOCKET_SHARDS=2`: a manager and two shard processes)
// against the Discord double, on PostgreSQL and on Redis. Each guild's interactions reach only the shard that
// owns it and are answered by that shard (its User-Agent names it); each guild's due digest is posted once,
// by its shard; a feed both processes see due is fetched once in total; and two shards importing feeds at the
// same time lose no document (counted in the store and the shared index after both stopped: on PostgreSQL
// the one index in that database, with no index file beside it).
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, test } from "node:test";
import { DATA_DIR } from "../../src/app/paths.js";
import { SourceStore } from "../../src/sources/sourceStore.js";
import { isPostgresUrl, pgIndexSchema, seedsIndexPath } from "../../src/store/index/openIndex.js";
import { PgIndex } from "../../src/store/index/pgIndex.js";
import { SqliteIndex } from "../../src/store/index/sqliteIndex.js";
import { openStore } from "../../src/store/openStore.js";
import { DiscordDouble } from "../doubles/discord/discordDouble.js";
import { shardOfGuild } from "../doubles/discord/sharding.js";
import type { InteractionHandle } from "../doubles/discord/types.js";
import { FeedServer, zephyrixItems } from "../doubles/feedServer.js";
import { command } from "../support/factories.js";
import { freshStore, type FreshStore } from "../support/freshStores.js";
import { CI, POSTGRES_URL, REDIS_URL, reachable } from "../support/services.js";
import { SEEDS } from "../support/shared.js";
import {
  builtBotProblem,
  prepareStore,
  startShardedBot,
  type LogLine,
  type ShardedBot,
} from "../support/shardedBot.js";

const SHARDS = 2;
const STRING = 3;
const SUBCOMMAND = 1;
const IMPORTED = 4;
// Four guilds whose ids put them on shards 0, 1, 0, 1 (guild_id >> 22 modulo 2, as Discord routes them).
const BASE = 100_000_000_000_000_000n >> 22n;
const GUILDS: Array<{ id: string; channel: string }> = [0, 1, 2, 3].map((i) => ({
  id: String((BASE + BigInt(i)) << 22n),
  channel: `20000000000000000${i}`,
}));
function guildAt(i: number): { id: string; channel: string } {
  const guild = GUILDS[i];
  assert.ok(guild);
  return guild;
}
const work = mkdtempSync(path.join(tmpdir(), "docket-shards-"));

after(() => {
  rmSync(work, { recursive: true, force: true });
});

const text = (value: unknown): string => JSON.stringify(value);

async function until(probe: () => boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** `/source add url:` then "Add and import the N latest", in one guild: the shard serving it imports. */
async function addFeed(discord: DiscordDouble, guild: (typeof GUILDS)[number], url: string): Promise<void> {
  const where = { guildId: guild.id, channelId: guild.channel };
  const add = discord.chatInput({
    name: "source",
    options: [{ name: "add", type: SUBCOMMAND, options: [{ name: "url", type: STRING, value: url }] }],
    ...where,
  });
  const preview = await add.waitForOriginal(
    (m) => Array.isArray(m.components) && m.components.length > 0,
    60_000,
  );
  const rows = preview.components as Array<{ components: Array<{ custom_id: string; label: string }> }>;
  const button = rows.flatMap((r) => r.components).find((b) => /import the \d+ latest/.test(b.label));
  assert.ok(button, text(rows));
  const press = discord.button({ customId: button.custom_id, messageId: preview.id, ...where });
  const done = await press.waitForOriginal((m) => /Added the feed/.test(text(m)), 60_000);
  assert.match(text(done), new RegExp(`${IMPORTED} item\\(s\\) imported`));
}

/** The callback of an interaction, as the double recorded it (with the answering process's User-Agent). */
const callbackOf = (discord: DiscordDouble, handle: InteractionHandle) =>
  discord.requests.find((r) => r.path === `/interactions/${handle.id}/${handle.token}/callback`);

const shardTag = (shard: number): string => `docket-shard/${shard}-of-${SHARDS}`;

function assertInteractionsRouted(discord: DiscordDouble, deals: InteractionHandle[], lines: LogLine[]) {
  for (const [i, deal] of deals.entries()) {
    const owner = shardOfGuild(guildAt(i).id, SHARDS);
    assert.equal(deal.shard, owner, "the double sent it on the owning shard's connection");
    assert.ok(callbackOf(discord, deal)?.userAgent.endsWith(shardTag(owner)), "answered by that shard");
    const received = lines.filter((l) => l.msg === "interaction received" && l.interaction === deal.id);
    assert.deepEqual(
      received.map((l) => l.shard),
      [owner],
      "received by one process, the owning shard",
    );
  }
}

interface World {
  store: FreshStore;
  polled: FeedServer;
  feeds: FeedServer[];
  discord: DiscordDouble;
}

async function world(backend: string): Promise<World> {
  const store = await freshStore(backend, work);
  const polled = await FeedServer.start();
  const feeds = [await FeedServer.start(), await FeedServer.start()];
  const discord = await DiscordDouble.start({
    guilds: GUILDS.map((g, i) => ({
      id: g.id,
      name: `Guild ${i}`,
      channels: [{ id: g.channel, name: "news" }],
    })),
    // Both shards may identify at once, so they start together and meet the due feed together.
    sharding: { maxConcurrency: 16 },
  });
  polled.items = zephyrixItems(polled.port, 2, 20);
  feeds.forEach((feed, i) => {
    feed.items = zephyrixItems(feed.port, IMPORTED, 10 * i);
  });
  const pollGuild = guildAt(2);
  await prepareStore(store.url, { url: polled.url, guild: pollGuild.id, channel: pollGuild.channel }, GUILDS);
  // Two items appear after the feed was added: the poll that is due imports them.
  polled.items = [...zephyrixItems(polled.port, 2, 22), ...polled.items];
  polled.etag = '"v2"';
  return { store, polled, feeds, discord };
}

async function dispose(w: World): Promise<void> {
  await w.discord.close();
  await Promise.all([w.polled.close(), ...w.feeds.map((f) => f.close())]);
  await w.store.dispose();
  const file = seedsIndexPath(w.store.url, [SEEDS], DATA_DIR);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
}

/** Starts the sharded bot and waits until every shard is READY (or the manager exits, with its words). */
async function start(w: World): Promise<ShardedBot> {
  const bot = startShardedBot({
    DISCORD_TOKEN: w.discord.token,
    DISCORD_APPLICATION_ID: w.discord.applicationId,
    DISCORD_API_URL: w.discord.apiUrl,
    DOCKET_SEEDS: SEEDS,
    DOCKET_STORE_URL: w.store.url,
    DOCKET_SHARDS: String(SHARDS),
    DOCKET_ALLOW_PRIVATE_HOSTS: "127.0.0.1",
    LOG_LEVEL: "debug",
  });
  const exited = new Promise<never>((_, reject) => {
    bot.process.once("exit", () => {
      reject(new Error(`the bot exited: ${bot.other.join("\n")}`));
    });
  });
  exited.catch(() => undefined);
  await Promise.race([w.discord.waitForReady(120_000), exited]);
  return bot;
}

/** What the index the shards shared holds: in the database for PostgreSQL, else the file beside the store. */
async function heldIds(url: string): Promise<Set<string>> {
  if (isPostgresUrl(url)) {
    assert.equal(
      existsSync(seedsIndexPath(url, [SEEDS], DATA_DIR)),
      false,
      "no index file: one in the database",
    );
    const index = await PgIndex.open(url, { schema: pgIndexSchema(url, [SEEDS]) });
    return index.heldIds().finally(() => index.close());
  }
  const index = new SqliteIndex(seedsIndexPath(url, [SEEDS], DATA_DIR));
  const held = index.heldIds();
  index.close();
  return held;
}

/** Counts, after both shards stopped, what the store and the shared index hold. */
async function assertNothingLost(w: World, expected: number): Promise<void> {
  const check = await openStore(w.store.url);
  const ids = await new SourceStore(check).documents.ids().finally(() => check.close());
  assert.equal(ids.length, expected, "every document both shards and the poll imported is stored");
  assert.equal(new Set(ids).size, ids.length, "none twice");
  const held = await heldIds(w.store.url);
  assert.deepEqual(
    ids.filter((id) => !held.has(id)),
    [],
    "the shared index holds every stored document",
  );
}

async function run(backend: string): Promise<string> {
  const w = await world(backend);
  const { discord, polled, feeds } = w;
  let bot: ShardedBot | undefined;
  const phases: string[] = [];
  let mark = performance.now();
  const phase = (name: string): void => {
    phases.push(`${name} ${Math.round(performance.now() - mark)} ms`);
    mark = performance.now();
  };
  try {
    const fetchesBefore = polled.requests.length;
    bot = await start(w);
    phase("ready");
    const deals = GUILDS.map((g) =>
      discord.chatInput(command("deal", { topic: "tiktok" }, { guildId: g.id, channelId: g.channel })),
    );
    await Promise.all(deals.map((d) => d.waitForOriginal((m) => Array.isArray(m.embeds), 60_000)));
    phase("deals");
    // Two shards import a feed each at the same time, into one store and one index.
    await Promise.all(feeds.map((feed, i) => addFeed(discord, guildAt(i), feed.url)));
    phase("imports");
    await until(
      () => GUILDS.every((g) => (discord.channelMessages.get(g.channel) ?? []).length > 0),
      "digests",
    );
    await until(() => polled.requests.length > fetchesBefore, "the due feed's poll");
    const code = await bot.stop();
    phase("stop");
    assert.equal(code, 0, bot.other.join("\n"));

    assertInteractionsRouted(discord, deals, bot.lines);
    for (const guild of GUILDS) {
      const posts = discord.requests.filter(
        (r) => r.method === "POST" && r.path === `/channels/${guild.channel}/messages` && r.status === 200,
      );
      assert.equal(posts.length, 1, `one digest in guild ${guild.id}`);
      assert.ok(posts[0]?.userAgent.endsWith(shardTag(shardOfGuild(guild.id, SHARDS))), "by its shard");
    }
    assert.equal(polled.requests.length - fetchesBefore, 1, "the due feed was fetched once in total");
    for (const shard of [0, 1])
      assert.ok(
        bot.lines.some((l) => l.msg === "bot ready" && l.shard === shard),
        `shard ${shard} served`,
      );
    await assertNothingLost(w, IMPORTED * feeds.length + 2);
    return `${backend}: ${phases.join(", ")}`;
  } finally {
    await bot?.stop();
    await dispose(w);
  }
}

const servers = { postgres: await reachable(POSTGRES_URL), redis: await reachable(REDIS_URL) };
const built = builtBotProblem();

for (const [backend, unreachable] of Object.entries(servers)) {
  const problem = built ?? (unreachable === null ? null : `${backend} not reachable (${unreachable})`);
  const skip = problem !== null && !CI ? `${problem}; skipped outside CI` : false;
  test(
    `two shard processes on ${backend}: each guild served by its shard, digests once, a due feed fetched once, no document lost`,
    { skip },
    async (t) => {
      if (problem !== null) throw new Error(`in CI: ${problem}`);
      t.diagnostic(await run(backend));
    },
  );
}
