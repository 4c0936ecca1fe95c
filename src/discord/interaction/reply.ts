// Turns a rendered message (plain API JSON) into discord.js options, mentions always off.
import { MessageFlags, type InteractionReplyOptions, type InteractionUpdateOptions } from "discord.js";
import type { RenderedMessage } from "../render/types.js";

/** For edits and button updates, which cannot change a message's flags. */
export function toUpdate(message: RenderedMessage): InteractionUpdateOptions {
  return {
    content: message.content ?? "",
    embeds: message.embeds,
    components: message.components,
    allowedMentions: { parse: [] },
  };
}

/** For a first reply: keeps the rendered ephemeral flag (errors and suggestions are only for the asker). */
export function toReply(message: RenderedMessage): InteractionReplyOptions {
  const reply: InteractionReplyOptions = {
    content: message.content ?? "",
    embeds: message.embeds,
    components: message.components,
    allowedMentions: { parse: [] },
  };
  if (message.flags !== undefined && (message.flags & 64) === 64) reply.flags = MessageFlags.Ephemeral;
  return reply;
}
