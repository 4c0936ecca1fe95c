// The Discord double's types: what tests pass in and get back (options, interaction handles, recorded
// requests), and the internal records the double's modules share (guilds, interactions, sessions, routes).
import type {
  APIMessage,
  APIMessageInteractionMetadata,
  GatewayOpcodes,
  InteractionType,
} from "discord-api-types/v10";
import type { WebSocket } from "ws";

export interface DoubleOptions {
  applicationId?: string;
  token?: string;
  guilds?: Array<{ id: string; name: string; channels?: Array<{ id: string; name: string }> }>;
  /** HELLO's heartbeat_interval; Discord sends 41250, tests of heartbeating can ask for less. */
  heartbeatIntervalMs?: number;
  /** Privileged intents switched on in the developer portal; IDENTIFY asking for others is closed with 4014. */
  privilegedIntents?: number;
  /** Per-bucket limit announced in x-ratelimit-* headers and enforced with 429s (default 50 per 1000 ms). */
  rateLimit?: { limit?: number; windowMs?: number };
  /**
   * What GET /gateway/bot answers: the recommended shard count (default 1) and how many shards may identify at
   * once (session_start_limit.max_concurrency, default 1).
   */
  sharding?: { recommended?: number; maxConcurrency?: number };
}

export interface OptionInput {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: OptionInput[];
}

export interface CommandInput {
  name: string;
  options?: OptionInput[];
  guildId?: string;
  channelId?: string;
  userId?: string;
  /** Member permissions bitfield as a decimal string; all permissions by default. */
  permissions?: string;
  /** When the interaction was created (ms epoch): only the 15 min webhook-token expiry counts from it. */
  createdAt?: number;
  /** Send it from the bot's DMs: no guild_id, no member, a top-level user instead. */
  dm?: boolean;
}

export interface ButtonInput {
  customId: string;
  guildId?: string;
  channelId?: string;
  userId?: string;
  /** The message the button sits on: a message the double already knows, or a stub created under this id. */
  messageId?: string;
  permissions?: string;
  createdAt?: number;
  dm?: boolean;
}

export type MessageComponents = NonNullable<APIMessage["components"]>;

/** A stored message as Discord would return it; also indexable so loose predicates can be written against it. */
export type MessageRecord = APIMessage & Record<string, unknown>;

export interface CallbackBody {
  type: number;
  data?: Record<string, unknown>;
}

export interface InteractionHandle {
  id: string;
  token: string;
  /** The first successful acknowledgement (callback types 4/5/6/7/8/9); waits up to timeoutMs (5 s). */
  callback(timeoutMs?: number): Promise<CallbackBody>;
  /** The @original message as it stands now: set by callback type 4/5/7 (6 points at the button's message), edited by PATCH @original. */
  original(): MessageRecord | undefined;
  /** Waits until `predicate(original)` holds (default 5 s). */
  waitForOriginal(predicate: (message: MessageRecord) => boolean, timeoutMs?: number): Promise<MessageRecord>;
  /** Follow-up messages created with POST /webhooks/{app}/{token} (a first follow-up that filled a deferred reply is the original, not listed here). */
  followups(): MessageRecord[];
  ackedAt(): number | undefined;
  sentAt: number;
  /** The shard whose gateway connection the interaction went out on (0 unsharded). */
  shard: number;
}

export interface RecordedRequest {
  method: string;
  /** Path without the `/api/v10` prefix (e.g. `/channels/1/messages`); failNext regexes are tested against it. */
  path: string;
  query: string;
  /** Parsed JSON body, or payload_json of a multipart body; undefined when there was none. */
  body: unknown;
  files?: Array<{ field: string; name: string; size: number; contentType: string }>;
  at: number;
  status: number;
  /** The User-Agent header (discord.js's, plus whatever the bot appends, e.g. its shard). */
  userAgent: string;
}

export interface GatewayReceived {
  op: number;
  d: unknown;
  at: number;
}

// ---------------------------------------------------------------------------------------------------------
// Internal records
// ---------------------------------------------------------------------------------------------------------

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface GuildConfig {
  id: string;
  name: string;
  channels: Array<{ id: string; name: string }>;
  ownerId: string;
  botRoleId: string;
  joinedAt: number;
  /** The bot's role's permissions; revokeBotPermission() drops Administrator, which overwrites cannot touch. */
  botPermissions: string;
  /** Channel id → permissions a channel overwrite denies the bot's role. */
  botDenied: Map<string, bigint>;
}

export interface InteractionState {
  readonly id: string;
  readonly token: string;
  readonly type: InteractionType;
  readonly guildId: string | undefined;
  readonly channelId: string;
  readonly createdAt: number;
  readonly sentAt: number;
  readonly metadata: APIMessageInteractionMetadata;
  readonly commandName: string | undefined;
  /** For component interactions: the message the component sits on. */
  readonly sourceMessage: APIMessage | undefined;
  ack: { type: number; data?: Record<string, unknown>; at: number } | undefined;
  original: APIMessage | undefined;
  /** Deferred with type 5 and not yet filled: the first follow-up or edit completes this message. */
  loading: boolean;
  readonly followups: APIMessage[];
  /** The shard the INTERACTION_CREATE went to. */
  shard: number;
}

export interface DispatchPayload {
  op: GatewayOpcodes.Dispatch;
  t: string;
  s: number;
  d: unknown;
}

export interface Session {
  readonly id: string;
  seq: number;
  /** Every dispatch of the session, so RESUME can replay what a dropped connection missed. */
  readonly log: DispatchPayload[];
  connection: Connection | undefined;
  /** [shard id, shard count] the session identified with ([0, 1] unsharded). */
  readonly shard: readonly [number, number];
}

export interface Connection {
  readonly socket: WebSocket;
  session: Session | undefined;
  state: "hello" | "ready" | "resumed";
}

export interface Upload {
  field: string;
  name: string;
  size: number;
  contentType: string;
}

export interface Context {
  method: string;
  params: string[];
  query: URLSearchParams;
  body: unknown;
  files: Upload[];
}

export interface Route {
  method: string;
  pattern: RegExp;
  /** The route as Discord buckets it, e.g. "POST /channels/:id/messages". */
  name: string;
  auth: boolean;
  /** Index of the major parameter (channel, guild, webhook) that splits the bucket, if any. */
  major?: number;
  handle: (ctx: Context) => Reply;
}

export interface FailRule {
  method: string | undefined;
  path: RegExp;
  status: number;
  retryAfter: number;
  global: boolean;
  times: number;
}

export interface Waiter {
  check: () => void;
  reject: (error: Error) => void;
}
