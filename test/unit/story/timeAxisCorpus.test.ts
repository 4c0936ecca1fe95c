// Issue 10's time-axis acceptance over both shared corpora (skipped when they are absent): every story
// with a dated source has a current state and a timeline, in order and citing its own sources; no open
// question rests on a source from before the story ended.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { evaluate } from "../../../scripts/eval/goldEval.js";
import { DEV_CORPORA } from "../../support/shared.js";

const DIRS = DEV_CORPORA;

for (const dir of DIRS) {
  const present = existsSync(`${dir}gold.json`);
  test(`time axis on ${dir}`, { skip: present ? false : `${dir} not found: skipped` }, async () => {
    const { entries } = await evaluate(dir);
    for (const e of entries) {
      const t = e.timeAxis;
      if (t.dated) {
        assert.ok(t.hasState, `${e.query}: dated but no current state`);
        assert.ok(t.timelineEntries > 0, `${e.query}: dated but no timeline`);
      }
      assert.deepEqual(t.timelineProblems, [], e.query);
      assert.deepEqual(t.staleQuestions, [], e.query);
    }
  });
}
