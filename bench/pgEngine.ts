// The "postgres" bench engine: the document index in PostgreSQL (src/store/index/pgIndex.ts), analysed by the
// worker pool and written in batches (pgWriter.ts); a brief loads its view in batched rounds and runs the
// unchanged brief kernel on it. Uses DOCKET_BENCH_PG (default the local test database), one schema per run.
import { randomBytes } from "node:crypto";
import { groundedBrief } from "../src/core/brief/buildBrief.js";
import { UnknownTopicError } from "../src/core/errors.js";
import { AnalysisPool } from "../src/store/index/analysisPool.js";
import { PgIndex } from "../src/store/index/pgIndex.js";
import { pgBriefView } from "../src/store/index/pgView.js";
import type { BenchEngine, Outcome } from "./engines.js";

const URL = process.env.DOCKET_BENCH_PG ?? "postgres://postgres@127.0.0.1:5432/test";

async function briefOn(index: PgIndex, topic: string): Promise<{ outcome: Outcome; error?: string }> {
  try {
    groundedBrief(await pgBriefView(index, topic, {}), topic);
    return { outcome: "brief" };
  } catch (error) {
    if (error instanceof UnknownTopicError) return { outcome: "unknown" };
    return { outcome: "error", error: error instanceof Error ? error.message : String(error) };
  }
}

export async function postgresEngine(): Promise<BenchEngine> {
  const schema = `docket_bench_${randomBytes(4).toString("hex")}`;
  let index = await PgIndex.open(URL, { schema, max: 8 });
  const pool = new AnalysisPool();
  let writing: Promise<void> = Promise.resolve();
  return {
    name: "postgres (shared index, workers)",
    async add(docs) {
      const encoded = pool.analyze(docs);
      const write = writing.then(async () => {
        // Batches of PG_BATCH documents per transaction, two at once (as two writers would).
        await index.addEncoded(await encoded, undefined, 2);
      });
      writing = write;
      await encoded;
      if (docs.length < 50) await write;
    },
    async flush() {
      await writing;
    },
    brief: (topic) => briefOn(index, topic),
    complete: async (partial) => (await index.complete(partial)).length,
    topicCount: async () => (await index.topics()).length,
    async restart(topic) {
      await writing;
      await index.close();
      const start = performance.now();
      index = await PgIndex.open(URL, { schema, max: 8 });
      const readyMs = performance.now() - start;
      await briefOn(index, topic);
      return { readyMs, firstBriefMs: performance.now() - start };
    },
    async close() {
      await writing;
      await index.drop();
      await index.close();
      await pool.close();
    },
  };
}
