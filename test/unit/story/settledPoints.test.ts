// Points a story's earlier reports left open that a later-dated report settled, on invented stories: shown
// apart from the open questions, each with the event that settled it and both sources; a speaker's own
// forecast (quoted or in the first person) is no settled point, nor a point its own report settles, nor a
// deadline the story went past (the later report need not name it, so it cannot be cited for it).
import assert from "node:assert/strict";
import { test } from "node:test";
import { buildBrief } from "../../../src/core/brief/buildBrief.js";
import { DocumentIndex } from "../../../src/core/index/docIndex.js";
import { makeDoc } from "../../support/shared.js";

const EARLY = [
  "Regulator expected to block Globex bid for Initech",
  "",
  "The Trade Authority is expected to block Globex’s $8 billion purchase of Initech after a review of the cloud market.",
  "",
  "“We will keep working with the regulator to get this deal done,” Globex chief executive Dana Ortiz said.",
  "",
  "We remain confident that the purchase of Initech will close this year.",
].join("\n");

const LATE = [
  "Globex abandons Initech deal",
  "",
  "Globex abandoned its $8 billion purchase of Initech on Monday after months of regulatory opposition.",
].join("\n");

async function story(early: string, late: string) {
  const index = new DocumentIndex();
  index.add(makeDoc(early, { location: "early.txt", published: "2024-03-01" }));
  index.add(makeDoc(late, { location: "late.txt", published: "2024-09-10" }));
  return buildBrief(index, "initech");
}

test("a forecast a later report settled is shown settled with that event, not asked", async () => {
  const brief = await story(EARLY, LATE);
  const idOf = (location: string) => brief.sources.find((s) => s.location === location)?.id;
  const settled = brief.settled.find((p) => p.basis.includes("is expected to block"));
  assert.ok(settled, `settled: ${JSON.stringify(brief.settled)}`);
  assert.equal(settled.source, idOf("early.txt"));
  assert.deepEqual(settled.by, { label: "Abandoned", date: "2024-09-09", source: idOf("late.txt") });
  assert.ok(!brief.questions.some((q) => q.basis.includes("is expected to block")));
  // Someone's own forecast, quoted or in the first person, is a quote, not a point the story left open.
  for (const words of ["keep working", "remain confident"])
    assert.ok(!brief.settled.some((p) => p.basis.includes(words)), `settled: ${words}`);
});

test("while nothing later settles it, the forecast stays an open question and nothing is settled", async () => {
  const pending = LATE.replace("Globex abandons Initech deal", "Globex weighs Initech deal").replace(
    "abandoned its",
    "said it was still reviewing its",
  );
  const brief = await story(EARLY, pending);
  assert.deepEqual(brief.settled, []);
  assert.ok(brief.questions.some((q) => q.basis.includes("is expected to block")));
});

test("a deadline the story went past is no question, and not shown settled by a report that never names it", async () => {
  const early = [
    "Globex sets date for Initech talks",
    "",
    "Globex hopes to finish its talks to buy Initech by June 15, the company said in a statement.",
  ].join("\n");
  const late = [
    "Initech agrees to sell to Hooli",
    "",
    "Initech agreed on Monday to sell itself to Hooli for $9 billion, ending a months-long auction.",
  ].join("\n");
  const brief = await story(early, late);
  assert.ok(!brief.questions.some((q) => q.basis.includes("by June 15")));
  assert.ok(!brief.settled.some((p) => p.basis.includes("by June 15")));
});

test("a point is settled by a later report, not by the same one", async () => {
  const both = [
    "Regulator clears Globex bid for Initech",
    "",
    "The Trade Authority said it will approve the purchase of Initech if the conditions are met.",
    "",
    "The Trade Authority approved Globex’s $8 billion purchase of Initech on Monday, with conditions.",
  ].join("\n");
  const index = new DocumentIndex();
  index.add(makeDoc(both, { location: "both.txt", published: "2024-09-10" }));
  const brief = await buildBrief(index, "initech");
  assert.deepEqual(brief.settled, []);
});
