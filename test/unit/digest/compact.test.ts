// The digest's compact blocks, platform-free: where a story stands, what changed as dated lines (the window's
// steps, else its newest news and a point it does not repeat), an answered question in place of the oldest
// step, one quote whole or none, and sources numbered in the order a reader meets them, cited ones only.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { SourceRef } from "../../../src/core/brief/schema.js";
import type { Digest, DigestStory } from "../../../src/core/digest/types.js";
import { compactDigest, LINE_MAX, QUOTE_MAX } from "../../../src/digest/compact.js";

const source = (id: string, published: string | null): SourceRef => ({
  id,
  title: `Report ${id}`,
  url: `https://news.example/${id}`,
  published,
  outlet: `Outlet ${id}`,
  location: `${id}.txt`,
});

const story = (over: Partial<DigestStory>): DigestStory => ({
  label: "Globex",
  state: null,
  steps: [],
  documents: [],
  headline: "Globex: Globex agreed to buy Initech.",
  bullets: [],
  quote: null,
  changes: [],
  newDocuments: 1,
  ...over,
});

const digest = (stories: DigestStory[], sources: SourceRef[]): Digest => ({
  since: 0,
  until: 1,
  stories,
  sources,
  memory: { questions: [] },
  empty: stories.length === 0,
});

test("a dated story: status, the latest three steps oldest first, the quote, sources numbered as met", () => {
  const sources = ["d", "a", "b", "c", "e"].map((id, i) => source(id, `2024-0${i + 1}-01`));
  const steps = ["a", "b", "c", "d"].map((id, i) => ({
    date: `2024-0${i + 1}-10`,
    label: "Step",
    text: `Step ${id} happened.`,
    source: id,
  }));
  const compact = compactDigest(
    digest(
      [
        story({
          state: { label: "Completed", date: "2024-04-10", source: "d" },
          steps,
          quote: { text: "We are glad it is done.", speaker: "Jane Roe", source: "b" },
          documents: ["a", "b", "c", "d", "e"],
          newDocuments: 5,
        }),
      ],
      sources,
    ),
  );
  const [block] = compact.stories;
  assert.ok(block);
  assert.deepEqual(block.status, { label: "Completed", date: "2024-04-10", source: 1 });
  assert.deepEqual(
    block.lines.map((l) => [l.date, l.text, l.source]),
    [
      ["2024-02-10", "Step b happened.", 2],
      ["2024-03-10", "Step c happened.", 3],
      ["2024-04-10", "Step d happened.", 1],
    ],
  );
  assert.deepEqual(block.quote, { text: "We are glad it is done.", speaker: "Jane Roe", source: 2 });
  // Only cited sources are numbered, in the order met: d (status), b, c; a and e are counted, not numbered.
  assert.deepEqual(
    compact.sources.map((s) => s.id),
    ["d", "b", "c"],
  );
  assert.deepEqual(block.cited, [1, 2, 3]);
  assert.equal(block.uncited, 2);
  assert.equal(block.latest?.id, "e", "the newest source by date");
});

test("an answered question takes the oldest step's place; a long quote is left out, never cut", () => {
  const steps = ["a", "b", "c"].map((id) => ({
    date: "2024-05",
    label: "S",
    text: `Step ${id}.`,
    source: id,
  }));
  const compact = compactDigest(
    digest(
      [
        story({
          steps,
          changes: [
            { kind: "answered", text: "Answered? Will it close? — It closed on Friday.", source: "c" },
          ],
          quote: { text: "word ".repeat(QUOTE_MAX), speaker: "Jane Roe", source: "a" },
          documents: ["a", "b", "c"],
        }),
      ],
      ["a", "b", "c"].map((id) => source(id, null)),
    ),
  );
  const [block] = compact.stories;
  assert.ok(block);
  assert.deepEqual(
    block.lines.map((l) => [l.kind, l.text]),
    [
      ["step", "Step b."],
      ["step", "Step c."],
      ["answered", "Will it close? — It closed on Friday."],
    ],
  );
  assert.equal(block.quote, null);
});

test("no dated steps: the newest news and a summary point it does not repeat, cut at a word", () => {
  const long = `Globex ${"and Initech agreed terms ".repeat(10)}today.`;
  const compact = compactDigest(
    digest(
      [
        story({
          changes: [{ kind: "development", text: long, source: "a" }],
          bullets: [
            { text: long, sources: ["a"] },
            { text: "Regulators will review the deal.", sources: ["b"] },
            { text: "A third point.", sources: ["b"] },
          ],
          documents: ["a", "b"],
        }),
      ],
      [source("a", null), source("b", null)],
    ),
  );
  const [block] = compact.stories;
  assert.ok(block);
  assert.equal(block.status, null);
  assert.deepEqual(
    block.lines.map((l) => [l.kind, l.date]),
    [
      ["news", null],
      ["point", null],
    ],
  );
  const first = block.lines[0]?.text ?? "";
  assert.ok(first.length <= LINE_MAX && first.endsWith("…"), first);
  assert.ok(long.startsWith(first.slice(0, -1)), "a prefix of the sentence");
  assert.match(long.slice(first.length - 1), /^[\s,;:]/u, "cut at a word boundary");
  assert.equal(block.lines[1]?.text, "Regulators will review the deal.");
});
