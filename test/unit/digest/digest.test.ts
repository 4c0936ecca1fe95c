// Digests: only documents added in the window, grouped by story, every bullet, quote and change grounded in
// a document sentence (or the template question) with its source, questions remembered from one digest to
// the next, an old question answered by a new sentence, the topic filter, empty digests and determinism.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseSince } from "../../../src/cli/digestCommand.js";
import { buildDigest } from "../../../src/core/digest/buildDigest.js";
import { type Digest, type DigestOptions, type DigestStory } from "../../../src/core/digest/types.js";
import { parseDigestMemory } from "../../../src/core/digest/memory.js";
import { DocumentIndex } from "../../../src/core/index/docIndex.js";
import type { SourceDocument } from "../../../src/core/ingest/document.js";
import { loadFolder } from "../../../src/core/ingest/loadFolder.js";
import { CORPUS, HAS_CORPUS, makeDoc } from "../../support/shared.js";

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2024, 0, 1);
const at = (day: number) => T0 + day * DAY;

// ---------- the documents ----------

/** Used only when ../shared/corpus is not there: the same two stories, written for these tests. */
const HAND_WRITTEN: Record<string, string> = {
  "tiktok-microsoft-01.md": `Microsoft confirms talks to buy TikTok in the United States

Microsoft said on Sunday that it will continue talks with ByteDance to buy the U.S. business of TikTok after Satya Nadella spoke with President Donald Trump. Microsoft expects to conclude negotiations with ByteDance by September 15, the company said in a blog post. "We appreciate the importance of addressing the President's concerns," Microsoft said in a statement. TikTok has about 100 million users in the United States.`,
  "tiktok-microsoft-02.md": `Trump says the Treasury should get a cut of a TikTok sale

President Donald Trump said on Monday that the United States should get a cut of any sale of TikTok to Microsoft. Trump told reporters that ByteDance has until September 15 to sell TikTok to Microsoft or another American company. Satya Nadella and Trump spoke about the TikTok deal over the weekend, Microsoft said. "It's a great asset, but it's not a great asset in this country unless they have approval," Trump said.`,
  "tiktok-oracle-01.md": `Oracle and Walmart reach TikTok deal with ByteDance

Oracle and Walmart reached a deal on Saturday to take stakes in TikTok Global, a new company that will hold the U.S. business of TikTok. ByteDance will keep a share of TikTok Global, according to reports, while Oracle will host TikTok's U.S. data. "We are confident in our ability to deliver a secure environment to TikTok," Oracle CEO Safra Catz said. President Trump said he approved the TikTok deal with Oracle and Walmart in concept.`,
  "activision-01.md": `FTC sues to block Microsoft's purchase of Activision Blizzard

The Federal Trade Commission sued on Thursday to block the $68.7 billion purchase of Activision Blizzard by Microsoft. The FTC said the deal would let Microsoft keep Call of Duty from rival consoles such as the PlayStation made by Sony. "Microsoft has already shown that it can and will withhold content from its gaming rivals," FTC official Holly Vedova said. Microsoft said it would fight the FTC case in court.`,
  "activision-02.md": `UK regulator blocks the Activision Blizzard deal

The Competition and Markets Authority blocked the Activision Blizzard purchase by Microsoft over concerns about cloud gaming. Microsoft president Brad Smith called the CMA decision the darkest day for Microsoft in Britain. "We are of course very disappointed about the CMA's decision," Brad Smith told the BBC. The CMA said Microsoft already has a strong position in cloud gaming and Activision Blizzard games would make it stronger.`,
  "activision-03.md": `CMA approves restructured Microsoft deal for Activision Blizzard

The CMA approved the restructured purchase of Activision Blizzard by Microsoft on Friday after Microsoft sold cloud streaming rights to Ubisoft. The CMA said the sale of the cloud rights to Ubisoft addresses its concerns about the Activision Blizzard deal. Sarah Cardell, the head of the CMA, said Microsoft had been made to restructure the Activision Blizzard deal. Microsoft said it was grateful for the CMA review.`,
};

async function corpusDocuments(): Promise<SourceDocument[]> {
  if (HAS_CORPUS) return (await loadFolder(CORPUS)).documents;
  return Object.entries(HAND_WRITTEN).map(([location, raw]) => makeDoc(raw, { location }));
}

/** Each file's day: the TikTok–Microsoft talks first, then Activision, then the TikTok–Oracle deal, then the rest. */
function dayOf(location: string, i: number): number {
  const n = Number(/(\d+)\.\w+$/.exec(location)?.[1] ?? 0);
  if (location.startsWith("tiktok-microsoft")) return n;
  if (location.startsWith("activision")) return 1 + n;
  if (location.startsWith("tiktok-oracle")) return 7 + n;
  return 10 + i * 0.01;
}

const family = (location: string): string => /^[a-z]+/.exec(location)?.[0] ?? location;

interface Fixture {
  index: DocumentIndex;
  docs: SourceDocument[];
  byId: Map<string, SourceDocument>;
}

async function fixture(reverse = false): Promise<Fixture> {
  const loaded = await corpusDocuments();
  const docs = loaded.map((d, i) => ({ ...d, addedAt: at(dayOf(d.location, i)) }));
  const index = new DocumentIndex();
  for (const d of reverse ? [...docs].reverse() : docs) index.add(d);
  return { index, docs, byId: new Map(docs.map((d) => [d.id, d])) };
}

const everything = (extra: Partial<DigestOptions> = {}): DigestOptions => ({
  scope: {},
  since: at(0),
  until: at(30),
  maxStories: 50,
  ...extra,
});

/** The documents a story cites (bullets, quote, changes). */
function citedBy(story: DigestStory): string[] {
  return [
    ...new Set([
      ...story.bullets.flatMap((b) => b.sources),
      ...(story.quote ? [story.quote.source] : []),
      ...story.changes.map((c) => c.source),
    ]),
  ];
}

/** Text from a document as the digest shows it: verbatim, but for a dropped opener and a capital first letter. */
function fromDocument(raw: string, text: string): boolean {
  const flat = raw.replace(/\s+/g, " ");
  return flat.includes(text.replace(/\s+/g, " ").slice(1));
}

// ---------- tests ----------

test("only documents added after since (and up to until) appear", async () => {
  const { index, docs, byId } = await fixture();
  const times = [...new Set(docs.map((d) => d.addedAt ?? 0))].sort((a, b) => a - b);
  const since = times[2] ?? 0;
  const until = times[times.length - 2] ?? 0;
  const digest = buildDigest(index, everything({ since, until }));
  const expected = docs.filter((d) => (d.addedAt ?? 0) > since && (d.addedAt ?? 0) <= until).map((d) => d.id);
  assert.ok(expected.length > 0);
  assert.deepEqual(new Set(digest.sources.map((s) => s.id)), new Set(expected));
  for (const s of digest.sources) {
    const addedAt = byId.get(s.id)?.addedAt ?? 0;
    assert.ok(addedAt > since && addedAt <= until, `${s.location} is outside the window`);
  }
  const counted = digest.stories.reduce((n, s) => n + s.newDocuments, 0);
  assert.equal(counted, expected.length);
  // A document with no addedAt (a bundled seed) counts as added at 0.
  const seed = makeDoc("Seed note\n\nAcme Corp agreed to buy Beta Systems for $2 billion on Monday.");
  index.add(seed);
  assert.ok(buildDigest(index, everything({ since: -1 })).sources.some((s) => s.id === seed.id));
  assert.ok(!buildDigest(index, everything({ since: 0 })).sources.some((s) => s.id === seed.id));
});

test("TikTok and Activision documents are different stories", async () => {
  const { index, byId } = await fixture();
  const digest = buildDigest(index, everything());
  const families = digest.stories.map(
    (s) => new Set(citedBy(s).map((id) => family(byId.get(id)?.location ?? ""))),
  );
  for (const f of families) assert.ok(!(f.has("tiktok") && f.has("activision")), [...f].join(", "));
  const tiktok = digest.stories.find((s, i) => families[i]?.has("tiktok") && s.newDocuments >= 2);
  const activision = digest.stories.find((s, i) => families[i]?.has("activision") && s.newDocuments >= 2);
  assert.ok(tiktok && activision && tiktok !== activision);
  assert.match(tiktok.label, /TikTok/);
  // Stories are ordered by how much is new.
  for (let i = 1; i < digest.stories.length; i++)
    assert.ok((digest.stories[i - 1]?.newDocuments ?? 0) >= (digest.stories[i]?.newDocuments ?? 0));
});

test("bullets, headline, quote and changes come from the documents and cite them", async () => {
  const { index, byId } = await fixture();
  const digest = buildDigest(index, everything());
  const listed = new Set(digest.sources.map((s) => s.id));
  assert.ok(digest.stories.length >= 2 && !digest.empty);
  let quotes = 0;
  for (const story of digest.stories) {
    assert.ok(story.bullets.length >= 1 && story.bullets.length <= 3);
    for (const b of story.bullets) {
      assert.ok(b.sources.length >= 1 && b.sources.every((id) => listed.has(id)));
      assert.ok(
        b.sources.some((id) => fromDocument(byId.get(id)?.raw ?? "", b.text)),
        `bullet not in its source: ${b.text}`,
      );
    }
    // The headline: the story's name and the start of one of its sentences, cut at a word boundary.
    const sentence = story.headline.startsWith(`${story.label}: `)
      ? story.headline.slice(story.label.length + 2)
      : story.headline;
    const shown = sentence.replace(/…$/, "");
    assert.ok(
      citedBy(story).some((id) => fromDocument(byId.get(id)?.raw ?? "", shown)),
      `headline: ${story.headline}`,
    );
    if (sentence.endsWith("…")) assert.ok(shown.length <= 140 && !/\s$/.test(shown));
    if (story.quote) {
      quotes++;
      const raw = byId.get(story.quote.source)?.raw ?? "";
      assert.ok(raw.includes(story.quote.text), `quote not verbatim: ${story.quote.text}`);
      assert.ok(listed.has(story.quote.source));
    }
    const developments = story.changes.filter((c) => c.kind === "development");
    assert.equal(developments.length, 1);
    for (const c of story.changes) {
      assert.ok(listed.has(c.source));
      if (c.kind === "development") assert.ok(fromDocument(byId.get(c.source)?.raw ?? "", c.text), c.text);
      if (c.kind === "new-question") assert.match(c.text, /\?$|^Pending: /);
    }
  }
  assert.ok(quotes >= 2);
  assert.ok(digest.stories.some((s) => s.quote?.speaker));
});

test("new questions are those the previous digest did not ask", async () => {
  const { index } = await fixture();
  const first = buildDigest(index, everything());
  const asked = first.stories.flatMap((s) => s.changes.filter((c) => c.kind === "new-question"));
  assert.ok(asked.length > 0);
  assert.ok(first.memory.questions.length >= asked.length);
  // The same documents again, remembering the first digest: nothing new to ask.
  const again = buildDigest(index, everything({ previous: first.memory }));
  assert.equal(again.stories.flatMap((s) => s.changes.filter((c) => c.kind === "new-question")).length, 0);
  // Forget one question that was shown: it alone is new again.
  const forgotten = first.memory.questions.find((q) => asked.some((c) => c.text === q.text));
  assert.ok(forgotten);
  const partial = buildDigest(index, {
    ...everything(),
    previous: { questions: first.memory.questions.filter((q) => q.key !== forgotten.key) },
  });
  const renewed = partial.stories.flatMap((s) => s.changes.filter((c) => c.kind === "new-question"));
  assert.deepEqual(
    renewed.map((c) => c.text),
    [forgotten.text],
  );
  // The memory is plain JSON and reads back the same; a broken one reads as empty.
  const json = JSON.parse(JSON.stringify(first.memory)) as unknown;
  assert.deepEqual(parseDigestMemory(json), first.memory);
  assert.deepEqual(parseDigestMemory("nonsense"), { questions: [] });
  assert.deepEqual(parseDigestMemory({ questions: [{ key: 1 }, first.memory.questions[0]] }).questions, [
    first.memory.questions[0],
  ]);
});

const ACME_DAY1 = `Acme agrees to buy Beta Systems

Acme Corp agreed on Monday to buy Beta Systems for $2 billion in cash. The deal is subject to approval by regulators, Acme said. Beta Systems shareholders will receive $40 for each share they own.`;
const ACME_DAY2 = `Regulators clear the Acme purchase of Beta Systems

Regulators approved the Acme deal on Tuesday. The purchase of Beta Systems is now expected to close next month, according to a person familiar with the matter.`;
const ACME_DAY2_NOT_YET = `Acme deal still waits for regulators

Regulators have not approved the Acme deal yet, a person familiar with the matter said on Tuesday. Beta Systems shares fell 3% in early trading on the news.`;

function acmeIndex(second: string): { index: DocumentIndex; day1: SourceDocument; day2: SourceDocument } {
  const day1 = { ...makeDoc(ACME_DAY1, { location: "acme-1.txt" }), addedAt: at(1) };
  const day2 = { ...makeDoc(second, { location: "acme-2.txt" }), addedAt: at(2) };
  const index = new DocumentIndex();
  index.add(day1);
  index.add(day2);
  return { index, day1, day2 };
}

test("a question from the last digest answered by a new sentence", () => {
  const { index, day2 } = acmeIndex(ACME_DAY2);
  const first = buildDigest(index, { scope: {}, since: at(0), until: at(1) });
  const pending = first.memory.questions.find((q) => q.basis.includes("subject to approval by regulators"));
  assert.ok(pending, JSON.stringify(first.memory));
  assert.ok(first.stories[0]?.changes.some((c) => c.kind === "new-question" && c.text === pending.text));

  const second = buildDigest(index, { scope: {}, since: at(1), until: at(2), previous: first.memory });
  const answered = second.stories.flatMap((s) => s.changes.filter((c) => c.kind === "answered"));
  assert.equal(answered.length, 1);
  assert.equal(answered[0]?.source, day2.id);
  assert.ok(answered[0]?.text.startsWith(`Answered? ${pending.text}`));
  assert.ok(answered[0]?.text.endsWith("Regulators approved the Acme deal on Tuesday."));
  assert.ok(second.sources.some((s) => s.id === day2.id));
  // Answered questions are not carried on.
  assert.ok(!second.memory.questions.some((q) => q.key === pending.key));

  // Without the memory nothing is "answered"; nor by a sentence that says it has not happened.
  const forgetful = buildDigest(index, { scope: {}, since: at(1), until: at(2) });
  assert.ok(!forgetful.stories.some((s) => s.changes.some((c) => c.kind === "answered")));
  const notYet = acmeIndex(ACME_DAY2_NOT_YET);
  const before = buildDigest(notYet.index, { scope: {}, since: at(0), until: at(1) });
  const after = buildDigest(notYet.index, { scope: {}, since: at(1), until: at(2), previous: before.memory });
  assert.ok(!after.stories.some((s) => s.changes.some((c) => c.kind === "answered")));
  assert.ok(
    after.memory.questions.some((q) => q.key === pending.key),
    "still open, still remembered",
  );
});

test("the topic filter keeps only stories about the topics", async () => {
  const { index, byId } = await fixture();
  const activision = buildDigest(index, everything({ topics: ["activision"] }));
  assert.ok(!activision.empty);
  for (const s of activision.sources) assert.equal(family(byId.get(s.id)?.location ?? ""), "activision");
  const tiktok = buildDigest(index, everything({ topics: ["tik tok"] }));
  assert.ok(tiktok.stories.length > 0);
  for (const s of tiktok.sources) assert.notEqual(family(byId.get(s.id)?.location ?? ""), "activision");
  const both = buildDigest(index, everything({ topics: ["tiktok", "activision"] }));
  assert.ok(both.sources.length >= activision.sources.length + 2);
  assert.ok(buildDigest(index, everything({ topics: ["zzyzx quarterly"] })).empty);
  assert.deepEqual(buildDigest(index, everything({ topics: [] })), buildDigest(index, everything()));
});

test("an empty window gives an empty digest that carries the memory on", async () => {
  const { index } = await fixture();
  const previous = buildDigest(index, everything()).memory;
  const digest: Digest = buildDigest(index, { scope: {}, since: at(100), until: at(107), previous });
  assert.equal(digest.empty, true);
  assert.deepEqual(digest.stories, []);
  assert.deepEqual(digest.sources, []);
  assert.deepEqual(digest.memory, previous);
  assert.equal(buildDigest(index, { scope: {}, since: at(5), until: at(5) }).empty, true);
  assert.equal(buildDigest(new DocumentIndex(), { scope: {}, since: 0, until: Date.now() }).empty, true);
});

test("maxStories keeps the stories with most that is new", async () => {
  const { index } = await fixture();
  const all = buildDigest(index, everything());
  const one = buildDigest(index, everything({ maxStories: 1 }));
  assert.equal(one.stories.length, 1);
  assert.deepEqual(one.stories[0], all.stories[0]);
  assert.ok(one.sources.length < all.sources.length);
  assert.ok(buildDigest(index, { scope: {}, since: at(0), until: at(30) }).stories.length <= 8);
});

test("documents of another server are not in a global digest", () => {
  const raw = `Acme to buy Beta Systems\n\nAcme Corp agreed on Monday to buy Beta Systems for $2 billion in cash, Acme said.`;
  const index = new DocumentIndex();
  index.add({ ...makeDoc(raw, { owner: "guild:123456789012345678" }), addedAt: at(1) });
  assert.ok(buildDigest(index, { scope: {}, since: at(0), until: at(2) }).empty);
  assert.ok(
    !buildDigest(index, { scope: { guild: "123456789012345678" }, since: at(0), until: at(2) }).empty,
  );
});

test("the same inputs give the same digest, whatever order the documents were indexed in", async () => {
  const a = await fixture();
  const b = await fixture(true);
  const options = everything({ previous: { questions: [] } });
  const first = buildDigest(a.index, options);
  assert.deepEqual(buildDigest(a.index, options), first);
  assert.equal(JSON.stringify(buildDigest(b.index, options)), JSON.stringify(first));
});

// ---------- the CLI's --since (the command itself: test/e2e/cliDigest.test.ts) ----------

test("--since: dates, date-times and days ago", () => {
  const now = Date.UTC(2024, 5, 15, 12);
  assert.equal(parseSince("2024-06-01", now), new Date(2024, 5, 1).getTime());
  assert.equal(parseSince("2024-06-01T08:00:00Z", now), Date.UTC(2024, 5, 1, 8));
  assert.equal(parseSince("7d", now), now - 7 * DAY);
  for (const bad of ["2024-02-31", "yesterday", "", "1717", "2024-13-01"])
    assert.equal(parseSince(bad, now), null);
});
