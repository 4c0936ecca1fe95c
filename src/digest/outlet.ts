// The digest's one way out, a port the platform edge implements (src/discord/delivery/digestOutlet.ts).
// Scheduling, delivery records and exactly-once stay here and know no platform; rendering, posting with an
// idempotency key, and what the platform's errors mean are the outlet's.
import type { Digest } from "../core/digest/types.js";

/** One rendered message, opaque here: recorded as it is, so a retry posts exactly what the first try did. */
export type DigestMessage = object;

export interface RenderDigestRequest {
  /** "Daily digest — 25 Nov 2026". */
  title: string;
  /** Said when there is no news; null renders nothing for an empty digest. */
  emptyLine: string | null;
}

export type PostOutcome =
  | { kind: "posted"; id: string }
  /** The channel is gone or closed to Docket: the subscription pauses, with `reason` in words. */
  | { kind: "pause"; reason: string }
  /** The platform refused this message itself: trying again would fail the same way. */
  | { kind: "refused"; reason: string; error: unknown };

export interface DigestOutlet {
  /** Only guilds this process serves: with several shards, each guild's digests go out from one. */
  serves(guild: string): boolean;
  /** Until it is true (logged in, guilds received) no tick runs. */
  isReady(): boolean;
  render(digest: Digest, request: RenderDigestRequest): DigestMessage[];
  /**
   * Posts one message; a second post with the same key returns the message already posted. Failures that
   * may pass (rate limits after the client's own retries, 5xx, timeouts) are thrown: retried next tick.
   */
  post(channelId: string, message: DigestMessage, key: string): Promise<PostOutcome>;
  /** What the subscription's creator is told when it pauses. */
  pausedNotice(subscription: { id: string; channelId: string }, reason: string): string;
  /** Sends a person a private message. */
  tell(userId: string, content: string): Promise<void>;
}
