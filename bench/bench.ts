// Performance benchmark (`npm run bench`): for each engine and corpus size, a child process (bench/run.ts)
// ingests a realistic corpus recombined from the shared news corpora (bench/realCorpus.ts), then measures
// cold briefs over 200 random topics, unknown topics, autocomplete, briefs right after an add, a restart,
// RSS and ingest throughput. Then the Discord round trip (the real bot against the loopback Discord double,
// see discordBench.ts). Prints a markdown report and writes it to bench/results.md.
// BENCH_SIZES=10000,100000 (default) picks the sizes, BENCH_ENGINES=memory,sqlite the engines,
// BENCH_DISCORD=0 skips the Discord run.
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { benchInteractions, type InteractionBench } from "./discordBench.js";
import { fmt, lat, ms, table } from "./measure.js";
import { SHARED } from "./realCorpus.js";
import type { RunResult } from "./run.js";

const here = path.dirname(fileURLToPath(import.meta.url));

if (!existsSync(path.join(SHARED, "corpus")) || !existsSync(path.join(SHARED, "corpus-b"))) {
  console.error(
    `The benchmark recombines the shared news corpora and needs ${SHARED}/corpus and corpus-b (../shared from the repository). They are not here, so there is nothing to measure.`,
  );
  process.exit(2);
}

const list = (value: string | undefined, fallback: string): string[] =>
  (value ?? fallback)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
const sizes = list(process.env.BENCH_SIZES, "10000,100000").map(Number);
const engines = list(process.env.BENCH_ENGINES, "memory,sqlite");
if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) {
  console.error("BENCH_SIZES must list positive integers, e.g. BENCH_SIZES=10000,100000");
  process.exit(2);
}

const started = performance.now();
const results: RunResult[] = [];
const failures: string[] = [];
for (const n of sizes) {
  for (const engine of engines) {
    console.error(`bench: ${engine} at ${fmt(n)} documents…`);
    const child = spawnSync(
      process.execPath,
      [
        "--expose-gc",
        "--max-old-space-size=8192",
        "--import",
        "tsx",
        path.join(here, "run.ts"),
        engine,
        String(n),
      ],
      { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 16 * 1024 * 1024 },
    );
    const line = child.stdout.trim().split("\n").at(-1) ?? "";
    if (child.status !== 0 || !line.startsWith("{")) {
      failures.push(`${engine} at ${fmt(n)}: exit ${child.status ?? child.signal ?? "?"}`);
      continue;
    }
    results.push(JSON.parse(line) as RunResult);
    // Each run is kept as it finishes, so a long benchmark that is stopped still leaves its figures.
    appendFileSync(path.join(os.tmpdir(), "docket-bench-runs.jsonl"), `${line}\n`);
  }
}

type DiscordResult = { ok: true; bench: InteractionBench } | { ok: false; error: string } | null;
let discord: DiscordResult = null;
if (process.env.BENCH_DISCORD !== "0") {
  console.error("bench: 200 /deal interactions through the bot and the Discord double…");
  try {
    discord = { ok: true, bench: await benchInteractions(200) };
  } catch (error) {
    discord = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function check(value: number | null | undefined, target: number, lowerIsBetter = true): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  const meets = lowerIsBetter ? value <= target : value >= target;
  return meets ? "meets" : "MISSES";
}

function report(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const lines: string[] = [
    "## Benchmark results",
    "",
    `Machine: ${cpu}, ${os.cpus().length} cores (shared with other work, so absolute figures are noisy: compare ` +
      `engines within one run), ${fmt(os.totalmem() / 1024 ** 3, 1)} GB RAM, Node ${process.version}. ` +
      `Run on ${new Date().toISOString().slice(0, 10)}, ${fmt((performance.now() - started) / 1000)} s in all; ` +
      `load average at the end ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" / ")}.`,
    "",
    "Corpus: real paragraphs and sentences of the shared news corpora, recombined into synthetic stories with " +
      "generated company and person names (Zipf popularity), ~3.4 KB markdown documents with front matter. " +
      "Latencies are p50 / p99 / max in ms; briefs use the template phraser. Each engine and size runs in its own process.",
    "",
  ];
  const head = ["Metric", ...results.map((r) => `${r.engine}, ${fmt(r.n)} docs`), "Target (issue 12)"];
  const row = (name: string, cell: (r: RunResult) => string, target = ""): string[] => [
    name,
    ...results.map(cell),
    target,
  ];
  const rows = [
    row(
      "Ingest throughput",
      (r) => `${fmt(r.docsPerS)} docs/s (last 10%: ${fmt(r.tailDocsPerS)})`,
      "≥ 1,000 docs/s",
    ),
    row("RSS after ingest", (r) => `${fmt(r.rssMB)} MB`, "≤ 500 MB at start, ≤ 1 GB"),
    row("Topics offered", (r) => fmt(r.topics)),
    row(
      "Restart: ready / first brief",
      (r) =>
        r.restartReadyMs === null
          ? "–"
          : `${ms(r.restartReadyMs)} ms / ${ms(r.restartFirstBriefMs ?? Number.NaN)} ms`,
      "answers within 5 s",
    ),
    row("Cold brief (first call per topic)", (r) => lat(r.cold), "p99 ≤ 300 ms"),
    row("Unknown topic", (r) => lat(r.unknown), "p99 ≤ 300 ms"),
    row("Autocomplete", (r) => lat(r.complete), "p99 ≤ 100 ms"),
    row("Brief right after an add", (r) => lat(r.afterAdd), "p99 ≤ 300 ms"),
    row("Topics answered / tried", (r) => `${r.answered} / ${r.tried} of ${r.planned}`),
  ];
  lines.push(...table(head, rows), "");
  for (const r of results) {
    const where = `${r.engine}, ${fmt(r.n)} docs`;
    lines.push(
      `- ${where}: ingest ${check(r.docsPerS, 1000, false)} ≥ 1,000 docs/s; cold brief p99 ${check(r.cold?.p99, 300)} ≤ 300 ms; ` +
        `unknown p99 ${check(r.unknown?.p99, 300)}; autocomplete p99 ${check(r.complete?.p99, 100)} ≤ 100 ms; ` +
        `after-add p99 ${check(r.afterAdd?.p99, 300)}; restart to first brief ${check(r.restartFirstBriefMs, 5000)} ≤ 5 s; RSS ${check(r.rssMB, 1024)} ≤ 1 GB.`,
    );
    for (const note of [...r.notes, ...r.errors.slice(0, 5)]) lines.push(`- ${where}: ${note}.`);
  }
  for (const f of failures) lines.push(`- FAILED: ${f}.`);
  if (discord?.ok) {
    const b = discord.bench;
    lines.push(
      `- Discord (real bot, seeds/ index, loopback double, 200 \`/deal\` one after another): INTERACTION_CREATE → callback ` +
        `p50/p99/max ${fmt(b.p50)} / ${fmt(b.p99)} / ${fmt(b.max)} ms; → final message ${fmt(b.final.p50)} / ${fmt(b.final.p99)} / ${fmt(b.final.max)} ms; ${b.deferred} deferred.`,
    );
  } else if (discord) lines.push(`- Discord benchmark failed: ${discord.error}.`);
  lines.push("");
  return lines.join("\n");
}

const markdown = report();
console.log(markdown);
writeFileSync(path.join(here, "results.md"), markdown);
console.error(`wrote ${path.join(here, "results.md")}`);
if (failures.length > 0 || (discord && !discord.ok)) process.exitCode = 1;
