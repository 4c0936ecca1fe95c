// Stress check for concurrent writers (`npm run stress:ingest`, issue 9): 2 and 4 concurrent `docket ingest`
// processes on folders of their own, into one fresh store per round, on SQLite, Redis and PostgreSQL; after
// the processes finish, every document must be stored exactly once. Full size by default: 20 rounds of each
// of the six combinations, 1,500 documents per folder (the reproduction). Rounds go run by run
// across the combinations, so a run stopped early still covers every backend. Environment:
// STRESS_RUNS (20), STRESS_DOCS (1500), STRESS_PROCESSES (2,4), STRESS_BACKENDS (sqlite,redis,postgres),
// STRESS_LOG (a file that gets one JSON line per round). Exit code 1 when any round loses or repeats one.
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import {
  BACKENDS,
  type Backend,
  ingestRound,
  roundHolds,
  type RoundResult,
} from "../test/support/concurrentIngest.js";
import { POSTGRES_URL, REDIS_URL, reachable } from "../test/support/services.js";

const list = (value: string | undefined, fallback: string): string[] =>
  (value ?? fallback)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

const RUNS = Number(process.env.STRESS_RUNS ?? "20");
const DOCS = Number(process.env.STRESS_DOCS ?? "1500");
const PROCESSES = list(process.env.STRESS_PROCESSES, "2,4").map(Number);
const backends = list(process.env.STRESS_BACKENDS, BACKENDS.join(",")) as Backend[];
const LOG = process.env.STRESS_LOG;

const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(" ");

for (const [backend, url] of [
  ["redis", REDIS_URL],
  ["postgres", POSTGRES_URL],
] as const) {
  const problem = backends.includes(backend) ? await reachable(url) : null;
  if (problem !== null) {
    console.error(`${backend} is not reachable (${problem}): start it or leave it out with STRESS_BACKENDS`);
    process.exit(2);
  }
}

const work = mkdtempSync(path.join(tmpdir(), "docket-stress-"));
const results: RoundResult[] = [];
const started = performance.now();
console.log(
  `${RUNS} run(s) × ${backends.join("/")} × ${PROCESSES.join(" and ")} processes × ${DOCS} documents per folder; load average ${load()}`,
);
try {
  for (let run = 1; run <= RUNS; run++) {
    for (const backend of backends) {
      for (const processes of PROCESSES) {
        const r = await ingestRound(work, backend, processes, DOCS, `${backend}-${processes}-${run}`);
        results.push(r);
        if (LOG) appendFileSync(LOG, `${JSON.stringify({ run, ...r, load: loadavg()[0] })}\n`);
        const verdict = roundHolds(r)
          ? `all ${r.stored} stored once`
          : `FAILED: stored ${r.stored} of ${r.expected}, ${r.missing} missing, ${r.storedTwice} twice, ${r.idsTwice} ids twice ${r.failed.join("; ")}`;
        console.log(
          `run ${run} ${backend} ${processes}×${DOCS}: ${verdict}, ${(r.wallMs / 1000).toFixed(1)} s (load ${load()})`,
        );
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`\n| store | processes | rounds | documents | lost | stored twice | mean s | max s |`);
console.log(`|---|---:|---:|---:|---:|---:|---:|---:|`);
for (const backend of backends) {
  for (const processes of PROCESSES) {
    const rs = results.filter((r) => r.backend === backend && r.processes === processes);
    const secs = rs.map((r) => r.wallMs / 1000);
    const sum = (f: (r: RoundResult) => number): number => rs.reduce((n, r) => n + f(r), 0);
    console.log(
      `| ${backend} | ${processes} | ${rs.length} | ${sum((r) => r.expected)} | ${sum((r) => r.missing)} | ${sum((r) => r.storedTwice)} | ${(secs.reduce((a, b) => a + b, 0) / Math.max(1, secs.length)).toFixed(1)} | ${Math.max(0, ...secs).toFixed(1)} |`,
    );
  }
}
const bad = results.filter((r) => !roundHolds(r)).length;
console.log(
  `\n${results.length} rounds, ${bad} failed; ${((performance.now() - started) / 60000).toFixed(1)} min; load average ${load()}`,
);
process.exitCode = bad > 0 ? 1 : 0;
