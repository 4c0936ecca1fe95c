// Interactions the double sends to the bot (chat input, autocomplete, buttons, in a guild or a DM), shaped
// like Discord's INTERACTION_CREATE, and the handles tests use to see how the bot acknowledged and answered.
import { randomBytes } from "node:crypto";
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  GatewayDispatchEvents,
  InteractionContextType,
  InteractionType,
  Locale,
  type APIApplicationCommandInteractionDataOption,
  type APIInteraction,
  type APIInteractionDataResolved,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIUser,
  type GuildMemberFlags,
} from "discord-api-types/v10";
import { attachment, member as guildMember, newMessage, roles, textChannel } from "./fixtures.js";
import type { Gateway } from "./gateway.js";
import { ALL_PERMISSIONS, EVERYONE_PERMISSIONS, clone, iso, snowflake } from "./protocol.js";
import { user as apiUser, type DoubleState } from "./state.js";
import type {
  ButtonInput,
  CommandInput,
  GuildConfig,
  InteractionHandle,
  InteractionState,
  MessageRecord,
  OptionInput,
} from "./types.js";

// The double speaks the wire protocol: numbers read off the network are compared with, and written into,
// discord-api-types' enums, which these two rules would otherwise make a cast at every step.
/* eslint-disable @typescript-eslint/no-unsafe-enum-assignment, @typescript-eslint/no-unsafe-enum-comparison */

export class Interactions {
  constructor(
    private readonly state: DoubleState,
    private readonly gateway: Gateway,
  ) {}

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
    const createdAt = input.createdAt ?? this.state.now();
    const known = input.messageId === undefined ? undefined : this.state.messages.get(input.messageId);
    // A button always lives on a message; without a known one the double makes the bot's message carrying it.
    const message =
      known ??
      this.state.storeMessage(
        newMessage(this.state, {
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

  private where(input: { guildId?: string; channelId?: string; userId?: string; dm?: boolean }): {
    guild: GuildConfig | undefined;
    channelId: string;
    user: APIUser;
  } {
    const user = apiUser(input.userId ?? "100000000000000001", `user${(input.userId ?? "1").slice(-4)}`);
    if (input.dm === true)
      return { guild: undefined, channelId: input.channelId ?? snowflake(this.state.now() - 60_000), user };
    const guild = this.state.guildConfig(input.guildId);
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
      application_id: this.state.applicationId,
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
      ...guildMember(user, [], createdAt - 86_400_000),
      user,
      permissions: permissions ?? ALL_PERMISSIONS,
    };
    return {
      ...common,
      guild_id: guild.id,
      guild: { id: guild.id, locale: Locale.EnglishUS, features: [] },
      guild_locale: Locale.EnglishUS,
      channel: {
        ...(channel ? textChannel(guild, channel) : { id: channelId, type: ChannelType.GuildText }),
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
      const role = guild && roles(this.state, guild).find((r) => r.id === value);
      switch (option.type) {
        case ApplicationCommandOptionType.User:
        case ApplicationCommandOptionType.Mentionable:
          if (option.type === ApplicationCommandOptionType.Mentionable && role) {
            (resolved.roles ??= {})[value] = role;
            break;
          }
          (resolved.users ??= {})[value] = apiUser(value, `user${value.slice(-4)}`);
          if (guild) {
            // Resolved members come without user, deaf and mute; the user is in resolved.users.
            (resolved.members ??= {})[value] = {
              nick: null,
              avatar: null,
              banner: null,
              roles: [],
              joined_at: iso(this.state.now() - 86_400_000),
              premium_since: null,
              flags: 0 as GuildMemberFlags,
              pending: false,
              communication_disabled_until: null,
              permissions: EVERYONE_PERMISSIONS,
            };
          }
          break;
        case ApplicationCommandOptionType.Channel: {
          const found = this.state.findChannel(value);
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
          (resolved.attachments ??= {})[value] = attachment(this.state, guild?.channels[0]?.id ?? "0", {
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
    const createdAt = input.createdAt ?? this.state.now();
    // Use the id Discord assigned at registration when the command was registered (guild first, then global).
    const registered =
      (where.guild && this.state.commands.get(where.guild.id)?.find((c) => c.name === input.name)) ??
      this.state.commands.get("global")?.find((c) => c.name === input.name);
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
      sentAt: this.state.now(),
      metadata,
      commandName,
      sourceMessage,
      ack: undefined,
      original: undefined,
      loading: false,
      followups: [],
      shard: 0,
    };
    state.shard = this.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    this.state.interactions.set(state.id, state);
    this.state.byToken.set(state.token, state);
    return this.handle(state);
  }

  private handle(state: InteractionState): InteractionHandle {
    const snapshot = (): MessageRecord | undefined =>
      state.original ? (clone(state.original) as MessageRecord) : undefined;
    return {
      id: state.id,
      token: state.token,
      sentAt: state.sentAt,
      shard: state.shard,
      callback: (timeoutMs = 5_000) =>
        this.state.waitUntil(
          () =>
            state.ack
              ? { type: state.ack.type, ...(state.ack.data ? { data: clone(state.ack.data) } : {}) }
              : undefined,
          timeoutMs,
          () => `the acknowledgement of interaction ${state.id}`,
        ),
      original: snapshot,
      waitForOriginal: (predicate, timeoutMs = 5_000) =>
        this.state.waitUntil(
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
}
