// One round of concurrent `docket ingest` processes on different folders, writing one store at the same time,
// and the count of what was stored once they finish: shared by the contract test
// (test/contract/concurrentIngest.test.ts, CI size) and the stress script (bench/stressIngest.ts, full size).
// Each round gets a store of its own (test/support/freshStores.ts), so rounds and other suites never see
// each other's keys.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { SourceStore } from "../../src/sources/sourceStore.js";
import { openStore } from "../../src/store/openStore.js";
import { freshStore } from "./freshStores.js";
import { runDocket } from "./runCli.js";

export const BACKENDS = ["sqlite", "redis", "postgres"] as const;
export type Backend = (typeof BACKENDS)[number];

/** `docs` documents per folder, each with a title and text of its own (ids are content hashes). */
async function writeFolders(
  dir: string,
  processes: number,
  docs: number,
): Promise<{ folders: string[]; titles: string[] }> {
  const folders: string[] = [];
  const titles: string[] = [];
  for (let p = 0; p < processes; p++) {
    const folder = path.join(dir, `folder-${p}`);
    mkdirSync(folder, { recursive: true });
    const writes: Array<Promise<void>> = [];
    for (let n = 0; n < docs; n++) {
      const title = `Filing ${p}-${n} of round ${path.basename(dir)}`;
      titles.push(title);
      writes.push(
        writeFile(
          path.join(folder, `doc-${n}.md`),
          `---\ntitle: ${title}\npublished: 2025-03-01\n---\nRegulators in Veltria logged filing ${p}-${n} on Monday.\n`,
        ),
      );
    }
    await Promise.all(writes);
    folders.push(folder);
  }
  return { folders, titles };
}

export interface RoundResult {
  backend: Backend;
  processes: number;
  docs: number;
  /** Documents written to the folders, and what the store holds after every process has exited. */
  expected: number;
  stored: number;
  missing: number;
  storedTwice: number;
  /** Ids listed more than once in the collection's id set. */
  idsTwice: number;
  /** Processes that exited non-zero or did not report "Ingested N new" for their whole folder. */
  failed: string[];
  wallMs: number;
}

/** Runs `processes` concurrent ingests of `docs` documents each into a fresh store, then counts. */
export async function ingestRound(
  work: string,
  backend: Backend,
  processes: number,
  docs: number,
  label: string,
): Promise<RoundResult> {
  const dir = mkdtempSync(path.join(work, `${label}-`));
  const store = await freshStore(backend, dir);
  try {
    const { folders, titles } = await writeFolders(dir, processes, docs);
    const started = performance.now();
    const results = await Promise.all(
      folders.map((folder) => runDocket(["ingest", folder], { DOCKET_STORE_URL: store.url })),
    );
    const wallMs = Math.round(performance.now() - started);
    const failed = results
      .filter((r) => r.code !== 0 || !new RegExp(`Ingested ${docs} new`).test(r.stdout))
      .map((r) => `exit ${r.code}: ${(r.stdout + r.stderr).trim().split("\n").slice(-2).join(" | ")}`);
    const check = await openStore(store.url);
    let ids: string[];
    let stored: string[];
    try {
      const sources = new SourceStore(check);
      ids = await sources.documents.ids();
      stored = (await sources.documents.values()).map((d) => d.title);
    } finally {
      await check.close();
    }
    const counts = new Map<string, number>();
    for (const t of stored) counts.set(t, (counts.get(t) ?? 0) + 1);
    return {
      backend,
      processes,
      docs,
      expected: titles.length,
      stored: stored.length,
      missing: titles.filter((t) => !counts.has(t)).length,
      storedTwice: [...counts.values()].filter((n) => n > 1).length,
      idsTwice: ids.length - new Set(ids).size,
      failed,
      wallMs,
    };
  } finally {
    await store.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every document stored exactly once and every process finished its folder. */
export const roundHolds = (r: RoundResult): boolean =>
  r.failed.length === 0 &&
  r.missing === 0 &&
  r.storedTwice === 0 &&
  r.idsTwice === 0 &&
  r.stored === r.expected;
