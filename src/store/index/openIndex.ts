// Opens the document index that lives next to the store, and brings folders of documents into it:
// a file whose content hash is already indexed (with the current analyzer) is not analysed again. The index is
// an SQLite file, or, for a PostgreSQL store, a schema in the same database that every process shares.
import { createHash } from "node:crypto";
import path from "node:path";
import type { Owner, SourceDocument } from "../../core/ingest/document.js";
import { loadFolder } from "../../core/ingest/loadFolder.js";
import type { AnalysisPool } from "./analysisPool.js";
import { encodeAnalysis } from "./codec.js";
import type { PgIndex } from "./pgIndex.js";
import type { SqliteIndex } from "./sqliteIndex.js";
import { analyzeDocument } from "../../core/analyze/analyzeDocument.js";

/** Either kind of stored index: SQLite answers at once, PostgreSQL by promise; callers await both alike. */
export type StoredIndex = SqliteIndex | PgIndex;

/** True for a PostgreSQL store URL: its document index is then a schema in the same database. */
export function isPostgresUrl(storeUrl: string): boolean {
  return storeUrl.startsWith("postgres://") || storeUrl.startsWith("postgresql://");
}

/** True for the PostgreSQL index. */
export function isSharedIndex(index: StoredIndex): index is PgIndex {
  // Not instanceof: that would load the pg driver into every SQLite process.
  return "quotedSchema" in index;
}

/**
 * Where the index file is: beside an SQLite store ("data/docket.sqlite" → "data/docket.index.sqlite"), and
 * in `dataDir` for a Redis or PostgreSQL store (whose database holds only keyed state for now). `dataDir` is
 * the caller's absolute data folder (the package's data/, as for the default SQLite store), never the working
 * directory: run from elsewhere, Docket finds the same index. One file per server URL, so switching servers
 * never serves the documents another server's store held.
 */
export function indexPathFor(storeUrl: string, dataDir: string): string {
  if (storeUrl.startsWith("sqlite://")) {
    const file = storeUrl.slice("sqlite://".length);
    if (file === ":memory:") return ":memory:";
    return path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.index.sqlite`);
  }
  return path.join(path.resolve(dataDir), `store-${shortHash(storeUrl)}.index.sqlite`);
}

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 12);
}

/**
 * The index file for a set of seed folders: one per set, so `--seeds DIR` (or a changed DOCKET_SEEDS) never
 * draws on another folder's documents. Stored source documents join it, unless `stored` is false (the CLI's
 * `--seeds`): that index is a file of its own, since a stored document once indexed is never taken out.
 */
export function seedsIndexPath(
  storeUrl: string,
  folders: readonly string[],
  dataDir: string,
  stored = true,
): string {
  const base = indexPathFor(storeUrl, dataDir);
  if (base === ":memory:") return base;
  const key = shortHash(folders.map((f) => path.resolve(f)).join("\n"));
  const server = storeUrl.startsWith("sqlite://") ? "" : `${path.basename(base, ".index.sqlite")}-`;
  return path.join(path.dirname(base), `${server}seeds-${key}${stored ? "" : "-only"}.index.sqlite`);
}

/**
 * The PostgreSQL schema of the index for a store URL and a set of seed folders, the counterpart of
 * seedsIndexPath's file: the same configuration gives the same name in every process (so they share one
 * index), another server, folder set or `--seeds` gives another.
 */
export function pgIndexSchema(storeUrl: string, folders: readonly string[], stored = true): string {
  const seeds = folders.map((f) => path.resolve(f)).join("\n");
  return `docket_index_${shortHash(`${storeUrl}\n${seeds}`)}${stored ? "" : "_only"}`;
}

export interface SyncReport {
  seen: number;
  analysed: number;
  notes: string[];
  /** When each file was last modified, by document id (the later folder's file when two hold the same text). */
  modified: Map<string, number>;
}

/** Analyses documents the index does not hold yet (in the pool when given) and stores them in batches. */
export async function addMissing(
  index: StoredIndex,
  docs: readonly SourceDocument[],
  pool?: AnalysisPool,
): Promise<number> {
  const missing = isSharedIndex(index)
    ? await index.missing(docs)
    : docs.filter((d) => !index.has(d.id, d.owner));
  const BATCH = 256;
  for (let i = 0; i < missing.length; i += BATCH) {
    const slice = missing.slice(i, i + BATCH);
    const encoded = pool ? await pool.analyze(slice) : slice.map((d) => encodeAnalysis(analyzeDocument(d)));
    await index.addEncoded(encoded);
  }
  return missing.length;
}

export async function syncFolders(
  index: StoredIndex,
  folders: readonly string[],
  owner: Owner = "global",
  pool?: AnalysisPool,
): Promise<SyncReport> {
  const report: SyncReport = { seen: 0, analysed: 0, notes: [], modified: new Map() };
  for (const folder of folders) {
    const loaded = await loadFolder(folder, owner);
    report.notes.push(...loaded.notes.map((n) => `${folder}/${n}`));
    report.seen += loaded.documents.length;
    for (const [id, at] of loaded.modified) report.modified.set(id, at);
    report.analysed += await addMissing(index, loaded.documents, pool);
  }
  return report;
}

/** Where stored source documents come from: ids first, so a start reads only the documents not indexed. */
export interface StoredDocuments {
  ids(): Promise<string[]>;
  get(id: string): Promise<SourceDocument | undefined>;
  /** A mark that changes whenever an id is added or removed; null (or absent) when the store keeps none. */
  version?(): Promise<string | null>;
}

/** The meta key under which the index keeps the store's mark from its last complete sync. */
const STORE_MARK = "stored-documents-mark";

/**
 * Indexes stored source documents the index does not hold yet (added while this process was down). One
 * analysed by an older analyzer is held: `reanalyzeStale` replaces its analysis in the background. When the
 * store's mark is the one recorded after the last complete sync, no id was added or removed since, so the
 * ids are not listed (at 100,000 documents listing them and the index's costs a CLI call ~0.4 s of CPU).
 */
export async function syncStored(
  index: StoredIndex,
  stored: StoredDocuments,
  pool?: AnalysisPool,
): Promise<number> {
  // Read before the ids: an id added after this read moves the mark past the one recorded below, so the next
  // sync lists again; recording a mark newer than the ids listed could skip that id for good.
  const mark = (await stored.version?.()) ?? null;
  if (mark !== null && (await index.meta(STORE_MARK)) === mark) return 0;
  const indexed = await index.heldIds();
  const ids = (await stored.ids()).filter((id) => !indexed.has(id));
  const docs: SourceDocument[] = [];
  for (const id of ids) {
    const doc = await stored.get(id);
    if (doc) docs.push(doc);
  }
  const added = await addMissing(index, docs, pool);
  if (mark !== null) await index.setMeta(STORE_MARK, mark);
  return added;
}

/**
 * Re-analyses documents stored by an older analyzer in the worker pool, a batch at a time, the old analysis
 * serving meanwhile; stops when none is left or when `signal` aborts. Starts no threads when nothing is stale.
 */
export async function reanalyzeStale(
  index: SqliteIndex,
  makePool: () => AnalysisPool,
  signal: AbortSignal,
  batch = 64,
): Promise<number> {
  if (index.staleDocuments(1).length === 0) return 0;
  const pool = makePool();
  let done = 0;
  try {
    while (!signal.aborted) {
      const docs = index.staleDocuments(batch);
      if (docs.length === 0) break;
      const encoded = await pool.analyze(docs);
      if (signal.aborted) break;
      index.addEncoded(encoded);
      done += encoded.length;
    }
  } finally {
    await pool.close();
  }
  return done;
}
