// Loading folders: front matter, titles, HTML extraction, README and unsupported files, size limit,
// the cleaning of page furniture, and the kind and modification time of each file.
import assert from "node:assert/strict";
import { mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { cleanBody } from "../../../src/core/analyze/clean.js";
import { fileKind, loadFolder, MAX_FILE_BYTES } from "../../../src/core/ingest/loadFolder.js";
import { CORPUS, NO_CORPUS } from "../../support/shared.js";
import { analyzeDocument } from "../../../src/core/analyze/analyzeDocument.js";

const made: string[] = [];
after(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "docket-"));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}

test("loads .txt, .md with front matter and .html; skips README and other types with a note", async () => {
  const dir = await folder({
    "README.md": "# About this folder\n",
    "a.md":
      '---\ntitle: "Globex to buy Initech"\nurl: https://example.com/a\npublished: 2024-03-02\noutlet: example.com\n---\n\nGlobex agreed to buy Initech on Monday.\n',
    "b.txt": "Initech board backs offer\n\nThe board backed the offer.\n",
    "c.html":
      "<html><head><title>Initech deal cleared</title><meta property='article:published_time' content='2024-04-01T10:00:00Z'></head><body><nav>Home | News</nav><article><h1>Initech deal cleared</h1><p>The regulator cleared the Initech deal on Friday after a long review of the market.</p><p>“We are pleased with the decision of the regulator today,” Globex said in a statement to reporters.</p></article><footer>Share this story</footer></body></html>",
    "d.pdf": "%PDF-1.4",
    "e.md": "---\ntitle: [unclosed\n---\n\nBody text of a document with broken front matter.\n",
  });
  const { documents, notes } = await loadFolder(dir);
  const by = new Map(documents.map((d) => [d.location, d]));
  assert.deepEqual([...by.keys()].sort(), ["a.md", "b.txt", "c.html", "e.md"]);
  assert.equal(by.get("a.md")?.title, "Globex to buy Initech");
  assert.equal(by.get("a.md")?.published, "2024-03-02");
  assert.equal(by.get("a.md")?.url, "https://example.com/a");
  assert.equal(by.get("b.txt")?.title, "Initech board backs offer");
  assert.equal(by.get("c.html")?.published, "2024-04-01");
  assert.ok(by.get("c.html")?.raw.includes("The regulator cleared the Initech deal"));
  assert.ok(!by.get("c.html")?.raw.includes("Home | News"));
  assert.ok(notes.some((n) => n.includes("d.pdf")));
  assert.ok(
    notes.some((n) => n.includes("e.md") && /front matter/.test(n)),
    "broken front matter is reported, the text kept",
  );
  assert.ok(!notes.some((n) => n.includes("README")));
  const again = await loadFolder(dir);
  assert.deepEqual(
    again.documents.map((d) => d.id),
    documents.map((d) => d.id),
    "ids are stable",
  );
});

test("a file over the size limit is skipped with a note, the rest still load", async () => {
  const dir = await folder({
    "big.txt": "x".repeat(MAX_FILE_BYTES + 1),
    "ok.txt": "Fine title\n\nA normal sentence here.\n",
  });
  const { documents, notes } = await loadFolder(dir);
  assert.deepEqual(
    documents.map((d) => d.location),
    ["ok.txt"],
  );
  assert.ok(notes.some((n) => n.startsWith("big.txt") && n.includes("2 MB")));
});

test("cleaning drops comment forms, share lines, players, captions, bylines and repeated headlines", () => {
  const title = "Globex to buy Initech";
  const body = [
    title,
    "Add as a preferred source on Google",
    "Written by Jane Roe",
    "Published 9th Dec 2022 10:23",
    "Photo: Someone/Unsplash",
    "Globex agreed to buy Initech for $2 billion on Monday, the company said.",
    "Share this story",
    "Please use a html5 video capable browser to watch videos.",
    "Now Playing: Some Trailer | Gameplay",
    "Click to enlarge",
    "The board of Initech is expected to vote on the offer in May.",
    title,
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "A comment from a reader that is long enough to look like a sentence of text.",
  ].join("\n\n");
  const { paragraphs, datelineDate } = cleanBody(body, title);
  assert.deepEqual(
    paragraphs.map((p) => p.text),
    [
      "Globex agreed to buy Initech for $2 billion on Monday, the company said.",
      "The board of Initech is expected to vote on the offer in May.",
    ],
  );
  assert.equal(datelineDate, "2022-12-09");
  for (const p of paragraphs) assert.equal(body.slice(p.start, p.end), p.text);
});

test("corpus: no page furniture survives cleaning", { skip: NO_CORPUS }, async () => {
  const { documents } = await loadFolder(CORPUS);
  const furniture = [
    "Add as a preferred source",
    "Recommended Videos",
    "Share this story",
    "Photo: Solen",
    "html5 video",
    "Now Playing",
    "Click to enlarge",
    "Posted In:",
  ];
  for (const doc of documents) {
    const text = analyzeDocument(doc)
      .paragraphs.map((p) => p.text)
      .join("\n");
    for (const f of furniture) assert.ok(!text.includes(f), `${doc.location} keeps "${f}"`);
  }
});

test("a file's kind comes from its ending in any case; each loaded document carries its file's modification time", async () => {
  assert.deepEqual(["a.TXT", "b.md", "c.Html", "d.htm", "e.pdf", ".md", "notes"].map(fileKind), [
    "text",
    "text",
    "html",
    "html",
    undefined,
    undefined,
    undefined,
  ]);
  const dir = await folder({
    "a.txt": "Initech board backs offer\n\nThe board backed the offer on Monday.\n",
  });
  const at = new Date(Date.UTC(2024, 2, 2, 12, 0, 0, 0));
  await utimes(path.join(dir, "a.txt"), at, at);
  const { documents, modified } = await loadFolder(dir);
  assert.equal(documents.length, 1);
  assert.deepEqual([...modified], [[documents[0]?.id, at.getTime()]]);
});
