// The bot on a PostgreSQL store (needs the server at 127.0.0.1:5432, database test): two bot instances on one
// store, each behind a Discord double of its own, serve one document index in that database and no index
// file. /deal, autocomplete, unknown-topic suggestions and /topics are answered from it; a document another
// process writes to it, and feeds one instance imports, are seen by a /deal the other instance handles; two
// instances importing at once lose nothing.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { DATA_DIR } from "../../src/app/paths.js";
import type { RunningBot } from "../../src/discord/runtime/startBot.js";
import { SourceStore } from "../../src/sources/sourceStore.js";
import { pgIndexSchema, seedsIndexPath } from "../../src/store/index/openIndex.js";
import { PgIndex } from "../../src/store/index/pgIndex.js";
import { openStore } from "../../src/store/openStore.js";
import { DiscordDouble } from "../doubles/discord/discordDouble.js";
import type { InteractionHandle } from "../doubles/discord/types.js";
import { FeedServer, zephyrixItems } from "../doubles/feedServer.js";
import { command } from "../support/factories.js";
import { freshStore, type FreshStore } from "../support/freshStores.js";
import { dealDocs } from "../support/madeUpNames.js";
import { CI, POSTGRES_URL, reachable } from "../support/services.js";
import { SEEDS } from "../support/shared.js";
import { startTestBot } from "../support/testBot.js";

const GUILD = "100000000000000001";
const CHANNEL = "200000000000000001";
const STRING = 3;
const SUBCOMMAND = 1;
const IMPORTED = 4;
const where = { guildId: GUILD, channelId: CHANNEL };

const unreachable = await reachable(POSTGRES_URL);
const skip =
  unreachable !== null && !CI ? `PostgreSQL not reachable (${unreachable}); skipped outside CI` : false;

const work = mkdtempSync(path.join(tmpdir(), "docket-bot-pg-"));
let store: FreshStore | undefined;
const doubles: DiscordDouble[] = [];
const bots: RunningBot[] = [];
const feeds: FeedServer[] = [];

/** Discord double and bot `i` (0 or 1), both on the test's PostgreSQL store. */
const discord = (i: number): DiscordDouble => doubles[i] ?? assert.fail(`no double ${i}`);

before(async () => {
  if (skip !== false) return;
  if (unreachable !== null) throw new Error(`in CI: PostgreSQL not reachable (${unreachable})`);
  store = await freshStore("postgres", work);
  for (let i = 0; i < 2; i++) {
    const double = await DiscordDouble.start({
      guilds: [{ id: GUILD, name: "Policy nerds", channels: [{ id: CHANNEL, name: "general" }] }],
    });
    doubles.push(double);
    bots.push(
      await startTestBot(double, {
        storeUrl: store.url,
        env: { DOCKET_ALLOW_PRIVATE_HOSTS: "127.0.0.1" },
        overrides: { pollEveryMs: 0, digestTickMs: 0 },
      }),
    );
  }
  for (let i = 0; i < 2; i++) feeds.push(await FeedServer.start());
});

after(async () => {
  for (const bot of bots) await bot.stop();
  for (const double of doubles) await double.close();
  for (const feed of feeds) await feed.close();
  await store?.dispose();
  // None should exist; if a broken build made one, it does not outlive the run.
  const file = store ? seedsIndexPath(store.url, [SEEDS], DATA_DIR) : null;
  for (const suffix of ["", "-wal", "-shm"]) if (file) rmSync(file + suffix, { force: true });
  rmSync(work, { recursive: true, force: true });
});

function textOf(message: unknown): string {
  return JSON.stringify(message).replace(/\\\\/g, "\\");
}

const hasEmbeds = (m: Record<string, unknown>): boolean => Array.isArray(m.embeds) && m.embeds.length > 0;

function deal(on: number, topic: string): InteractionHandle {
  return discord(on).chatInput(command("deal", { topic }, where));
}

/** The brief /deal shows on instance `on`, as text. */
async function brief(on: number, topic: string): Promise<string> {
  return textOf(await deal(on, topic).waitForOriginal(hasEmbeds, 30_000));
}

/** The private "no documents mention it" reply /deal gives for an unknown topic, as text. */
async function unknown(on: number, topic: string): Promise<string> {
  const handle = deal(on, topic);
  const callback = await handle.callback();
  const message = callback.type === 4 ? callback.data : handle.followups()[0];
  assert.ok(message, "a reply");
  assert.equal(Number((message as { flags?: number }).flags) & 64, 64, "ephemeral");
  return textOf(message);
}

async function completions(on: number, typed: string): Promise<string[]> {
  const handle = discord(on).autocomplete({
    name: "deal",
    options: [{ name: "topic", type: STRING, value: typed, focused: true }],
    guildId: GUILD,
  });
  const callback = await handle.callback();
  assert.equal(callback.type, 8);
  return (callback.data as { choices: Array<{ name: string }> }).choices.map((c) => c.name);
}

/** `/source add url:` then "Add and import the N latest" on instance `on`. */
async function addFeed(on: number, url: string): Promise<void> {
  const add = discord(on).chatInput({
    name: "source",
    options: [{ name: "add", type: SUBCOMMAND, options: [{ name: "url", type: STRING, value: url }] }],
    ...where,
  });
  const preview = await add.waitForOriginal(
    (m) => Array.isArray(m.components) && m.components.length > 0,
    30_000,
  );
  const rows = preview.components as Array<{ components: Array<{ custom_id: string; label: string }> }>;
  const button = rows.flatMap((r) => r.components).find((b) => /import the \d+ latest/.test(b.label));
  assert.ok(button, textOf(rows));
  const press = discord(on).button({ customId: button.custom_id, messageId: preview.id, ...where });
  const done = await press.waitForOriginal((m) => /Added the feed/.test(textOf(m)), 30_000);
  assert.match(textOf(done), new RegExp(`${IMPORTED} item\\(s\\) imported`));
}

async function sharedIndex(): Promise<PgIndex> {
  assert.ok(store);
  return PgIndex.open(store.url, { schema: pgIndexSchema(store.url, [SEEDS]) });
}

test(
  "both instances serve /deal, autocomplete, suggestions and /topics from the PostgreSQL index, no index file",
  { skip },
  async () => {
    assert.ok(store);
    assert.equal(existsSync(seedsIndexPath(store.url, [SEEDS], DATA_DIR)), false, "no SQLite index file");
    const index = await sharedIndex();
    try {
      assert.ok((await index.size()) > 0, "the seeds are in the shared index");
    } finally {
      await index.close();
    }
    for (const on of [0, 1]) {
      const text = await brief(on, "tiktok");
      assert.match(text, /Microsoft fully appreciates the importance of addressing the President’s concerns/);
      assert.match(text, /Sources?\b/i);
      assert.ok((await completions(on, "tik")).includes("TikTok"), `autocomplete on instance ${on}`);
      assert.match(await unknown(on, "microsoftcorpx"), /Microsoft/, "the closest topics are suggested");
      const topics = discord(on).chatInput({ name: "topics", ...where });
      const listed = textOf(await topics.waitForOriginal(hasEmbeds, 30_000));
      assert.match(listed, /\*\*[^*]*TikTok[^*]*\*\* — /u, "a story labelled with TikTok");
    }
  },
);

test(
  "a document another process writes to the shared index is in the next /deal, autocomplete and /topics",
  { skip },
  async () => {
    assert.match(await unknown(0, "Orvane Systems"), /Orvane|No documents|not/i);
    const index = await sharedIndex();
    try {
      // Two made-up stories naming the same companies: one process (this test) writes, the bots read.
      for (const doc of dealDocs("elsewhere", 2, 1).concat(dealDocs("elsewhere", 8, 1))) await index.add(doc);
    } finally {
      await index.close();
    }
    for (const on of [0, 1]) {
      const text = await brief(on, "Orvane Systems");
      assert.match(text, /Orvane Systems agrees to buy/);
      assert.ok(
        (await completions(on, "orvane")).includes("Orvane Systems"),
        `autocomplete on instance ${on}`,
      );
      const topics = discord(on).chatInput({ name: "topics", ...where });
      assert.match(textOf(await topics.waitForOriginal(hasEmbeds, 30_000)), /Orvane Systems/);
    }
  },
);

test(
  "feeds two instances import at once are all indexed once, and a /deal on the other instance sees them",
  { skip },
  async () => {
    assert.match(await unknown(0, "Zephyrix"), /Zephyrix|No documents|not/i);
    feeds.forEach((feed, i) => {
      feed.items = zephyrixItems(feed.port, IMPORTED, 10 * i);
    });
    // Each instance imports one feed about the same made-up deal, at the same time, into one store and index.
    await Promise.all(feeds.map((feed, i) => addFeed(i, feed.url)));
    for (const on of [0, 1]) {
      const text = await brief(on, "Zephyrix");
      assert.match(text, /Zephyrix/);
      assert.ok((await completions(on, "zeph")).includes("Zephyrix"), `autocomplete on instance ${on}`);
      assert.match(await unknown(on, "Zephyrixq Holdings"), /Zephyrix/, "the new name is suggested");
    }
    // Each instance's brief cites what either instance imported.
    for (const on of [0, 1]) {
      const cited = await brief(on, "Quillon");
      assert.match(cited, new RegExp(`${IMPORTED * feeds.length} sources`));
      for (const feed of feeds)
        assert.ok(cited.includes(`127.0.0.1:${feed.port}/news/`), `cites ${feed.url}`);
    }
    assert.ok(store);
    const check = await openStore(store.url);
    const ids = await new SourceStore(check).documents.ids().finally(() => check.close());
    assert.equal(ids.length, IMPORTED * feeds.length, "every imported item is stored");
    const index = await sharedIndex();
    try {
      const held = await index.heldIds();
      assert.deepEqual(
        ids.filter((id) => !held.has(id)),
        [],
        "the shared index holds every stored document",
      );
    } finally {
      await index.close();
    }
  },
);
