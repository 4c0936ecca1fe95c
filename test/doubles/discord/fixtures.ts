// Builders for the Discord objects the double hands out (channels, roles, members, GUILD_CREATE, the
// application, messages, attachments), filled the way Discord fills them so discord.js caches them as it would.
import { createHash } from "node:crypto";
import {
  ApplicationIntegrationType,
  ChannelType,
  Locale,
  MessageType,
  OverwriteType,
  type APIApplication,
  type APIAttachment,
  type APIGuildMember,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIRole,
  type APITextChannel,
  type APIUser,
  type ApplicationFlags,
  type ChannelFlags,
  type GatewayGuildCreateDispatchData,
  type GuildMemberFlags,
  type GuildSystemChannelFlags,
  type RoleFlags,
} from "discord-api-types/v10";
import { EVERYONE_PERMISSIONS, iso, snowflake } from "./protocol.js";
import { user, type DoubleState } from "./state.js";
import type { GuildConfig, MessageComponents, MessageRecord, Upload } from "./types.js";

// Numbers of the wire protocol are written into discord-api-types' enums, which this rule would otherwise make
// a cast at every step.
/* eslint-disable @typescript-eslint/no-unsafe-enum-assignment */

export function textChannel(guild: GuildConfig, channel: { id: string; name: string }): APITextChannel {
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

export function roles(state: DoubleState, guild: GuildConfig): APIRole[] {
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
    ...(managed ? { tags: { bot_id: state.applicationId } } : {}),
  });
  // @everyone's id is the guild id; discord.js and bots rely on that.
  return [
    role(guild.id, "@everyone", EVERYONE_PERMISSIONS, 0, false),
    role(guild.botRoleId, state.botUser.username, guild.botPermissions, 1, true),
  ];
}

export function member(who: APIUser, roleIds: string[], joinedAt: number): APIGuildMember {
  return {
    user: who,
    nick: null,
    avatar: null,
    banner: null,
    roles: roleIds,
    joined_at: iso(joinedAt),
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

export function guildCreate(state: DoubleState, guild: GuildConfig): GatewayGuildCreateDispatchData {
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
    roles: roles(state, guild),
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
    members: [member(state.botUser, [guild.botRoleId], guild.joinedAt)],
    channels: guild.channels.map((c) => textChannel(guild, c)),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function application(state: DoubleState): APIApplication {
  return {
    id: state.applicationId,
    name: state.botUser.username,
    icon: null,
    description: "",
    // Deprecated, but still part of what Discord returns.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    summary: "",
    bot_public: false,
    bot_require_code_grant: false,
    bot: state.botUser,
    verify_key: createHash("sha256").update(state.applicationId).digest("hex"),
    team: null,
    owner: user(state.guilds[0]?.ownerId ?? snowflake(state.now()), "owner"),
    flags: 0 as ApplicationFlags,
    flags_new: "0",
    approximate_guild_count: state.guilds.length,
    redirect_uris: [],
    interactions_endpoint_url: null,
    integration_types_config: { [ApplicationIntegrationType.GuildInstall]: {} },
  };
}

export function newMessage(
  state: DoubleState,
  fields: {
    id?: string;
    channelId: string;
    createdAt: number;
    content?: string;
    components?: unknown;
    type?: MessageType;
    flags?: number;
    webhook?: boolean;
    metadata?: APIMessageInteractionMetadata;
  },
): MessageRecord {
  const message: APIMessage = {
    id: fields.id ?? snowflake(fields.createdAt),
    channel_id: fields.channelId,
    author: state.botUser,
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
    message.webhook_id = state.applicationId;
    message.application_id = state.applicationId;
  }
  if (fields.metadata) message.interaction_metadata = fields.metadata;
  return message as MessageRecord;
}

export function attachment(state: DoubleState, channelId: string, file: Upload): APIAttachment {
  const id = snowflake(state.now());
  const url = `https://cdn.discordapp.com/attachments/${channelId}/${id}/${encodeURIComponent(file.name)}`;
  return { id, filename: file.name, size: file.size, url, proxy_url: url, content_type: file.contentType };
}
