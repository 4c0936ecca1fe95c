// Open questions built from a reported clause ("X added that Y will …"): a possessive in the question may point
// at the speaker the question leaves out, so such a question is not asked; with the speaker in it, it is.
import assert from "node:assert/strict";
import { test } from "node:test";
import { buildBrief } from "../../../src/core/brief/buildBrief.js";
import { DocumentIndex } from "../../../src/core/index/docIndex.js";
import { makeDoc } from "../../support/shared.js";

async function questionsOf(sentence: string): Promise<string[]> {
  const index = new DocumentIndex();
  const text = [
    "Globex and Initech in talks",
    "",
    "Globex is in talks to buy a stake in Initech Cloud.",
    "",
    sentence,
  ];
  index.add(makeDoc(text.join("\n"), { location: "a.txt", published: "2024-03-01" }));
  return (await buildBrief(index, "initech")).questions.map((q) => q.text);
}

test("a possessive that may point at the left-out speaker of a reported clause asks nothing clear", async () => {
  const left = await questionsOf(
    "Globex added on Monday that Initech Cloud will become its largest division.",
  );
  assert.ok(!left.some((q) => /\bits largest division\b/u.test(q)), JSON.stringify(left));
  const kept = await questionsOf("Initech Cloud will become its parent's largest division, the board said.");
  assert.ok(
    kept.some((q) => /\bits parent's largest division\b/u.test(q)),
    JSON.stringify(kept),
  );
});
