// `docket source add` with hostile titles (issue 9 items 1 and 11): a file, an article page and a feed
// whose titles are ~100 KB are added with the title cut and a note; the CLI never echoes 100 KB.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";
import { MAX_TITLE_CHARS } from "../../src/core/ingest/limits.js";
import { startHostileServer, type HostileServer } from "../doubles/hostileServer.js";
import { docket, removeTempDirs, tempDir, writeFiles } from "./kit.js";

const LONG = `Z${"a".repeat(100_000)}`;
let server: HostileServer;
let dir: string;

before(async () => {
  dir = tempDir("source-add");
  server = await startHostileServer({
    "/article": (_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(
        `<html><head><title>${LONG}</title></head><body><article><p>The regulator opened a review of the Globex offer for Initech on Monday, officials said in a statement that gave no date for a decision.</p><p>Initech said it would cooperate with the review and expected the deal to close.</p></article></body></html>`,
      );
    },
    "/feed.xml": (_req, res) => {
      res.writeHead(200, { "content-type": "application/rss+xml" });
      res.end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>${LONG}</title><link>${server.origin}/</link><item><title>${LONG}</title><link>${server.origin}/news/1</link><guid>1</guid><description>Globex said the offer stands.</description></item></channel></rss>`,
      );
    },
  });
});
after(async () => {
  await server.close();
  removeTempDirs();
});

const env = (): Record<string, string> => ({
  DOCKET_STORE_URL: `sqlite://${dir}/store.sqlite`,
  DOCKET_ALLOW_PRIVATE_HOSTS: "127.0.0.1",
});

function assertShortEcho(run: { code: number | null; stdout: string; stderr: string }): void {
  assert.equal(run.code, 0, run.stderr.slice(0, 2000));
  assert.ok(run.stdout.length < MAX_TITLE_CHARS + 200, `echoed ${run.stdout.length} characters`);
  assert.ok(run.stderr.length < 2000, `stderr has ${run.stderr.length} characters`);
  assert.match(run.stderr, /title is \d+ characters, cut to the 300-character limit/);
}

test("a file with a ~100 KB title: added, the title cut, a note", async () => {
  const file = path.join(
    writeFiles(tempDir("file"), {
      "long.md": `---\ntitle: ${LONG}\n---\n\nGlobex said the filing is due.\n`,
    }),
    "long.md",
  );
  const run = await docket(["source", "add", file], env());
  assertShortEcho(run);
  assert.match(run.stderr, /long\.md: title is/);
});

test("an article page with a ~100 KB <title>: added, the title cut, a note", async () => {
  const run = await docket(["source", "add", `${server.origin}/article`], env());
  assertShortEcho(run);
  assert.match(run.stdout, /^Added article/);
});

test("a feed with a ~100 KB channel title and headline: added, cut, a note", async () => {
  const run = await docket(["source", "add", `${server.origin}/feed.xml`, "--import", "1"], env());
  assertShortEcho(run);
  assert.match(run.stdout, /^Added feed/);
  const list = await docket(["source", "list"], env());
  for (const line of list.stdout.split("\n"))
    assert.ok(line.length < MAX_TITLE_CHARS + 300, `source list printed a line of ${line.length} characters`);
});
