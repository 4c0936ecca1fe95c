// The interaction routes of the double: the callback (one acknowledgement within 3 s, of a type the
// interaction allows) and the webhook routes behind it (@original, follow-ups), valid for 15 minutes.
import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  type RESTPostAPIInteractionCallbackWithResponseResult,
} from "discord-api-types/v10";
import { newMessage } from "./fixtures.js";
import { applyMessageBody, editMessage } from "./messages.js";
import { FormErrors, isEmptyMessage, messageErrors, throwIfInvalid } from "./messageValidation.js";
import { ACK_WINDOW_MS, LOADING_FLAG, TOKEN_LIFETIME_MS, clone, errors, isRecord } from "./protocol.js";
import type { DoubleState } from "./state.js";
import type { Context, InteractionState, MessageRecord, Reply } from "./types.js";

// The double speaks the wire protocol: numbers read off the network are compared with, and written into,
// discord-api-types' enums, which these two rules would otherwise make a cast at every step.
/* eslint-disable @typescript-eslint/no-unsafe-enum-assignment, @typescript-eslint/no-unsafe-enum-comparison */

export function interactionCallback(double: DoubleState, ctx: Context): Reply {
  const [id = "", token = ""] = ctx.params;
  const state = double.interactions.get(id);
  if (!state || state.token !== token) throw errors.unknownInteraction();
  if (state.ack) throw errors.alreadyAcknowledged();
  if (double.now() - state.sentAt > ACK_WINDOW_MS) throw errors.unknownInteraction();
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
  const now = double.now();
  const created = (flags: number, msgType: MessageType): MessageRecord =>
    newMessage(double, {
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
      applyMessageBody(double, original, data ?? {}, ctx.files, true);
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
        applyMessageBody(double, edited, data ?? {}, ctx.files, false);
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
  if (original && original !== state.sourceMessage) double.storeMessage(original, true);
  state.original = original;
  state.loading = loading;
  state.ack = { type, ...(data ? { data } : {}), at: now };
  double.notify();
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
function webhookState(double: DoubleState, ctx: Context): InteractionState {
  const [app = "", token = ""] = ctx.params;
  if (app !== double.applicationId) throw errors.unknownWebhook();
  const state = double.byToken.get(token);
  if (!state || double.now() - state.createdAt > TOKEN_LIFETIME_MS) throw errors.invalidWebhookToken();
  return state;
}

function webhookMessage(state: InteractionState, which: string): MessageRecord {
  const message =
    which === "@original"
      ? state.original
      : [state.original, ...state.followups].find((m) => m?.id === which);
  if (!message) throw errors.unknownMessage();
  return message as MessageRecord;
}

export function webhookGet(double: DoubleState, ctx: Context): Reply {
  const state = webhookState(double, ctx);
  return { status: 200, body: webhookMessage(state, ctx.params[2] ?? "") };
}

export function webhookPatch(double: DoubleState, ctx: Context): Reply {
  const state = webhookState(double, ctx);
  const message = webhookMessage(state, ctx.params[2] ?? "");
  const wasLoading = state.loading && message === state.original;
  const edited = editMessage(double, message, ctx, wasLoading);
  if (wasLoading) state.loading = false;
  return { status: 200, body: edited };
}

export function webhookDelete(double: DoubleState, ctx: Context): Reply {
  const state = webhookState(double, ctx);
  const message = webhookMessage(state, ctx.params[2] ?? "");
  double.forgetMessage(message);
  if (message === state.original) state.original = undefined;
  const index = state.followups.indexOf(message);
  if (index >= 0) state.followups.splice(index, 1);
  double.notify();
  return { status: 204 };
}

export function followup(double: DoubleState, ctx: Context): Reply {
  const state = webhookState(double, ctx);
  // Follow-ups ride on the response: before any acknowledgement the webhook does not exist yet.
  if (!state.ack || state.ack.type === InteractionResponseType.ApplicationCommandAutocompleteResult)
    throw errors.unknownWebhook();
  const data = isRecord(ctx.body) ? ctx.body : {};
  if (state.loading && state.original) {
    // The first follow-up after a deferred reply fills the thinking message and keeps the defer's
    // ephemerality: `followUp({ ephemeral: true })` after a public defer is public.
    const edited = editMessage(
      double,
      state.original as MessageRecord,
      { ...ctx, body: { ...data, flags: undefined } },
      true,
    );
    state.loading = false;
    return { status: 200, body: edited };
  }
  throwIfInvalid(messageErrors(data));
  const message = newMessage(double, {
    channelId: state.channelId,
    createdAt: double.now(),
    webhook: true,
    type:
      state.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default,
    metadata: state.metadata,
  });
  applyMessageBody(double, message, data, ctx.files, true);
  if (isEmptyMessage(message)) throw errors.emptyMessage();
  state.followups.push(double.storeMessage(message, true));
  double.notify();
  return { status: 200, body: message };
}
