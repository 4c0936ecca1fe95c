// The gold evaluation on ../shared/corpus holds the targets of the engine issue.
import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluate, quoteMatches, speakerMatches, TARGETS } from "../../../scripts/eval/goldEval.js";
import { CORPUS, NO_CORPUS } from "../../support/shared.js";

test("speaker and quote matching rules of the evaluation", () => {
  assert.ok(speakerMatches("Trump", "Donald Trump"));
  assert.ok(speakerMatches("British CMA", "CMA"));
  assert.ok(speakerMatches("Competition and Markets Authority", "CMA"));
  assert.ok(!speakerMatches("Oracle", "Safra Catz"));
  assert.ok(!speakerMatches(null, "Walmart"));
  assert.ok(
    quoteMatches(
      "Where we diverged with the CMA was on remedies. We accepted a licence.",
      "Where we diverged with the CMA was on remedies.",
    ),
  );
  assert.ok(!quoteMatches("remedies", "Where we diverged with the CMA was on remedies."));
});

test("corpus evaluation meets every target", { skip: NO_CORPUS }, async () => {
  const { totals, entries } = await evaluate(CORPUS);
  console.log(JSON.stringify(totals));
  assert.equal(totals.verbatim, 1);
  assert.ok(totals.quoteRecall >= TARGETS.quoteRecall, `quote recall ${totals.quoteRecall}`);
  assert.ok(totals.speakerAccuracy >= TARGETS.speakerAccuracy, `speaker accuracy ${totals.speakerAccuracy}`);
  assert.ok(totals.factRecall >= TARGETS.factRecall, `fact recall ${totals.factRecall}`);
  for (const e of entries) {
    // Every brief raises something still open, and nothing a later source answered; a story near its end
    // may have one open question left (the eval prints the ≥ 2 target and how far below it a story is).
    assert.ok(e.questions >= 1, `${e.query}: ${e.questions} questions`);
    assert.deepEqual(e.timeAxis.staleQuestions, [], `${e.query}: stale questions`);
    assert.deepEqual(e.absentFound, [], e.query);
    assert.deepEqual(e.foreignSources, [], e.query);
  }
});
