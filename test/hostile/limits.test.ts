// Everything that grows has a limit (issue 9 items 1 and 11): a ~100 KB title in front matter, as a .txt
// first line, as an HTML <title> or as a feed headline is cut with a note and the document kept; long
// outlets, URLs, bodies, paragraph and sentence counts likewise. The index stays within normal memory for
// such a title even when it reaches it uncut (a store written before these limits existed).
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { buildBrief } from "../../src/core/brief/buildBrief.js";
import { DocumentIndex } from "../../src/core/index/docIndex.js";
import { feedItemToDocument } from "../../src/core/ingest/feed/document.js";
import {
  MAX_BODY_CHARS,
  MAX_OUTLET_CHARS,
  MAX_PARAGRAPHS,
  MAX_SENTENCES,
  MAX_TITLE_CHARS,
} from "../../src/core/ingest/limits.js";
import { loadFolder } from "../../src/core/ingest/loadFolder.js";
import { makeDoc } from "../support/shared.js";
import { GOOD_DOC, removeTempDirs, rssMb, tempDir, withinBound, writeFiles } from "./kit.js";

after(removeTempDirs);

/** ~100 KB of one capitalised "name": the shape that made index memory grow with its square. */
const LONG = `Z${"a".repeat(100_000)}`;

test("a ~100 KB title in front matter, a .txt first line and an HTML <title>: cut, noted, kept", async (t) => {
  const dir = writeFiles(tempDir("title"), {
    "front.md": `---\ntitle: ${LONG}\noutlet: ${"Outlet ".repeat(100)}\n---\n\nInitech said the vote is on Friday.\n`,
    "first-line.txt": `${LONG}\n\nGlobex said the filing is due next week.\n`,
    "page.html": `<html><head><title>${LONG}</title></head><body><p>The regulator opened a review of the Globex offer on Monday, officials said.</p></body></html>`,
    "good.txt": GOOD_DOC,
  });
  const { documents, notes } = await withinBound(t, "loadFolder with 100 KB titles", 20_000, () =>
    loadFolder(dir),
  );
  assert.equal(documents.length, 4);
  for (const doc of documents)
    assert.ok(doc.title.length <= MAX_TITLE_CHARS, `${doc.location}: ${doc.title.length}`);
  for (const name of ["front.md", "first-line.txt", "page.html"])
    assert.ok(
      notes.some(
        (n) => n.startsWith(`${name}: title is`) && n.includes(`${MAX_TITLE_CHARS}-character limit`),
      ),
      `${name}: ${notes.join("\n")}`,
    );
  assert.ok((documents.find((d) => d.location === "front.md")?.outlet ?? "").length <= MAX_OUTLET_CHARS);
  assert.ok(notes.some((n) => n.startsWith("front.md: outlet is")));
  assert.ok(
    !(documents.find((d) => d.location === "page.html")?.raw ?? "").includes(LONG),
    "not written into the text",
  );
});

test("a feed headline of ~100 KB is cut with a note naming the item", () => {
  const notes: string[] = [];
  const doc = feedItemToDocument(
    {
      guid: "1",
      link: "https://news.example/item-1",
      title: LONG,
      published: null,
      updated: null,
      text: "Globex said the offer stands.",
      author: null,
    },
    { title: "Feed", url: "https://news.example/feed" },
    "global",
    notes,
  );
  assert.ok(doc.title.length <= MAX_TITLE_CHARS);
  assert.ok(doc.raw.length < 1000);
  assert.ok(
    notes.some((n) => n.startsWith("https://news.example/item-1: title is")),
    notes.join("\n"),
  );
});

test("bodies over the character, paragraph and sentence limits are cut with a note, the document kept", async (t) => {
  const paragraph = "Globex said the review continues.";
  const dir = writeFiles(tempDir("body"), {
    "chars.txt": `Long report\n\n${"word ".repeat(Math.ceil((MAX_BODY_CHARS * 1.2) / 5))}\n`,
    "paragraphs.txt": `Many lines\n\n${`${paragraph}\n`.repeat(MAX_PARAGRAPHS + 10)}`,
    "sentences.txt": `Many sentences\n\n${`${paragraph} `.repeat(MAX_SENTENCES + 10)}\n`,
    "good.txt": GOOD_DOC,
  });
  const { documents, notes } = await withinBound(t, "loadFolder with oversized bodies", 20_000, () =>
    loadFolder(dir),
  );
  assert.equal(documents.length, 4);
  const by = new Map(documents.map((d) => [d.location, d]));
  assert.ok((by.get("chars.txt")?.raw.length ?? Infinity) <= MAX_BODY_CHARS);
  assert.ok(notes.some((n) => n.startsWith("chars.txt: text is") && n.includes(`${MAX_BODY_CHARS} limit`)));
  assert.ok((by.get("paragraphs.txt")?.raw.split("\n").filter(Boolean).length ?? Infinity) <= MAX_PARAGRAPHS);
  assert.ok(
    notes.some((n) => n.startsWith(`paragraphs.txt: text has more than ${MAX_PARAGRAPHS} paragraphs`)),
  );
  assert.ok((by.get("sentences.txt")?.raw.split(". ").length ?? Infinity) <= MAX_SENTENCES + 1);
  assert.ok(notes.some((n) => n.startsWith(`sentences.txt: text has more than ${MAX_SENTENCES} sentences`)));
  assert.equal(by.get("good.txt")?.raw, GOOD_DOC);
});

test("index start-up and briefs stay within normal memory with a ~100 KB title stored uncut", async (t) => {
  // As a store written before the ingest limits would hand it over: straight to the index.
  const before = rssMb();
  const index = new DocumentIndex();
  await withinBound(t, "indexing documents with 100 KB titles", 20_000, () => {
    index.add(
      makeDoc(`${LONG}\n\nGlobex said the filing is due next week.\n`, { title: LONG, location: "a.txt" }),
    );
    index.add(
      makeDoc(`Initech news\n\nInitech said ${LONG} approved it.\n`, {
        title: `Initech ${LONG}`,
        location: "b.txt",
      }),
    );
    index.add(makeDoc(GOOD_DOC, { location: "good.txt" }));
  });
  const brief = await withinBound(t, "a brief and the topic list", 20_000, async () => {
    index.topics();
    index.suggest("globexx");
    return buildBrief(index, "globex", { maxQuotes: 40 });
  });
  assert.ok(brief.sources.length >= 1);
  const after = rssMb();
  t.diagnostic(`RSS before ${before} MB, after indexing and a brief ${after} MB (bound: +300 MB)`);
  assert.ok(after - before < 300, `RSS grew by ${after - before} MB`);
  for (const topic of index.topics(undefined, 1)) assert.ok(topic.key.length <= 120, topic.key.slice(0, 40));
});
