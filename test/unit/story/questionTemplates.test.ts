// fillTemplate, the one writer of template questions for the offline phraser and an LLM's choice alike:
// only a verb is re-inflected (never a noun, a name or a function word), and slots stand in evidence order
// without sharing a character.
import assert from "node:assert/strict";
import { test } from "node:test";
import { fillTemplate, type SlotSpan } from "../../../src/core/story/questionTemplates.js";
import { isVerbHead } from "../../../src/core/story/verbs.js";

/** The span of `part` in `sentence` (its first occurrence), in evidence sentence 0. */
function span(sentence: string, part: string): SlotSpan {
  const start = sentence.indexOf(part);
  assert.ok(start >= 0, `${part} not in ${sentence}`);
  return { evidence: 0, start, end: start + part.length };
}

test("the predicate's head verb is re-inflected to the template's form, same lemma", () => {
  const sentence = "The regulator blocks the merger of the two chipmakers.";
  const result = fillTemplate(
    {
      template: "has",
      slots: { subject: span(sentence, "The regulator"), predicate: span(sentence, "blocks the merger") },
    },
    [sentence],
  );
  assert.deepEqual(result, { ok: true, text: "Has the regulator blocked the merger?" });
  const modal = "Zorvex will acquire Quillon by March.";
  assert.deepEqual(
    fillTemplate(
      {
        template: "will",
        slots: { subject: span(modal, "Zorvex"), predicate: span(modal, "acquire Quillon") },
      },
      [modal],
    ),
    { ok: true, text: "Will Zorvex acquire Quillon?" },
  );
});

test("a noun, a name or a function word at the predicate's head is never re-inflected", () => {
  const noun = "The board approval followed weeks of talks.";
  const refused = fillTemplate(
    {
      template: "has",
      slots: { subject: span(noun, "The board"), predicate: span(noun, "approval followed") },
    },
    [noun],
  );
  assert.deepEqual(refused, { ok: false, rule: "predicate head is not a verb" });
  const negation = "The agency did not block the deal.";
  assert.equal(
    fillTemplate(
      {
        template: "has",
        slots: { subject: span(negation, "The agency"), predicate: span(negation, "not block the deal") },
      },
      [negation],
    ).ok,
    false,
  );
  const name = "The court Americas ruling stands.";
  assert.equal(
    fillTemplate(
      {
        template: "has",
        slots: { subject: span(name, "The court"), predicate: span(name, "Americas ruling") },
      },
      [name],
    ).ok,
    false,
  );
});

test("isVerbHead: inflected forms, any word after a modal, base forms after 'to', never nominal, function words or adverbs", () => {
  assert.ok(isVerbHead("blocks", "regulator"));
  assert.ok(isVerbHead("approved", "quietly"));
  assert.ok(isVerbHead("sold", "Quillon"));
  assert.ok(isVerbHead("close", "to"));
  assert.ok(isVerbHead("merge", "will"));
  assert.ok(isVerbHead("signal", "could"), "after a modal the word is its verb, whatever its ending");
  assert.ok(!isVerbHead("approval", "the"));
  assert.ok(!isVerbHead("approval", "May"), "a capitalised May is a month");
  assert.ok(!isVerbHead("likely", "would"), "an adverb is no head");
  assert.ok(!isVerbHead("just", "would"));
  assert.ok(!isVerbHead("operations", "its"));
  assert.ok(!isVerbHead("the", "will"));
  assert.ok(!isVerbHead("merge", "the"), "a bare base form with nothing to show it is a verb");
  assert.ok(!isVerbHead("Americas", "to"));
});

test("slots that overlap or stand out of evidence order are refused", () => {
  const sentence = "Zorvex is expected to acquire Quillon by March.";
  const subject = span(sentence, "Zorvex");
  const predicate = span(sentence, "acquire Quillon");
  assert.equal(fillTemplate({ template: "will", slots: { subject, predicate } }, [sentence]).ok, true);
  const overlapping = { evidence: 0, start: subject.start, end: predicate.start + 3 };
  assert.deepEqual(
    fillTemplate({ template: "will", slots: { subject: overlapping, predicate } }, [sentence]),
    { ok: false, rule: "slots overlap or are out of evidence order" },
  );
  assert.deepEqual(
    fillTemplate({ template: "will", slots: { subject: predicate, predicate: subject } }, [sentence]),
    { ok: false, rule: "slots overlap or are out of evidence order" },
  );
  const first = "Zorvex said the price was 10 dollars.";
  const other = "Quillon said the price was 12 dollars.";
  const a = { ...span(other, "12 dollars"), evidence: 1 };
  const b = span(first, "10 dollars");
  assert.equal(fillTemplate({ template: "figures", slots: { a: b, b: a } }, [first, other]).ok, true);
  assert.equal(
    fillTemplate({ template: "figures", slots: { a, b } }, [first, other]).ok,
    false,
    "slot a from a later sentence than slot b",
  );
});
