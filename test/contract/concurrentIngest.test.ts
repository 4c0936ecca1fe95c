// Several real `docket ingest` processes on different folders, writing one store at the same time, on SQLite,
// Redis and PostgreSQL: afterwards every document is stored exactly once. Each round gets a store of its own
// (a fresh SQLite file, an empty Redis database number, a new PostgreSQL database), so rounds and other
// suites never see each other's keys. CI runs a few rounds; DOCKET_CONCURRENCY_RUNS=20 runs the full check
// (DOCKET_CONCURRENCY_DOCS sets the documents per folder). A server that cannot be reached fails in CI and
// is skipped, with the reason, elsewhere.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { SourceStore } from "../../src/sources/sourceStore.js";
import type { StoredDocument } from "../../src/sources/types.js";
import { openStore } from "../../src/store/openStore.js";
import { freshStore } from "../support/freshStores.js";
import { runDocket } from "../support/runCli.js";
import { CI, POSTGRES_URL, REDIS_URL, reachable } from "../support/services.js";

const RUNS = Math.max(1, Number(process.env.DOCKET_CONCURRENCY_RUNS ?? "1"));
const DOCS = Math.max(1, Number(process.env.DOCKET_CONCURRENCY_DOCS ?? "100"));
const work = mkdtempSync(path.join(tmpdir(), "docket-concurrent-"));

/** `count` documents per folder, each with a title and text of its own (ids are content hashes). */
function writeFolders(round: string, processes: number): { folders: string[]; titles: string[] } {
  const folders: string[] = [];
  const titles: string[] = [];
  for (let p = 0; p < processes; p++) {
    const folder = path.join(work, round, `folder-${p}`);
    mkdirSync(folder, { recursive: true });
    for (let n = 0; n < DOCS; n++) {
      const title = `Filing ${p}-${n} of round ${round}`;
      titles.push(title);
      writeFileSync(
        path.join(folder, `doc-${n}.md`),
        `---\ntitle: ${title}\npublished: 2025-03-01\n---\nRegulators in Veltria logged filing ${p}-${n} on Monday.\n`,
      );
    }
    folders.push(folder);
  }
  return { folders, titles };
}

async function round(backend: string, processes: number, label: string): Promise<string> {
  const store = await freshStore(backend, work);
  try {
    const { folders, titles } = writeFolders(label, processes);
    const started = performance.now();
    const results = await Promise.all(
      folders.map((folder) => runDocket(["ingest", folder], { DOCKET_STORE_URL: store.url })),
    );
    const ms = Math.round(performance.now() - started);
    for (const r of results) {
      assert.equal(r.code, 0, `ingest failed: ${r.stderr}`);
      assert.match(r.stdout, new RegExp(`Ingested ${DOCS} new`), r.stdout);
    }
    const check = await openStore(store.url);
    let docs: StoredDocument[];
    let ids: string[];
    try {
      const sources = new SourceStore(check);
      ids = await sources.documents.ids();
      docs = await sources.documents.values();
    } finally {
      await check.close();
    }
    assert.equal(new Set(ids).size, ids.length, "no id is indexed twice");
    const counts = new Map<string, number>();
    for (const d of docs) counts.set(d.title, (counts.get(d.title) ?? 0) + 1);
    const missing = titles.filter((t) => !counts.has(t));
    const twice = [...counts].filter(([, n]) => n > 1).map(([t]) => t);
    assert.deepEqual(
      { missing: missing.length, twice: twice.length, stored: docs.length },
      { missing: 0, twice: 0, stored: titles.length },
      `lost ${missing.slice(0, 5).join("; ")}`,
    );
    return `${backend}: ${processes} processes × ${DOCS} documents, all ${docs.length} stored once, ${ms} ms`;
  } finally {
    await store.dispose();
  }
}

const problems: Record<string, string | null> = {
  sqlite: null,
  redis: await reachable(REDIS_URL),
  postgres: await reachable(POSTGRES_URL),
};

for (const backend of ["sqlite", "redis", "postgres"]) {
  const unavailable = problems[backend] ?? null;
  const skip =
    unavailable !== null && !CI ? `${backend} not reachable (${unavailable}); skipped outside CI` : false;
  describe(`concurrent ingest: ${backend}`, { skip }, () => {
    for (const processes of [2, 4]) {
      test(`${processes} concurrent \`docket ingest\` processes, ${RUNS} run(s): every document stored exactly once`, async (t) => {
        if (unavailable !== null) throw new Error(`${backend} must be reachable in CI: ${unavailable}`);
        for (let run = 0; run < RUNS; run++)
          t.diagnostic(await round(backend, processes, `${backend}-${processes}-${run}`));
      });
    }
  });
}

after(() => {
  rmSync(work, { recursive: true, force: true });
});
