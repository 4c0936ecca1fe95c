// Linearity benchmark (`npm run bench:linearity`; also run by `npm run bench`): time per KB of sentence
// splitting and quote extraction on one-paragraph text from 10 KB to 2 MB, realistic and crafted. Linear
// code keeps time per KB within 2× across the sizes; the table says whether it does.
// LINEARITY_SIZES=10,100 (KB) limits the sizes measured.
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

/** Best of several runs (the machine is shared; the minimum is the least noisy), in ms. */
function time(run: () => unknown): number {
  let best = Infinity;
  let spent = 0;
  for (let r = 0; r < 12 && (r < 3 || spent < 400); r++) {
    collect();
    const t0 = performance.now();
    run();
    const took = performance.now() - t0;
    spent += took;
    best = Math.min(best, took);
  }
  return best;
}

interface Row {
  input: string;
  stage: string;
  perKb: number[];
}

const inputs: Record<string, (bytes: number) => string> = { transcript: transcriptParagraph, ...CRAFTED };
const stages: Record<string, (text: string) => unknown> = {
  splitSentences,
  extractQuotesFromText: (text) => extractQuotesFromText(text),
};

const rows: Row[] = [];
for (const [input, make] of Object.entries(inputs)) {
  for (const [stage, run] of Object.entries(stages)) {
    const perKb = sizesKb.map((kb) => {
      const text = make(kb * 1024);
      run(text); // warm-up: JIT and regex caches
      return time(() => run(text)) / kb;
    });
    rows.push({ input, stage, perKb });
    console.error(`${input} / ${stage}: ${perKb.map((x) => x.toFixed(3)).join(" ")} ms/KB`);
  }
}

const header = `| input | stage | ${sizesKb.map((kb) => `${kb} KB`).join(" | ")} | max/min | linear |`;
const rule = `|---|---|${sizesKb.map(() => "---:").join("|")}|---:|---|`;
console.log(`\nTime per KB (ms), one paragraph, best of 3–12 runs\n\n${header}\n${rule}`);
let allLinear = true;
for (const r of rows) {
  const spread = Math.max(...r.perKb) / Math.max(Math.min(...r.perKb), 1e-6);
  const linear = spread <= 2;
  allLinear &&= linear;
  console.log(
    `| ${r.input} | ${r.stage} | ${r.perKb.map((x) => x.toFixed(3)).join(" | ")} | ${spread.toFixed(2)} | ${linear ? "yes" : "NO"} |`,
  );
}
console.log(`\n${allLinear ? "linear within 2× everywhere" : "NOT linear within 2×"}`);
process.exitCode = allLinear ? 0 : 1;
