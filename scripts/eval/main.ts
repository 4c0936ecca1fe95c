// `npm run eval -- <corpus dir>`: a development tool, not shipped; prints the gold-file evaluation and exits 1 when under the targets.
import { existsSync } from "node:fs";
import path from "node:path";
import { evaluate, TARGETS } from "./goldEval.js";

const dir = process.argv[2];
if (!dir || !existsSync(path.join(dir, "gold.json"))) {
  console.error(
    `usage: npm run eval -- <corpus dir containing gold.json>${dir ? ` (no gold.json in ${dir})` : ""}`,
  );
  process.exit(2);
}
const { entries, totals, pass } = await evaluate(dir);
const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
for (const e of entries) {
  console.log(`\n# ${e.query}`);
  console.log(
    `  quotes ${e.quotes} (verbatim ${e.verbatim}), gold quotes recalled ${e.recalled}/${e.goldQuotes}, speakers right ${e.speakersRight}/${e.recalled}`,
  );
  console.log(
    `  facts ${e.factsFound}/${e.facts}, questions ${e.questions}, settled ${e.settled}, hedges found ${e.hedgesFound}`,
  );
  for (const m of e.missingQuotes) console.log(`  missing quote: ${m}`);
  for (const w of e.wrongSpeakers) console.log(`  wrong speaker: ${w}`);
  for (const a of e.abstained) console.log(`  no speaker: ${a}`);
  for (const f of e.fragments) console.log(`  fragment: ${f}`);
  for (const d of e.duplicates) console.log(`  duplicate quote: ${d}`);
  for (const o of e.missingOpenPoints) console.log(`  open point not raised: ${o}`);
  for (const f of e.missingFacts) console.log(`  missing fact: ${f}`);
  for (const a of e.absentFound) console.log(`  ABSENT STRING FOUND: ${a}`);
  for (const s of e.foreignSources) console.log(`  SOURCE FROM ANOTHER STORY: ${s}`);
  const t = e.timeAxis;
  console.log(
    `  time axis: ${t.dated ? "dated" : "undated"}, state ${t.hasState ? "yes" : "no"}, timeline ${t.timelineEntries}`,
  );
  for (const p of t.timelineProblems) console.log(`  timeline problem: ${p}`);
  for (const q of t.staleQuestions) console.log(`  question after the story ended: ${q}`);
  for (const f of t.figuresWithoutNumber) console.log(`  key figure without a number or date: ${f}`);
}
const dated = entries.filter((e) => e.timeAxis.dated);
const stateAndTimeline = dated.filter((e) => e.timeAxis.hasState && e.timeAxis.timelineEntries > 0).length;
const count = (f: (t: (typeof entries)[number]["timeAxis"]) => number): number =>
  entries.reduce((n, e) => n + f(e.timeAxis), 0);
console.log(`
quote verbatim rate   ${pct(totals.verbatim)}   (target ${pct(TARGETS.verbatim)})
gold-quote recall     ${totals.quoteRecall.toFixed(2)}      (target ≥ ${TARGETS.quoteRecall})
speaker accuracy      ${totals.speakerAccuracy.toFixed(2)}      (target ≥ ${TARGETS.speakerAccuracy})
wrong speakers        ${totals.wrong} = ${pct(totals.wrongRate)}   (target ≤ ${pct(TARGETS.wrongRate)})
abstentions           ${totals.abstained}
fragments             ${totals.fragments}          (target 0)
duplicate quotes      ${totals.duplicates}          (target 0)
fact recall           ${totals.factRecall.toFixed(2)}      (target ≥ ${TARGETS.factRecall})
open points raised    ${totals.openPoints.toFixed(2)}      (target ≥ ${TARGETS.openPoints}; open ${totals.openOnly.toFixed(2)}, settled ${(totals.openPoints - totals.openOnly).toFixed(2)})
points per story      min ${totals.minPoints}      (target ≥ ${TARGETS.questionsPerStory}; open questions min ${totals.minQuestions})
absent strings found  ${totals.absent}          (target 0)
other-story sources   ${totals.foreign}          (target 0)
state and timeline    ${stateAndTimeline}/${dated.length} dated stories   (target all)
timeline problems     ${count((t) => t.timelineProblems.length)}          (target 0)
stale questions       ${count((t) => t.staleQuestions.length)}          (target 0: none from before the story ended)
figures w/o number    ${count((t) => t.figuresWithoutNumber.length)}          (target 0)
${pass ? "PASS" : "FAIL"}`);
process.exit(pass ? 0 : 1);
