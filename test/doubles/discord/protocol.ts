// What the Discord double shares about the wire: Discord's limits and ids, its JSON error bodies (thrown as
// HttpError by any handler), and small helpers for reading loose JSON.
import { createHash } from "node:crypto";
import { GatewayIntentBits, PermissionFlagsBits } from "discord-api-types/v10";
import type { Reply } from "./types.js";

export const ACK_WINDOW_MS = 3_000;
/** How long a message nonce is remembered for enforce_nonce: Discord says "the past few minutes". */
export const NONCE_WINDOW_MS = 5 * 60_000;
export const TOKEN_LIFETIME_MS = 15 * 60_000;
const DISCORD_EPOCH = 1_420_070_400_000n;
export const LOADING_FLAG = 1 << 7; // MessageFlags.Loading: the "is thinking…" message of a deferred reply.
export const COMPONENTS_V2_FLAG = 1 << 15; // MessageFlags.IsComponentsV2
export const COMMAND_NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
export const PRIVILEGED_INTENTS =
  GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;
export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits)
  .reduce((all, bit) => all | bit, 0n)
  .toString();
// What @everyone gets in a fresh server, near enough: bots that assume more than this show up in tests.
export const EVERYONE_PERMISSIONS = [
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

export class HttpError extends Error {
  constructor(readonly reply: Reply) {
    super(`HTTP ${reply.status}`);
  }
}

function jsonError(status: number, code: number, message: string): HttpError {
  return new HttpError({ status, body: { message, code } });
}

export const errors = {
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

let snowflakeIncrement = 0n;

/** A snowflake whose timestamp is `ms`, so discord.js's createdTimestamp says what the test meant. */
export function snowflake(ms: number): string {
  snowflakeIncrement = (snowflakeIncrement + 1n) & 0xfffn;
  return (((BigInt(Math.floor(ms)) - DISCORD_EPOCH) << 22n) | (1n << 17n) | snowflakeIncrement).toString();
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Discord counts characters, not UTF-16 code units: an emoji is one character of the 2000. */
export function length(value: unknown): number {
  return typeof value === "string" ? Array.from(value).length : 0;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** The x-ratelimit-bucket of a route: opaque like Discord's, stable for one route name. */
export function bucketHash(name: string): string {
  return createHash("sha256").update(name).digest("hex").slice(0, 32);
}
