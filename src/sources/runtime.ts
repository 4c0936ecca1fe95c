// Wires the source service and the feed poller for a running process: the store, the safe fetcher,
// the documents loaded back into the index at start, and a timer that polls due feeds.
import type { Logger } from "pino";
import type { AsyncIndex } from "../core/index/asyncIndex.js";
import type { DocumentIndex } from "../core/index/docIndex.js";
import { safeFetch } from "../fetch/safeFetch.js";
import type { Store } from "../store/openStore.js";
import { FeedPoller, type PollOutcome } from "./poller.js";
import { SourceService } from "./sourceService.js";
import { SourceStore } from "./sourceStore.js";
import type { Fetcher, Notifier } from "./types.js";

export interface SourcesRuntime {
  service: SourceService;
  poller: FeedPoller;
  /** Polls a source now and says what happened. */
  refresh(guild: string, id: string): Promise<string>;
  /** Stops the timer and waits for a poll in progress. */
  stop(): Promise<void>;
}

export interface SourcesOptions {
  store: Store;
  /** An index in this process, or one shared by every process in the database. */
  index: DocumentIndex | AsyncIndex;
  logger: Logger;
  allowPrivateHosts: readonly string[];
  notify: Notifier;
  fetch?: Fetcher;
  now?: () => number;
  /**
   * Whether to add every stored document to the index at start. Off when the index is stored and the caller
   * brought it up to date itself (only documents it does not hold are read then).
   */
  loadStored?: boolean;
  /** How often due feeds are looked for; 0 disables the timer (tests drive the poller themselves). */
  checkEveryMs?: number;
}

export function outcomeInWords(outcome: PollOutcome): string {
  switch (outcome.kind) {
    case "imported":
      return outcome.count === 0
        ? "Fetched: nothing new."
        : `Fetched: ${outcome.count} new item(s) imported.`;
    case "not-modified":
      return "Fetched: the feed has not changed.";
    case "rebaselined":
      return "The feed changed all its item ids at once; Docket took the current items as the new starting point instead of importing them all.";
    case "throttled":
      return `The site asked Docket to slow down; next try in ${Math.ceil(outcome.retryAfterMs / 60000)} minute(s).`;
    case "failed":
      return outcome.paused
        ? `Fetch failed (${outcome.error}); the feed is now paused.`
        : `Fetch failed: ${outcome.error}`;
  }
}

/**
 * How long one process keeps a feed to itself once it claimed it: longer than any fetch can take (the
 * fetcher's own time limits are far shorter), so two processes never poll one feed at once.
 */
const POLL_LEASE_MS = 10 * 60_000;

/** The poller's claim on a feed: a lease in the shared store, timed by the poller's clock. */
export function feedClaim(store: Store, now: () => number): (name: string) => Promise<boolean> {
  return (name) => store.lease(name, POLL_LEASE_MS, now());
}

export async function startSources(options: SourcesOptions): Promise<SourcesRuntime> {
  const now = options.now ?? Date.now;
  const fetch = options.fetch ?? safeFetch;
  const sources = new SourceStore(options.store);
  const service = new SourceService({
    sources,
    index: options.index,
    fetch,
    now,
    allowPrivateHosts: options.allowPrivateHosts,
    logger: options.logger,
  });
  const poller = new FeedPoller({
    sources,
    service,
    fetch,
    now,
    claim: feedClaim(options.store, now),
    notify: options.notify,
    allowPrivateHosts: options.allowPrivateHosts,
    logger: options.logger,
  });
  if (options.loadStored ?? true) {
    const loaded = await sources.loadInto(options.index);
    options.logger.info(loaded, "stored documents loaded into the index");
  }
  let running: Promise<void> | null = null;
  const tick = (): Promise<void> => {
    running ??= poller
      .pollDue()
      .then(
        () => undefined,
        (error: unknown) => {
          options.logger.warn({ err: error }, "feed polling failed");
        },
      )
      .finally(() => {
        running = null;
      });
    return running;
  };
  const every = options.checkEveryMs ?? 60_000;
  const timer = every > 0 ? setInterval(() => void tick(), every) : null;
  timer?.unref();
  // Feeds that fell due while the process was down are polled now, not a whole check interval later; with
  // several processes starting together, the lease gives each due feed to one of them.
  if (timer) void tick();
  return {
    service,
    poller,
    async refresh(guild, id) {
      const source = await service.get(guild, id);
      if (source.kind !== "feed") return "Only feeds are fetched again; articles and files do not change.";
      return outcomeInWords(await poller.poll(source));
    },
    async stop() {
      if (timer) clearInterval(timer);
      // A poll in progress finishes before the store it writes to is closed.
      await running;
    },
  };
}
