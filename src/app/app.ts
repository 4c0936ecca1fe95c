// The composition root: the one place that builds Docket's parts from the configuration — store, document
// index, phraser, fetcher, sources and digests — for the bot, the CLI and the benchmarks alike, and closes
// them again. Front ends ask it for what they need; nothing is opened before it is asked for, and close()
// stops and closes whatever was opened, in reverse order of need (services, then the store, then the index).
// With a PostgreSQL store the running bot's index (liveIndex) is the one shared in that database, so every
// process and shard on the store answers from, and adds to, one index.
import { existsSync } from "node:fs";
import path from "node:path";
import type { Logger } from "pino";
import type { BriefSource } from "../core/brief/briefSource.js";
import { inProcessIndex, type AsyncIndex } from "../core/index/asyncIndex.js";
import type { PhraseLog } from "../core/phrase/ports.js";
import type { DigestsOptions, RunningDigests } from "../digest/scheduler.js";
import type { SourcesOptions, SourcesRuntime } from "../sources/runtime.js";
import type { SourceService } from "../sources/sourceService.js";
import { SourceStore } from "../sources/sourceStore.js";
import type { Fetcher } from "../sources/types.js";
import {
  isPostgresUrl,
  pgIndexSchema,
  reanalyzeStale,
  seedsIndexPath,
  syncFolders,
  syncStored,
  type StoredIndex,
} from "../store/index/openIndex.js";
import type { PgIndex } from "../store/index/pgIndex.js";
import { SqliteIndex } from "../store/index/sqliteIndex.js";
import { openStore, type Store } from "../store/openStore.js";
import { storeErrorFrom } from "../store/storeError.js";
import type { Config } from "./config.js";
import { BUNDLED_SEEDS, DATA_DIR } from "./paths.js";
import type { ChosenPhraser } from "./phrasing.js";

export interface AppOptions {
  /** Seed folders (`--seeds`); default DOCKET_SEEDS, else the bundled seeds/. */
  folders?: readonly string[] | undefined;
  /** The fetcher for sources; the safe fetcher unless a test or benchmark swaps it. */
  fetch?: Fetcher;
  /** False when the seed folders alone are asked for (the CLI's `--seeds`): stored sources stay out of the index. */
  storedSources?: boolean;
}

export interface IndexReady {
  index: SqliteIndex;
  /** Notes about seed files skipped or cut, one per problem. */
  notes: string[];
  /** Seed files analysed now (not indexed before). */
  analysed: number;
  /** When each seed file was last modified, by document id. */
  modified: ReadonlyMap<string, number>;
  ms: number;
}

/** The shared PostgreSQL index, ready as IndexReady's file is. */
export interface SharedIndexReady extends Omit<IndexReady, "index"> {
  index: PgIndex;
}

/** The index a running process serves from, ready: its own file, or the one shared in PostgreSQL. */
export interface LiveIndexReady extends Omit<IndexReady, "index" | "modified"> {
  index: AsyncIndex;
  /** True when it is the PostgreSQL index every process on the store shares. */
  shared: boolean;
}

/** The seed folders a configuration names: DOCKET_SEEDS (`:`-separated), else the bundled seeds. */
export function seedFolders(config: Pick<Config, "DOCKET_SEEDS">): string[] {
  return config.DOCKET_SEEDS ? config.DOCKET_SEEDS.split(path.delimiter) : [BUNDLED_SEEDS];
}

/**
 * The safe fetcher, imported at its first call: the HTTP client, the feed poller, the digest scheduler, the
 * worker pool, the phrasers and the bot's brief source are loaded only by what uses them, so a CLI brief does
 * not pay for loading them at every call.
 */
const lazySafeFetch: Fetcher = async (url, options) =>
  (await import("../fetch/safeFetch.js")).safeFetch(url, options);

export class App {
  readonly folders: readonly string[];
  readonly fetch: Fetcher;
  readonly storedSources: boolean;
  private opened: Promise<IndexReady> | null = null;
  private sharedOpened: Promise<SharedIndexReady> | null = null;
  private liveOpened: Promise<LiveIndexReady> | null = null;
  private storeOpened: Promise<Store> | null = null;
  private readonly stops: Array<() => unknown> = [];

  constructor(
    readonly config: Config,
    options: AppOptions = {},
  ) {
    this.folders = options.folders ?? seedFolders(config);
    this.fetch = options.fetch ?? lazySafeFetch;
    this.storedSources = options.storedSources ?? true;
  }

  /**
   * The document index for the seed folders, stored beside the store: opening it analyses only the seed
   * files whose content it does not hold yet. Opened once.
   */
  index(): Promise<IndexReady> {
    this.opened ??= (async () => {
      const started = performance.now();
      const index = new SqliteIndex(
        seedsIndexPath(this.config.DOCKET_STORE_URL, this.folders, DATA_DIR, this.storedSources),
      );
      const synced = await syncFolders(index, this.folders);
      return {
        index,
        notes: synced.notes,
        analysed: synced.analysed,
        modified: synced.modified,
        ms: Math.round(performance.now() - started),
      };
    })();
    return this.opened;
  }

  /**
   * True when the store is PostgreSQL: the CLI then reads and writes the document index in that database
   * (sharedIndex()), one index for every process with this configuration, instead of a file of its own.
   */
  get hasSharedIndex(): boolean {
    return isPostgresUrl(this.config.DOCKET_STORE_URL);
  }

  /**
   * The PostgreSQL index for the seed folders, in a schema named after the store URL and the folders (so
   * processes with the same configuration share it); opening it analyses only the seed files it lacks. Opened
   * once; a StoreError when the server cannot be used.
   */
  sharedIndex(): Promise<SharedIndexReady> {
    this.sharedOpened ??= (async () => {
      const started = performance.now();
      const url = this.config.DOCKET_STORE_URL;
      // Imported when asked for: a process on an SQLite store never loads the pg driver.
      const { PgIndex } = await import("../store/index/pgIndex.js");
      let index: PgIndex;
      try {
        index = await PgIndex.open(url, {
          schema: pgIndexSchema(url, this.folders, this.storedSources),
          max: 2,
        });
      } catch (error) {
        throw storeErrorFrom(error, url, "opening the document index");
      }
      try {
        const synced = await syncFolders(index, this.folders);
        return {
          index,
          notes: synced.notes,
          analysed: synced.analysed,
          modified: synced.modified,
          ms: Math.round(performance.now() - started),
        };
      } catch (error) {
        await index.close();
        throw error;
      }
    })();
    return this.sharedOpened;
  }

  /**
   * The index a running process (the bot, each of its shards) answers from and adds to: for a PostgreSQL
   * store the shared index (sharedIndex()), else the file (index()), both behind the AsyncIndex contract.
   */
  liveIndex(): Promise<LiveIndexReady> {
    this.liveOpened ??= (async () => {
      if (!this.hasSharedIndex) {
        const { index, notes, analysed, ms } = await this.index();
        return { index: inProcessIndex(index), notes, analysed, ms, shared: false };
      }
      // The store first: a server that does not answer is named within the store's time limit, before the
      // index's pool (which waits longer to connect, as the CLI's does) is tried on it.
      await this.store();
      const { index, notes, analysed, ms } = await this.sharedIndex();
      const { pgAsyncIndex } = await import("../store/index/pgView.js");
      return { index: pgAsyncIndex(index), notes, analysed, ms, shared: true };
    })();
    return this.liveOpened;
  }

  /** The store (Keyv over SQLite, Redis or PostgreSQL), opened once; a StoreError when it cannot be used. */
  store(): Promise<Store> {
    this.storeOpened ??= openStore(this.config.DOCKET_STORE_URL);
    return this.storeOpened;
  }

  /** False for an SQLite store whose file does not exist yet: nothing was ever stored, so nothing to read. */
  storeExists(): boolean {
    const url = this.config.DOCKET_STORE_URL;
    if (!url.startsWith("sqlite://")) return true;
    const file = url.slice("sqlite://".length);
    return file !== ":memory:" && existsSync(file);
  }

  /**
   * Indexes the documents added with the CLI or the bot that the index does not hold yet: into `into` when
   * given, else into the index file.
   */
  async indexStoredDocuments(into?: StoredIndex): Promise<number> {
    if (!this.storedSources || !this.storeExists()) return 0;
    const index = into ?? (await this.index()).index;
    return syncStored(index, new SourceStore(await this.store()).documents);
  }

  /** The phraser the configuration asks for, its cache in the store when one is open. */
  async phraser(log: PhraseLog, options: { cache: boolean } = { cache: true }): Promise<ChosenPhraser> {
    // Imported when asked for: a CLI brief without --llm does not load the phrasing code.
    const { choosePhraser } = await import("./phrasing.js");
    return choosePhraser(this.config, options.cache ? await this.store() : null, log);
  }

  /** The source service without polling or an index (the CLI adds to the store; readers index at start). */
  async sourceService(logger: Logger): Promise<SourceService> {
    const { SourceService } = await import("../sources/sourceService.js");
    return new SourceService({
      sources: new SourceStore(await this.store()),
      fetch: this.fetch,
      now: Date.now,
      allowPrivateHosts: this.config.DOCKET_ALLOW_PRIVATE_HOSTS,
      logger,
    });
  }

  /** Sources for a running process: stored documents loaded into the index, and the feed poller's timer. */
  async sources(
    options: Pick<SourcesOptions, "logger" | "notify" | "now" | "checkEveryMs">,
  ): Promise<SourcesRuntime> {
    const { index } = await this.liveIndex();
    // The index is stored: read only the stored documents it does not hold, not every one of them.
    const started = performance.now();
    const added = await this.indexStoredDocuments(
      this.hasSharedIndex ? (await this.sharedIndex()).index : undefined,
    );
    options.logger.info(
      { added, ms: Math.round(performance.now() - started) },
      "stored documents the index did not hold were indexed",
    );
    const { startSources } = await import("../sources/runtime.js");
    const running = await startSources({
      ...options,
      loadStored: false,
      store: await this.store(),
      index,
      fetch: this.fetch,
      allowPrivateHosts: this.config.DOCKET_ALLOW_PRIVATE_HOSTS,
    });
    this.stops.push(() => running.stop());
    return running;
  }

  /**
   * Re-analyses, in worker threads, the documents an older analyzer analysed, while their old analysis keeps
   * serving; stopped with the other services.
   */
  async reanalyzeInBackground(logger: Logger): Promise<void> {
    // Not on the shared index: a stale seed is re-analysed when a process syncs the folders at start, and
    // re-analysing stored documents there would need one process to do it for all (not built yet).
    if (this.hasSharedIndex) return;
    const { index } = await this.index();
    const { AnalysisPool } = await import("../store/index/analysisPool.js");
    const abort = new AbortController();
    const done = reanalyzeStale(index, () => new AnalysisPool(1), abort.signal).then(
      (count) => {
        if (count > 0) logger.info({ count }, "documents re-analysed by the current analyzer");
      },
      (error: unknown) => {
        logger.warn({ err: error }, "background re-analysis stopped");
      },
    );
    this.stops.push(async () => {
      abort.abort();
      await done;
    });
  }

  /**
   * Where the bot gets briefs and story lists: a pool of worker threads reading the index file, or the shared
   * PostgreSQL index (the in-process path when DOCKET_BRIEF_WORKERS is 0 or the index lives in memory, where no
   * other thread can read it). Resolves once every worker has loaded and opened the index.
   */
  async briefs(logger: Logger): Promise<BriefSource> {
    const { inProcessBriefs, viewBriefs } = await import("../core/brief/briefSource.js");
    // On the shared index, a brief loads a view of what it reads from the database, then the kernel runs on it.
    const { index, inProcess } = this.hasSharedIndex
      ? { index: (await this.sharedIndex()).index, inProcess: viewBriefs((await this.liveIndex()).index) }
      : await this.index().then((ready) => ({ index: ready.index, inProcess: inProcessBriefs(ready.index) }));
    if (this.config.DOCKET_BRIEF_WORKERS === 0 || ("file" in index && index.file === ":memory:"))
      return inProcess;
    const { BriefPool, defaultBriefThreads } = await import("../store/index/briefPool.js");
    const pool = new BriefPool(index, {
      // A shard process shares the host's cores with its sibling shards.
      threads: this.config.DOCKET_BRIEF_WORKERS ?? defaultBriefThreads(this.config.SHARD_COUNT ?? 1),
      fallback: {
        source: inProcess,
        onFallback: (error) => {
          logger.warn({ err: error }, "a brief worker failed; built on the event loop instead");
        },
      },
    });
    try {
      await pool.warm();
    } catch (error) {
      logger.warn({ err: error }, "the brief workers could not start; briefs are built on the event loop");
      await pool.close();
      return inProcess;
    }
    this.stops.push(() => pool.close());
    return pool;
  }

  /** Digest scheduling and delivery for a running process, posting through the given outlet. */
  async digests(options: Omit<DigestsOptions, "store" | "index">): Promise<RunningDigests> {
    const { index } = await this.liveIndex();
    const { startDigests } = await import("../digest/scheduler.js");
    const running = startDigests({ ...options, store: await this.store(), index });
    this.stops.push(() => running.stop());
    return running;
  }

  /** Stops the services started here (pollers, digest ticks), the last started first; safe to call twice. */
  async stopServices(): Promise<void> {
    for (const stop of this.stops.splice(0).reverse()) await stop();
  }

  /** Stops the services, then closes the store and the index; safe to call twice. */
  async close(): Promise<void> {
    await this.stopServices();
    // What failed to open has nothing to close (its error went to whoever asked for it).
    const store = await this.storeOpened?.catch(() => null);
    this.storeOpened = null;
    await store?.close();
    const opened = await this.opened?.catch(() => null);
    this.opened = null;
    opened?.index.close();
    const shared = await this.sharedOpened?.catch(() => null);
    this.sharedOpened = null;
    await shared?.index.close();
    this.liveOpened = null;
  }
}

/** Builds the application for one process; call close() when done. */
export function createApp(config: Config, options: AppOptions = {}): App {
  return new App(config, options);
}
