// Lemmas by the regular spelling rules: a question re-inflects its head verb from the lemma, so a wrong
// lemma shows up as a misspelt word in a question ("Will the firm spee up…").
import assert from "node:assert/strict";
import { test } from "node:test";
import { inflect, lemmaOf } from "../../../src/core/story/verbs.js";

test("-eed words: -ee verbs lose the d, verbs that end in -eed keep it", () => {
  for (const [form, lemma] of [
    ["agreed", "agree"],
    ["guaranteed", "guarantee"],
    ["decreed", "decree"],
    ["freed", "free"],
    ["speed", "speed"],
    ["needs", "need"],
    ["proceed", "proceed"],
    ["succeed", "succeed"],
    ["exceed", "exceed"],
    ["feed", "feed"],
  ] as const)
    assert.equal(lemmaOf(form), lemma, form);
});

test("a base verb survives lemma and re-inflection to the base", () => {
  for (const word of ["speed", "need", "proceed", "block", "close", "plan", "agree"])
    assert.equal(inflect(lemmaOf(word), "base"), word, word);
});

test("-ed and -ing forms of verbs that end in a silent e after a consonant pair or two vowels", () => {
  for (const [form, lemma] of [
    ["announced", "announce"],
    ["enforced", "enforce"],
    ["merged", "merge"],
    ["judged", "judge"],
    ["involved", "involve"],
    ["served", "serve"],
    ["licensed", "license"],
    ["changing", "change"],
    ["released", "release"],
    ["received", "receive"],
    ["belonged", "belong"],
    ["bringing", "bring"],
    ["hanged", "hang"],
    ["enabled", "enable"],
    ["settling", "settle"],
    ["called", "call"],
    ["plunged", "plunge"],
    ["appeared", "appear"],
    ["claimed", "claim"],
    ["tested", "test"],
    ["opened", "open"],
  ] as const) {
    assert.equal(lemmaOf(form), lemma, form);
    assert.equal(
      inflect(lemma, form.endsWith("ed") ? "participle" : "base"),
      form.endsWith("ed") ? form : lemma,
    );
  }
});
