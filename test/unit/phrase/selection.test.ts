// Phrasing by selection, unit by unit: which parts of an English news sentence are detachable, how a
// selection is repaired, how the text is written from the evidence, and what the invariants refuse.
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkSummary } from "../../../src/core/phrase/invariants.js";
import { applySelection } from "../../../src/core/phrase/llmPhraser.js";
import type { PhraseItem } from "../../../src/core/phrase/phraser.js";
import { applyQuestion } from "../../../src/core/phrase/questionSelection.js";
import { maskQuotes } from "../../../src/core/phrase/request.js";
import { assemble, repairSelection } from "../../../src/core/phrase/selection.js";
import { splitEvidence, splitSentence } from "../../../src/core/phrase/spans.js";

/** The text left when every detachable span goes. */
const mainOnly = (sentence: string): string => {
  const spans = splitSentence(sentence, 0);
  return assemble(spans, { keep: spans.filter((s) => s.main).map((s) => s.n), join: null });
};

test("appositives, relative clauses, time and setting adjuncts, datelines and parentheses may go", () => {
  assert.equal(
    mainOnly("On Tuesday, Acme Corp, a maker of widgets, agreed to buy Beta Ltd for $3 billion."),
    "Acme Corp agreed to buy Beta Ltd for $3 billion.",
  );
  assert.equal(
    mainOnly("The regulator said the merger, which was announced in March, would raise prices."),
    "The regulator said the merger would raise prices.",
  );
  assert.equal(
    mainOnly("BERLIN (Reuters) — The Federal Cartel Office (FCO) opened a review of the deal in June."),
    "The Federal Cartel Office opened a review of the deal.",
  );
  assert.equal(
    mainOnly("The board approved the sale last week, paving the way for a vote by shareholders."),
    "The board approved the sale.",
  );
  assert.equal(
    mainOnly("The company said in a statement that it would appeal the ruling."),
    "The company said that it would appeal the ruling.",
  );
});

test("conditions, attributions, scope hedges, alternatives and quotations stay with their clause", () => {
  const keeps = [
    "The deal will close next year, subject to approval by regulators.",
    "The sale would go ahead, the ministry said.",
    "According to two people briefed on the talks, the buyer will pay $9 billion.",
    "The firm must sell the unit by March 1, or face a fine.",
    "The company will be fined if it does not comply, the court ruled.",
    "The agency, reportedly, will block the deal.",
    "Acme approved the merger, with certain conditions.",
  ];
  for (const sentence of keeps) {
    const spans = splitSentence(sentence, 0);
    const kept = mainOnly(sentence);
    for (const word of [
      "subject",
      "said",
      "according",
      "or",
      "if",
      "not",
      "reportedly",
      "conditions",
      "ruled",
    ])
      if (new RegExp(`\\b${word}\\b`, "i").test(sentence))
        assert.match(kept, new RegExp(`\\b${word}\\b`, "i"), `${word} dropped: ${kept}`);
    assert.ok(spans.length >= 1);
  }
  // A quotation is never cut into, and a dropped clause takes its quotation along.
  const quoted = 'The minister called the bid "a serious threat to competition, and to consumers" on Friday.';
  assert.match(mainOnly(quoted), /"a serious threat to competition, and to consumers"/);
});

test("a dropped conjunct never sits under a condition or a negation", () => {
  assert.equal(
    mainOnly("The buyer signed the agreement and will pay in cash."),
    "The buyer signed the agreement.",
  );
  const conditional = "The deal can close if the buyer sells the unit and will divest its stake.";
  assert.equal(mainOnly(conditional), conditional);
});

test("fronted adjuncts after 'that', closing absolute clauses and closing appositives may go", () => {
  assert.equal(
    mainOnly(
      "The regulator said that as Acme makes most of the tools sold in Ruritania, a merger would hurt buyers.",
    ),
    "The regulator said that a merger would hurt buyers.",
  );
  assert.equal(
    mainOnly("Acme announced that in cooperation with Beta, it will list its shares next year."),
    "Acme announced that it will list its shares next year.",
  );
  assert.equal(
    mainOnly("The agency said the tools posed a threat to buyers, with critics pointing to their price."),
    "The agency said the tools posed a threat to buyers.",
  );
  assert.equal(
    mainOnly("The firm sold the unit to Acme, a rival of its parent."),
    "The firm sold the unit to Acme.",
  );
  assert.equal(
    mainOnly('The offer is $5 a share in cash, Acme\'s first (and "final") bid.'),
    "The offer is $5 a share in cash.",
  );
});

test("conditions, quantities, lists, bare names and verbless 'with' phrases are not taken for adjuncts", () => {
  const keeps = [
    "The regulator said that if Acme sells the unit, the merger may go ahead.",
    "The union said that as many as 500 jobs would go.",
    "The firm said that unless Beta agrees, it will walk away.",
    "Acme approved the merger, with certain conditions.",
    "The shares rose, with a listing in the capital.",
    "Acme sold stakes to Beta, the Gamma Group and the Delta Fund.",
    "The deal needs approval from the regulator, the CMA.",
    "The agency will review the deal, the regulator warned.",
    "The firm said the tools posed a threat, with buyers not using them.",
  ];
  for (const sentence of keeps) assert.equal(mainOnly(sentence), sentence);
});

test("a selection is repaired to the nearest valid one, and each repair is named", () => {
  const spans = splitEvidence([
    "On Monday, Acme, a toolmaker, said it would buy Beta.",
    "Beta did not comment.",
  ]);
  const main0 = spans.filter((s) => s.sentence === 0 && s.main).map((s) => s.n);
  const detached = spans.filter((s) => !s.main).map((s) => s.n);
  const repaired = repairSelection(
    spans,
    [...detached].reverse().concat([99, -1, detached[0] ?? 0]),
    "because",
  );
  assert.deepEqual(repaired.broken.sort(), [
    "connective-not-allowed",
    "main-clause-dropped",
    "span-order",
    "span-out-of-range",
    "span-repeated",
  ]);
  assert.deepEqual(
    repaired.selection?.keep,
    [...new Set([...detached, ...main0])].sort((a, b) => a - b),
  );
  assert.equal(repaired.selection?.join, null);
  assert.deepEqual(repairSelection(spans, [], null), { selection: null, broken: ["empty-selection"] });
});

test("two sentences join with a connective from the closed list only; a third is cut", () => {
  const evidence = [
    "Acme, a toolmaker, bought Beta.",
    "Beta, a chip designer, makes sensors.",
    "Gamma did not bid.",
  ];
  const spans = splitEvidence(evidence);
  const all = spans.map((s) => ({ from: s.n, to: s.n }));
  const joined = applySelection(spans, evidence, all, ";");
  assert.equal(joined.text, "Acme, a toolmaker, bought Beta; Beta, a chip designer, makes sensors.");
  assert.ok(joined.broken.includes("too-many-sentences"));
  const main = spans.filter((s) => s.main && s.sentence < 2).map((s) => ({ from: s.n, to: s.n }));
  assert.equal(
    applySelection(spans, evidence, main, "and").text,
    "Acme bought Beta, and Beta makes sensors.",
  );
  assert.equal(applySelection(spans, evidence, main, null).text, "Acme bought Beta. Beta makes sensors.");
});

test("the invariants refuse a text that is not the selection's, adds a word or drops a protected one", () => {
  const evidence = ["The court may block the $5 million deal, the judge said."];
  const spans = splitEvidence(evidence);
  const selection = { keep: spans.map((s) => s.n), join: null };
  const text = assemble(spans, selection);
  assert.deepEqual(checkSummary(spans, evidence, selection, text), []);
  assert.ok(
    checkSummary(spans, evidence, selection, text.replace("may", "will")).includes("word-not-in-evidence"),
  );
  assert.ok(checkSummary(spans, evidence, selection, text.replace("$5 million", "$5bn")).length > 0);
  assert.ok(checkSummary(spans, evidence, selection, text.replace(", the judge said", "")).length > 0);
  const swapped = "The deal may block the court.";
  assert.ok(checkSummary(spans, evidence, selection, swapped).includes("not-from-selection"));
});

test("quotations are masked in what the model is sent", () => {
  assert.equal(maskQuotes("He called it “a disaster for consumers” on Friday"), "He called it “…” on Friday");
  assert.equal(maskQuotes('She said "no deal" twice'), 'She said "…" twice');
});

test("a model's question passes the same verb check as an offline one: a verb heads one predicate", () => {
  const item = (sentence: string): PhraseItem => ({
    id: "q1",
    kind: "question",
    evidence: [sentence],
    questionKind: "hedge",
  });
  // Word ranges: [from, to] of the sentence's words.
  const ask = (sentence: string, subject: [number, number], predicate: [number, number]) =>
    applyQuestion(item(sentence), "will", [
      { name: "subject", sentence: 0, from: subject[0], to: subject[1] },
      { name: "predicate", sentence: 0, from: predicate[0], to: predicate[1] },
    ]);
  const signal = "The approval could signal a thaw in trade.";
  assert.equal(ask(signal, [0, 1], [3, 7]).text, "Will the approval signal a thaw in trade?");
  const adverb = "Globex would likely ensure that the data stays here.";
  assert.deepEqual(ask(adverb, [0, 0], [2, 8]).broken, ["predicate-head-not-a-verb"]);
  assert.equal(ask(adverb, [0, 0], [3, 8]).text, "Will Globex ensure that the data stays here?");
  assert.deepEqual(ask(adverb, [0, 0], [3, 6]).broken, ["template: predicate cuts a clause before its verb"]);
  const noun = "The agency approval came in May.";
  assert.deepEqual(ask(noun, [0, 1], [2, 5]).broken, ["predicate-head-not-a-verb"]);
  const joined = "Globex will speed up talks and expects to close in May.";
  assert.deepEqual(ask(joined, [0, 0], [2, 10]).broken, ["template: predicate joins a second predicate"]);
  assert.equal(ask(joined, [0, 0], [2, 4]).text, "Will Globex speed up talks?");
  // A noun that could be a verb, right before the subject's modal, is the subject's last word.
  const compound = "Globex's server farms would also take up the work.";
  assert.deepEqual(ask(compound, [0, 0], [2, 8]).broken, ["predicate-head-not-a-verb"]);
  assert.equal(ask(compound, [0, 2], [5, 8]).text, "Will Globex's server farms take up the work?");
  const finite = "Globex has confirmed it will continue talks.";
  assert.deepEqual(ask(finite, [0, 3], [5, 6]).broken, ["template: subject holds a finite verb"]);
});

test("an 'as' clause with its own verb, a result 'so' clause and a purpose 'so that' clause may go; 'as' phrases stay", () => {
  assert.equal(
    mainOnly(
      "The sale of Beta hangs in the balance as rival reports from the two firms added new confusion.",
    ),
    "The sale of Beta hangs in the balance.",
  );
  assert.equal(
    mainOnly("The agency has 90 days to finish the review so that a decision will be made by May 3."),
    "The agency has 90 days to finish the review.",
  );
  assert.equal(
    mainOnly(
      "Acme said Beta would be closed by then, so the firm would lose its licence unless the court objected.",
    ),
    "Acme said Beta would be closed by then.",
  );
  // "as" before a noun phrase, "such as", "as part of": no clause, nothing to drop.
  assert.equal(
    mainOnly("Acme named Jane Roe as chief executive of the combined firm."),
    "Acme named Jane Roe as chief executive of the combined firm.",
  );
  assert.equal(
    mainOnly("The deal was announced as part of a wider plan that was approved."),
    "The deal was announced as part of a wider plan that was approved.",
  );
  // A past participle phrase after a name, the clause resuming with its verb; not one holding a figure.
  assert.equal(
    mainOnly("Globex Inc., based in Leeds, England, said it was buying Initech."),
    "Globex Inc. said it was buying Initech.",
  );
  assert.equal(
    mainOnly("The deal, valued at $9 billion, was approved by the board."),
    "The deal, valued at $9 billion, was approved by the board.",
  );
});
