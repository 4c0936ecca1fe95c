// The REST routes the double serves (API v10): which path, which bucket, whether it needs the Bot token, and
// the handler; plus the application-command routes (bulk overwrite keeps ids by name, as Discord does).
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  type APIApplicationCommand,
  type RESTGetAPIGatewayBotResult,
} from "discord-api-types/v10";
import { validateCommands } from "./commandValidation.js";
import { application, textChannel } from "./fixtures.js";
import {
  followup,
  interactionCallback,
  webhookDelete,
  webhookGet,
  webhookPatch,
} from "./interactionRoutes.js";
import { channelMessage, channelOf, createChannelMessage, editMessage } from "./messages.js";
import { errors, snowflake } from "./protocol.js";
import type { DoubleState } from "./state.js";
import type { Context, Reply, Route } from "./types.js";

function putCommands(state: DoubleState, ctx: Context, guildId: string | undefined): Reply {
  if (ctx.params[0] !== state.applicationId) throw errors.missingAccess();
  if (guildId !== undefined && !state.guilds.some((g) => g.id === guildId)) throw errors.unknownGuild();
  const key = guildId ?? "global";
  const previous = state.commands.get(key) ?? [];
  const stored = validateCommands(ctx.body).map((body): APIApplicationCommand => {
    const type = (body.type ?? ApplicationCommandType.ChatInput) as ApplicationCommandType;
    // Overwriting keeps the id of a command with the same name and type, as Discord does.
    const same = previous.find((c) => c.name === body.name && c.type === type);
    // Discord echoes the definition back with the fields it owns filled in.
    const command: Record<string, unknown> = {
      ...body,
      id: same?.id ?? snowflake(state.now()),
      application_id: state.applicationId,
      version: snowflake(state.now()),
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
  state.commands.set(key, stored);
  return { status: 200, body: stored };
}

function getCommands(state: DoubleState, ctx: Context, guildId: string | undefined): Reply {
  if (ctx.params[0] !== state.applicationId) throw errors.missingAccess();
  return { status: 200, body: state.commands.get(guildId ?? "global") ?? [] };
}

export function buildRoutes(state: DoubleState): Route[] {
  const ok = (body: unknown): Reply => ({ status: 200, body });
  const gatewayBot: RESTGetAPIGatewayBotResult = {
    url: state.gatewayUrl,
    shards: state.sharding.recommended,
    session_start_limit: {
      total: 1000,
      remaining: 1000,
      reset_after: 0,
      max_concurrency: state.sharding.maxConcurrency,
    },
  };
  return [
    {
      method: "GET",
      pattern: /^\/gateway$/,
      name: "GET /gateway",
      auth: false,
      handle: () => ok({ url: state.gatewayUrl }),
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
      handle: () => ok(state.botUser),
    },
    {
      method: "GET",
      pattern: /^\/applications\/@me$/,
      name: "GET /applications/@me",
      auth: true,
      handle: () => ok(application(state)),
    },
    {
      method: "GET",
      pattern: /^\/oauth2\/applications\/@me$/,
      name: "GET /oauth2/applications/@me",
      auth: true,
      handle: () => ok(application(state)),
    },
    {
      method: "GET",
      pattern: /^\/applications\/(\d+)\/commands$/,
      name: "GET /applications/:id/commands",
      auth: true,
      handle: (ctx) => getCommands(state, ctx, undefined),
    },
    {
      method: "PUT",
      pattern: /^\/applications\/(\d+)\/commands$/,
      name: "PUT /applications/:id/commands",
      auth: true,
      handle: (ctx) => putCommands(state, ctx, undefined),
    },
    {
      method: "GET",
      pattern: /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/,
      name: "GET /applications/:id/guilds/:guild/commands",
      auth: true,
      major: 1,
      handle: (ctx) => getCommands(state, ctx, ctx.params[1]),
    },
    {
      method: "PUT",
      pattern: /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/,
      name: "PUT /applications/:id/guilds/:guild/commands",
      auth: true,
      major: 1,
      handle: (ctx) => putCommands(state, ctx, ctx.params[1]),
    },
    {
      method: "POST",
      pattern: /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
      name: "POST /interactions/:id/:token/callback",
      auth: false,
      major: 0,
      handle: (ctx) => interactionCallback(state, ctx),
    },
    ...(["GET", "PATCH", "DELETE"] as const).map((method): Route => ({
      method,
      pattern: /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/,
      name: `${method} /webhooks/:id/:token/messages/:message`,
      auth: false,
      major: 1,
      handle: (ctx) =>
        method === "GET"
          ? webhookGet(state, ctx)
          : method === "PATCH"
            ? webhookPatch(state, ctx)
            : webhookDelete(state, ctx),
    })),
    {
      method: "POST",
      pattern: /^\/webhooks\/(\d+)\/([^/]+)$/,
      name: "POST /webhooks/:id/:token",
      auth: false,
      major: 1,
      handle: (ctx) => followup(state, ctx),
    },
    {
      method: "GET",
      pattern: /^\/channels\/(\d+)$/,
      name: "GET /channels/:id",
      auth: true,
      major: 0,
      handle: (ctx) => {
        const { guild, channel } = channelOf(state, ctx);
        return ok(textChannel(guild, channel));
      },
    },
    {
      method: "POST",
      pattern: /^\/channels\/(\d+)\/messages$/,
      name: "POST /channels/:id/messages",
      auth: true,
      major: 0,
      handle: (ctx) => createChannelMessage(state, ctx),
    },
    {
      method: "GET",
      pattern: /^\/channels\/(\d+)\/messages\/(\d+)$/,
      name: "GET /channels/:id/messages/:message",
      auth: true,
      major: 0,
      handle: (ctx) => ok(channelMessage(state, ctx)),
    },
    {
      method: "PATCH",
      pattern: /^\/channels\/(\d+)\/messages\/(\d+)$/,
      name: "PATCH /channels/:id/messages/:message",
      auth: true,
      major: 0,
      handle: (ctx) => {
        const message = channelMessage(state, ctx);
        if (message.author.id !== state.botUser.id) throw errors.cannotEditOthers();
        return ok(editMessage(state, message, ctx, false));
      },
    },
    {
      method: "DELETE",
      pattern: /^\/channels\/(\d+)\/messages\/(\d+)$/,
      name: "DELETE /channels/:id/messages/:message",
      auth: true,
      major: 0,
      handle: (ctx) => {
        state.forgetMessage(channelMessage(state, ctx));
        state.notify();
        return { status: 204 };
      },
    },
  ];
}
