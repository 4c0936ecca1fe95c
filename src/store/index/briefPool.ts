// A pool of worker threads (piscina) that build briefs and story lists off the bot's event loop: each worker
// opens the index (the file, or the PostgreSQL index every process shares) as a reader, builds the grounded
// brief and sends it back as plain data, so a slow brief
// never delays another interaction's acknowledgement. Bounded: a few threads, a bounded queue (a full one is
// a clear "busy" message, not a growing backlog), and a time limit per brief.
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import type { BriefOptions } from "../../core/brief/buildBrief.js";
import type { BriefSource, StoryList } from "../../core/brief/briefSource.js";
import type { Brief } from "../../core/brief/schema.js";
import { EmptyTopicError, UnknownTopicError, UserError } from "../../core/errors.js";
import type { Scope } from "../../core/index/docIndex.js";
import type { BriefOutcome, BriefTask, IndexAt } from "./briefWorker.js";
import { Lru } from "./lru.js";
import { isSharedIndex } from "./openIndex.js";
import type { PgIndex } from "./pgIndex.js";
import type { SqliteIndex } from "./sqliteIndex.js";

/** A full queue: the user is told to try again rather than waiting behind a backlog. */
export class BriefsBusy extends UserError {
  override readonly name = "BriefsBusy";
  constructor(reason: "queue" | "timeout", options?: { cause?: unknown }) {
    super(
      "store",
      reason === "queue"
        ? "Docket is building many briefs right now. Try again in a minute."
        : "That brief took too long to build. Try again in a minute, or a narrower topic.",
      options,
    );
  }
}

export interface BriefPoolOptions {
  /** Worker threads; default defaultBriefThreads(). */
  threads?: number;
  /** Tasks that may wait for a thread; one more is refused with BriefsBusy. */
  maxQueue?: number;
  /** Time for one task on its thread (not its wait in the queue); past it the task is abandoned (BriefsBusy). */
  timeoutMs?: number;
  /**
   * Where a task goes when a worker fails for a reason that is not the user's (a thread that died, a file it
   * could not open): the in-process path, which answers, slowly, rather than not at all.
   */
  fallback?: { source: BriefSource; onFallback(error: unknown): void };
}

/** Briefs the main thread answers without a worker (button presses, the LLM refinement): a few hundred. */
const RECENT = 256;

// Under tsx (tests, benchmarks) this file is .ts and so is the worker; built, both are .js.
const workerFile = new URL(
  import.meta.url.endsWith(".ts") ? "./briefWorker.ts" : "./briefWorker.js",
  import.meta.url,
);

/**
 * Threads per process: the cores but one (each process's event loop keeps one), shared among the shard
 * processes of one host, so N shards do not start N × (cores − 1) threads; at least one.
 */
export function defaultBriefThreads(processes = 1, cores = availableParallelism()): number {
  return Math.max(1, Math.floor((cores - 1) / Math.max(1, processes)));
}

export class BriefPool implements BriefSource {
  private readonly pool: Piscina<BriefTask, BriefOutcome>;
  private readonly threads: number;
  private readonly maxQueue: number;
  private readonly timeoutMs: number;
  private readonly fallback: BriefPoolOptions["fallback"];
  /** Tasks on a thread now; the rest wait in `waiting`, so the time limit counts a task's own run only. */
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  /** Promises, so asking twice for one brief while it is built runs it once. */
  private readonly recent = new Lru<string, Promise<Brief>>(RECENT);
  private readonly at: IndexAt;

  /** `index` is the main thread's connection to the same index: its version keys the recent briefs. */
  constructor(
    private readonly index: SqliteIndex | PgIndex,
    options: BriefPoolOptions = {},
  ) {
    this.at = isSharedIndex(index) ? { url: index.url, schema: index.schema } : { file: index.file };
    this.threads = options.threads ?? defaultBriefThreads();
    this.maxQueue = options.maxQueue ?? 100;
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.fallback = options.fallback;
    this.pool = new Piscina({
      filename: workerFile.href,
      minThreads: this.threads,
      maxThreads: this.threads,
      idleTimeout: Number.POSITIVE_INFINITY,
    });
  }

  /**
   * Loads the workers and opens the file in each before the first brief is asked for, so the first /deal
   * after a start does not wait for a thread to load the engine.
   */
  async warm(): Promise<void> {
    await Promise.all(Array.from({ length: this.threads }, () => this.run({ kind: "open", at: this.at })));
  }

  busy(): boolean {
    return this.running >= this.threads;
  }

  brief(topic: string, options: BriefOptions): Promise<Brief> {
    const index = this.index;
    // The shared index's version is a query; the file's is at hand, so its briefs start without a wait.
    if (isSharedIndex(index)) return index.version().then((version) => this.briefAt(version, topic, options));
    return this.briefAt(index.version, topic, options);
  }

  private briefAt(version: number, topic: string, options: BriefOptions): Promise<Brief> {
    const scope = options.scope ?? {};
    // The main connection's version moves with every commit, ours or another process's: a key from an
    // older version is never asked for again, so an add is never answered with a brief from before it.
    const key = [version, scope.guild ?? "", options.maxQuotes ?? "", topic.trim().toLowerCase()].join(
      "\u0000",
    );
    const known = this.recent.get(key);
    if (known) return known;
    const task: BriefTask = {
      kind: "brief",
      at: this.at,
      topic,
      scope,
      maxQuotes: options.maxQuotes,
    };
    const built = this.orFallback(
      this.run(task).then((outcome) => {
        if (outcome.kind === "brief") return outcome.brief;
        if (outcome.kind === "unknown") throw new UnknownTopicError(outcome.topic, outcome.suggestions);
        if (outcome.kind === "empty") throw new EmptyTopicError();
        throw new Error(`brief worker answered ${outcome.kind} to a brief`);
      }),
      (source) => source.brief(topic, options),
    );
    this.recent.set(key, built);
    // A failure is not remembered (a timeout or a full queue may pass); an unknown topic is cheap to ask again.
    built.catch(() => {
      if (this.recent.get(key) === built) this.recent.delete(key);
    });
    return built;
  }

  stories(scope: Scope): Promise<StoryList> {
    return this.orFallback(
      this.run({ kind: "stories", at: this.at, scope }).then((outcome) => {
        if (outcome.kind !== "stories")
          throw new Error(`brief worker answered ${outcome.kind} to a story list`);
        return outcome.list;
      }),
      (source) => source.stories(scope),
    );
  }

  /** The worker's answer, or the fallback's when the worker failed for a reason that is not the user's. */
  private async orFallback<T>(work: Promise<T>, again: (source: BriefSource) => Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      if (error instanceof UserError || !this.fallback) throw error;
      this.fallback.onFallback(error);
      return again(this.fallback.source);
    }
  }

  private async run(task: BriefTask): Promise<BriefOutcome> {
    await this.slot();
    try {
      return await this.pool.run(task, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      if (error instanceof Error && error.name === "AbortError")
        throw new BriefsBusy("timeout", { cause: error });
      throw error;
    } finally {
      this.release();
    }
  }

  /** A free thread, or a place in the bounded queue (first come, first served); BriefsBusy when full. */
  private async slot(): Promise<void> {
    if (this.running < this.threads) {
      this.running++;
      return;
    }
    if (this.waiting.length >= this.maxQueue) throw new BriefsBusy("queue");
    // release() hands its thread over without counting it free in between.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
