// The CLI's source commands as a user runs them: private addresses refused by default (the server sees
// nothing), a file added and found by `docket deal`, a folder ingested with progress, and a document another
// process stores between two calls found by the next one.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { SourceStore } from "../../src/sources/sourceStore.js";
import { openStore } from "../../src/store/openStore.js";
import { FeedServer, zephyrixItems } from "../doubles/feedServer.js";
import { runDocket } from "../support/runCli.js";

const dir = mkdtempSync(path.join(tmpdir(), "docket-cli-src-"));
let feed: FeedServer;

before(async () => {
  feed = await FeedServer.start();
  feed.items = zephyrixItems(feed.port, 3);
});
after(async () => {
  await feed.close();
  rmSync(dir, { recursive: true, force: true });
});

const docket = (env: Record<string, string>, ...args: string[]) =>
  runDocket(args, { DOCKET_STORE_URL: `sqlite://${dir}/store.sqlite`, ...env });

test("with default settings a loopback feed URL is refused and its server sees no request", async () => {
  for (const host of ["127.0.0.1", "localhost", "2130706433", "0x7f.1", "[::ffff:127.0.0.1]"]) {
    const result = await docket({}, "source", "add", `http://${host}:${feed.port}/feed.xml`);
    assert.equal(result.code, 1, `${host}: ${result.stdout}${result.stderr}`);
    assert.match(result.stderr, /private|local|not fetch/i, host);
  }
  assert.equal(feed.requests.length, 0);
});

test("with the documented allow-list the feed is added and `docket deal` cites its items", async () => {
  const added = await docket(
    { DOCKET_ALLOW_PRIVATE_HOSTS: "127.0.0.1" },
    "source",
    "add",
    feed.url,
    "--import",
    "2",
  );
  assert.equal(added.code, 0, added.stderr);
  assert.match(added.stdout, /imported the 2 latest/);
  const brief = await docket({}, "deal", "zephyrix");
  assert.equal(brief.code, 0, brief.stderr);
  assert.match(brief.stdout, new RegExp(`127\\.0\\.0\\.1:${feed.port}/news/2`));
  const list = await docket({}, "source", "list");
  assert.match(list.stdout, /feed +active +2 items/);
});

test("a file is added; an unsupported one is refused with a clear message", async () => {
  const file = path.join(dir, "note.md");
  writeFileSync(
    file,
    "Globex to buy Initech\n\nGlobex agreed to buy Initech for $2 billion on Monday, Globex said.\n",
  );
  const added = await docket({}, "source", "add", file);
  assert.equal(added.code, 0, added.stderr);
  const pdf = path.join(dir, "x.pdf");
  writeFileSync(pdf, "%PDF-1.4");
  const refused = await docket({}, "source", "add", pdf);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /\.txt, \.md and \.html/);
});

test("a document another process stores between two CLI calls is in the next brief", async () => {
  const first = await docket({}, "deal", "zennick foods");
  assert.equal(first.code, 1, first.stdout);
  // As the bot stores a document it imported: the record and its id, through the store's own API.
  const store = await openStore(`sqlite://${dir}/store.sqlite`);
  try {
    await new SourceStore(store).documents.put("bot-import-1", {
      id: "bot-import-1",
      title: "Zennick Foods buys Prallow",
      url: "https://news.example/zennick-prallow",
      published: "2026-11-30",
      outlet: null,
      location: "https://news.example/zennick-prallow",
      owner: "global",
      raw: "Zennick Foods buys Prallow\n\nZennick Foods said on Monday it agreed to buy Prallow for $3 billion.\n",
      sourceId: "bot-source",
    });
  } finally {
    await store.close();
  }
  const next = await docket({}, "deal", "zennick foods");
  assert.equal(next.code, 0, next.stderr);
  assert.match(next.stdout, /news\.example\/zennick-prallow/);
});
