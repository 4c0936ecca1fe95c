// Shapes shared by digest scheduling and delivery: the client, the per-period delivery record, tick events.
import type { Logger } from "pino";
import type { DigestMemory } from "../core/digest/buildDigest.js";
import type { DigestMessage } from "./content.js";

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

export type DigestLogger = Pick<Logger, "info" | "warn" | "error">;
