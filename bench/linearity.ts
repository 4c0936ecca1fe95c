// Linearity benchmark (`npm run bench:linearity`): time per KB of sentence
// splitting and quote extraction on one-paragraph text from 10 KB to 2 MB, realistic and crafted. Linear
// code keeps time per KB within 2× across the sizes; the table says whether it does. CPU time is the measure
// (the machine may be shared: wall time also counts other processes); wall time's spread is shown beside it.
// Run with --single-threaded (package.json) so the process's CPU time is the work's own: otherwise V8's
// concurrent marking and compiler threads add CPU time that varies from sample to sample.
// LINEARITY_SIZES=10,100 (KB) limits the sizes measured.
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { extractQuotesFromText, splitSentences } from "../src/index.js";
import { CRAFTED, transcriptParagraph } from "./hostileText.js";

const sizesKb = (process.env.LINEARITY_SIZES ?? "10,100,500,1000,2000")
  .split(",")
  .map((s) => Number(s.trim()))
  .filter((n) => n > 0);

/** A full collection before each run, so one run's garbage is not billed to the next (needs --expose-gc). */
const collect = (): void => {
  (globalThis as { gc?: () => void }).gc?.();
};

interface Timing {
  /** CPU time of this process per call (user + system): what the work costs, whatever else runs. */
  cpu: number;
  /** Wall time per call, which on a shared machine also counts the time other processes had the cores. */
  wall: number;
}

/**
 * One sample: CPU and wall time per call, in ms. A sample repeats small inputs until it holds ~2 MB of text,
 * so every sample is long enough to measure and has the same amount of work; it ends with a full collection,
 * so each sample pays for its own garbage (otherwise a one-call sample of a large input leaves its garbage to
 * the next sample's warm-up collection, and looks cheaper per KB than many calls on a small one).
 */
function sample(run: () => unknown, kb: number): Timing {
  const calls = Math.max(1, Math.round(2000 / kb));
  collect();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let c = 0; c < calls; c++) run();
  collect();
  const wall = performance.now() - t0;
  const used = process.cpuUsage(c0);
  return { cpu: (used.user + used.system) / 1000 / calls, wall: wall / calls };
}

/**
 * The text as one flat string, as a document read from a file is: `repeat` and `slice` give ropes and slices
 * whose representation differs from size to size, and V8's string access cost differs with it.
 */
const flat = (text: string): string => Buffer.from(text, "utf8").toString("utf8");

/**
 * Best of several samples per size (the minimum is the least noisy), taken in rounds across the sizes: a
 * busy spell of the machine then falls on every size alike instead of on whichever size was being measured.
 * At least 3 rounds, at most 9, fewer than 9 only once the row has taken 6 s.
 */
function timeSizes(runs: Array<() => unknown>, sizes: readonly number[]): Timing[] {
  const best = sizes.map(() => ({ cpu: Infinity, wall: Infinity }));
  let spent = 0;
  for (let round = 0; round < 9 && (round < 3 || spent < 6000); round++) {
    sizes.forEach((kb, k) => {
      const t0 = performance.now();
      const t = sample(runs[k] ?? (() => undefined), kb);
      spent += performance.now() - t0;
      const b = best[k];
      if (b) {
        b.cpu = Math.min(b.cpu, t.cpu);
        b.wall = Math.min(b.wall, t.wall);
      }
    });
  }
  return best;
}

interface Row {
  input: string;
  stage: string;
  perKb: number[];
  wallPerKb: number[];
}

const inputs: Record<string, (bytes: number) => string> = { transcript: transcriptParagraph, ...CRAFTED };
const stages: Record<string, (text: string) => unknown> = {
  splitSentences,
  extractQuotesFromText: (text) => extractQuotesFromText(text),
};

const spread = (xs: number[]): number => Math.max(...xs) / Math.max(Math.min(...xs), 1e-6);

const rows: Row[] = [];
for (const [input, make] of Object.entries(inputs)) {
  for (const [stage, run] of Object.entries(stages)) {
    // Warm-up on a mid-size input of the same kind: without it the first (smallest) size is timed before the
    // JIT has optimised the code and looks several times dearer per KB than the rest.
    const warm = make(200 * 1024);
    for (let w = 0; w < 3; w++) run(warm);
    const texts = sizesKb.map((kb) => flat(make(kb * 1024)));
    for (const text of texts) run(text);
    const timings = timeSizes(
      texts.map((text) => () => run(text)),
      sizesKb,
    ).map((t, k) => ({ cpu: t.cpu / (sizesKb[k] ?? 1), wall: t.wall / (sizesKb[k] ?? 1) }));
    const row = { input, stage, perKb: timings.map((t) => t.cpu), wallPerKb: timings.map((t) => t.wall) };
    rows.push(row);
    console.error(`${input} / ${stage}: ${row.perKb.map((x) => x.toFixed(3)).join(" ")} ms/KB (CPU)`);
  }
}

const header = `| input | stage | ${sizesKb.map((kb) => `${kb} KB`).join(" | ")} | max/min | linear | wall max/min |`;
const rule = `|---|---|${sizesKb.map(() => "---:").join("|")}|---:|---|---:|`;
console.log(
  `\nCPU time per KB (ms), one paragraph, best of 3–9 samples (2 MB of text each, its garbage collected) taken in rounds across the sizes\n\n${header}\n${rule}`,
);
let allLinear = true;
for (const r of rows) {
  const linear = spread(r.perKb) <= 2;
  allLinear &&= linear;
  console.log(
    `| ${r.input} | ${r.stage} | ${r.perKb.map((x) => x.toFixed(3)).join(" | ")} | ${spread(r.perKb).toFixed(2)} | ${linear ? "yes" : "NO"} | ${spread(r.wallPerKb).toFixed(2)} |`,
  );
}
const load = loadavg()
  .map((x) => x.toFixed(1))
  .join(" ");
console.log(`\nload average at the end: ${load} (${new Date().toISOString()})`);
console.log(`\n${allLinear ? "linear within 2× everywhere" : "NOT linear within 2×"}`);
process.exitCode = allLinear ? 0 : 1;
