// Messages in the double: applying a create or edit body the way Discord does, and the bot's channel routes
// (create with nonce/enforce_nonce, fetch, edit), with the permission checks an admin's overwrite brings.
import {
  EmbedType,
  MessageFlags,
  PermissionFlagsBits,
  type APIEmbed,
  type APIMessage,
} from "discord-api-types/v10";
import { newMessage, attachment } from "./fixtures.js";
import {
  FormErrors,
  isEmptyMessage,
  messageErrors,
  throwIfInvalid,
  validateMessageFields,
} from "./messageValidation.js";
import {
  COMPONENTS_V2_FLAG,
  LOADING_FLAG,
  NONCE_WINDOW_MS,
  clone,
  errors,
  isRecord,
  iso,
} from "./protocol.js";
import type { DoubleState } from "./state.js";
import type { Context, GuildConfig, MessageComponents, MessageRecord, Reply, Upload } from "./types.js";

// Numbers of the wire protocol are written into discord-api-types' enums, which this rule would otherwise make
// a cast at every step.
/* eslint-disable @typescript-eslint/no-unsafe-enum-assignment */

/**
 * Applies a create or edit body to a message. Edits only touch the fields they name; flags can only toggle
 * SUPPRESS_EMBEDS, as on Discord (an edit cannot make a public reply ephemeral).
 */
export function applyMessageBody(
  state: DoubleState,
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
  files.forEach((file) => message.attachments.push(attachment(state, message.channel_id, file)));
  if (!creating) message.edited_timestamp = iso(state.now());
}

export function editMessage(
  state: DoubleState,
  message: MessageRecord,
  ctx: Context,
  wasLoading: boolean,
): MessageRecord {
  const data = isRecord(ctx.body) ? ctx.body : {};
  throwIfInvalid(messageErrors(data, message.flags ?? 0));
  const edited = clone(message);
  applyMessageBody(state, edited, data, ctx.files, false);
  if (wasLoading) {
    // Filling a deferred reply is not an "edit" to the user and clears the thinking state.
    edited.flags = (edited.flags ?? 0) & ~LOADING_FLAG;
    edited.edited_timestamp = null;
  }
  if (isEmptyMessage(edited)) throw errors.emptyMessage();
  Object.assign(message, edited);
  state.notify();
  return message;
}

export function channelOf(
  state: DoubleState,
  ctx: Context,
): { guild: GuildConfig; channel: { id: string; name: string } } {
  const found = state.findChannel(ctx.params[0] ?? "");
  if (!found) throw errors.unknownChannel();
  return found;
}

export function createChannelMessage(state: DoubleState, ctx: Context): Reply {
  const { guild, channel } = channelOf(state, ctx);
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
      ? `${state.botUser.id}:${String(nonce)}`
      : undefined;
  if (nonceKey !== undefined && data.enforce_nonce === true) {
    // Discord: with enforce_nonce, a nonce the same author used in the past few minutes returns that
    // message instead of creating another one.
    const seen = state.nonces.get(nonceKey);
    const existing =
      seen && state.now() - seen.at <= NONCE_WINDOW_MS ? state.messages.get(seen.messageId) : undefined;
    if (existing) return { status: 200, body: { ...clone(existing), nonce } };
  }
  const message = newMessage(state, { channelId: channel.id, createdAt: state.now() });
  // Channel messages cannot be ephemeral; Discord ignores the flag here.
  applyMessageBody(
    state,
    message,
    { ...data, flags: typeof data.flags === "number" ? data.flags & ~MessageFlags.Ephemeral : undefined },
    ctx.files,
    true,
  );
  if (isEmptyMessage(message)) throw errors.emptyMessage();
  state.storeMessage(message, true);
  if (nonceKey !== undefined) state.nonces.set(nonceKey, { messageId: message.id, at: state.now() });
  state.notify();
  // The nonce comes back in the create response (and MESSAGE_CREATE), not when the message is fetched later.
  return { status: 200, body: nonceKey === undefined ? message : { ...clone(message), nonce } };
}

export function channelMessage(state: DoubleState, ctx: Context): MessageRecord {
  const { channel } = channelOf(state, ctx);
  const message = state.messages.get(ctx.params[1] ?? "");
  if (!message || message.channel_id !== channel.id || ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0)
    throw errors.unknownMessage();
  return message;
}
