// A faithful model that keeps each bullet's main clause and drops its appositives and adjuncts shortens the
// corpus briefs' bullets by at least 30 % in words on average, and no such selection is refused.
import assert from "node:assert/strict";
import { test } from "node:test";
import { applySelection } from "../../../src/core/phrase/llmPhraser.js";
import { splitEvidence } from "../../../src/core/phrase/spans.js";
import { CORPORA, corpusBriefs } from "../../support/corpusItems.js";
import { faithfulAnswer } from "../../support/selectionAnswers.js";

const words = (text: string): number => text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

test(
  "a faithful selection shortens the corpus bullets by ≥ 30 % on average with none refused",
  { skip: CORPORA.length === 0 ? "../shared corpora not found" : false },
  async () => {
    let items = 0;
    let reduction = 0;
    const refused: string[] = [];
    for (const brief of await corpusBriefs()) {
      for (const item of brief.items) {
        const spans = splitEvidence(item.evidence);
        const answer = faithfulAnswer({
          id: item.id,
          spans: spans.map((s) => ({ n: s.n, sentence: s.sentence, text: s.text, must: s.main })),
        });
        const verdict = applySelection(
          spans,
          item.evidence,
          answer["keep"] as Array<{ from: number; to: number }>,
          null,
        );
        if (!verdict.text || verdict.broken.length > 0) {
          refused.push(`${brief.topic}/${item.id}: ${verdict.broken.join(",")}`);
          continue;
        }
        const before = words(brief.template.get(item.id) ?? "");
        items++;
        reduction += 1 - words(verdict.text) / before;
      }
    }
    assert.deepEqual(refused, []);
    const mean = reduction / items;
    console.log(`faithful selection: ${items} bullets, ${(mean * 100).toFixed(1)} % shorter on average`);
    assert.ok(mean >= 0.3, `only ${(mean * 100).toFixed(1)} % shorter`);
  },
);
