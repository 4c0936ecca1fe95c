// Several real `docket ingest` processes on different folders, writing one store at the same time, on SQLite,
// Redis and PostgreSQL: afterwards every document is stored exactly once. CI runs one round of 2 and of 4
// processes × 100 documents per folder per backend; `npm run stress:ingest` (bench/stressIngest.ts) runs the
// full check (20 rounds, 1,500 documents per folder), and DOCKET_CONCURRENCY_RUNS / DOCKET_CONCURRENCY_DOCS
// resize this test. A server that cannot be reached fails in CI and is skipped, with the reason, elsewhere.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { BACKENDS, ingestRound } from "../support/concurrentIngest.js";
import { CI, POSTGRES_URL, REDIS_URL, reachable } from "../support/services.js";

const RUNS = Math.max(1, Number(process.env.DOCKET_CONCURRENCY_RUNS ?? "1"));
const DOCS = Math.max(1, Number(process.env.DOCKET_CONCURRENCY_DOCS ?? "100"));
const work = mkdtempSync(path.join(tmpdir(), "docket-concurrent-"));

const problems: Record<string, string | null> = {
  sqlite: null,
  redis: await reachable(REDIS_URL),
  postgres: await reachable(POSTGRES_URL),
};

for (const backend of BACKENDS) {
  const unavailable = problems[backend] ?? null;
  const skip =
    unavailable !== null && !CI ? `${backend} not reachable (${unavailable}); skipped outside CI` : false;
  describe(`concurrent ingest: ${backend}`, { skip }, () => {
    for (const processes of [2, 4]) {
      test(`${processes} concurrent \`docket ingest\` processes, ${RUNS} run(s): every document stored exactly once`, async (t) => {
        if (unavailable !== null) throw new Error(`${backend} must be reachable in CI: ${unavailable}`);
        for (let run = 0; run < RUNS; run++) {
          const r = await ingestRound(work, backend, processes, DOCS, `${backend}-${processes}-${run}`);
          assert.deepEqual(r.failed, [], "every process ingests its whole folder");
          assert.deepEqual(
            { missing: r.missing, storedTwice: r.storedTwice, idsTwice: r.idsTwice, stored: r.stored },
            { missing: 0, storedTwice: 0, idsTwice: 0, stored: r.expected },
          );
          t.diagnostic(
            `${backend}: ${processes} processes × ${DOCS} documents, all ${r.stored} stored once, ${r.wallMs} ms`,
          );
        }
      });
    }
  });
}

after(() => {
  rmSync(work, { recursive: true, force: true });
});
