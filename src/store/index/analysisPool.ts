// A pool of worker threads (piscina) that analyse documents off the main thread. Ingest splits a batch
// into chunks so every worker is busy; the bot's event loop stays free while documents are analysed.
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import type { SourceDocument } from "../../core/ingest/document.js";
import type { EncodedAnalysis } from "./codec.js";

/** Documents per task: big enough that messaging costs little, small enough to spread over workers. */
const CHUNK = 16;

// Under tsx (tests, benchmarks) this file is .ts and so is the worker; built, both are .js.
const workerFile = new URL(
  import.meta.url.endsWith(".ts") ? "./analysisWorker.ts" : "./analysisWorker.js",
  import.meta.url,
);

export class AnalysisPool {
  private readonly pool: Piscina<SourceDocument[], EncodedAnalysis[]>;

  constructor(threads = Math.max(1, availableParallelism())) {
    this.pool = new Piscina({ filename: workerFile.href, maxThreads: threads, minThreads: threads });
  }

  /** Analyses and encodes documents, in their order. */
  async analyze(docs: readonly SourceDocument[]): Promise<EncodedAnalysis[]> {
    const tasks: Array<Promise<EncodedAnalysis[]>> = [];
    for (let i = 0; i < docs.length; i += CHUNK) tasks.push(this.pool.run(docs.slice(i, i + CHUNK)));
    return (await Promise.all(tasks)).flat();
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
