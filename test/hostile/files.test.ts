// Hostile files in a folder (issue 9 items 6 and 10, file level): an unreadable file, binary junk under a
// text name, invalid UTF-8, bad front matter fields, javascript: URLs, impossible dates, YAML warnings and
// symbolic links. Each is named in a note with its reason; the rest of the folder is indexed.
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { DocumentIndex } from "../../src/core/index/docIndex.js";
import { loadFolder } from "../../src/core/ingest/loadFolder.js";
import { CLI_BOUND_MS, docket, GOOD_DOC, removeTempDirs, tempDir, withinBound, writeFiles } from "./kit.js";

after(removeTempDirs);

test("CLI: one unreadable file (EACCES) is named and the rest of the folder is indexed", async (t) => {
  const dir = writeFiles(tempDir("eacces"), {
    "good.txt": GOOD_DOC,
    "locked.txt": "Secret\n\nNot for you.\n",
  });
  chmodSync(path.join(dir, "locked.txt"), 0o000);
  const run = await docket(
    ["deal", "initech", "--seeds", dir, "--verbose"],
    { DOCKET_STORE_URL: `sqlite://${dir}/store.sqlite` },
    { unprivileged: true },
  );
  t.diagnostic(`docket deal with an unreadable file: ${run.ms} ms (killed past ${CLI_BOUND_MS} ms)`);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Globex/);
  assert.match(run.stderr, /locked\.txt: cannot be read \(EACCES/);
});

test("binary junk named .txt is not indexed; the note names it", async () => {
  const junk = Buffer.alloc(4096);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) % 256;
  const dir = writeFiles(tempDir("binary"), { "junk.txt": junk, "good.txt": GOOD_DOC });
  const { documents, notes } = await loadFolder(dir);
  assert.deepEqual(
    documents.map((d) => d.location),
    ["good.txt"],
  );
  assert.ok(notes.includes("junk.txt: binary content, not text; skipped"), notes.join("\n"));
});

test("invalid UTF-8 is named in a note, and no quote carries U+FFFD", async () => {
  const text = Buffer.concat([
    Buffer.from("Initech board backs the offer\n\n“We will back the offer from Globex ", "utf8"),
    Buffer.from([0xff, 0xfe, 0xc3]),
    Buffer.from(" with every vote we have,” said John Roe, the chair of Initech.\n\n", "utf8"),
    Buffer.from(
      "“The price is fair for every shareholder of the company,” said Mary Major, a director.\n",
      "utf8",
    ),
  ]);
  const dir = writeFiles(tempDir("utf8"), { "broken.txt": text, "good.txt": GOOD_DOC });
  const { documents, notes } = await loadFolder(dir);
  assert.equal(documents.length, 2);
  assert.ok(
    notes.some((n) => n.startsWith("broken.txt: not valid UTF-8")),
    notes.join("\n"),
  );
  const index = new DocumentIndex();
  const broken = documents.find((d) => d.location === "broken.txt");
  assert.ok(broken);
  const analyzed = index.add(broken);
  assert.ok(analyzed.quotes.length >= 1, "the clean quote is still found");
  for (const quote of analyzed.quotes) assert.ok(!quote.text.includes("\uFFFD"), quote.text);
});

test("front matter: a bad field is named and dropped, the other fields are kept", async () => {
  const dir = writeFiles(tempDir("front"), {
    "list-title.md":
      "---\ntitle: [one, two]\nurl: https://news.example/a\npublished: 2024-03-02\noutlet: Example News\n---\n\nGlobex agreed to buy Initech on Monday.\n",
    "js-url.md":
      "---\ntitle: Initech vote set\nurl: javascript:alert(1)\npublished: 2024-03-03\n---\n\nThe Initech vote is set for Friday.\n",
    "bad-date.md":
      "---\ntitle: Globex files papers\nurl: https://news.example/b\npublished: 2020-13-45\n---\n\nGlobex filed the papers on Tuesday.\n",
    "data-url.md": "---\ntitle: Data link\nurl: data:text/html,hi\n---\n\nA short body about the deal.\n",
    "good.txt": GOOD_DOC,
  });
  const { documents, notes } = await loadFolder(dir);
  const by = new Map(documents.map((d) => [d.location, d]));
  assert.equal(by.size, 5);
  const list = by.get("list-title.md");
  assert.equal(list?.url, "https://news.example/a");
  assert.equal(list?.published, "2024-03-02");
  assert.equal(list?.outlet, "Example News");
  assert.equal(list?.title, "Globex agreed to buy Initech on Monday.");
  assert.ok(
    notes.some((n) => n.startsWith('list-title.md: front matter field "title" is a list')),
    notes.join("\n"),
  );
  assert.equal(by.get("js-url.md")?.url, null);
  assert.equal(by.get("js-url.md")?.published, "2024-03-03");
  assert.ok(notes.some((n) => n.startsWith('js-url.md: front matter field "url" is not an http(s) address')));
  assert.equal(by.get("data-url.md")?.url, null);
  assert.ok(notes.some((n) => n.startsWith('data-url.md: front matter field "url"')));
  assert.equal(by.get("bad-date.md")?.published, null);
  assert.equal(by.get("bad-date.md")?.url, "https://news.example/b");
  assert.ok(
    notes.some((n) => n.startsWith('bad-date.md: front matter field "published" is not a real date')),
  );
});

test("CLI: a YAML warning becomes a note naming the file, never a YAMLWarning on stderr", async () => {
  const dir = writeFiles(tempDir("yamlwarn"), {
    "tagged.md":
      "---\ntitle: !!custom Initech news\nsource: !odd value\n---\n\nInitech said the vote is on Friday.\n",
    "good.txt": GOOD_DOC,
  });
  const run = await docket(["topics", "--seeds", dir, "--verbose"], {
    DOCKET_STORE_URL: `sqlite://${dir}/store.sqlite`,
  });
  assert.equal(run.code, 0, run.stderr);
  assert.doesNotMatch(run.stderr, /YAMLWarning|Warning:/);
  assert.match(run.stderr, /tagged\.md: front matter: /);
  assert.match(run.stdout, /Initech/);
});

test("symbolic links: followed inside the folder, refused outside it, loops and broken links named", async (t) => {
  const outside = writeFiles(tempDir("outside"), { "secret.txt": "Outside text\n\nNever read from here.\n" });
  const dir = writeFiles(tempDir("links"), { "real/good.txt": GOOD_DOC });
  symlinkSync(path.join(dir, "real", "good.txt"), path.join(dir, "alias.txt"));
  symlinkSync(path.join(outside, "secret.txt"), path.join(dir, "escape.txt"));
  symlinkSync(outside, path.join(dir, "escape-dir"));
  symlinkSync(dir, path.join(dir, "real", "loop"));
  symlinkSync(path.join(dir, "missing.txt"), path.join(dir, "broken.txt"));
  mkdirSync(path.join(dir, "sub"));
  writeFileSync(
    path.join(dir, "sub", "other.md"),
    "Initech reply\n\nInitech replied to the offer on Tuesday.\n",
  );
  const { documents, notes } = await withinBound(t, "loadFolder with a link loop", 10_000, () =>
    loadFolder(dir),
  );
  assert.deepEqual(documents.map((d) => d.location).sort(), ["alias.txt", "real/good.txt", "sub/other.md"]);
  const note = (prefix: string): boolean => notes.some((n) => n.startsWith(prefix));
  assert.ok(note("escape.txt: symbolic link leads outside the folder"), notes.join("\n"));
  assert.ok(note("escape-dir: symbolic link leads outside the folder"), notes.join("\n"));
  assert.ok(note("real/loop: symbolic link to a folder already read"), notes.join("\n"));
  assert.ok(note("broken.txt: broken symbolic link"), notes.join("\n"));
});
