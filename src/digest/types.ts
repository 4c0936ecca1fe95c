// Shapes shared by digest scheduling and delivery: the per-period delivery record and tick events.
import type { Logger } from "pino";
import type { DigestMemory } from "../core/digest/types.js";
import type { DigestMessage } from "./outlet.js";

export type DeliveryState = "sending" | "sent" | "empty" | "skipped" | "failed";

export interface DeliveryRecord {
  subscriptionId: string;
  guild: string;
  channelId: string;
  /** The scheduled instant, ISO. */
  period: string;
  state: DeliveryState;
  /** The idempotency key prefix; message i is posted with digestNonce(nonce, i). */
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
  /** A failure that pauses the subscription (the channel is gone or closed to Docket). */
  pausing?: boolean;
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

export type DigestLogger = Pick<Logger, "info" | "warn" | "error">;
