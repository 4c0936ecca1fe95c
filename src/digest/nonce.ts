// The nonces and request bodies that make posting a digest message idempotent on Discord's side.
import { createHash } from "node:crypto";
import type { DigestMessage } from "./content.js";

const EPHEMERAL = 1 << 6;

/** The nonce prefix of a (subscription, period): 20 hex characters, the same on every try. */
export function noncePrefix(subscriptionId: string, period: string): string {
  return createHash("sha256").update(`${subscriptionId}|${period}`).digest("hex").slice(0, 20);
}

/** Message `index`'s nonce: at most 25 characters (Discord's limit) for up to 1000 messages. */
export function digestNonce(prefix: string, index: number): string {
  return `${prefix}-${index}`;
}

/**
 * The body of one message's post. enforce_nonce makes Discord return the message already posted with this
 * nonce instead of posting a second one, so a retry after a lost reply is harmless.
 */
export function postBody(message: DigestMessage, nonce: string): Record<string, unknown> {
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
