// Hostile input for quote extraction and sentence splitting: a long one-paragraph transcript, crafted runs
// of quotation marks, and unbalanced marks. Each case prints its time and asserts a generous bound (the
// precise linearity figures live in `npm run bench:linearity`, not in a timed unit test).
import assert from "node:assert/strict";
import { performance } from "node:perf_hooks";
import { test } from "node:test";
import { CRAFTED, transcriptParagraph } from "../../bench/hostileText.js";
import { extractQuotesFromText, splitSentences } from "../../src/index.js";

/** Generous: linear code takes well under a second for these sizes; quadratic code took minutes. */
const BOUND_MS = 20_000;

function timed<T>(label: string, run: () => T): T {
  const t0 = performance.now();
  const result = run();
  const ms = performance.now() - t0;
  console.log(`${label}: ${ms.toFixed(0)} ms (bound ${BOUND_MS} ms)`);
  assert.ok(ms < BOUND_MS, `${label} took ${ms.toFixed(0)} ms`);
  return result;
}

test("a 1 MB one-paragraph transcript is split and its quotes found within the bound", () => {
  const text = transcriptParagraph(1024 * 1024);
  const sentences = timed("splitSentences 1 MB transcript", () => splitSentences(text));
  assert.ok(sentences.length > 5000);
  const quotes = timed("extractQuotesFromText 1 MB transcript", () => extractQuotesFromText(text));
  assert.ok(quotes.length > 1000);
  for (const q of quotes.slice(0, 50)) assert.ok(text.includes(q.text));
});

for (const [name, make] of Object.entries(CRAFTED)) {
  test(`crafted quote marks (${name}, 256 KB) finish within the bound and invent no long quotes`, () => {
    const text = make(256 * 1024);
    timed(`splitSentences ${name}`, () => splitSentences(text));
    const quotes = timed(`extractQuotesFromText ${name}`, () => extractQuotesFromText(text));
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
