// Decides when each subscription's digest is due and runs the ticks that hand due periods to delivery.
//
// A period is identified by its scheduled instant (ISO). On every tick (and once at start) each active
// subscription's latest instant at or before now is found with croner; a period newer than the last one dealt
// with is sent when it is at most `graceMs` late, else skipped with a log line (recorded, so never sent later).
// Posting a period exactly once, across crashes and restarts, is ./delivery.ts's part.
import { setTimeout as sleep } from "node:timers/promises";
import type { AsyncIndex } from "../core/index/asyncIndex.js";
import type { DocumentIndex } from "../core/index/docIndex.js";
import type { Store } from "../store/openStore.js";
import { contentComposer, type ComposeDigest } from "./content.js";
import { DigestDelivery } from "./delivery.js";
import type { DigestOutlet } from "./outlet.js";
import { DigestService } from "./service.js";
import { latestRun, SubscriptionStore, type DigestSubscription } from "./subscriptions.js";
import type { DeliveryRecord, DigestEvent, DigestLogger, TickReport } from "./types.js";

export interface DigestsOptions {
  store: Pick<Store, "namespace" | "idSet">;
  /** An index in this process, or a shared one (its digests read a view of their window). */
  index: DocumentIndex | AsyncIndex;
  /** Where digests go: the platform edge's outlet (src/discord/delivery/digestOutlet.ts). */
  outlet: DigestOutlet;
  logger: DigestLogger;
  now?: () => number;
  /** A period more than this late is skipped, not sent (default 6 hours). */
  graceMs?: number;
  /** How often due digests are looked for (default 60 s); 0 = only at start and when tick() is called. */
  tickMs?: number;
  /** Subscriptions delivered at the same time (default 4); the REST queue paces each channel. */
  concurrency?: number;
  /** The digest content; the real one (buildDigest + the outlet's renderer) unless a test swaps it. */
  compose?: ComposeDigest;
}

export interface RunningDigests {
  service: DigestService;
  /** Looks for due digests now and delivers them; ticks never overlap (a second call waits for the first). */
  tick(): Promise<TickReport>;
  /** The tick at start, once the client is ready (null if stopped before). */
  started: Promise<TickReport | null>;
  /** Stops the timer and waits for a tick in progress. */
  stop(): Promise<void>;
}

export const DEFAULT_GRACE_MS = 6 * 60 * 60 * 1000;
const DEFAULT_TICK_MS = 60_000;

async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) await work(item);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

class DigestScheduler {
  constructor(
    private readonly subscriptions: SubscriptionStore,
    private readonly delivery: DigestDelivery,
    private readonly outlet: Pick<DigestOutlet, "serves">,
    private readonly logger: DigestLogger,
    private readonly now: () => number,
    private readonly graceMs: number,
    private readonly concurrency: number,
  ) {}

  async tick(): Promise<TickReport> {
    const now = this.now();
    const events: DigestEvent[] = [];
    // Sharding: a guild lives on exactly one shard, and only that shard's outlet serves it, so each guild's
    // digests go out once however many shards (or processes) run.
    const due = (await this.subscriptions.all()).filter(
      (s) => s.status === "active" && this.outlet.serves(s.guild),
    );
    await eachLimited(due, this.concurrency, async (subscription) => {
      try {
        await this.serve(subscription, now, events);
      } catch (error) {
        this.logger.warn(
          { subscription: subscription.id, guild: subscription.guild, err: error },
          "digest delivery failed; retrying on the next tick",
        );
      }
    });
    return { at: now, events };
  }

  private async serve(subscription: DigestSubscription, now: number, events: DigestEvent[]): Promise<void> {
    let current = subscription;
    if (current.pendingPeriod !== null) {
      const pending = await this.delivery.find(current.id, current.pendingPeriod);
      if (pending) await this.resume(current, pending, now, events);
      else await this.subscriptions.update(current.id, (s) => ({ ...s, pendingPeriod: null }));
      const fresh = await this.subscriptions.byId(current.id);
      // Still pending: the platform failed again; it is retried on the next tick, before anything newer.
      if (!fresh || fresh.status !== "active" || fresh.pendingPeriod !== null) return;
      current = fresh;
    }
    const instant = latestRun(current, now);
    // A subscription serves the periods after it was made, not the one that fell due just before.
    if (instant === null || instant <= current.createdAt) return;
    if (current.lastSentPeriod !== null && Date.parse(current.lastSentPeriod) >= instant) return;
    const period = new Date(instant).toISOString();
    const existing = await this.delivery.find(current.id, period);
    if (existing) {
      await this.resume(current, existing, now, events);
      return;
    }
    const window = { period, since: current.coveredUntil ?? current.createdAt, until: instant };
    if (now - instant > this.graceMs) {
      await this.delivery.skipPeriod(current, window, this.missed(period, now), now, events);
      return;
    }
    await this.delivery.begin(current, window, now, events);
  }

  /** Carries on with a period already begun, unless nothing of it was posted and its time is long past. */
  private async resume(
    subscription: DigestSubscription,
    record: DeliveryRecord,
    now: number,
    events: DigestEvent[],
  ): Promise<void> {
    const posted = record.messageIds.some((id) => id !== null);
    const late = now - Date.parse(record.period);
    // Once a message is out the rest follow however late, so a digest is never left half posted.
    if (record.state === "sending" && !posted && late > this.graceMs) {
      await this.delivery.skip(subscription, record, this.missed(record.period, now), now, events);
      return;
    }
    await this.delivery.proceed(subscription, record, now, events);
  }

  private missed(period: string, now: number): string {
    const lateMs = now - Date.parse(period);
    return `missed by ${Math.round(lateMs / 60000)} min, more than the ${Math.round(this.graceMs / 60000)} min grace`;
  }
}

/**
 * Starts digest delivery for a running bot: the service /digest uses, a tick at start (as soon as the outlet
 * is ready) and one every `tickMs`. Call it before or after login; stop() before closing the outlet's client.
 */
export function startDigests(options: DigestsOptions): RunningDigests {
  const now = options.now ?? Date.now;
  const subscriptions = new SubscriptionStore(options.store, now);
  const compose =
    options.compose ??
    contentComposer(options.index, (digest, request) => options.outlet.render(digest, request));
  const service = new DigestService(subscriptions, compose, now);
  const delivery = new DigestDelivery(
    subscriptions,
    options.store.namespace<DeliveryRecord>("digest-deliveries"),
    compose,
    options.outlet,
    options.logger,
    now,
  );
  const scheduler = new DigestScheduler(
    subscriptions,
    delivery,
    options.outlet,
    options.logger,
    now,
    options.graceMs ?? DEFAULT_GRACE_MS,
    options.concurrency ?? 4,
  );
  let stopped = false;
  let running: Promise<TickReport> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const tick = (): Promise<TickReport> => {
    const run = queue.then(async () => {
      if (!options.outlet.isReady()) return { at: now(), events: [] };
      return scheduler.tick().catch((error: unknown) => {
        options.logger.error({ err: error }, "digest tick failed");
        return { at: now(), events: [] };
      });
    });
    queue = run;
    running = run;
    void run.finally(() => {
      if (running === run) running = null;
    });
    return run;
  };
  const started = (async (): Promise<TickReport | null> => {
    while (!stopped && !options.outlet.isReady()) await sleep(250, undefined, { ref: false });
    return stopped ? null : tick();
  })();
  const every = options.tickMs ?? DEFAULT_TICK_MS;
  const timer =
    every > 0
      ? setInterval(() => {
          // A tick still delivering is not queued behind: the next timer tick looks again.
          if (!running) void tick();
        }, every)
      : null;
  timer?.unref();
  return {
    service,
    tick,
    started,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await queue.catch(() => undefined);
    },
  };
}
