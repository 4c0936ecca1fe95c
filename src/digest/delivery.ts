// Delivers a period's digest exactly once: records before and after posting, and what a failure means.
//
// Exactly once: a delivery record per (subscription, period) is written with state "sending" and the rendered
// messages BEFORE anything is posted, each message's id is recorded as soon as Discord returns it, and the
// record becomes "sent" at the end. Each message carries a nonce derived from (subscription, period, index)
// with enforce_nonce, so a retry after a crash between Discord's reply and our record returns the existing
// message instead of posting a second one. A "sending" record left by a crash is finished first, with the same
// messages and nonces. (Discord remembers a nonce for a few minutes only: a retry much later than that could
// post a message twice; the log line "resuming a digest delivery" says how late it is.)
import { Routes } from "discord.js";
import type { ComposeDigest } from "./content.js";
import { digestNonce, noncePrefix, postBody } from "./nonce.js";
import type { DigestSubscription, SubscriptionStore } from "./subscriptions.js";
import type { DeliveryRecord, DigestClient, DigestEvent, DigestLogger, DigestOutcome } from "./types.js";

/** Finished delivery records are kept this long (a period older than lastSentPeriod is never looked at). */
const RECORD_TTL_MS = 35 * 24 * 60 * 60 * 1000;
/** How long Discord remembers a nonce, about: a retry later than this might not be deduplicated. */
const NONCE_MEMORY_MS = 5 * 60 * 1000;

/** Errors that end a subscription, not just one try: the channel is gone or closed to the bot. */
const PAUSING: Record<number, string> = {
  10003: "the channel was deleted",
  50001: "Docket can no longer see the channel (Missing Access)",
  50013:
    "Docket is not allowed to post in the channel (it needs View Channel, Send Messages and Embed Links)",
};

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

/** A Discord API error's code and status (discord.js's DiscordAPIError), or null for anything else. */
function apiError(error: unknown): { code: number; status: number } | null {
  if (typeof error !== "object" || error === null) return null;
  const { code, status } = error as { code?: unknown; status?: unknown };
  return typeof code === "number" && typeof status === "number" ? { code, status } : null;
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
    private readonly client: Pick<DigestClient, "rest" | "users">,
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
    const composed = this.compose(subscription, { since, until, instant: until });
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
      const pausing = record.state === "failed" && Object.values(PAUSING).includes(record.reason ?? "");
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

  /** Sorts a failed post: pause on a channel gone or closed, give up on a refusal, else retry next tick. */
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
      await this.records.set(key, failed, RECORD_TTL_MS);
      await this.pause(subscription, failed, pausing, events);
      return;
    }
    if (api && api.status >= 400 && api.status < 500 && api.status !== 429) {
      // Discord refused this digest itself (a body it rejects): trying again would fail the same way.
      const reason = `Discord refused the digest (${api.status}, code ${api.code})`;
      await this.records.set(key, { ...record, state: "failed", reason, updatedAt: now }, RECORD_TTL_MS);
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
