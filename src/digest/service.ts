// What /digest does to subscriptions: subscribe, list, unsubscribe, resume, and a preview of the next
// digest (built now, not posted, not recorded).
import { InputError } from "../core/errors.js";
import type { ComposeDigest } from "./content.js";
import type { DigestMessage } from "./outlet.js";
import {
  latestRun,
  nextRun,
  type DigestSubscription,
  type SubscribeInput,
  type SubscriptionStore,
} from "./subscriptions.js";

function later(period: string | null, instant: number | null): string | null {
  if (instant === null) return period;
  return period !== null && Date.parse(period) >= instant ? period : new Date(instant).toISOString();
}

export class DigestService {
  constructor(
    readonly subscriptions: SubscriptionStore,
    private readonly compose: ComposeDigest,
    private readonly now: () => number = Date.now,
  ) {}

  subscribe(input: SubscribeInput): Promise<DigestSubscription> {
    return this.subscriptions.create(input);
  }

  list(guild: string): Promise<DigestSubscription[]> {
    return this.subscriptions.list(guild);
  }

  get(guild: string, id: string): Promise<DigestSubscription> {
    return this.subscriptions.get(guild, id);
  }

  unsubscribe(guild: string, id: string): Promise<DigestSubscription> {
    return this.subscriptions.remove(guild, id);
  }

  /** Delivers again from the next scheduled time on; the periods missed while paused are not sent. */
  async resume(guild: string, id: string): Promise<DigestSubscription> {
    const found = await this.subscriptions.get(guild, id);
    if (found.status === "active") throw new InputError(`Digest \`${found.id}\` is not paused.`);
    const resumed = await this.subscriptions.update(found.id, (s) => ({
      ...s,
      status: "active",
      pausedReason: null,
      // Whatever fell due while it was paused is over: only later periods go out.
      lastSentPeriod: later(s.lastSentPeriod, latestRun(s, this.now())),
      pendingPeriod: null,
    }));
    if (!resumed) throw new InputError(`No digest subscription \`${id}\` in this server; see /digest list.`);
    return resumed;
  }

  /** When it fires next (ms), or null when paused or never. */
  nextRun(subscription: DigestSubscription): number | null {
    return subscription.status === "active" ? nextRun(subscription, this.now()) : null;
  }

  /** The digest that would go out if it were due now: everything since the last one, never recorded. */
  async preview(guild: string, id: string): Promise<DigestMessage[]> {
    const subscription = await this.subscriptions.get(guild, id);
    const now = this.now();
    const composed = await this.compose(subscription, {
      since: subscription.coveredUntil ?? subscription.createdAt,
      until: now,
      instant: now,
      preview: true,
    });
    return composed.messages;
  }
}
