// Acceptance 3 of the selection design, over every question of every gold story on ../shared/corpus and
// ../shared/corpus-b (skipped when they are absent): offline questions are template questions whose words all
// come from their evidence, and none has the malformed forms a free-text writer produced — a question that
// ends in a colon ("Will it happen:"), a template word run into a span ("in its become final"), or a verb
// made from a noun or a name.
import assert from "node:assert/strict";
import { test } from "node:test";
import { TEMPLATES } from "../../../src/core/story/questionTemplates.js";
import { isVerbHead, sameLemma } from "../../../src/core/story/verbs.js";
import { CORPORA, corpusBriefs } from "../../support/corpusItems.js";

const NO_CORPORA = CORPORA.length === 0 ? "../shared/corpus and corpus-b not found: skipped" : false;

const wordsOf = (text: string): string[] => text.match(/[\p{L}\p{N}][\p{L}\p{N}'’$.%/-]*/gu) ?? [];
const clean = (word: string): string => word.toLowerCase().replace(/[.'’]+$/u, "");
/** Words the templates themselves write ("Will", "When", "become", "final", "Pending", "due"…). */
const TEMPLATE_WORDS = new Set(
  Object.values(TEMPLATES).flatMap((t) => wordsOf(t.text.replace(/\{\w+\}/g, " ")).map(clean)),
);

test(
  "every offline question on both corpora is a well-formed template question from its evidence",
  { skip: NO_CORPORA },
  async (t) => {
    let checked = 0;
    for (const brief of await corpusBriefs()) {
      for (const item of brief.questions) {
        const text = brief.template.get(item.id) ?? "";
        const at = `${brief.corpus}/${brief.topic} ${item.id}: ${text}`;
        checked++;
        assert.match(
          text,
          /^(?:(?:Will|When will|Has|Is it confirmed that|Which figure is right:) .+\?|Pending: .+)$/u,
          at,
        );
        assert.doesNotMatch(text, /:\s*$|\bhappen:/u, `${at}: ends in a colon`);
        assert.doesNotMatch(
          text,
          /\b(?:its|the|a|an|of|in|to)\s+become final\b/iu,
          `${at}: template run into a span`,
        );
        assert.doesNotMatch(text, /^Will (?:it|they|this|that|there) /u, `${at}: a bare pronoun as subject`);
        // Every word is an evidence word or a template word, except a re-inflected verb (same lemma).
        const evidenceWords = item.evidence.flatMap((sentence) => {
          const list = wordsOf(sentence);
          return list.map((word, k) => ({
            word: clean(word),
            raw: word.replace(/[.'’]+$/u, ""),
            previous: clean(list[k - 1] ?? ""),
          }));
        });
        const known = new Set(evidenceWords.map((e) => e.word));
        const changed = wordsOf(text)
          .map(clean)
          .filter((word) => !known.has(word) && !TEMPLATE_WORDS.has(word));
        assert.ok(changed.length <= 1, `${at}: words not in the evidence: ${changed.join(", ")}`);
        for (const word of changed) {
          const source = evidenceWords.find((e) => sameLemma(e.word, word));
          assert.ok(source, `${at}: "${word}" is no form of an evidence word`);
          assert.ok(
            isVerbHead(source.word, source.previous),
            `${at}: "${word}" is a verb made from "${source.word}"`,
          );
        }
      }
    }
    t.diagnostic(`${checked} questions checked`);
    assert.ok(checked > 0, "no question on either corpus");
  },
);
