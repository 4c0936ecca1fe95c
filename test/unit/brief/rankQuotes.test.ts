// The brief's quotes: the same words from two outlets are one quote citing both; a shorter cut of a quote
// another source carries in full is not shown again; conflicting speakers for the same words give none.
import assert from "node:assert/strict";
import { test } from "node:test";
import { analyzeDocument } from "../../../src/core/analyze/analyzeDocument.js";
import { rankQuotes } from "../../../src/core/brief/rankQuotes.js";
import type { StoryDocument } from "../../../src/core/story/types.js";
import { makeDoc } from "../../support/shared.js";

const story = (...texts: string[]): StoryDocument[] =>
  texts.map((text, i) => ({
    analyzed: analyzeDocument(makeDoc(`Globex buys Initech\n\n${text}`, { location: `doc${i}.txt` })),
    salience: 1,
  }));

test("the same words from two outlets are one quote with both sources", () => {
  const docs = story(
    "“We will keep every plant open and every worker on the payroll,” said Globex chief Dana Price.",
    "Price told staff: “We will keep every plant open and every worker on the payroll.”\n\nThe deal closes in May.",
    "“Nothing about the purchase changes our prices this year,” said Dana Price of Globex.",
  );
  const quotes = rankQuotes(docs, new Set(["globex"]), 10);
  const plant = quotes.filter((q) => q.text.includes("every plant open"));
  assert.equal(plant.length, 1);
  const ids = docs.map((d) => d.analyzed.doc.id);
  assert.deepEqual([plant[0]?.source, ...(plant[0]?.otherSources ?? [])].sort(), [ids[0], ids[1]].sort());
  assert.equal(plant[0]?.speaker, "Dana Price");
  const prices = quotes.find((q) => q.text.includes("prices this year"));
  assert.deepEqual(prices?.otherSources, []);
});

test("a shorter cut of a quote is the same quote; different speakers for the same words give none", () => {
  const docs = story(
    "“The review found no harm to competition in any market we looked at,” said regulator Omar Lund.",
    "“The review found no harm to competition,” said analyst Vera Lind.",
  );
  const quotes = rankQuotes(docs, new Set(["globex"]), 10);
  assert.equal(quotes.length, 1);
  assert.equal(quotes[0]?.otherSources.length, 1);
  assert.equal(quotes[0]?.speaker, null);
});
