// A loopback Discord double for tests: one HTTP server on 127.0.0.1 that speaks enough of REST API v10 and
// the JSON gateway for the real discord.js Client to log in, receive interactions and answer them. It copies
// Discord where bots usually break (the 3 s acknowledgement window, double acknowledgements, the 15 min token,
// form-body limits, rate limits, resumes) rather than accepting whatever it is sent.
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  EmbedType,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  Locale,
  MessageFlags,
  MessageType,
  OverwriteType,
  PermissionFlagsBits,
  type APIApplication,
  type ApplicationFlags,
  type ChannelFlags,
  type GuildMemberFlags,
  type GuildSystemChannelFlags,
  type RoleFlags,
  type UserFlags,
  type APIApplicationCommand,
  type APIApplicationCommandInteractionDataOption,
  type APIAttachment,
  type APIEmbed,
  type APIGuildMember,
  type APIInteraction,
  type APIInteractionDataResolved,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIRole,
  type APITextChannel,
  type APIUser,
  type GatewayGuildCreateDispatchData,
  type GatewayReadyDispatchData,
  type RESTGetAPIGatewayBotResult,
  type RESTPostAPIInteractionCallbackWithResponseResult,
} from "discord-api-types/v10";
import { WebSocket, WebSocketServer, type RawData } from "ws";

// The double speaks the wire protocol: numbers read off the network are compared with, and written into,
// discord-api-types' enums, which these two rules would otherwise make a cast at every step.
/* eslint-disable @typescript-eslint/no-unsafe-enum-assignment, @typescript-eslint/no-unsafe-enum-comparison */

// ---------------------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------------------

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

type MessageComponents = NonNullable<APIMessage["components"]>;

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
}

export interface GatewayReceived {
  op: number;
  d: unknown;
  at: number;
}

// ---------------------------------------------------------------------------------------------------------
// Limits and Discord's error bodies
// ---------------------------------------------------------------------------------------------------------

const ACK_WINDOW_MS = 3_000;
/** How long a message nonce is remembered for enforce_nonce: Discord says "the past few minutes". */
const NONCE_WINDOW_MS = 5 * 60_000;
const TOKEN_LIFETIME_MS = 15 * 60_000;
const DISCORD_EPOCH = 1_420_070_400_000n;
const LOADING_FLAG = 1 << 7; // MessageFlags.Loading: the "is thinking…" message of a deferred reply.
const COMPONENTS_V2_FLAG = 1 << 15; // MessageFlags.IsComponentsV2
const COMMAND_NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const PRIVILEGED_INTENTS =
  GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;
const ALL_PERMISSIONS = Object.values(PermissionFlagsBits)
  .reduce((all, bit) => all | bit, 0n)
  .toString();
// What @everyone gets in a fresh server, near enough: bots that assume more than this show up in tests.
const EVERYONE_PERMISSIONS = [
  PermissionFlagsBits.CreateInstantInvite,
  PermissionFlagsBits.AddReactions,
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.AttachFiles,
  PermissionFlagsBits.ReadMessageHistory,
  PermissionFlagsBits.UseExternalEmojis,
  PermissionFlagsBits.Connect,
  PermissionFlagsBits.Speak,
  PermissionFlagsBits.ChangeNickname,
  PermissionFlagsBits.UseApplicationCommands,
  PermissionFlagsBits.SendMessagesInThreads,
]
  .reduce((all, bit) => all | bit, 0n)
  .toString();

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

class HttpError extends Error {
  constructor(readonly reply: Reply) {
    super(`HTTP ${reply.status}`);
  }
}

function jsonError(status: number, code: number, message: string): HttpError {
  return new HttpError({ status, body: { message, code } });
}

const errors = {
  unauthorized: () => jsonError(401, 0, "401: Unauthorized"),
  notFound: () => jsonError(404, 0, "404: Not Found"),
  methodNotAllowed: () => jsonError(405, 0, "405: Method Not Allowed"),
  unknownChannel: () => jsonError(404, 10003, "Unknown Channel"),
  unknownGuild: () => jsonError(404, 10004, "Unknown Guild"),
  unknownMessage: () => jsonError(404, 10008, "Unknown Message"),
  unknownWebhook: () => jsonError(404, 10015, "Unknown Webhook"),
  unknownInteraction: () => jsonError(404, 10062, "Unknown interaction"),
  alreadyAcknowledged: () => jsonError(400, 40060, "Interaction has already been acknowledged."),
  missingAccess: () => jsonError(403, 50001, "Missing Access"),
  missingPermissions: () => jsonError(403, 50013, "Missing Permissions"),
  cannotEditOthers: () => jsonError(403, 50005, "Cannot edit a message authored by another user"),
  emptyMessage: () => jsonError(400, 50006, "Cannot send an empty message"),
  invalidWebhookToken: () => jsonError(401, 50027, "Invalid Webhook Token"),
  invalidJson: () => jsonError(400, 50109, "The request body contains invalid JSON."),
  tooLarge: () => jsonError(413, 40005, "Request entity too large"),
};

// ---------------------------------------------------------------------------------------------------------
// Small utilities
// ---------------------------------------------------------------------------------------------------------

let snowflakeIncrement = 0n;

/** A snowflake whose timestamp is `ms`, so discord.js's createdTimestamp says what the test meant. */
function snowflake(ms: number): string {
  snowflakeIncrement = (snowflakeIncrement + 1n) & 0xfffn;
  return (((BigInt(Math.floor(ms)) - DISCORD_EPOCH) << 22n) | (1n << 17n) | snowflakeIncrement).toString();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Discord counts characters, not UTF-16 code units: an emoji is one character of the 2000. */
function length(value: unknown): number {
  return typeof value === "string" ? Array.from(value).length : 0;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

// ---------------------------------------------------------------------------------------------------------
// Form-body validation, reported the way Discord does: 400, code 50035, errors nested by field path
// ---------------------------------------------------------------------------------------------------------

type Path = ReadonlyArray<string | number>;
export interface FieldError {
  code: string;
  message: string;
}
/** Discord's `errors` of a 400 "Invalid Form Body": nested by field path, `_errors` at each failing field. */
export interface ErrorNode {
  _errors?: FieldError[];
  [key: string]: ErrorNode | FieldError[] | undefined;
}

class FormErrors {
  private readonly root: ErrorNode = {};
  private count = 0;

  add(path: Path, code: string, message: string): void {
    let node = this.root;
    for (const key of path) {
      const existing = node[String(key)];
      const next: ErrorNode = existing !== undefined && !Array.isArray(existing) ? existing : {};
      node[String(key)] = next;
      node = next;
    }
    (node._errors ??= []).push({ code, message });
    this.count += 1;
  }

  maxLength(path: Path, value: unknown, max: number): void {
    if (length(value) > max) this.add(path, "BASE_TYPE_MAX_LENGTH", `Must be ${max} or fewer in length.`);
  }

  between(path: Path, value: unknown, min: number, max: number): void {
    const n = length(value);
    if (typeof value !== "string") this.add(path, "BASE_TYPE_REQUIRED", "This field is required");
    else if (n < min || n > max)
      this.add(path, "BASE_TYPE_BAD_LENGTH", `Must be between ${min} and ${max} in length.`);
  }

  /** Reports one error and stops: for bodies too broken to check further. */
  fail(path: Path, code: string, message: string): never {
    this.add(path, code, message);
    throw this.error();
  }

  throwIfAny(): void {
    if (this.count > 0) throw this.error();
  }

  /** The `errors` object of Discord's 400 response, or null when nothing was reported. */
  errors(): ErrorNode | null {
    return this.count > 0 ? this.root : null;
  }

  private error(): HttpError {
    return invalidFormBody(this.root);
  }
}

function invalidFormBody(errors: ErrorNode): HttpError {
  return new HttpError({ status: 400, body: { message: "Invalid Form Body", code: 50035, errors } });
}

function validateEmbeds(embeds: unknown, errs: FormErrors, path: Path): void {
  if (embeds === undefined || embeds === null) return;
  if (!Array.isArray(embeds)) {
    errs.add(path, "BASE_TYPE_ARRAY", "Must be an array.");
    return;
  }
  if (embeds.length > 10) errs.add(path, "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.");
  let total = 0;
  embeds.forEach((embed: unknown, i) => {
    if (!isRecord(embed)) {
      errs.add([...path, i], "MODEL_TYPE_CONVERT", "Only dictionaries may be used.");
      return;
    }
    const at = (...rest: Array<string | number>): Path => [...path, i, ...rest];
    errs.maxLength(at("title"), embed.title, 256);
    errs.maxLength(at("description"), embed.description, 4096);
    total += length(embed.title) + length(embed.description);
    if (isRecord(embed.footer)) {
      errs.maxLength(at("footer", "text"), embed.footer.text, 2048);
      total += length(embed.footer.text);
    }
    if (isRecord(embed.author)) {
      errs.maxLength(at("author", "name"), embed.author.name, 256);
      total += length(embed.author.name);
    }
    if (Array.isArray(embed.fields)) {
      if (embed.fields.length > 25)
        errs.add(at("fields"), "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
      embed.fields.forEach((field: unknown, j) => {
        if (!isRecord(field)) return;
        // Empty field names or values are a classic: Discord wants both, and at most 256/1024 characters.
        errs.between(at("fields", j, "name"), field.name, 1, 256);
        errs.between(at("fields", j, "value"), field.value, 1, 1024);
        total += length(field.name) + length(field.value);
      });
    }
  });
  // The 6000 budget is shared by every embed of one message, which per-embed checks never catch.
  if (total > 6000) errs.add(path, "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000");
}

const SELECT_TYPES: ReadonlySet<number> = new Set([
  ComponentType.StringSelect,
  ComponentType.UserSelect,
  ComponentType.RoleSelect,
  ComponentType.MentionableSelect,
  ComponentType.ChannelSelect,
]);

function validateComponents(components: unknown, errs: FormErrors, path: Path, v2: boolean): void {
  if (components === undefined || components === null) return;
  if (!Array.isArray(components)) {
    errs.add(path, "BASE_TYPE_ARRAY", "Must be an array.");
    return;
  }
  // Components V2 layouts (containers, sections, text displays) have their own rules; only rows are checked.
  if (v2) return;
  if (components.length > 5) errs.add(path, "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.");
  const seen = new Set<string>();
  components.forEach((row: unknown, i) => {
    if (!isRecord(row)) return;
    const children = row.components;
    if (row.type !== ComponentType.ActionRow || !Array.isArray(children)) {
      errs.add([...path, i], "UNION_TYPE_CHOICES", 'Value of field "type" must be one of (1,).');
      return;
    }
    if (children.length < 1 || children.length > 5)
      errs.add([...path, i, "components"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.");
    let width = 0;
    children.forEach((child: unknown, j) => {
      if (!isRecord(child)) return;
      const at = (key: string): Path => [...path, i, "components", j, key];
      // Link (5) and premium (6) buttons carry a url or sku_id instead of a custom_id.
      const isLink = child.type === ComponentType.Button && (child.style === 5 || child.style === 6);
      width += typeof child.type === "number" && SELECT_TYPES.has(child.type) ? 5 : 1;
      if (child.type === ComponentType.Button) {
        errs.maxLength(at("label"), child.label, 80);
        if (child.style === 5 && typeof child.url !== "string")
          errs.add(at("url"), "BASE_TYPE_REQUIRED", "This field is required");
      }
      if (!isLink && child.type !== undefined) {
        errs.between(at("custom_id"), child.custom_id, 1, 100);
        if (typeof child.custom_id === "string") {
          // Two buttons with one custom_id is rejected outright, not just ambiguous.
          if (seen.has(child.custom_id))
            errs.add(
              at("custom_id"),
              "COMPONENT_CUSTOM_ID_DUPLICATED",
              "Component custom id cannot be duplicated",
            );
          seen.add(child.custom_id);
        }
      }
      if (SELECT_TYPES.has(Number(child.type)) && Array.isArray(child.options) && child.options.length > 25)
        errs.add(at("options"), "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
    });
    if (width > 5 && children.length <= 5)
      errs.add(
        [...path, i, "components"],
        "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
        "The specified component exceeds the maximum width",
      );
  });
}

/**
 * Checks the fields of a message body (create or edit); emptiness is judged separately on the result. An edit
 * that does not restate the flags is judged by those of the message it edits (a Components V2 message stays one).
 */
function validateMessageFields(
  data: Record<string, unknown>,
  errs: FormErrors,
  path: Path,
  currentFlags = 0,
): void {
  const flags =
    typeof data.flags === "number" ? data.flags | (currentFlags & COMPONENTS_V2_FLAG) : currentFlags;
  const v2 = (flags & COMPONENTS_V2_FLAG) !== 0;
  if (data.content !== undefined && data.content !== null && typeof data.content !== "string")
    errs.add([...path, "content"], "BASE_TYPE_STRING", "Must be a string.");
  errs.maxLength([...path, "content"], data.content, 2000);
  validateEmbeds(data.embeds, errs, [...path, "embeds"]);
  validateComponents(data.components, errs, [...path, "components"], v2);
  if (v2 && (length(data.content) > 0 || (Array.isArray(data.embeds) && data.embeds.length > 0)))
    errs.add(
      [...path, "content"],
      "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
      "The 'content' and 'embeds' fields cannot be used when using MessageFlags.IS_COMPONENTS_V2",
    );
}

/** The `errors` of Discord's 400 for a message body, new (currentFlags 0) or editing a message with those flags. */
function messageErrors(data: Record<string, unknown>, currentFlags = 0): ErrorNode | null {
  const errs = new FormErrors();
  validateMessageFields(data, errs, [], currentFlags);
  return errs.errors();
}

/** Throws Discord's 400 "Invalid Form Body" for `errors`, nested under `under` (a callback's "data") if given. */
function throwIfInvalid(errors: ErrorNode | null, under?: string): void {
  if (errors) throw invalidFormBody(under === undefined ? errors : { [under]: errors });
}

/**
 * The validation the double applies to a new message's body (POST /channels/:id/messages, a follow-up, or the
 * `data` of an interaction callback of type 4): content, embeds (each limit and the 6000 total), components
 * (rows, buttons, custom ids), Components V2 flags. Returns the `errors` object of Discord's 400 "Invalid Form
 * Body" (code 50035), nested by field path, or null when the body is valid. Not included: the "Cannot send an
 * empty message" check (50006), which the double makes on the resulting message, attachments included.
 * allowed_mentions is not checked by the double either. A body that is not an object is reported at the root.
 */
export function messageBodyErrors(body: unknown): ErrorNode | null {
  if (!isRecord(body))
    return { _errors: [{ code: "MODEL_TYPE_CONVERT", message: "Only dictionaries may be used." }] };
  return messageErrors(body);
}

function isEmptyMessage(message: APIMessage): boolean {
  return (
    message.content.trim() === "" &&
    message.embeds.length === 0 &&
    (message.components?.length ?? 0) === 0 &&
    message.attachments.length === 0 &&
    (message.sticker_items?.length ?? 0) === 0 &&
    message.poll === undefined
  );
}

function validateOptions(options: unknown, errs: FormErrors, path: Path, depth: number): void {
  if (options === undefined) return;
  if (!Array.isArray(options)) {
    errs.add(path, "BASE_TYPE_ARRAY", "Must be an array.");
    return;
  }
  if (options.length > 25) errs.add(path, "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
  let sawOptional = false;
  options.forEach((option: unknown, i) => {
    if (!isRecord(option)) return;
    const at = (...rest: Array<string | number>): Path => [...path, i, ...rest];
    if (
      typeof option.name !== "string" ||
      !COMMAND_NAME.test(option.name) ||
      option.name !== option.name.toLowerCase()
    )
      errs.add(at("name"), "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
    errs.between(at("description"), option.description, 1, 100);
    const nested =
      option.type === ApplicationCommandOptionType.Subcommand ||
      option.type === ApplicationCommandOptionType.SubcommandGroup;
    if (nested) validateOptions(option.options, errs, at("options"), depth + 1);
    else {
      // Discord refuses a required option after an optional one: users could never reach it.
      if (option.required === true && sawOptional)
        errs.add(
          at("required"),
          "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
          "Required options must be placed before non-required options",
        );
      if (option.required !== true) sawOptional = true;
    }
    if (Array.isArray(option.choices)) {
      if (option.choices.length > 25)
        errs.add(at("choices"), "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
      option.choices.forEach((choice: unknown, j) => {
        if (!isRecord(choice)) return;
        errs.between(at("choices", j, "name"), choice.name, 1, 100);
        if (typeof choice.value === "string") errs.maxLength(at("choices", j, "value"), choice.value, 100);
      });
    }
  });
  if (depth > 2) errs.add(path, "BASE_TYPE_MAX_LENGTH", "Subcommands may only be nested two levels deep.");
}

function validateCommands(body: unknown): Array<Record<string, unknown>> {
  const errs: FormErrors = new FormErrors();
  if (!Array.isArray(body)) errs.fail([], "BASE_TYPE_ARRAY", "Must be an array.");
  const names = new Set<string>();
  let chatInput = 0;
  const commands = body.filter(isRecord);
  body.forEach((command: unknown, i) => {
    if (!isRecord(command)) {
      errs.add([i], "MODEL_TYPE_CONVERT", "Only dictionaries may be used.");
      return;
    }
    const type = command.type ?? ApplicationCommandType.ChatInput;
    if (type === ApplicationCommandType.ChatInput) {
      chatInput += 1;
      const name = command.name;
      if (typeof name !== "string" || length(name) < 1 || length(name) > 32)
        errs.add([i, "name"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 32 in length.");
      else if (!COMMAND_NAME.test(name) || name !== name.toLowerCase())
        errs.add([i, "name"], "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
      errs.between([i, "description"], command.description, 1, 100);
      validateOptions(command.options, errs, [i, "options"], 0);
    } else {
      // User and message commands may use spaces and capitals, and must not carry a description.
      errs.between([i, "name"], command.name, 1, 32);
      if (length(command.description) > 0)
        errs.add(
          [i, "description"],
          "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION",
          "Context menu commands cannot have description",
        );
    }
    const key = JSON.stringify([type, command.name]);
    if (names.has(key))
      errs.add(
        [i, "name"],
        "APPLICATION_COMMANDS_DUPLICATE_NAME",
        "Application command names must be unique",
      );
    names.add(key);
  });
  if (chatInput > 100) errs.add([], "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.");
  errs.throwIfAny();
  return commands;
}

// ---------------------------------------------------------------------------------------------------------
// Internal state
// ---------------------------------------------------------------------------------------------------------

interface GuildConfig {
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

interface InteractionState {
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
}

interface DispatchPayload {
  op: GatewayOpcodes.Dispatch;
  t: string;
  s: number;
  d: unknown;
}

interface Session {
  readonly id: string;
  seq: number;
  /** Every dispatch of the session, so RESUME can replay what a dropped connection missed. */
  readonly log: DispatchPayload[];
  connection: Connection | undefined;
}

interface Connection {
  readonly socket: WebSocket;
  session: Session | undefined;
  state: "hello" | "ready" | "resumed";
}

interface Upload {
  field: string;
  name: string;
  size: number;
  contentType: string;
}

interface Context {
  method: string;
  params: string[];
  query: URLSearchParams;
  body: unknown;
  files: Upload[];
}

interface Route {
  method: string;
  pattern: RegExp;
  /** The route as Discord buckets it, e.g. "POST /channels/:id/messages". */
  name: string;
  auth: boolean;
  /** Index of the major parameter (channel, guild, webhook) that splits the bucket, if any. */
  major?: number;
  handle: (ctx: Context) => Reply;
}

interface FailRule {
  method: string | undefined;
  path: RegExp;
  status: number;
  retryAfter: number;
  global: boolean;
  times: number;
}

interface Waiter {
  check: () => void;
  reject: (error: Error) => void;
}

// ---------------------------------------------------------------------------------------------------------
// The double
// ---------------------------------------------------------------------------------------------------------

export class DiscordDouble {
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly applicationId: string;
  readonly token: string;
  readonly botUser: APIUser;
  readonly requests: RecordedRequest[] = [];
  /** Payloads the bot sent on the gateway, in order (heartbeats, IDENTIFY, RESUME…). */
  readonly gatewayReceived: GatewayReceived[] = [];
  readonly commands = new Map<string, APIApplicationCommand[]>();
  readonly channelMessages = new Map<string, MessageRecord[]>();

  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly guilds: GuildConfig[];
  private readonly heartbeatIntervalMs: number;
  private readonly privilegedIntents: number;
  private readonly rateLimit: { limit: number; windowMs: number };
  private readonly routes: Route[];
  private readonly failRules: FailRule[] = [];
  private readonly buckets = new Map<string, { remaining: number; resetAt: number }>();
  private readonly interactions = new Map<string, InteractionState>();
  private readonly byToken = new Map<string, InteractionState>();
  private readonly messages = new Map<string, MessageRecord>();
  /** `${author}:${nonce}` → the message created with it and when, for enforce_nonce. */
  private readonly nonces = new Map<string, { messageId: string; at: number }>();
  private readonly sessions = new Map<string, Session>();
  private readonly connections = new Set<Connection>();
  private readonly waiters = new Set<Waiter>();
  private session: Session | undefined;
  private resumes = 0;
  private clockOffset = 0;
  private closed = false;

  private constructor(server: Server, wss: WebSocketServer, port: number, options: DoubleOptions) {
    this.server = server;
    this.wss = wss;
    const started = Date.now();
    this.applicationId = options.applicationId ?? snowflake(started - 86_400_000);
    this.token =
      options.token ??
      `${Buffer.from(this.applicationId).toString("base64url")}.${randomBytes(4).toString("base64url")}.${randomBytes(27).toString("base64url")}`;
    this.apiUrl = `http://127.0.0.1:${port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}`;
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
    this.privilegedIntents = options.privilegedIntents ?? PRIVILEGED_INTENTS;
    this.rateLimit = { limit: options.rateLimit?.limit ?? 50, windowMs: options.rateLimit?.windowMs ?? 1000 };
    // Modern applications share one id between the application and its bot user.
    this.botUser = this.user(this.applicationId, "Double Bot", true);
    const configured = options.guilds ?? [
      {
        id: snowflake(started - 3_600_000),
        name: "Double Guild",
        channels: [{ id: snowflake(started), name: "general" }],
      },
    ];
    this.guilds = configured.map((g) => ({
      id: g.id,
      name: g.name,
      channels: g.channels ?? [],
      ownerId: snowflake(started - 7_200_000),
      botRoleId: snowflake(started - 1_800_000),
      joinedAt: started - 1_800_000,
      botPermissions: ALL_PERMISSIONS,
      botDenied: new Map<string, bigint>(),
    }));
    for (const guild of this.guilds)
      for (const channel of guild.channels) this.channelMessages.set(channel.id, []);
    this.routes = this.buildRoutes();
  }

  static async start(options: DoubleOptions = {}): Promise<DiscordDouble> {
    const server = createServer();
    // One port for REST and the gateway, like a reverse proxy would; ws only takes the upgrade requests.
    const wss = new WebSocketServer({ server });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    const double = new DiscordDouble(server, wss, port, options);
    server.on("request", (req: IncomingMessage, res: ServerResponse) => void double.onRequest(req, res));
    wss.on("connection", (socket, req) => {
      double.onConnection(socket, req);
    });
    return double;
  }

  /** The double's clock; advanceClock() moves it so deadline tests need not sleep. */
  now(): number {
    return Date.now() + this.clockOffset;
  }

  /** Pretend `ms` milliseconds have passed for acknowledgement windows and token lifetimes. */
  advanceClock(ms: number): void {
    this.clockOffset += ms;
  }

  /**
   * Resolves once a bot is connected and usable: it IDENTIFIED and was sent READY plus a GUILD_CREATE per guild
   * (when it asked for the Guilds intent, as Discord requires), or it RESUMED, on a connection still open.
   */
  waitForReady(timeoutMs = 5_000): Promise<void> {
    return this.waitUntil(
      () => (this.isConnected() ? true : undefined),
      timeoutMs,
      () => "a READY or RESUMED bot",
    ).then(() => undefined);
  }

  /** Resolves when the number of successful RESUMEs exceeds `after` (defaults to the count at call time). */
  waitForResumed(timeoutMs = 5_000, after = this.resumes): Promise<void> {
    return this.waitUntil(
      () => (this.resumes > after ? true : undefined),
      timeoutMs,
      () => "a RESUMED session",
    ).then(() => undefined);
  }

  chatInput(input: CommandInput): InteractionHandle {
    return this.commandInteraction(InteractionType.ApplicationCommand, input);
  }

  autocomplete(input: CommandInput): InteractionHandle {
    const focused = (options: OptionInput[] | undefined): boolean =>
      (options ?? []).some((o) => o.focused === true || focused(o.options));
    if (!focused(input.options))
      throw new Error("DiscordDouble.autocomplete: mark one option `focused: true`");
    return this.commandInteraction(InteractionType.ApplicationCommandAutocomplete, input);
  }

  button(input: ButtonInput): InteractionHandle {
    const where = this.where(input);
    const createdAt = input.createdAt ?? this.now();
    const known = input.messageId === undefined ? undefined : this.messages.get(input.messageId);
    // A button always lives on a message; without a known one the double makes the bot's message carrying it.
    const message =
      known ??
      this.storeMessage(
        this.message({
          id: input.messageId ?? snowflake(createdAt - 1000),
          channelId: where.channelId,
          createdAt: createdAt - 1000,
          content: "",
          components: [
            {
              type: ComponentType.ActionRow,
              components: [
                { type: ComponentType.Button, style: 1, label: "Button", custom_id: input.customId },
              ],
            },
          ],
        }),
        false,
      );
    const payload = {
      ...this.interactionBase(InteractionType.MessageComponent, where, createdAt, input.permissions),
      data: { custom_id: input.customId, component_type: ComponentType.Button },
      message: clone(message),
    } as unknown as APIInteraction;
    return this.dispatchInteraction(payload, where, createdAt, undefined, message);
  }

  failNext(
    match: { method?: string; path: RegExp },
    response: { status: number; retryAfter?: number; global?: boolean },
    times = 1,
  ): void {
    this.failRules.push({
      method: match.method?.toUpperCase(),
      path: match.path,
      status: response.status,
      retryAfter: response.retryAfter ?? 1,
      global: response.global ?? false,
      times,
    });
  }

  /**
   * Drops the gateway connection. 4000 (the default) is Discord's "unknown error, reconnect": the session stays
   * resumable. 1006 terminates the socket without a close frame, like a network failure.
   */
  disconnect(code = 4000): void {
    for (const connection of this.connections) {
      if (code === 1006) connection.socket.terminate();
      else connection.socket.close(code, "Disconnected by DiscordDouble");
    }
  }

  /** Sends op 7 RECONNECT, which asks the bot to reconnect and resume. */
  requestReconnect(): void {
    for (const connection of this.connections)
      this.send(connection, { op: GatewayOpcodes.Reconnect, d: null });
  }

  /**
   * Deletes a guild channel, as an admin would: CHANNEL_DELETE goes to the bot, its messages are gone, and
   * every later request about it answers 404 Unknown Channel (10003).
   */
  deleteChannel(channelId: string): void {
    const found = this.findChannel(channelId);
    if (!found) throw new Error(`DiscordDouble.deleteChannel: unknown channel ${channelId}`);
    const payload = this.textChannel(found.guild, found.channel);
    found.guild.channels.splice(found.guild.channels.indexOf(found.channel), 1);
    found.guild.botDenied.delete(channelId);
    for (const message of [...(this.channelMessages.get(channelId) ?? [])]) this.forgetMessage(message);
    this.channelMessages.delete(channelId);
    if (this.session) this.dispatch(GatewayDispatchEvents.ChannelDelete, payload);
    this.notify();
  }

  /**
   * Denies the bot's role `permissions` (Send Messages by default) in one channel with a channel overwrite, as
   * an admin would, and tells the bot (CHANNEL_UPDATE). Administrator ignores overwrites, so the bot's role
   * loses it first (GUILD_ROLE_UPDATE) and keeps every other permission. Posting there then answers 403:
   * Missing Access (50001) without View Channel, Missing Permissions (50013) without Send Messages.
   */
  revokeBotPermission(channelId: string, permissions: bigint = PermissionFlagsBits.SendMessages): void {
    const found = this.findChannel(channelId);
    if (!found) throw new Error(`DiscordDouble.revokeBotPermission: unknown channel ${channelId}`);
    const { guild, channel } = found;
    const admin = PermissionFlagsBits.Administrator;
    if ((BigInt(guild.botPermissions) & admin) !== 0n) {
      guild.botPermissions = (BigInt(guild.botPermissions) & ~admin).toString();
      const role = this.roles(guild).find((r) => r.id === guild.botRoleId);
      if (this.session && role)
        this.dispatch(GatewayDispatchEvents.GuildRoleUpdate, { guild_id: guild.id, role });
    }
    guild.botDenied.set(channelId, (guild.botDenied.get(channelId) ?? 0n) | permissions);
    if (this.session) this.dispatch(GatewayDispatchEvents.ChannelUpdate, this.textChannel(guild, channel));
    this.notify();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of this.waiters) waiter.reject(new Error("DiscordDouble closed"));
    this.waiters.clear();
    for (const socket of this.wss.clients) socket.terminate();
    await new Promise<void>((resolve) => {
      this.wss.close(() => {
        resolve();
      });
    });
    await new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
      // discord.js keeps HTTP connections alive; without this close() would wait for them to time out.
      this.server.closeAllConnections();
    });
  }

  // -------------------------------------------------------------------------------------------------------
  // Waiting
  // -------------------------------------------------------------------------------------------------------

  private waitUntil<T>(probe: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
    const first = probe();
    if (first !== undefined) return Promise.resolve(first);
    if (this.closed) return Promise.reject(new Error("DiscordDouble closed"));
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          const value = probe();
          if (value === undefined) return;
          finish();
          resolve(value);
        },
        reject: (error) => {
          finish();
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        waiter.reject(new Error(`DiscordDouble: timed out after ${timeoutMs} ms waiting for ${what()}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }

  // -------------------------------------------------------------------------------------------------------
  // Builders for Discord objects
  // -------------------------------------------------------------------------------------------------------

  private user(id: string, username: string, bot = false): APIUser {
    return {
      id,
      username,
      discriminator: "0",
      global_name: bot ? null : username,
      avatar: null,
      ...(bot ? { bot: true } : {}),
      public_flags: 0 as UserFlags,
      flags: 0 as UserFlags,
    };
  }

  private guildConfig(id: string | undefined): GuildConfig {
    const guild = id === undefined ? this.guilds[0] : this.guilds.find((g) => g.id === id);
    if (!guild)
      throw new Error(`DiscordDouble: unknown guild ${String(id)}; pass it in DoubleOptions.guilds`);
    return guild;
  }

  private findChannel(id: string): { guild: GuildConfig; channel: { id: string; name: string } } | undefined {
    for (const guild of this.guilds) {
      const channel = guild.channels.find((c) => c.id === id);
      if (channel) return { guild, channel };
    }
    return undefined;
  }

  private textChannel(guild: GuildConfig, channel: { id: string; name: string }): APITextChannel {
    const denied = guild.botDenied.get(channel.id);
    return {
      id: channel.id,
      type: ChannelType.GuildText,
      guild_id: guild.id,
      name: channel.name,
      position: guild.channels.indexOf(channel),
      permission_overwrites:
        denied === undefined
          ? []
          : [{ id: guild.botRoleId, type: OverwriteType.Role, allow: "0", deny: denied.toString() }],
      nsfw: false,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      parent_id: null,
      flags: 0 as ChannelFlags,
      default_auto_archive_duration: 1440,
      default_thread_rate_limit_per_user: 0,
      last_pin_timestamp: null,
    };
  }

  private roles(guild: GuildConfig): APIRole[] {
    const role = (
      id: string,
      name: string,
      permissions: string,
      position: number,
      managed: boolean,
    ): APIRole => ({
      id,
      name,
      // Deprecated for requests, but Discord still returns it and older code reads it.
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position,
      permissions,
      managed,
      mentionable: false,
      flags: 0 as RoleFlags,
      ...(managed ? { tags: { bot_id: this.applicationId } } : {}),
    });
    // @everyone's id is the guild id; discord.js and bots rely on that.
    return [
      role(guild.id, "@everyone", EVERYONE_PERMISSIONS, 0, false),
      role(guild.botRoleId, this.botUser.username, guild.botPermissions, 1, true),
    ];
  }

  private member(user: APIUser, roles: string[], joinedAt: number): APIGuildMember {
    return {
      user,
      nick: null,
      avatar: null,
      banner: null,
      roles,
      joined_at: iso(joinedAt),
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
      communication_disabled_until: null,
    };
  }

  private guildCreate(guild: GuildConfig): GatewayGuildCreateDispatchData {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: this.roles(guild),
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: guild.channels[0]?.id ?? null,
      system_channel_flags: 0 as GuildSystemChannelFlags,
      rules_channel_id: null,
      vanity_url_code: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: Locale.EnglishUS,
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      hub_type: null,
      safety_alerts_channel_id: null,
      incidents_data: null,
      max_members: 500_000,
      max_video_channel_users: 25,
      joined_at: iso(guild.joinedAt),
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      // Discord always includes the bot's own member, which is what guild.members.me is built from.
      members: [this.member(this.botUser, [guild.botRoleId], guild.joinedAt)],
      channels: guild.channels.map((c) => this.textChannel(guild, c)),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  private application(): APIApplication {
    return {
      id: this.applicationId,
      name: this.botUser.username,
      icon: null,
      description: "",
      // Deprecated, but still part of what Discord returns.
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      summary: "",
      bot_public: false,
      bot_require_code_grant: false,
      bot: this.botUser,
      verify_key: createHash("sha256").update(this.applicationId).digest("hex"),
      team: null,
      owner: this.user(this.guilds[0]?.ownerId ?? snowflake(this.now()), "owner"),
      flags: 0 as ApplicationFlags,
      flags_new: "0",
      approximate_guild_count: this.guilds.length,
      redirect_uris: [],
      interactions_endpoint_url: null,
      integration_types_config: { [ApplicationIntegrationType.GuildInstall]: {} },
    };
  }

  private message(fields: {
    id?: string;
    channelId: string;
    createdAt: number;
    content?: string;
    components?: unknown;
    type?: MessageType;
    flags?: number;
    webhook?: boolean;
    metadata?: APIMessageInteractionMetadata;
  }): MessageRecord {
    const message: APIMessage = {
      id: fields.id ?? snowflake(fields.createdAt),
      channel_id: fields.channelId,
      author: this.botUser,
      content: fields.content ?? "",
      timestamp: iso(fields.createdAt),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: (fields.components ?? []) as MessageComponents,
      pinned: false,
      type: fields.type ?? MessageType.Default,
      flags: fields.flags ?? 0,
    };
    if (fields.webhook === true) {
      // Interaction responses are sent through the application's webhook.
      message.webhook_id = this.applicationId;
      message.application_id = this.applicationId;
    }
    if (fields.metadata) message.interaction_metadata = fields.metadata;
    return message as MessageRecord;
  }

  /** Remembers a message; ephemeral ones are not visible in the channel's history. */
  private storeMessage(message: MessageRecord, inChannel: boolean): MessageRecord {
    this.messages.set(message.id, message);
    if (inChannel && ((message.flags ?? 0) & MessageFlags.Ephemeral) === 0) {
      const list = this.channelMessages.get(message.channel_id) ?? [];
      list.push(message);
      this.channelMessages.set(message.channel_id, list);
    }
    return message;
  }

  private forgetMessage(message: APIMessage): void {
    this.messages.delete(message.id);
    const list = this.channelMessages.get(message.channel_id);
    const index = list?.findIndex((m) => m.id === message.id) ?? -1;
    if (list && index >= 0) list.splice(index, 1);
  }

  /**
   * Applies a create or edit body to a message. Edits only touch the fields they name; flags can only toggle
   * SUPPRESS_EMBEDS, as on Discord (an edit cannot make a public reply ephemeral).
   */
  private applyMessageBody(
    message: APIMessage,
    data: Record<string, unknown>,
    files: Upload[],
    creating: boolean,
  ): void {
    if ("content" in data) message.content = typeof data.content === "string" ? data.content : "";
    if ("embeds" in data)
      message.embeds = Array.isArray(data.embeds)
        ? (data.embeds as APIEmbed[]).map((e) => ({ ...e, type: e.type ?? EmbedType.Rich }))
        : [];
    if ("components" in data)
      message.components = (Array.isArray(data.components) ? data.components : []) as MessageComponents;
    if ("poll" in data && isRecord(data.poll))
      message.poll = data.poll as unknown as NonNullable<APIMessage["poll"]>;
    if (typeof data.flags === "number") {
      const editable =
        MessageFlags.SuppressEmbeds |
        (creating ? MessageFlags.Ephemeral | MessageFlags.SuppressNotifications | COMPONENTS_V2_FLAG : 0);
      // An edit may switch a message to Components V2 but never back.
      const added = creating ? 0 : data.flags & COMPONENTS_V2_FLAG;
      message.flags = ((message.flags ?? 0) & ~editable) | (data.flags & editable) | added;
    }
    // `attachments` on an edit lists the ones to keep; new uploads are added either way.
    if (Array.isArray(data.attachments)) {
      const keep = new Set(data.attachments.filter(isRecord).map((a) => String(a.id)));
      message.attachments = message.attachments.filter((a) => keep.has(a.id));
    }
    files.forEach((file) => message.attachments.push(this.attachment(message.channel_id, file)));
    if (!creating) message.edited_timestamp = iso(this.now());
  }

  private attachment(channelId: string, file: Upload): APIAttachment {
    const id = snowflake(this.now());
    const url = `https://cdn.discordapp.com/attachments/${channelId}/${id}/${encodeURIComponent(file.name)}`;
    return { id, filename: file.name, size: file.size, url, proxy_url: url, content_type: file.contentType };
  }

  // -------------------------------------------------------------------------------------------------------
  // Interactions
  // -------------------------------------------------------------------------------------------------------

  private where(input: { guildId?: string; channelId?: string; userId?: string; dm?: boolean }): {
    guild: GuildConfig | undefined;
    channelId: string;
    user: APIUser;
  } {
    const user = this.user(input.userId ?? "100000000000000001", `user${(input.userId ?? "1").slice(-4)}`);
    if (input.dm === true)
      return { guild: undefined, channelId: input.channelId ?? snowflake(this.now() - 60_000), user };
    const guild = this.guildConfig(input.guildId);
    const channelId = input.channelId ?? guild.channels[0]?.id;
    if (channelId === undefined || !guild.channels.some((c) => c.id === channelId))
      throw new Error(`DiscordDouble: channel ${String(channelId)} is not a channel of guild ${guild.id}`);
    return { guild, channelId, user };
  }

  private interactionBase(
    type: InteractionType,
    where: { guild: GuildConfig | undefined; channelId: string; user: APIUser },
    createdAt: number,
    permissions: string | undefined,
  ): Record<string, unknown> {
    const id = snowflake(createdAt);
    // Interaction tokens are long, opaque and URL-safe; the double keeps its own map from token to interaction.
    const token = `aW50ZXJhY3Rpb246${Buffer.from(`${id}:${randomBytes(48).toString("base64url")}`).toString("base64url")}`;
    const { guild, channelId, user } = where;
    const common = {
      id,
      application_id: this.applicationId,
      type,
      token,
      version: 1,
      app_permissions: ALL_PERMISSIONS,
      locale: Locale.EnglishUS,
      entitlements: [],
      attachment_size_limit: 10 * 1024 * 1024,
      channel_id: channelId,
    };
    if (!guild)
      return {
        ...common,
        user,
        channel: { id: channelId, type: ChannelType.DM, last_message_id: null, flags: 0, recipients: [user] },
        authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: "0" },
        context: InteractionContextType.BotDM,
      };
    const channel = guild.channels.find((c) => c.id === channelId);
    const member: APIInteractionGuildMember = {
      ...this.member(user, [], createdAt - 86_400_000),
      user,
      permissions: permissions ?? ALL_PERMISSIONS,
    };
    return {
      ...common,
      guild_id: guild.id,
      guild: { id: guild.id, locale: Locale.EnglishUS, features: [] },
      guild_locale: Locale.EnglishUS,
      channel: {
        ...(channel ? this.textChannel(guild, channel) : { id: channelId, type: ChannelType.GuildText }),
        permissions: ALL_PERMISSIONS,
      },
      member,
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guild.id },
      context: InteractionContextType.Guild,
    };
  }

  /** Fills `resolved` for user/channel/role/mentionable/attachment options, which discord.js reads for getUser() etc. */
  private resolve(
    options: OptionInput[],
    guild: GuildConfig | undefined,
    resolved: APIInteractionDataResolved,
  ): void {
    for (const option of options) {
      if (option.options) this.resolve(option.options, guild, resolved);
      if (option.value === undefined || option.focused === true) continue;
      const value = String(option.value);
      const role = guild && this.roles(guild).find((r) => r.id === value);
      switch (option.type) {
        case ApplicationCommandOptionType.User:
        case ApplicationCommandOptionType.Mentionable:
          if (option.type === ApplicationCommandOptionType.Mentionable && role) {
            (resolved.roles ??= {})[value] = role;
            break;
          }
          (resolved.users ??= {})[value] = this.user(value, `user${value.slice(-4)}`);
          if (guild) {
            // Resolved members come without user, deaf and mute; the user is in resolved.users.
            (resolved.members ??= {})[value] = {
              nick: null,
              avatar: null,
              banner: null,
              roles: [],
              joined_at: iso(this.now() - 86_400_000),
              premium_since: null,
              flags: 0 as GuildMemberFlags,
              pending: false,
              communication_disabled_until: null,
              permissions: EVERYONE_PERMISSIONS,
            };
          }
          break;
        case ApplicationCommandOptionType.Channel: {
          const found = this.findChannel(value);
          (resolved.channels ??= {})[value] = {
            id: value,
            name: found?.channel.name ?? `channel-${value.slice(-4)}`,
            type: ChannelType.GuildText,
            permissions: ALL_PERMISSIONS,
          };
          break;
        }
        case ApplicationCommandOptionType.Role:
          if (role) (resolved.roles ??= {})[value] = role;
          break;
        case ApplicationCommandOptionType.Attachment: {
          (resolved.attachments ??= {})[value] = this.attachment(guild?.channels[0]?.id ?? "0", {
            field: "files[0]",
            name: "file.txt",
            size: 0,
            contentType: "text/plain",
          });
          break;
        }
        default:
          break;
      }
    }
  }

  private commandInteraction(type: InteractionType, input: CommandInput): InteractionHandle {
    const where = this.where(input);
    const createdAt = input.createdAt ?? this.now();
    // Use the id Discord assigned at registration when the command was registered (guild first, then global).
    const registered =
      (where.guild && this.commands.get(where.guild.id)?.find((c) => c.name === input.name)) ??
      this.commands.get("global")?.find((c) => c.name === input.name);
    const resolved: APIInteractionDataResolved = {};
    this.resolve(input.options ?? [], where.guild, resolved);
    const payload = {
      ...this.interactionBase(type, where, createdAt, input.permissions),
      data: {
        id: registered?.id ?? snowflake(createdAt - 60_000),
        name: input.name,
        type: ApplicationCommandType.ChatInput,
        ...(registered?.guild_id ? { guild_id: registered.guild_id } : {}),
        ...(input.options ? { options: input.options as APIApplicationCommandInteractionDataOption[] } : {}),
        ...(Object.keys(resolved).length > 0 ? { resolved } : {}),
      },
    } as APIInteraction;
    return this.dispatchInteraction(payload, where, createdAt, input.name, undefined);
  }

  private dispatchInteraction(
    payload: APIInteraction,
    where: { guild: GuildConfig | undefined; channelId: string; user: APIUser },
    createdAt: number,
    commandName: string | undefined,
    sourceMessage: APIMessage | undefined,
  ): InteractionHandle {
    const metadata = {
      id: payload.id,
      type: payload.type,
      user: where.user,
      authorizing_integration_owners: payload.authorizing_integration_owners,
      ...(sourceMessage ? { interacted_message_id: sourceMessage.id } : {}),
    } as APIMessageInteractionMetadata;
    const state: InteractionState = {
      id: payload.id,
      token: payload.token,
      type: payload.type,
      guildId: where.guild?.id,
      channelId: where.channelId,
      createdAt,
      sentAt: this.now(),
      metadata,
      commandName,
      sourceMessage,
      ack: undefined,
      original: undefined,
      loading: false,
      followups: [],
    };
    this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    this.interactions.set(state.id, state);
    this.byToken.set(state.token, state);
    return this.handle(state);
  }

  private handle(state: InteractionState): InteractionHandle {
    const snapshot = (): MessageRecord | undefined =>
      state.original ? (clone(state.original) as MessageRecord) : undefined;
    return {
      id: state.id,
      token: state.token,
      sentAt: state.sentAt,
      callback: (timeoutMs = 5_000) =>
        this.waitUntil(
          () =>
            state.ack
              ? { type: state.ack.type, ...(state.ack.data ? { data: clone(state.ack.data) } : {}) }
              : undefined,
          timeoutMs,
          () => `the acknowledgement of interaction ${state.id}`,
        ),
      original: snapshot,
      waitForOriginal: (predicate, timeoutMs = 5_000) =>
        this.waitUntil(
          () => {
            const current = snapshot();
            return current && predicate(current) ? current : undefined;
          },
          timeoutMs,
          () => `@original of interaction ${state.id} to match (last: ${JSON.stringify(snapshot() ?? null)})`,
        ),
      followups: () => state.followups.map((m) => clone(m) as MessageRecord),
      ackedAt: () => state.ack?.at,
    };
  }

  private interactionCallback(ctx: Context): Reply {
    const [id = "", token = ""] = ctx.params;
    const state = this.interactions.get(id);
    if (!state || state.token !== token) throw errors.unknownInteraction();
    if (state.ack) throw errors.alreadyAcknowledged();
    if (this.now() - state.sentAt > ACK_WINDOW_MS) throw errors.unknownInteraction();
    const body = ctx.body;
    // Annotated so TypeScript treats errs.fail() as the end of the road.
    const errs: FormErrors = new FormErrors();
    if (!isRecord(body) || typeof body.type !== "number")
      errs.fail(["type"], "BASE_TYPE_REQUIRED", "This field is required");
    const type = body.type as InteractionResponseType;
    const data = isRecord(body.data) ? body.data : undefined;
    const allowed: Record<number, InteractionResponseType[]> = {
      [InteractionType.ApplicationCommand]: [
        InteractionResponseType.ChannelMessageWithSource,
        InteractionResponseType.DeferredChannelMessageWithSource,
        InteractionResponseType.Modal,
      ],
      [InteractionType.MessageComponent]: [
        InteractionResponseType.ChannelMessageWithSource,
        InteractionResponseType.DeferredChannelMessageWithSource,
        InteractionResponseType.DeferredMessageUpdate,
        InteractionResponseType.UpdateMessage,
        InteractionResponseType.Modal,
      ],
      [InteractionType.ApplicationCommandAutocomplete]: [
        InteractionResponseType.ApplicationCommandAutocompleteResult,
      ],
    };
    if (!(allowed[state.type] ?? []).includes(type))
      errs.fail(["type"], "INTERACTION_RESPONSE_TYPE_INVALID", "Invalid interaction response type");
    const now = this.now();
    const created = (flags: number, msgType: MessageType): MessageRecord =>
      this.message({
        channelId: state.channelId,
        createdAt: now,
        type: msgType,
        flags,
        webhook: true,
        metadata: state.metadata,
      });
    const replyType =
      state.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default;
    let original: MessageRecord | undefined;
    let loading = false;
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource: {
        throwIfInvalid(messageErrors(data ?? {}), "data");
        original = created(0, replyType);
        this.applyMessageBody(original, data ?? {}, ctx.files, true);
        if (isEmptyMessage(original)) throw errors.emptyMessage();
        break;
      }
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        // The "is thinking…" placeholder: empty, LOADING, and ephemeral only if the defer said so.
        const ephemeral = typeof data?.flags === "number" ? data.flags & MessageFlags.Ephemeral : 0;
        original = created(LOADING_FLAG | ephemeral, replyType);
        loading = true;
        break;
      }
      case InteractionResponseType.DeferredMessageUpdate:
        original = state.sourceMessage as MessageRecord | undefined;
        break;
      case InteractionResponseType.UpdateMessage: {
        throwIfInvalid(messageErrors(data ?? {}, state.sourceMessage?.flags ?? 0), "data");
        original = state.sourceMessage as MessageRecord | undefined;
        if (original) {
          const edited = clone(original);
          this.applyMessageBody(edited, data ?? {}, ctx.files, false);
          if (isEmptyMessage(edited)) throw errors.emptyMessage();
          Object.assign(original, edited);
        }
        break;
      }
      case InteractionResponseType.ApplicationCommandAutocompleteResult: {
        const choices = data?.choices;
        if (!Array.isArray(choices))
          errs.add(["data", "choices"], "BASE_TYPE_REQUIRED", "This field is required");
        else {
          if (choices.length > 25)
            errs.add(["data", "choices"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
          choices.forEach((choice: unknown, i) => {
            if (!isRecord(choice)) return;
            errs.between(["data", "choices", i, "name"], choice.name, 1, 100);
            if (typeof choice.value === "string")
              errs.maxLength(["data", "choices", i, "value"], choice.value, 100);
          });
        }
        errs.throwIfAny();
        break;
      }
      case InteractionResponseType.Modal: {
        errs.between(["data", "custom_id"], data?.custom_id, 1, 100);
        errs.between(["data", "title"], data?.title, 1, 45);
        const rows = data?.components;
        if (!Array.isArray(rows) || rows.length < 1 || rows.length > 5)
          errs.add(["data", "components"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.");
        errs.throwIfAny();
        break;
      }
      default:
        break;
    }
    if (original && original !== state.sourceMessage) this.storeMessage(original, true);
    state.original = original;
    state.loading = loading;
    state.ack = { type, ...(data ? { data } : {}), at: now };
    this.notify();
    if (ctx.query.get("with_response") !== "true") return { status: 204 };
    const response: RESTPostAPIInteractionCallbackWithResponseResult = {
      interaction: {
        id: state.id,
        type: state.type,
        ...(original
          ? {
              response_message_id: original.id,
              response_message_loading: loading,
              response_message_ephemeral: ((original.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
            }
          : {}),
      },
      resource: {
        type,
        ...(original && type !== InteractionResponseType.DeferredMessageUpdate
          ? { message: clone(original) }
          : {}),
      },
    };
    return { status: 200, body: response };
  }

  /** Finds the interaction behind a webhook URL; the token dies 15 minutes after the interaction was created. */
  private webhookState(ctx: Context): InteractionState {
    const [app = "", token = ""] = ctx.params;
    if (app !== this.applicationId) throw errors.unknownWebhook();
    const state = this.byToken.get(token);
    if (!state || this.now() - state.createdAt > TOKEN_LIFETIME_MS) throw errors.invalidWebhookToken();
    return state;
  }

  private webhookMessage(state: InteractionState, which: string): MessageRecord {
    const message =
      which === "@original"
        ? state.original
        : [state.original, ...state.followups].find((m) => m?.id === which);
    if (!message) throw errors.unknownMessage();
    return message as MessageRecord;
  }

  private editMessage(message: MessageRecord, ctx: Context, wasLoading: boolean): MessageRecord {
    const data = isRecord(ctx.body) ? ctx.body : {};
    throwIfInvalid(messageErrors(data, message.flags ?? 0));
    const edited = clone(message);
    this.applyMessageBody(edited, data, ctx.files, false);
    if (wasLoading) {
      // Filling a deferred reply is not an "edit" to the user and clears the thinking state.
      edited.flags = (edited.flags ?? 0) & ~LOADING_FLAG;
      edited.edited_timestamp = null;
    }
    if (isEmptyMessage(edited)) throw errors.emptyMessage();
    Object.assign(message, edited);
    this.notify();
    return message;
  }

  private webhookGet(ctx: Context): Reply {
    const state = this.webhookState(ctx);
    return { status: 200, body: this.webhookMessage(state, ctx.params[2] ?? "") };
  }

  private webhookPatch(ctx: Context): Reply {
    const state = this.webhookState(ctx);
    const message = this.webhookMessage(state, ctx.params[2] ?? "");
    const wasLoading = state.loading && message === state.original;
    const edited = this.editMessage(message, ctx, wasLoading);
    if (wasLoading) state.loading = false;
    return { status: 200, body: edited };
  }

  private webhookDelete(ctx: Context): Reply {
    const state = this.webhookState(ctx);
    const message = this.webhookMessage(state, ctx.params[2] ?? "");
    this.forgetMessage(message);
    if (message === state.original) state.original = undefined;
    const index = state.followups.indexOf(message);
    if (index >= 0) state.followups.splice(index, 1);
    this.notify();
    return { status: 204 };
  }

  private followup(ctx: Context): Reply {
    const state = this.webhookState(ctx);
    // Follow-ups ride on the response: before any acknowledgement the webhook does not exist yet.
    if (!state.ack || state.ack.type === InteractionResponseType.ApplicationCommandAutocompleteResult)
      throw errors.unknownWebhook();
    const data = isRecord(ctx.body) ? ctx.body : {};
    if (state.loading && state.original) {
      // The first follow-up after a deferred reply fills the thinking message and keeps the defer's
      // ephemerality: `followUp({ ephemeral: true })` after a public defer is public.
      const edited = this.editMessage(
        state.original as MessageRecord,
        { ...ctx, body: { ...data, flags: undefined } },
        true,
      );
      state.loading = false;
      return { status: 200, body: edited };
    }
    throwIfInvalid(messageErrors(data));
    const message = this.message({
      channelId: state.channelId,
      createdAt: this.now(),
      webhook: true,
      type:
        state.type === InteractionType.ApplicationCommand
          ? MessageType.ChatInputCommand
          : MessageType.Default,
      metadata: state.metadata,
    });
    this.applyMessageBody(message, data, ctx.files, true);
    if (isEmptyMessage(message)) throw errors.emptyMessage();
    state.followups.push(this.storeMessage(message, true));
    this.notify();
    return { status: 200, body: message };
  }

  // -------------------------------------------------------------------------------------------------------
  // Bot routes
  // -------------------------------------------------------------------------------------------------------

  private channel(ctx: Context): { guild: GuildConfig; channel: { id: string; name: string } } {
    const found = this.findChannel(ctx.params[0] ?? "");
    if (!found) throw errors.unknownChannel();
    return found;
  }

  private createChannelMessage(ctx: Context): Reply {
    const { guild, channel } = this.channel(ctx);
    const denied = guild.botDenied.get(channel.id) ?? 0n;
    if ((denied & PermissionFlagsBits.ViewChannel) !== 0n) throw errors.missingAccess();
    if ((denied & PermissionFlagsBits.SendMessages) !== 0n) throw errors.missingPermissions();
    const data = isRecord(ctx.body) ? ctx.body : {};
    const errs = new FormErrors();
    validateMessageFields(data, errs, []);
    // A nonce is an integer or a string of at most 25 characters.
    const nonce = data.nonce;
    if (nonce !== undefined && nonce !== null) {
      if (typeof nonce === "string") errs.maxLength(["nonce"], nonce, 25);
      else if (typeof nonce !== "number" || !Number.isInteger(nonce))
        errs.add(["nonce"], "BASE_TYPE_STRING", "Must be a string or an integer.");
    }
    throwIfInvalid(errs.errors());
    const nonceKey =
      typeof nonce === "string" || typeof nonce === "number"
        ? `${this.botUser.id}:${String(nonce)}`
        : undefined;
    if (nonceKey !== undefined && data.enforce_nonce === true) {
      // Discord: with enforce_nonce, a nonce the same author used in the past few minutes returns that
      // message instead of creating another one.
      const seen = this.nonces.get(nonceKey);
      const existing =
        seen && this.now() - seen.at <= NONCE_WINDOW_MS ? this.messages.get(seen.messageId) : undefined;
      if (existing) return { status: 200, body: { ...clone(existing), nonce } };
    }
    const message = this.message({ channelId: channel.id, createdAt: this.now() });
    // Channel messages cannot be ephemeral; Discord ignores the flag here.
    this.applyMessageBody(
      message,
      { ...data, flags: typeof data.flags === "number" ? data.flags & ~MessageFlags.Ephemeral : undefined },
      ctx.files,
      true,
    );
    if (isEmptyMessage(message)) throw errors.emptyMessage();
    this.storeMessage(message, true);
    if (nonceKey !== undefined) this.nonces.set(nonceKey, { messageId: message.id, at: this.now() });
    this.notify();
    // The nonce comes back in the create response (and MESSAGE_CREATE), not when the message is fetched later.
    return { status: 200, body: nonceKey === undefined ? message : { ...clone(message), nonce } };
  }

  private channelMessage(ctx: Context): MessageRecord {
    const { channel } = this.channel(ctx);
    const message = this.messages.get(ctx.params[1] ?? "");
    if (
      !message ||
      message.channel_id !== channel.id ||
      ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0
    )
      throw errors.unknownMessage();
    return message;
  }

  private putCommands(ctx: Context, guildId: string | undefined): Reply {
    if (ctx.params[0] !== this.applicationId) throw errors.missingAccess();
    if (guildId !== undefined && !this.guilds.some((g) => g.id === guildId)) throw errors.unknownGuild();
    const key = guildId ?? "global";
    const previous = this.commands.get(key) ?? [];
    const stored = validateCommands(ctx.body).map((body): APIApplicationCommand => {
      const type = (body.type ?? ApplicationCommandType.ChatInput) as ApplicationCommandType;
      // Overwriting keeps the id of a command with the same name and type, as Discord does.
      const same = previous.find((c) => c.name === body.name && c.type === type);
      // Discord echoes the definition back with the fields it owns filled in.
      const command: Record<string, unknown> = {
        ...body,
        id: same?.id ?? snowflake(this.now()),
        application_id: this.applicationId,
        version: snowflake(this.now()),
        type,
        description: typeof body.description === "string" ? body.description : "",
        default_member_permissions:
          typeof body.default_member_permissions === "string" ? body.default_member_permissions : null,
        nsfw: body.nsfw === true,
      };
      if (guildId !== undefined) command.guild_id = guildId;
      else {
        command.contexts = body.contexts ?? null;
        command.integration_types = body.integration_types ?? [ApplicationIntegrationType.GuildInstall];
      }
      return command as unknown as APIApplicationCommand;
    });
    this.commands.set(key, stored);
    return { status: 200, body: stored };
  }

  private getCommands(ctx: Context, guildId: string | undefined): Reply {
    if (ctx.params[0] !== this.applicationId) throw errors.missingAccess();
    return { status: 200, body: this.commands.get(guildId ?? "global") ?? [] };
  }

  private buildRoutes(): Route[] {
    const ok = (body: unknown): Reply => ({ status: 200, body });
    const gatewayBot: RESTGetAPIGatewayBotResult = {
      url: this.gatewayUrl,
      shards: 1,
      session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
    };
    return [
      {
        method: "GET",
        pattern: /^\/gateway$/,
        name: "GET /gateway",
        auth: false,
        handle: () => ok({ url: this.gatewayUrl }),
      },
      {
        method: "GET",
        pattern: /^\/gateway\/bot$/,
        name: "GET /gateway/bot",
        auth: true,
        handle: () => ok(gatewayBot),
      },
      {
        method: "GET",
        pattern: /^\/users\/@me$/,
        name: "GET /users/@me",
        auth: true,
        handle: () => ok(this.botUser),
      },
      {
        method: "GET",
        pattern: /^\/applications\/@me$/,
        name: "GET /applications/@me",
        auth: true,
        handle: () => ok(this.application()),
      },
      {
        method: "GET",
        pattern: /^\/oauth2\/applications\/@me$/,
        name: "GET /oauth2/applications/@me",
        auth: true,
        handle: () => ok(this.application()),
      },
      {
        method: "GET",
        pattern: /^\/applications\/(\d+)\/commands$/,
        name: "GET /applications/:id/commands",
        auth: true,
        handle: (ctx) => this.getCommands(ctx, undefined),
      },
      {
        method: "PUT",
        pattern: /^\/applications\/(\d+)\/commands$/,
        name: "PUT /applications/:id/commands",
        auth: true,
        handle: (ctx) => this.putCommands(ctx, undefined),
      },
      {
        method: "GET",
        pattern: /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/,
        name: "GET /applications/:id/guilds/:guild/commands",
        auth: true,
        major: 1,
        handle: (ctx) => this.getCommands(ctx, ctx.params[1]),
      },
      {
        method: "PUT",
        pattern: /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/,
        name: "PUT /applications/:id/guilds/:guild/commands",
        auth: true,
        major: 1,
        handle: (ctx) => this.putCommands(ctx, ctx.params[1]),
      },
      {
        method: "POST",
        pattern: /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
        name: "POST /interactions/:id/:token/callback",
        auth: false,
        major: 0,
        handle: (ctx) => this.interactionCallback(ctx),
      },
      ...(["GET", "PATCH", "DELETE"] as const).map((method): Route => ({
        method,
        pattern: /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/,
        name: `${method} /webhooks/:id/:token/messages/:message`,
        auth: false,
        major: 1,
        handle: (ctx) =>
          method === "GET"
            ? this.webhookGet(ctx)
            : method === "PATCH"
              ? this.webhookPatch(ctx)
              : this.webhookDelete(ctx),
      })),
      {
        method: "POST",
        pattern: /^\/webhooks\/(\d+)\/([^/]+)$/,
        name: "POST /webhooks/:id/:token",
        auth: false,
        major: 1,
        handle: (ctx) => this.followup(ctx),
      },
      {
        method: "GET",
        pattern: /^\/channels\/(\d+)$/,
        name: "GET /channels/:id",
        auth: true,
        major: 0,
        handle: (ctx) => {
          const { guild, channel } = this.channel(ctx);
          return ok(this.textChannel(guild, channel));
        },
      },
      {
        method: "POST",
        pattern: /^\/channels\/(\d+)\/messages$/,
        name: "POST /channels/:id/messages",
        auth: true,
        major: 0,
        handle: (ctx) => this.createChannelMessage(ctx),
      },
      {
        method: "GET",
        pattern: /^\/channels\/(\d+)\/messages\/(\d+)$/,
        name: "GET /channels/:id/messages/:message",
        auth: true,
        major: 0,
        handle: (ctx) => ok(this.channelMessage(ctx)),
      },
      {
        method: "PATCH",
        pattern: /^\/channels\/(\d+)\/messages\/(\d+)$/,
        name: "PATCH /channels/:id/messages/:message",
        auth: true,
        major: 0,
        handle: (ctx) => {
          const message = this.channelMessage(ctx);
          if (message.author.id !== this.botUser.id) throw errors.cannotEditOthers();
          return ok(this.editMessage(message, ctx, false));
        },
      },
      {
        method: "DELETE",
        pattern: /^\/channels\/(\d+)\/messages\/(\d+)$/,
        name: "DELETE /channels/:id/messages/:message",
        auth: true,
        major: 0,
        handle: (ctx) => {
          this.forgetMessage(this.channelMessage(ctx));
          this.notify();
          return { status: 204 };
        },
      },
    ];
  }

  // -------------------------------------------------------------------------------------------------------
  // HTTP plumbing
  // -------------------------------------------------------------------------------------------------------

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = this.now();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    // discord.js sends `@original` as `%40original`; routes and failNext see the decoded path.
    const pathname = safeDecode(url.pathname);
    const versioned = pathname.startsWith("/api/v10/");
    const path = versioned ? pathname.slice("/api/v10".length) : pathname;
    const entry: RecordedRequest = { method, path, query: url.search, body: undefined, at, status: 0 };
    this.requests.push(entry);
    let reply: Reply;
    try {
      const parsed = await parseBody(req);
      entry.body = parsed.body;
      if (parsed.files.length > 0) entry.files = parsed.files;
      reply = this.answer(method, path, versioned, url.searchParams, req.headers.authorization, parsed);
    } catch (error) {
      if (error instanceof HttpError) reply = error.reply;
      else {
        // A bug in the double should fail the test loudly, not look like Discord's behaviour.
        console.error("DiscordDouble: internal error", error);
        reply = { status: 500, body: { message: "500: Internal Server Error", code: 0 } };
      }
    }
    entry.status = reply.status;
    const headers: Record<string, string> = { ...reply.headers };
    let payload: string | undefined;
    if (typeof reply.body === "string") {
      headers["content-type"] = "text/plain; charset=utf-8";
      payload = reply.body;
    } else if (reply.body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(reply.body);
    }
    res.writeHead(reply.status, headers);
    res.end(payload);
  }

  private answer(
    method: string,
    path: string,
    versioned: boolean,
    query: URLSearchParams,
    authorization: string | undefined,
    parsed: { body: unknown; files: Upload[] },
  ): Reply {
    const injected = this.takeFailure(method, path);
    if (injected) return injected;
    if (!versioned) throw errors.notFound();
    const candidates = this.routes.filter((r) => r.pattern.test(path));
    const route = candidates.find((r) => r.method === method);
    if (!route) throw candidates.length > 0 ? errors.methodNotAllowed() : errors.notFound();
    if (route.auth && authorization !== `Bot ${this.token}`) throw errors.unauthorized();
    const params = (route.pattern.exec(path) ?? []).slice(1).map((p) => p ?? "");
    const limit = this.countRequest(route, params);
    try {
      const reply = route.handle({ method, params, query, body: parsed.body, files: parsed.files });
      return { ...reply, headers: { ...limit, ...reply.headers } };
    } catch (error) {
      if (error instanceof HttpError)
        throw new HttpError({ ...error.reply, headers: { ...limit, ...error.reply.headers } });
      throw error;
    }
  }

  private takeFailure(method: string, path: string): Reply | undefined {
    const rule = this.failRules.find(
      (r) => (r.method === undefined || r.method === method) && r.path.test(path),
    );
    if (!rule) return undefined;
    rule.times -= 1;
    if (rule.times <= 0) this.failRules.splice(this.failRules.indexOf(rule), 1);
    if (rule.status !== 429) {
      // Discord's 5xx come from its edge and are not JSON.
      return {
        status: rule.status,
        body: `${rule.status} ${rule.status === 502 ? "Bad Gateway" : "Server Error"}`,
      };
    }
    const headers: Record<string, string> = {
      // The header is whole seconds rounded up; only the body carries the float.
      "retry-after": String(Math.ceil(rule.retryAfter)),
      "x-ratelimit-scope": rule.global ? "global" : "user",
    };
    if (rule.global) headers["x-ratelimit-global"] = "true";
    else
      Object.assign(headers, {
        "x-ratelimit-limit": String(this.rateLimit.limit),
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": ((Date.now() + rule.retryAfter * 1000) / 1000).toFixed(3),
        "x-ratelimit-reset-after": rule.retryAfter.toFixed(3),
        "x-ratelimit-bucket": bucketHash(`${method} ${path}`),
      });
    return {
      status: 429,
      headers,
      body: { message: "You are being rate limited.", retry_after: rule.retryAfter, global: rule.global },
    };
  }

  /** Counts a request against its bucket (route + major parameter) and returns the x-ratelimit-* headers. */
  private countRequest(route: Route, params: string[]): Record<string, string> {
    const hash = bucketHash(route.name);
    const major = route.major === undefined ? "" : (params[route.major] ?? "");
    const key = `${hash}:${major}`;
    const now = Date.now();
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.resetAt <= now) {
      bucket = { remaining: this.rateLimit.limit, resetAt: now + this.rateLimit.windowMs };
      this.buckets.set(key, bucket);
    }
    const resetAfter = (bucket.resetAt - now) / 1000;
    const headers = (remaining: number): Record<string, string> => ({
      "x-ratelimit-limit": String(this.rateLimit.limit),
      "x-ratelimit-remaining": String(remaining),
      "x-ratelimit-reset": (bucket.resetAt / 1000).toFixed(3),
      "x-ratelimit-reset-after": resetAfter.toFixed(3),
      "x-ratelimit-bucket": hash,
    });
    if (bucket.remaining <= 0)
      throw new HttpError({
        status: 429,
        headers: { ...headers(0), "retry-after": String(Math.ceil(resetAfter)), "x-ratelimit-scope": "user" },
        body: {
          message: "You are being rate limited.",
          retry_after: Number(resetAfter.toFixed(3)),
          global: false,
        },
      });
    bucket.remaining -= 1;
    return headers(bucket.remaining);
  }

  // -------------------------------------------------------------------------------------------------------
  // Gateway
  // -------------------------------------------------------------------------------------------------------

  private isConnected(): boolean {
    const connection = this.session?.connection;
    return (
      connection !== undefined &&
      connection.state !== "hello" &&
      connection.socket.readyState === WebSocket.OPEN
    );
  }

  private send(
    connection: Connection,
    payload: { op: number; d: unknown; s?: number | null; t?: string | null },
  ): void {
    if (connection.socket.readyState !== WebSocket.OPEN) return;
    connection.socket.send(JSON.stringify({ t: null, s: null, ...payload }));
  }

  private dispatch(t: string, d: unknown): void {
    const session = this.session;
    if (!session)
      throw new Error("DiscordDouble: no bot has identified on the gateway; await waitForReady() first");
    session.seq += 1;
    const payload: DispatchPayload = { op: GatewayOpcodes.Dispatch, t, s: session.seq, d };
    session.log.push(payload);
    // While the bot is disconnected the event waits in the session log, to be replayed on RESUME.
    if (session.connection) this.send(session.connection, payload);
  }

  private onConnection(socket: WebSocket, req: IncomingMessage): void {
    const connection: Connection = { socket, session: undefined, state: "hello" };
    const version = new URL(req.url ?? "/", "http://127.0.0.1").searchParams.get("v");
    if (version !== null && version !== "10") {
      socket.close(GatewayCloseCodes.InvalidAPIVersion, "Invalid API version");
      return;
    }
    this.connections.add(connection);
    socket.on("message", (data: RawData, isBinary: boolean) => {
      this.onGatewayMessage(connection, data, isBinary);
    });
    socket.on("close", () => {
      this.connections.delete(connection);
      if (connection.session?.connection === connection) connection.session.connection = undefined;
      this.notify();
    });
    socket.on("error", () => {
      // A reset socket is closed right after; nothing else to do, but an unhandled 'error' would crash the run.
    });
    this.send(connection, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.heartbeatIntervalMs } });
  }

  private onGatewayMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    let payload: unknown;
    try {
      if (isBinary) throw new Error("binary");
      payload = JSON.parse(rawToString(data));
    } catch {
      connection.socket.close(GatewayCloseCodes.DecodeError, "Error while decoding payload.");
      return;
    }
    if (!isRecord(payload) || typeof payload.op !== "number") {
      connection.socket.close(GatewayCloseCodes.DecodeError, "Error while decoding payload.");
      return;
    }
    const d = payload.d;
    this.gatewayReceived.push({ op: payload.op, d, at: this.now() });
    const op = payload.op as GatewayOpcodes;
    switch (op) {
      case GatewayOpcodes.Heartbeat:
        this.send(connection, { op: GatewayOpcodes.HeartbeatAck, d: null });
        return;
      case GatewayOpcodes.Identify:
        this.identify(connection, d);
        return;
      case GatewayOpcodes.Resume:
        this.resume(connection, d);
        return;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
      case GatewayOpcodes.RequestSoundboardSounds:
        if (!connection.session) {
          connection.socket.close(GatewayCloseCodes.NotAuthenticated, "Not authenticated.");
          return;
        }
        if (op === GatewayOpcodes.RequestGuildMembers && isRecord(d) && typeof d.guild_id === "string") {
          // guild.members.fetch() waits for a chunk; an empty one keeps it from hanging.
          this.dispatch(GatewayDispatchEvents.GuildMembersChunk, {
            guild_id: d.guild_id,
            members: [],
            chunk_index: 0,
            chunk_count: 1,
            not_found: [],
            ...(typeof d.nonce === "string" ? { nonce: d.nonce } : {}),
          });
        }
        return;
      default:
        connection.socket.close(GatewayCloseCodes.UnknownOpcode, "Unknown opcode.");
    }
  }

  private identify(connection: Connection, d: unknown): void {
    if (connection.session) {
      connection.socket.close(GatewayCloseCodes.AlreadyAuthenticated, "Already authenticated.");
      return;
    }
    if (!isRecord(d) || d.token !== this.token) {
      connection.socket.close(GatewayCloseCodes.AuthenticationFailed, "Authentication failed.");
      return;
    }
    if (typeof d.intents !== "number") {
      connection.socket.close(GatewayCloseCodes.InvalidIntents, "Invalid intent(s).");
      return;
    }
    const intents = d.intents;
    if ((intents & PRIVILEGED_INTENTS & ~this.privilegedIntents) !== 0) {
      connection.socket.close(GatewayCloseCodes.DisallowedIntents, "Disallowed intent(s).");
      return;
    }
    if (Array.isArray(d.shard) && (d.shard[0] !== 0 || d.shard[1] !== 1)) {
      connection.socket.close(GatewayCloseCodes.InvalidShard, "Invalid shard.");
      return;
    }
    const session: Session = { id: randomBytes(16).toString("hex"), seq: 0, log: [], connection };
    this.sessions.set(session.id, session);
    this.session = session;
    connection.session = session;
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: { ...this.botUser, verified: true, mfa_enabled: false },
      guilds: this.guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.gatewayUrl,
      shard: [0, 1],
      application: { id: this.applicationId, flags: 0 as ApplicationFlags, flags_new: "0" },
    };
    this.dispatch(GatewayDispatchEvents.Ready, ready);
    // Without the Guilds intent Discord sends no GUILD_CREATE, and the guilds stay unavailable.
    if ((intents & GatewayIntentBits.Guilds) !== 0)
      for (const guild of this.guilds)
        this.dispatch(GatewayDispatchEvents.GuildCreate, this.guildCreate(guild));
    connection.state = "ready";
    this.notify();
  }

  private resume(connection: Connection, d: unknown): void {
    const session =
      isRecord(d) && typeof d.session_id === "string" ? this.sessions.get(d.session_id) : undefined;
    const seq = isRecord(d) && typeof d.seq === "number" ? d.seq : -1;
    if (!isRecord(d) || d.token !== this.token || !session || seq < 0 || seq > session.seq) {
      // Not resumable: the bot has to IDENTIFY again.
      this.send(connection, { op: GatewayOpcodes.InvalidSession, d: false });
      return;
    }
    if (session.connection && session.connection !== connection)
      session.connection.socket.close(GatewayCloseCodes.SessionTimedOut, "Session resumed elsewhere.");
    session.connection = connection;
    connection.session = session;
    this.session = session;
    for (const missed of session.log.filter((p) => p.s > seq)) this.send(connection, missed);
    this.dispatch(GatewayDispatchEvents.Resumed, null);
    connection.state = "resumed";
    this.resumes += 1;
    this.notify();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Module helpers
// ---------------------------------------------------------------------------------------------------------

function bucketHash(name: string): string {
  return createHash("sha256").update(name).digest("hex").slice(0, 32);
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString("utf8");
  return data.toString("utf8");
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 26 * 1024 * 1024) throw errors.tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** JSON, or multipart/form-data whose payload_json field carries the JSON and files[n] the uploads. */
async function parseBody(req: IncomingMessage): Promise<{ body: unknown; files: Upload[] }> {
  const raw = await readRaw(req);
  const type = req.headers["content-type"] ?? "";
  if (raw.length === 0) return { body: undefined, files: [] };
  if (type.startsWith("multipart/form-data")) {
    const form = await new Response(Uint8Array.from(raw), { headers: { "content-type": type } }).formData();
    const files: Upload[] = [];
    let body: unknown = {};
    for (const [field, value] of form.entries()) {
      if (typeof value === "string") {
        if (field === "payload_json") body = parseJson(value);
      } else files.push({ field, name: value.name, size: value.size, contentType: value.type });
    }
    return { body, files };
  }
  return { body: parseJson(raw.toString("utf8")), files: [] };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw errors.invalidJson();
  }
}
