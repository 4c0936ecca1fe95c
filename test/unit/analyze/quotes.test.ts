// Quote extraction and speaker attribution on the seed, the corpus and hand-made paragraphs.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { analyzeDocument } from "../../../src/core/analyze/analyzeDocument.js";
import { loadFolder } from "../../../src/core/ingest/loadFolder.js";
import { CORPUS, makeDoc, NO_CORPUS, SEEDS } from "../../support/shared.js";

function quotesOf(text: string): Array<{ text: string; speaker: string | null }> {
  return analyzeDocument(makeDoc(`Headline for the test\n\n${text}`)).quotes.map((q) => ({
    text: q.text,
    speaker: q.speaker,
  }));
}

test("the seed's Microsoft statement quotes are verbatim and attributed to Microsoft, mismatched marks included", async () => {
  const { documents } = await loadFolder(SEEDS);
  const seed = documents[0];
  assert.ok(seed);
  const raw = await readFile(`${SEEDS}${seed.location}`, "utf8");
  const quotes = analyzeDocument(seed).quotes;
  assert.ok(quotes.length >= 3);
  for (const q of quotes) assert.ok(raw.includes(q.text), `not verbatim: ${q.text}`);
  const byStart = (prefix: string) => quotes.find((q) => q.text.startsWith(prefix));
  assert.equal(
    byStart("Following a conversation")?.speaker,
    "Microsoft",
    "«…“ quote after 'The Redmond giant explains'",
  );
  assert.equal(byStart("Microsoft fully appreciates")?.speaker, "Microsoft", "”says the company");
  assert.equal(byStart("Among other measures")?.speaker, "Microsoft", "», clarifies.");
  // "they point out" after a joint statement: plural and unclear, so no guess.
  assert.equal(byStart("The two companies")?.speaker, null);
  assert.ok(
    !quotes.some((q) => /Links with the Chinese/.test(q.text)),
    "a short phrase with no speech verb is a scare quote",
  );
});

test("speaker after the quote: said, says, role and name, apposition", () => {
  const cases: Array<[string, string]> = [
    [
      "“We are confident in the deal we have made today,” Oracle CEO Safra Catz said in a statement.",
      "Safra Catz",
    ],
    [
      '"Today we seek to stop the merger of these two companies," says Director of Bureau Competition Holly Vedova.',
      "Holly Vedova",
    ],
    [
      "“This is a new and substantially different deal,” Colin Raftery, the CMA’s senior director of mergers, said.",
      "Colin Raftery",
    ],
    ["‘Americans will be the majority of the board,’ said Walmart.", "Walmart"],
  ];
  for (const [text, speaker] of cases) assert.equal(quotesOf(text)[0]?.speaker, speaker, text);
});

test("speaker before the quote, and a pronoun resolved only when one person fits", () => {
  const quotes = quotesOf(
    "Microsoft's Brad Smith says, “This decision is probably the darkest day in our four decades in Britain.”\n\n" +
      "Smith met regulators on Monday.\n\n“We are of course very disappointed about the decision,” he added.",
  );
  assert.equal(quotes[0]?.speaker, "Brad Smith");
  assert.equal(quotes[1]?.speaker, "Brad Smith");
  const ambiguous = quotesOf(
    "Jane Roe and John Doe met on Monday and both spoke afterwards.\n\n“We will appeal this ruling as soon as we can,” he said.",
  );
  assert.equal(ambiguous[0]?.speaker, null, "two people could be 'he': no guess");
});

test("a quote continued after its attribution keeps the speaker; a colon introduces a quote paragraph", () => {
  const quotes = quotesOf(
    "“My personal opinion was you were better off buying all of it,” Trump said. “I did say that whatever the price is, it goes to the owner.”\n\n" +
      "EU Chief Margrethe Vestager spoke about the deal. This is what she said about it:\n\n“Where we diverged with the CMA was on remedies. We accepted a licence.”",
  );
  assert.equal(quotes[1]?.speaker, "Trump");
  assert.equal(quotes[2]?.speaker, "Margrethe Vestager");
});

test("quotes across paragraphs: an unclosed quote ends at its paragraph and the next paragraph continues it", () => {
  const quotes = quotesOf(
    "Acme said in its post: “We will keep talking with the government about the purchase of the app\n\n“And we expect to finish the talks within weeks, not months.”",
  );
  assert.equal(quotes.length, 2);
  assert.deepEqual(
    quotes.map((q) => q.speaker),
    ["Acme", "Acme"],
  );
});

test(
  "corpus: every quote in every document is a verbatim slice of its file",
  { skip: NO_CORPUS },
  async () => {
    const { documents } = await loadFolder(CORPUS);
    let count = 0;
    for (const doc of documents) {
      const raw = await readFile(`${CORPUS}${doc.location}`, "utf8");
      for (const q of analyzeDocument(doc).quotes) {
        count++;
        assert.ok(raw.includes(q.text), `${doc.location}: ${q.text}`);
      }
    }
    assert.ok(count > 40, `only ${count} quotes found`);
  },
);
