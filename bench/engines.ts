// The engines the benchmark compares, behind one small interface: "memory" is the in-process index that
// analyses every document at start (the design before issue 12); "sqlite" keeps analysis and index in the
// store (src/store/index), so a start opens the database and analyses nothing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildBrief } from "../src/core/brief/buildBrief.js";
import { UnknownTopicError } from "../src/core/errors.js";
import { DocumentIndex } from "../src/core/index/docIndex.js";
import type { SourceDocument } from "../src/core/ingest/document.js";
import { SqliteIndex } from "../src/store/index/sqliteIndex.js";
import { AnalysisPool } from "../src/store/index/analysisPool.js";

export type Outcome = "brief" | "unknown" | "error";

export interface BenchEngine {
  readonly name: string;
  /** Adds documents (one batch); resolves when they are searchable. */
  add(docs: readonly SourceDocument[]): Promise<void>;
  /** Waits until every added document is searchable (engines may write in the background). */
  flush(): Promise<void>;
  brief(topic: string): Promise<{ outcome: Outcome; error?: string }>;
  complete(partial: string): Promise<number>;
  topicCount(): Promise<number>;
  /**
   * What a restart costs: drops in-process state and reopens what is stored, then answers one brief.
   * Returns ms to ready (before the first brief) and to the first answer.
   */
  restart(topic: string): Promise<{ readyMs: number; firstBriefMs: number }>;
  close(): Promise<void>;
}

async function outcomeOf(work: () => Promise<unknown>): Promise<{ outcome: Outcome; error?: string }> {
  try {
    await work();
    return { outcome: "brief" };
  } catch (error) {
    if (error instanceof UnknownTopicError) return { outcome: "unknown" };
    return { outcome: "error", error: error instanceof Error ? error.message : String(error) };
  }
}

/** The in-memory index: what the bot and CLI did before the index moved into the store. */
export function memoryEngine(): BenchEngine {
  let index = new DocumentIndex();
  // A restart re-reads every document and analyses it again; the documents stand in for the store.
  const stored: SourceDocument[] = [];
  return {
    name: "memory (re-analyse at start)",
    add(docs) {
      for (const doc of docs) {
        index.add(doc);
        stored.push(doc);
      }
      return Promise.resolve();
    },
    flush: () => Promise.resolve(),
    brief: (topic) => outcomeOf(() => buildBrief(index, topic)),
    complete: (partial) => Promise.resolve(index.complete(partial).length),
    topicCount: () => Promise.resolve(index.topics().length),
    async restart(topic) {
      const start = performance.now();
      index = new DocumentIndex();
      for (const doc of stored) index.add(doc);
      const readyMs = performance.now() - start;
      await outcomeOf(() => buildBrief(index, topic));
      return { readyMs, firstBriefMs: performance.now() - start };
    },
    close: () => Promise.resolve(),
  };
}

/** The index in SQLite: documents analysed once by the worker pool and stored; a restart analyses nothing. */
export function sqliteEngine(): BenchEngine {
  const dir = mkdtempSync(path.join(tmpdir(), "docket-bench-"));
  const file = path.join(dir, "index.sqlite");
  let index = new SqliteIndex(file);
  const pool = new AnalysisPool();
  // Analysis of the next batch overlaps the write of this one; writes stay in order.
  let writing: Promise<void> = Promise.resolve();
  return {
    name: "sqlite (stored analysis, workers)",
    async add(docs) {
      const encoded = pool.analyze(docs);
      const write = writing.then(async () => {
        index.addEncoded(await encoded);
      });
      writing = write;
      await encoded;
      if (docs.length < 50) await write;
    },
    async flush() {
      await writing;
    },
    brief: (topic) => outcomeOf(() => buildBrief(index, topic)),
    complete: (partial) => Promise.resolve(index.complete(partial).length),
    topicCount: () => Promise.resolve(index.topics().length),
    async restart(topic) {
      await writing;
      index.close();
      const start = performance.now();
      index = new SqliteIndex(file);
      const readyMs = performance.now() - start;
      await outcomeOf(() => buildBrief(index, topic));
      return { readyMs, firstBriefMs: performance.now() - start };
    },
    async close() {
      await writing;
      index.close();
      await pool.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
