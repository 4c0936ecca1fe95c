// `npm run eval:quotes -- <attribution dir> [--examples wrong|abstained|missed|spurious] [--half even|odd]`:
// scores quote extraction and speakers on the attribution development set; exits 1 when under the targets.
// `--half` keeps the passages whose numeric id is even or odd, so a rule that only fits one half shows up.
import { existsSync } from "node:fs";
import path from "node:path";
import { loadPassages, QUOTE_TARGETS, scoreAll, type QuotesReport } from "./quotesEval.js";
import type { Tally } from "./quoteScore.js";

const dir = process.argv[2];
if (!dir || !existsSync(path.join(dir, "polnear-dev.jsonl"))) {
  console.error(
    `usage: npm run eval:quotes -- <dir containing polnear-dev.jsonl>${dir ? ` (none in ${dir})` : ""}`,
  );
  process.exit(2);
}
const examplesFlag = process.argv.indexOf("--examples");
const examples = examplesFlag > 0 ? (process.argv[examplesFlag + 1] ?? "") : "";

const halfFlag = process.argv.indexOf("--half");
const half = halfFlag > 0 ? (process.argv[halfFlag + 1] ?? "") : "";
const parity = (id: string): number => Number(/(\d+)$/.exec(id)?.[1] ?? 0) % 2;
const passages = (await loadPassages(dir)).filter(
  (p) => half === "" || (half === "even" ? parity(p.id) === 0 : parity(p.id) === 1),
);
const report: QuotesReport = scoreAll(passages);
const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
const ratio = (a: number, b: number): string => (b === 0 ? "  -  " : (a / b).toFixed(2));

function row(name: string, t: Tally): string {
  const scored = t.correct + t.wrong + t.abstained;
  return [
    name.padEnd(16),
    String(t.gold).padStart(5),
    ratio(t.found, t.gold).padStart(7),
    ratio(t.correct, scored).padStart(8),
    String(t.wrong).padStart(6),
    String(t.abstained).padStart(6),
  ].join(" ");
}

const list: Record<string, string[]> = {
  wrong: report.wrongExamples,
  abstained: report.abstainedExamples,
  missed: report.missedExamples,
  spurious: report.spuriousExamples,
};
for (const line of list[examples] ?? []) console.log(line);

console.log(
  `\n${"style tag".padEnd(16)} ${"gold".padStart(5)} ${"recall".padStart(7)} speaker  wrong  abst.`,
);
console.log(row("all", report.all));
for (const [tag, t] of [...report.byTag.entries()].sort((a, b) => b[1].gold - a[1].gold))
  console.log(row(tag, t));
const { all } = report;
console.log(`
passages              ${report.passages}, gold quotes ${all.gold}, emitted (scored) ${report.emitted}
recall                ${report.recall.toFixed(3)}   (target ≥ ${QUOTE_TARGETS.recall})   without one-word quotes ${report.recallWithoutOneWord.toFixed(3)}
precision             ${report.precision.toFixed(3)}   (target ≥ ${QUOTE_TARGETS.precision})
speaker accuracy      ${report.speakerAccuracy.toFixed(3)}   (target ≥ ${QUOTE_TARGETS.speaker})   correct ${all.correct}
wrong speakers        ${all.wrong} = ${pct(report.wrongRate)}   (target ≤ ${pct(QUOTE_TARGETS.wrongRate)})
abstained             ${all.abstained}
end-to-end            ${report.endToEnd.toFixed(3)}   (found and right, of ${all.withSpeaker} gold quotes with a speaker)
${report.pass ? "PASS" : "FAIL"}`);
process.exit(report.pass ? 0 : 1);
