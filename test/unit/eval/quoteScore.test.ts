// The attribution set's scoring rule: LCS matching both ways, truncated quotes, the ignore list, speaker keys.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  lcs,
  matchScore,
  scorePassage,
  scoreWords,
  speakerVerdict,
} from "../../../scripts/eval/quoteScore.js";

const w = scoreWords;

test("words are lower-cased letter and digit runs with apostrophes folded", () => {
  assert.deepEqual(w("“It’s 24 o'clock,” he said."), ["it", "s", "24", "o", "clock", "he", "said"]);
  assert.equal(lcs(w("a b c d"), w("a x c d")), 3);
});

test("a match needs 80 % of the gold words and 50 % of the emitted words, or a 60 % truncation", () => {
  const gold = w("one two three four five six seven eight nine ten");
  assert.ok(matchScore(w("one two three four five six seven eight nine"), gold) > 0);
  assert.ok(matchScore(w("one two three four five six"), gold) > 0, "truncated to 60 %");
  assert.equal(matchScore(w("one two three four five"), gold), 0, "truncated below 60 %");
  const swallowed = `${gold.join(" ")} ${"x ".repeat(12)}`;
  assert.equal(matchScore(w(swallowed), gold), 0, "a span that swallows narration");
});

test("speaker keys match tokens and tokens run together; null is an abstention", () => {
  assert.equal(speakerVerdict("Donald J. Trump", ["trump"]), "correct");
  assert.equal(speakerVerdict("Mike Pence", ["trump"]), "wrong");
  assert.equal(speakerVerdict(null, ["trump"]), "abstained");
  assert.equal(speakerVerdict("Tik Tok", ["tiktok"]), "correct");
});

test("precision leaves out quotes that match only an ignore string", () => {
  const text = "He called it “a disgrace” and said “we will win this race in November.”";
  const golds = [{ text: "we will win this race in November.", speaker: "X", speaker_keys: ["x"], kind: [] }];
  const emitted = [
    { text: "a disgrace", speaker: null, start: 14, end: 24 },
    { text: "we will win this race in November.", speaker: "Y", start: 36, end: 70 },
    { text: "something else entirely here", speaker: null, start: 0, end: 1 },
  ];
  const score = scorePassage(text, golds, ["a disgrace"], emitted);
  assert.equal(score.counted, 2);
  assert.equal(score.matchedEmitted, 1);
  assert.equal(score.golds[0]?.verdict, "wrong");
});
