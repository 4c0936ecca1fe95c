// Delivers a period's digest exactly once: records before and after posting, and what a failure means.
//
// Exactly once: a delivery record per (subscription, period) is written with state "sending" and the rendered
// messages BEFORE anything is posted, each message's id is recorded as soon as the platform returns it, and the
// record becomes "sent" at the end. Each message is posted through the outlet with a key derived from
// (subscription, period, index) (on Discord: a nonce with enforce_nonce), so a retry after a crash between the
// platform's reply and our record returns the existing message instead of posting a second one. A "sending"
// record left by a crash is finished first, with the same messages and keys. (Discord remembers a nonce for a
// few minutes only: a retry much later than that could post a message twice; the log line "resuming a digest
// delivery" says how late it is.)
import type { ComposeDigest } from "./content.js";
import { digestNonce, noncePrefix } from "./nonce.js";
import type { DigestOutlet, PostOutcome } from "./outlet.js";
import type { DigestSubscription, SubscriptionStore } from "./subscriptions.js";
import type { DeliveryRecord, DigestEvent, DigestLogger, DigestOutcome } from "./types.js";

/** Finished delivery records are kept this long (a period older than lastSentPeriod is never looked at). */
const RECORD_TTL_MS = 35 * 24 * 60 * 60 * 1000;
/** How long the platform remembers a key (Discord: a nonce), about: a later retry might not be deduplicated. */
const NONCE_MEMORY_MS = 5 * 60 * 1000;

/** One period: its scheduled instant (ISO) and the stretch of news its digest covers. */
export interface PeriodWindow {
  period: string;
  since: number;
  /** The scheduled instant, as a timestamp. */
  until: number;
}

/** Where delivery records are kept (a Keyv namespace of the store). */
export interface DeliveryRecords {
  get(key: string): Promise<DeliveryRecord | undefined>;
  set(key: string, value: DeliveryRecord, ttl?: number): Promise<unknown>;
}

function deliveryKey(subscriptionId: string, period: string): string {
  return `${subscriptionId}|${period}`;
}

function later(period: string | null, other: string): string {
  return period !== null && Date.parse(period) >= Date.parse(other) ? period : other;
}

/** The fields of a new period's record that do not depend on what it will hold. */
function openRecord(subscription: DigestSubscription, window: PeriodWindow, now: number) {
  return {
    subscriptionId: subscription.id,
    guild: subscription.guild,
    channelId: subscription.channelId,
    period: window.period,
    nonce: noncePrefix(subscription.id, window.period),
    since: window.since,
    until: window.until,
    startedAt: now,
    updatedAt: now,
  };
}

/** Posts, records and settles periods; when a period is due (or too late) is the scheduler's business. */
export class DigestDelivery {
  constructor(
    private readonly subscriptions: SubscriptionStore,
    private readonly records: DeliveryRecords,
    private readonly compose: ComposeDigest,
    private readonly outlet: Pick<DigestOutlet, "post" | "pausedNotice" | "tell">,
    private readonly logger: DigestLogger,
    private readonly now: () => number,
  ) {}

  /** The record of a period already begun, if there is one. */
  find(subscriptionId: string, period: string): Promise<DeliveryRecord | undefined> {
    return this.records.get(deliveryKey(subscriptionId, period));
  }

  /** Composes a new period's digest and posts it; an empty digest is recorded and nothing is posted. */
  async begin(
    subscription: DigestSubscription,
    window: PeriodWindow,
    now: number,
    events: DigestEvent[],
  ): Promise<void> {
    const { period, since, until } = window;
    const composed = await this.compose(subscription, { since, until, instant: until });
    const record: DeliveryRecord = {
      ...openRecord(subscription, window, now),
      state: composed.messages.length === 0 ? "empty" : "sending",
      messages: composed.messages,
      messageIds: composed.messages.map(() => null),
      memory: composed.memory,
      reason: null,
    };
    if (record.state === "empty") {
      await this.records.set(
        deliveryKey(subscription.id, period),
        { ...record, messages: [] },
        RECORD_TTL_MS,
      );
      await this.finish(record);
      this.logger.info({ subscription: subscription.id, period }, "digest empty; nothing posted");
      events.push(this.event(record, "empty"));
      return;
    }
    // Written before anything is posted: from here on a crash leaves a record to finish, never a guess.
    await this.records.set(deliveryKey(subscription.id, period), record);
    await this.subscriptions.update(subscription.id, (s) => ({ ...s, pendingPeriod: period }));
    await this.post(subscription, record, now, events);
  }

  /** Records a new period as skipped without composing it. */
  async skipPeriod(
    subscription: DigestSubscription,
    window: PeriodWindow,
    reason: string,
    now: number,
    events: DigestEvent[],
  ): Promise<void> {
    const record: DeliveryRecord = {
      ...openRecord(subscription, window, now),
      state: "skipped",
      messages: [],
      messageIds: [],
      memory: null,
      reason: null,
    };
    await this.skip(subscription, record, reason, now, events);
  }

  /** Carries on with a record found in the store: finishes a "sending" one, settles a finished one. */
  async proceed(
    subscription: DigestSubscription,
    record: DeliveryRecord,
    now: number,
    events: DigestEvent[],
  ): Promise<void> {
    if (record.state !== "sending") {
      // A crash between recording a pausing failure and pausing: pause now (once; then it is not active).
      const pausing = record.state === "failed" && record.pausing === true;
      if (pausing && record.reason) await this.pause(subscription, record, record.reason, events);
      else await this.finish(record);
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

  /** Gives a period up unposted; its news is not covered, so the next digest carries it. */
  async skip(
    subscription: DigestSubscription,
    record: DeliveryRecord,
    reason: string,
    now: number,
    events: DigestEvent[],
  ): Promise<void> {
    const lateMs = now - Date.parse(record.period);
    const skipped: DeliveryRecord = {
      ...record,
      state: "skipped",
      messages: [],
      reason,
      updatedAt: now,
    };
    await this.records.set(deliveryKey(record.subscriptionId, record.period), skipped, RECORD_TTL_MS);
    await this.finish(skipped);
    this.logger.warn(
      { subscription: subscription.id, guild: subscription.guild, period: record.period, lateMs },
      "digest skipped: its time passed too long ago (the next digest covers its news)",
    );
    events.push(this.event(skipped, "skipped", reason));
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
      let posted;
      try {
        posted = await this.outlet.post(current.channelId, message, digestNonce(current.nonce, i));
      } catch (error) {
        // Rate limits after the client's own retries, 5xx, a timeout: the record stays "sending".
        this.logger.warn(
          { subscription: current.subscriptionId, period: current.period, err: error },
          "digest delivery interrupted; retrying on the next tick with the same nonces",
        );
        events.push(this.event(current, "retrying", error instanceof Error ? error.message : String(error)));
        return;
      }
      if (posted.kind !== "posted") {
        await this.failed(subscription, current, posted, now, events);
        return;
      }
      const id = posted.id;
      current = {
        ...current,
        messageIds: current.messageIds.map((m, j) => (j === i ? id : m)),
        updatedAt: this.now(),
      };
      await this.records.set(key, current);
    }
    const sent: DeliveryRecord = { ...current, state: "sent", messages: [], updatedAt: this.now() };
    await this.records.set(key, sent, RECORD_TTL_MS);
    await this.finish(sent);
    this.logger.info(
      { subscription: sent.subscriptionId, guild: sent.guild, channel: sent.channelId, period: sent.period },
      "digest sent",
    );
    events.push(this.event(sent, "sent"));
  }

  /** Settles a refused post: pause when the channel is gone or closed, else give this period up. */
  private async failed(
    subscription: DigestSubscription,
    record: DeliveryRecord,
    outcome: Exclude<PostOutcome, { kind: "posted" }>,
    now: number,
    events: DigestEvent[],
  ): Promise<void> {
    const key = deliveryKey(record.subscriptionId, record.period);
    if (outcome.kind === "pause") {
      const failed: DeliveryRecord = {
        ...record,
        state: "failed",
        reason: outcome.reason,
        pausing: true,
        updatedAt: now,
      };
      await this.records.set(key, failed, RECORD_TTL_MS);
      await this.pause(subscription, failed, outcome.reason, events);
      return;
    }
    // The platform refused this digest itself (a body it rejects): trying again would fail the same way.
    const reason = outcome.reason;
    await this.records.set(key, { ...record, state: "failed", reason, updatedAt: now }, RECORD_TTL_MS);
    await this.finish({ ...record, state: "failed" });
    this.logger.error(
      { subscription: record.subscriptionId, period: record.period, err: outcome.error },
      "digest refused by the platform; this period is given up",
    );
    events.push(this.event(record, "failed", reason));
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
    const content = this.outlet.pausedNotice(subscription, reason);
    try {
      await this.outlet.tell(subscription.createdBy, content);
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
