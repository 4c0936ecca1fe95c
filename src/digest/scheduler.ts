// Posts each subscription's digest once per scheduled period, exactly once, across crashes and restarts.
//
// A period is identified by its scheduled instant (ISO). On every tick (and once at start) each active
// subscription's latest instant at or before now is found with croner; a period newer than the last one dealt
// with is sent when it is at most `graceMs` late, else skipped with a log line (recorded, so never sent later).
//
// Exactly once: a delivery record per (subscription, period) is written with state "sending" and the rendered
// messages BEFORE anything is posted, each message's id is recorded as soon as Discord returns it, and the
// record becomes "sent" at the end. Each message carries a nonce derived from (subscription, period, index)
// with enforce_nonce, so a retry after a crash between Discord's reply and our record returns the existing
// message instead of posting a second one. A "sending" record left by a crash is finished first, with the same
// messages and nonces. (Discord remembers a nonce for a few minutes only: a retry much later than that could
// post a message twice; the log line "resuming a digest delivery" says how late it is.)
import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Routes } from "discord.js";
import type { Logger } from "pino";
import type { DigestMemory } from "../core/digest/buildDigest.js";
import type { DocumentIndex } from "../core/index/docIndex.js";
import type { Store } from "../store/openStore.js";
import { contentComposer, type ComposeDigest, type DigestMessage } from "./content.js";
import { DigestService } from "./service.js";
import { latestRun, SubscriptionStore, type DigestSubscription } from "./subscriptions.js";

/** What the scheduler needs of a discord.js Client (a Client fits as it is; tests pass a fake). */
export interface DigestClient {
  /** Only guilds in this cache are served: with several shards, each guild's digests go out from one. */
  guilds: { cache: { has(id: string): boolean } };
  /** discord.js's REST manager: its queue waits out 429s (per route and global) before retrying. */
  rest: { post(route: `/${string}`, options: { body: unknown }): Promise<unknown> };
  users: {
    send(userId: string, options: { content: string; allowedMentions: { parse: [] } }): Promise<unknown>;
  };
  /** Until it is true (logged in, guilds received) no tick runs. */
  isReady?(): boolean;
}

export type DeliveryState = "sending" | "sent" | "empty" | "skipped" | "failed";

export interface DeliveryRecord {
  subscriptionId: string;
  guild: string;
  channelId: string;
  /** The scheduled instant, ISO. */
  period: string;
  state: DeliveryState;
  /** The nonce prefix; message i is posted with digestNonce(nonce, i). */
  nonce: string;
  /** The rendered messages, kept until sent so a retry posts exactly what the first try did. */
  messages: DigestMessage[];
  messageIds: Array<string | null>;
  since: number;
  until: number;
  memory: DigestMemory | null;
  startedAt: number;
  updatedAt: number;
  /** Why it was skipped or failed. */
  reason: string | null;
}

export type DigestOutcome = "sent" | "empty" | "skipped" | "paused" | "failed" | "retrying";

export interface DigestEvent {
  subscription: string;
  guild: string;
  channelId: string;
  period: string;
  outcome: DigestOutcome;
  messageIds?: string[];
  reason?: string;
}

export interface TickReport {
  at: number;
  events: DigestEvent[];
}

type DigestLogger = Pick<Logger, "info" | "warn" | "error">;

export interface DigestsOptions {
  store: Pick<Store, "namespace">;
  index: DocumentIndex;
  client: DigestClient;
  logger: DigestLogger;
  now?: () => number;
  /** A period more than this late is skipped, not sent (default 6 hours). */
  graceMs?: number;
  /** How often due digests are looked for (default 60 s); 0 = only at start and when tick() is called. */
  tickMs?: number;
  /** Subscriptions delivered at the same time (default 4); the REST queue paces each channel. */
  concurrency?: number;
  /** The digest content; the real one (buildDigest + renderDigest) unless a test swaps it. */
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
/** Finished delivery records are kept this long (a period older than lastSentPeriod is never looked at). */
const RECORD_TTL_MS = 35 * 24 * 60 * 60 * 1000;
/** How long Discord remembers a nonce, about: a retry later than this might not be deduplicated. */
const NONCE_MEMORY_MS = 5 * 60 * 1000;
const EPHEMERAL = 1 << 6;

/** Errors that end a subscription, not just one try: the channel is gone or closed to the bot. */
const PAUSING: Record<number, string> = {
  10003: "the channel was deleted",
  50001: "Docket can no longer see the channel (Missing Access)",
  50013:
    "Docket is not allowed to post in the channel (it needs View Channel, Send Messages and Embed Links)",
};

/** The nonce prefix of a (subscription, period): 20 hex characters, the same on every try. */
export function noncePrefix(subscriptionId: string, period: string): string {
  return createHash("sha256").update(`${subscriptionId}|${period}`).digest("hex").slice(0, 20);
}

/** Message `index`'s nonce: at most 25 characters (Discord's limit) for up to 1000 messages. */
export function digestNonce(prefix: string, index: number): string {
  return `${prefix}-${index}`;
}

function deliveryKey(subscriptionId: string, period: string): string {
  return `${subscriptionId}|${period}`;
}

/** A Discord API error's code and status (discord.js's DiscordAPIError), or null for anything else. */
function apiError(error: unknown): { code: number; status: number } | null {
  if (typeof error !== "object" || error === null) return null;
  const { code, status } = error as { code?: unknown; status?: unknown };
  return typeof code === "number" && typeof status === "number" ? { code, status } : null;
}

function later(period: string | null, other: string): string {
  return period !== null && Date.parse(period) >= Date.parse(other) ? period : other;
}

function postBody(message: DigestMessage, nonce: string): Record<string, unknown> {
  const { flags, ...rest } = message as DigestMessage & { flags?: number };
  return {
    ...rest,
    allowed_mentions: { parse: [] },
    // A channel message cannot be ephemeral; the other flags (suppress embeds…) are kept.
    ...(flags !== undefined && (flags & ~EPHEMERAL) !== 0 ? { flags: flags & ~EPHEMERAL } : {}),
    nonce,
    enforce_nonce: true,
  };
}

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
    private readonly deliveries: {
      get(key: string): Promise<DeliveryRecord | undefined>;
      set(key: string, value: DeliveryRecord, ttl?: number): Promise<unknown>;
    },
    private readonly compose: ComposeDigest,
    private readonly client: DigestClient,
    private readonly logger: DigestLogger,
    private readonly now: () => number,
    private readonly graceMs: number,
    private readonly concurrency: number,
  ) {}

  async tick(): Promise<TickReport> {
    const now = this.now();
    const events: DigestEvent[] = [];
    // Sharding: a guild lives on exactly one shard, and only that shard's client has it in its cache, so
    // filtering on the cache makes each guild's digests go out once however many shards (or processes) run.
    const due = (await this.subscriptions.all()).filter(
      (s) => s.status === "active" && this.client.guilds.cache.has(s.guild),
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
      const pending = await this.deliveries.get(deliveryKey(current.id, current.pendingPeriod));
      if (pending) await this.proceed(current, pending, now, events);
      else await this.subscriptions.update(current.id, (s) => ({ ...s, pendingPeriod: null }));
      const fresh = await this.subscriptions.byId(current.id);
      // Still pending: Discord failed again; it is retried on the next tick, before anything newer.
      if (!fresh || fresh.status !== "active" || fresh.pendingPeriod !== null) return;
      current = fresh;
    }
    const instant = latestRun(current, now);
    // A subscription serves the periods after it was made, not the one that fell due just before.
    if (instant === null || instant <= current.createdAt) return;
    if (current.lastSentPeriod !== null && Date.parse(current.lastSentPeriod) >= instant) return;
    const period = new Date(instant).toISOString();
    const existing = await this.deliveries.get(deliveryKey(current.id, period));
    if (existing) {
      await this.proceed(current, existing, now, events);
      return;
    }
    const since = current.coveredUntil ?? current.createdAt;
    const base = {
      subscriptionId: current.id,
      guild: current.guild,
      channelId: current.channelId,
      period,
      nonce: noncePrefix(current.id, period),
      since,
      until: instant,
      startedAt: now,
      updatedAt: now,
    };
    if (now - instant > this.graceMs) {
      await this.skip(
        current,
        { ...base, state: "skipped", messages: [], messageIds: [], memory: null, reason: null },
        now,
        events,
      );
      return;
    }
    const composed = this.compose(current, { since, until: instant, instant });
    const record: DeliveryRecord = {
      ...base,
      state: composed.messages.length === 0 ? "empty" : "sending",
      messages: composed.messages,
      messageIds: composed.messages.map(() => null),
      memory: composed.memory,
      reason: null,
    };
    if (record.state === "empty") {
      await this.deliveries.set(deliveryKey(current.id, period), { ...record, messages: [] }, RECORD_TTL_MS);
      await this.finish(record);
      this.logger.info({ subscription: current.id, period }, "digest empty; nothing posted");
      events.push(this.event(record, "empty"));
      return;
    }
    // Written before anything is posted: from here on a crash leaves a record to finish, never a guess.
    await this.deliveries.set(deliveryKey(current.id, period), record);
    await this.subscriptions.update(current.id, (s) => ({ ...s, pendingPeriod: period }));
    await this.post(current, record, now, events);
  }

  /** Carries on with a record found in the store: finishes a "sending" one, settles a finished one. */
  private async proceed(
    subscription: DigestSubscription,
    record: DeliveryRecord,
    now: number,
    events: DigestEvent[],
  ): Promise<void> {
    if (record.state !== "sending") {
      // A crash between recording a pausing failure and pausing: pause now (once; then it is not active).
      const pausing = record.state === "failed" && Object.values(PAUSING).includes(record.reason ?? "");
      if (pausing && record.reason) await this.pause(subscription, record, record.reason, events);
      else await this.finish(record);
      return;
    }
    const posted = record.messageIds.some((id) => id !== null);
    const late = now - Date.parse(record.period);
    if (!posted && late > this.graceMs) {
      await this.skip(subscription, { ...record, state: "skipped", messages: [] }, now, events);
      return;
    }
    const level = now - record.updatedAt > NONCE_MEMORY_MS ? "warn" : "info";
    this.logger[level](
      {
        subscription: record.subscriptionId,
        period: record.period,
        posted: record.messageIds.filter((id) => id !== null).length,
        of: record.messages.length,
        sinceLastTryMs: now - record.updatedAt,
      },
      "resuming a digest delivery with its original nonces",
    );
    await this.post(subscription, record, now, events);
  }

  private async post(
    subscription: DigestSubscription,
    record: DeliveryRecord,
    now: number,
    events: DigestEvent[],
  ): Promise<void> {
    const key = deliveryKey(record.subscriptionId, record.period);
    let current = record;
    for (const [i, message] of current.messages.entries()) {
      if (current.messageIds[i]) continue;
      let id: string;
      try {
        const created = (await this.client.rest.post(Routes.channelMessages(current.channelId), {
          body: postBody(message, digestNonce(current.nonce, i)),
        })) as { id?: unknown } | null;
        if (typeof created?.id !== "string") throw new Error("Discord returned no message id");
        id = created.id;
      } catch (error) {
        await this.failed(subscription, current, error, now, events);
        return;
      }
      current = {
        ...current,
        messageIds: current.messageIds.map((m, j) => (j === i ? id : m)),
        updatedAt: this.now(),
      };
      await this.deliveries.set(key, current);
    }
    const sent: DeliveryRecord = { ...current, state: "sent", messages: [], updatedAt: this.now() };
    await this.deliveries.set(key, sent, RECORD_TTL_MS);
    await this.finish(sent);
    this.logger.info(
      { subscription: sent.subscriptionId, guild: sent.guild, channel: sent.channelId, period: sent.period },
      "digest sent",
    );
    events.push(this.event(sent, "sent"));
  }

  private async failed(
    subscription: DigestSubscription,
    record: DeliveryRecord,
    error: unknown,
    now: number,
    events: DigestEvent[],
  ): Promise<void> {
    const key = deliveryKey(record.subscriptionId, record.period);
    const api = apiError(error);
    const pausing = api ? PAUSING[api.code] : undefined;
    if (pausing) {
      const failed: DeliveryRecord = { ...record, state: "failed", reason: pausing, updatedAt: now };
      await this.deliveries.set(key, failed, RECORD_TTL_MS);
      await this.pause(subscription, failed, pausing, events);
      return;
    }
    if (api && api.status >= 400 && api.status < 500 && api.status !== 429) {
      // Discord refused this digest itself (a body it rejects): trying again would fail the same way.
      const reason = `Discord refused the digest (${api.status}, code ${api.code})`;
      await this.deliveries.set(key, { ...record, state: "failed", reason, updatedAt: now }, RECORD_TTL_MS);
      await this.finish({ ...record, state: "failed" });
      this.logger.error(
        { subscription: record.subscriptionId, period: record.period, err: error },
        "digest refused by Discord; this period is given up",
      );
      events.push(this.event(record, "failed", reason));
      return;
    }
    // 5xx after the REST manager's own retries, a timeout, a network error: the record stays "sending".
    this.logger.warn(
      { subscription: record.subscriptionId, period: record.period, err: error },
      "digest delivery interrupted; retrying on the next tick with the same nonces",
    );
    events.push(this.event(record, "retrying", error instanceof Error ? error.message : String(error)));
  }

  /** Pauses the subscription for good reason (not retried), logs it and tells the admin who made it. */
  private async pause(
    subscription: DigestSubscription,
    record: DeliveryRecord,
    reason: string,
    events: DigestEvent[],
  ): Promise<void> {
    await this.subscriptions.update(record.subscriptionId, (s) => ({
      ...s,
      status: "paused",
      pausedReason: reason,
      pendingPeriod: null,
      lastSentPeriod: later(s.lastSentPeriod, record.period),
    }));
    this.logger.warn(
      {
        subscription: record.subscriptionId,
        guild: record.guild,
        channel: record.channelId,
        period: record.period,
      },
      `digest subscription paused: ${reason}`,
    );
    events.push(this.event(record, "paused", reason));
    await this.tellAdmin(subscription, reason);
  }

  private async skip(
    subscription: DigestSubscription,
    record: DeliveryRecord,
    now: number,
    events: DigestEvent[],
  ): Promise<void> {
    const lateMs = now - Date.parse(record.period);
    const reason = `missed by ${Math.round(lateMs / 60000)} min, more than the ${Math.round(this.graceMs / 60000)} min grace`;
    const skipped = { ...record, reason, updatedAt: now };
    await this.deliveries.set(deliveryKey(record.subscriptionId, record.period), skipped, RECORD_TTL_MS);
    await this.finish(skipped);
    this.logger.warn(
      { subscription: subscription.id, guild: subscription.guild, period: record.period, lateMs },
      "digest skipped: its time passed too long ago (the next digest covers its news)",
    );
    events.push(this.event(skipped, "skipped", reason));
  }

  /** Moves the subscription past a finished period; idempotent, so a crash before it is harmless. */
  private async finish(record: DeliveryRecord): Promise<void> {
    await this.subscriptions.update(record.subscriptionId, (s) => ({
      ...s,
      lastSentPeriod: later(s.lastSentPeriod, record.period),
      pendingPeriod: s.pendingPeriod === record.period ? null : s.pendingPeriod,
      ...(record.state === "sent" ? { lastSentAt: record.updatedAt } : {}),
      // A skipped period's news stays for the next digest: only what was posted (or found empty) is covered.
      ...(record.state === "sent" || record.state === "empty"
        ? { coveredUntil: Math.max(s.coveredUntil ?? 0, record.until), memory: record.memory ?? s.memory }
        : {}),
    }));
  }

  private async tellAdmin(subscription: DigestSubscription, reason: string): Promise<void> {
    const content =
      `Docket paused the digest \`${subscription.id}\` for <#${subscription.channelId}>: ${reason}. ` +
      `Fix it and run \`/digest resume subscription:${subscription.id}\`, or remove it with /digest unsubscribe.`;
    try {
      await this.client.users.send(subscription.createdBy, { content, allowedMentions: { parse: [] } });
    } catch (error) {
      this.logger.warn(
        { subscription: subscription.id, user: subscription.createdBy, notice: content, err: error },
        "could not DM the subscription's creator; the notice is this log line",
      );
    }
  }

  private event(record: DeliveryRecord, outcome: DigestOutcome, reason?: string): DigestEvent {
    const ids = record.messageIds.filter((id): id is string => id !== null);
    return {
      subscription: record.subscriptionId,
      guild: record.guild,
      channelId: record.channelId,
      period: record.period,
      outcome,
      ...(ids.length > 0 ? { messageIds: ids } : {}),
      ...(reason !== undefined ? { reason } : {}),
    };
  }
}

/**
 * Starts digest delivery for a running bot: the service /digest uses, a tick at start (as soon as the client
 * is ready) and one every `tickMs`. Call it before or after login; stop() before destroying the client.
 */
export function startDigests(options: DigestsOptions): RunningDigests {
  const now = options.now ?? Date.now;
  const subscriptions = new SubscriptionStore(options.store, now);
  const compose = options.compose ?? contentComposer(options.index);
  const service = new DigestService(subscriptions, compose, now);
  const scheduler = new DigestScheduler(
    subscriptions,
    options.store.namespace<DeliveryRecord>("digest-deliveries"),
    compose,
    options.client,
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
      if (options.client.isReady && !options.client.isReady()) return { at: now(), events: [] };
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
    while (!stopped && options.client.isReady && !options.client.isReady())
      await sleep(250, undefined, { ref: false });
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
