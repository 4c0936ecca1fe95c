// Several real `docket ingest` processes on different folders, writing one store at the same time, on SQLite,
// Redis and PostgreSQL: afterwards every document is stored exactly once. Each round gets a store of its own
// (a fresh SQLite file, an empty Redis database number, a new PostgreSQL database), so rounds and other
// suites never see each other's keys. CI runs a few rounds; DOCKET_CONCURRENCY_RUNS=20 runs the full check
// (DOCKET_CONCURRENCY_DOCS sets the documents per folder). A server that cannot be reached fails in CI and
// is skipped, with the reason, elsewhere.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { createClient } from "@keyv/redis";
import { SourceStore } from "../../src/sources/sourceStore.js";
import type { StoredDocument } from "../../src/sources/types.js";
import { openStore } from "../../src/store/openStore.js";
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

interface RoundStore {
  url: string;
  dispose(): Promise<void>;
}

/** A store of its own for one round, per backend. */
const fresh: Record<string, () => Promise<RoundStore>> = {
  sqlite: () => {
    const dir = mkdtempSync(path.join(work, "sqlite-"));
    return Promise.resolve({
      url: `sqlite://${path.join(dir, "store.sqlite")}`,
      dispose: () => Promise.resolve(),
    });
  },
  redis: async () => {
    // Database numbers 1-15 are unused by the other suites (they use 0 with prefixes); take an empty one.
    const admin = createClient({ url: REDIS_URL });
    await admin.connect();
    try {
      for (let db = 15; db >= 1; db--) {
        await admin.select(db);
        if ((await admin.dbSize()) === 0) {
          await admin.set("docket-concurrency-test", "claimed");
          const url = `${REDIS_URL.replace(/\/\d*$/, "")}/${db}`;
          return {
            url,
            dispose: async () => {
              const c = createClient({ url });
              await c.connect();
              await c.flushDb();
              await c.close();
            },
          };
        }
      }
      throw new Error("no empty Redis database number between 1 and 15");
    } finally {
      await admin.close();
    }
  },
  postgres: async () => {
    const name = `docket_conc_${randomUUID().slice(0, 8)}`;
    const admin = await openStore(POSTGRES_URL);
    const run = async (sql: string): Promise<void> => {
      const probe = admin.namespace("concurrency-admin");
      const adapter = probe.store as { query(sql: string): Promise<unknown> };
      await adapter.query(sql);
    };
    await run(`CREATE DATABASE ${name}`);
    await admin.close();
    const url = POSTGRES_URL.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
    return {
      url,
      dispose: async () => {
        const again = await openStore(POSTGRES_URL);
        const adapter = again.namespace("concurrency-admin").store as {
          query(sql: string): Promise<unknown>;
        };
        await adapter.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await again.close();
      },
    };
  },
};

async function round(backend: string, processes: number, label: string): Promise<string> {
  const store = await (fresh[backend] ?? (() => Promise.reject(new Error(backend))))();
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
