// The idempotency keys that make posting a digest message safe to retry: one per (subscription, period,
// message), the same on every try. The outlet sends them along (on Discord, as the message nonce).
import { createHash } from "node:crypto";

/** The key prefix of a (subscription, period): 20 hex characters, the same on every try. */
export function noncePrefix(subscriptionId: string, period: string): string {
  return createHash("sha256").update(`${subscriptionId}|${period}`).digest("hex").slice(0, 20);
}

/** Message `index`'s key: at most 25 characters (Discord's nonce limit) for up to 1000 messages. */
export function digestNonce(prefix: string, index: number): string {
  return `${prefix}-${index}`;
}
