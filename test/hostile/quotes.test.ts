// Hostile input for quote extraction and sentence splitting: a long one-paragraph transcript, crafted runs
// of quotation marks, and unbalanced marks. Each case prints its CPU and wall time and asserts a generous
// CPU bound (the precise linearity figures live in `npm run bench:linearity`, not in a timed unit test).
import assert from "node:assert/strict";
import { test } from "node:test";
import { CRAFTED, transcriptParagraph } from "../../bench/hostileText.js";
import { extractQuotesFromText, splitSentences } from "../../src/index.js";
import { withinBound } from "./kit.js";

/** Generous: linear code takes well under a second for these sizes; quadratic code took minutes. */
const BOUND_MS = 20_000;

test("a 1 MB one-paragraph transcript is split and its quotes found within the bound", async (t) => {
  const text = transcriptParagraph(1024 * 1024);
  const sentences = await withinBound(t, "splitSentences 1 MB transcript", BOUND_MS, () =>
    splitSentences(text),
  );
  assert.ok(sentences.length > 5000);
  const quotes = await withinBound(t, "extractQuotesFromText 1 MB transcript", BOUND_MS, () =>
    extractQuotesFromText(text),
  );
  assert.ok(quotes.length > 1000);
  for (const q of quotes.slice(0, 50)) assert.ok(text.includes(q.text));
});

for (const [name, make] of Object.entries(CRAFTED)) {
  test(`crafted quote marks (${name}, 256 KB) finish within the bound and invent no long quotes`, async (t) => {
    const text = make(256 * 1024);
    await withinBound(t, `splitSentences ${name}`, BOUND_MS, () => splitSentences(text));
    const quotes = await withinBound(t, `extractQuotesFromText ${name}`, BOUND_MS, () =>
      extractQuotesFromText(text),
    );
    for (const q of quotes) assert.ok(q.text.length <= 4000, `a ${q.text.length}-char quote`);
  });
}

test("an unbalanced mark does not turn the rest of the paragraph into a quote", () => {
  const text =
    'Deals in review\n\nThe app "0 is open. The chief executive Jane Roe said the board would meet.\n\n' +
    "The regulator said it had received the filing and would decide within 45 days.";
  assert.deepEqual(
    extractQuotesFromText(text).map((q) => `${q.speaker ?? "null"}: ${q.text}`),
    [],
  );
});

test("a stray closing mark and an opening mark that never closes produce no quote", () => {
  const text =
    "Deals in review\n\nThe filing was 30\" long, analysts said, and the board's view was clear.\n\n" +
    "Smith said the word ” and then “the rest of this sentence runs on without a closing mark";
  assert.deepEqual(extractQuotesFromText(text), []);
});

test("a quote left open at the end of a paragraph continues when the next paragraph opens with a mark", () => {
  const text =
    "Deals in review\n\n“We have reviewed the filing in detail and found nothing that would block the sale,” " +
    "the regulator's chief Jane Roe said. “We expect the parties to complete the work by the summer.\n\n" +
    "“After that the review ends and the deal may close as planned,” she said.";
  const quotes = extractQuotesFromText(text);
  assert.ok(quotes.some((q) => q.text.startsWith("We expect the parties")));
});
