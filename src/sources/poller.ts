// Polls due feeds: conditional GET with the stored validators, Retry-After honoured, exponential backoff
// on failure, a pause and a notice after ten failures in a row, and a re-baseline (not a flood) when a
// feed re-keys all its items. Time comes from an injected clock so a week can be simulated in a test.
import { canonicalLink, itemIdentities } from "../core/ingest/feed/identity.js";
import { parseFeed } from "../core/ingest/feed/parse.js";
import { type FeedItem } from "../core/ingest/feed/types.js";
import type { Logger } from "pino";
import { userMessageOf } from "../core/errors.js";
import type { SourceService } from "./sourceService.js";
import { titleKey, type LastItems, type SourceStore } from "./sourceStore.js";
import { MAX_FAILURES, type Fetcher, type Notifier, type Source } from "./types.js";

export interface PollerDeps {
  sources: SourceStore;
  service: SourceService;
  fetch: Fetcher;
  now: () => number;
  notify: Notifier;
  allowPrivateHosts: readonly string[];
  logger: Pick<Logger, "info" | "warn">;
  /**
   * Claims the right to poll one feed now, across every process sharing the store (a lease); a process that
   * does not get it leaves the feed to the one that did. Absent: this process is the only poller.
   */
  claim?: (name: string) => Promise<boolean>;
}

export type PollOutcome =
  | { kind: "imported"; count: number }
  | { kind: "not-modified" }
  | { kind: "rebaselined"; ids: number }
  | { kind: "throttled"; retryAfterMs: number }
  | { kind: "failed"; error: string; paused: boolean };

const MAX_BACKOFF_MS = 24 * 60 * 60 * 1000;

/**
 * A feed re-keyed its items when most of what it serves has unseen ids but the same links or titles as
 * the last fetch: the same stories under new ids. A feed that simply moved on has new links too.
 */
function rekeyed(
  items: readonly FeedItem[],
  ids: readonly string[],
  seen: ReadonlySet<string>,
  last: LastItems,
): boolean {
  const unseen = items.filter((_, i) => !seen.has(ids[i] ?? ""));
  if (unseen.length === 0 || unseen.length * 2 <= items.length) return false;
  const links = new Set(last.links);
  const titles = new Set(last.titles);
  const known = unseen.filter(
    (item) => (item.link && links.has(canonicalLink(item.link))) || titles.has(titleKey(item.title)),
  );
  return known.length * 2 > unseen.length;
}

function describe(error: unknown): string {
  return userMessageOf(error) ?? (error instanceof Error ? error.message : String(error));
}

export class FeedPoller {
  constructor(private readonly deps: PollerDeps) {}

  private isDue(s: Source): boolean {
    return (
      s.kind === "feed" && s.status === "active" && s.nextFetchAt !== null && s.nextFetchAt <= this.deps.now()
    );
  }

  /**
   * Polls every active feed whose time has come, one after another; returns how many this process polled.
   * With several processes, each feed goes to the one that claims it, which re-reads it first: another may
   * have polled it since the list was read.
   */
  async pollDue(): Promise<number> {
    const due = (await this.deps.service.list()).filter((s) => this.isDue(s));
    let polled = 0;
    for (const listed of due) {
      if (this.deps.claim && !(await this.deps.claim(`feed-poll:${listed.id}`))) continue;
      const source = this.deps.claim ? await this.deps.sources.sources.get(listed.id) : listed;
      if (!source || !this.isDue(source)) continue;
      await this.poll(source);
      polled++;
    }
    return polled;
  }

  async poll(source: Source): Promise<PollOutcome> {
    const now = this.deps.now();
    const interval = source.intervalMinutes * 60_000;
    let outcome: PollOutcome;
    let update: Partial<Source>;
    try {
      const result = await this.deps.fetch(source.url, {
        kind: "feed",
        allowPrivateHosts: this.deps.allowPrivateHosts,
        etag: source.etag,
        lastModified: source.lastModified,
      });
      if (result.status === 429 || result.status === 503) {
        const wait = Math.max(result.retryAfterMs ?? interval, interval);
        outcome = { kind: "throttled", retryAfterMs: wait };
        update = {
          lastFetchAt: now,
          nextFetchAt: now + wait,
          lastError: "The site asked Docket to slow down.",
        };
      } else if (result.notModified) {
        outcome = { kind: "not-modified" };
        update = {
          lastFetchAt: now,
          lastSuccessAt: now,
          lastError: null,
          consecutiveFailures: 0,
          nextFetchAt: now + interval,
        };
      } else {
        const feed = parseFeed(result.text, result.url);
        const ids = itemIdentities(feed.items);
        const seen = await this.deps.sources.seenIds(source.id);
        const validators = { etag: result.etag, lastModified: result.lastModified };
        const base = {
          ...validators,
          lastFetchAt: now,
          lastSuccessAt: now,
          lastError: null,
          consecutiveFailures: 0,
          nextFetchAt: now + interval,
        };
        const last = await this.deps.sources.lastItems(source.id);
        await this.deps.sources.setLastItems(source.id, feed.items);
        if (rekeyed(feed.items, ids, seen, last)) {
          await this.deps.sources.markSeen(source.id, ids);
          this.deps.logger.warn(
            { source: source.id, ids: ids.length },
            "feed re-keyed its items; re-baselined instead of importing",
          );
          outcome = { kind: "rebaselined", ids: ids.length };
          update = base;
        } else {
          const fresh = feed.items
            .map((item, i) => ({ item, id: ids[i] ?? "" }))
            .filter(({ id }) => id !== "" && !seen.has(id));
          const count = await this.deps.service.importFeedItems(source, fresh);
          outcome = { kind: "imported", count };
          update = { ...base, itemCount: source.itemCount + count };
        }
      }
    } catch (error) {
      const failures = source.consecutiveFailures + 1;
      const message = describe(error);
      const paused = failures >= MAX_FAILURES;
      outcome = { kind: "failed", error: message, paused };
      update = {
        lastFetchAt: now,
        lastError: message,
        consecutiveFailures: failures,
        status: paused ? "paused" : "active",
        pausedReason: paused
          ? `Paused after ${failures} failed fetches in a row. Last error: ${message}`
          : null,
        nextFetchAt: paused ? null : now + Math.min(interval * 2 ** failures, MAX_BACKOFF_MS),
      };
      if (paused && source.channelId) {
        await this.deps
          .notify(
            source.channelId,
            `Docket paused the feed “${source.title}” after ${failures} failed fetches in a row (last error: ${message}). An admin can run /source resume when it works again.`,
          )
          .catch((e: unknown) => {
            this.deps.logger.warn({ err: e, source: source.id }, "could not post the pause notice");
          });
      }
    }
    // Re-read before writing: an admin may have paused or removed the source while it was being fetched.
    const current = await this.deps.sources.sources.get(source.id);
    if (current) await this.deps.sources.sources.put(source.id, { ...current, ...update });
    return outcome;
  }
}
