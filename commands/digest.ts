// /digest — admins have a channel receive a daily or weekly digest of the server's news: subscribe (checked:
// the schedule, the time zone, and that Docket can post in the channel), list, unsubscribe, resume a paused one,
// and preview the next digest privately. Admin only, checked again on every interaction, like /source.
import {
  ApplicationCommandOptionType,
  ChannelType,
  escapeMarkdown,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  type ChatInputCommandInteraction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { InputError } from "../src/core/errors.js";
import type { BotContext, Command } from "../src/discord/interaction/commandModule.js";
import type { RenderedMessage } from "../src/discord/render/types.js";
import type { DigestMessage } from "../src/digest/outlet.js";
import type { DigestService } from "../src/digest/service.js";
import {
  describeSchedule,
  timeZones,
  WEEKDAYS,
  type DigestSubscription,
} from "../src/digest/subscriptions.js";

const NAME = "digest";

/** What Docket needs in a digest channel, with the words Discord's UI uses for them. */
const NEEDED: Array<[bigint, string]> = [
  [PermissionFlagsBits.ViewChannel, "View Channel"],
  [PermissionFlagsBits.SendMessages, "Send Messages"],
  [PermissionFlagsBits.EmbedLinks, "Embed Links"],
];

function requireAdmin(interaction: ChatInputCommandInteraction): string {
  // Discord hides the command from non-admins by default, but a server can change that: check again here.
  if (!interaction.inGuild() || !interaction.guildId)
    throw new InputError("Digests belong to a server; use this command in one.");
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    throw new InputError("Only members with the Manage Server permission can manage Docket's digests.");
  }
  return interaction.guildId;
}

/** Throws the words an admin needs when Docket could not post in the channel. */
function requirePostable(interaction: ChatInputCommandInteraction, channelId: string): void {
  const channel = interaction.guild?.channels.cache.get(channelId);
  if (!channel)
    throw new InputError(
      `Docket cannot see <#${channelId}>: give it View Channel, Send Messages and Embed Links there.`,
    );
  if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement)
    throw new InputError(`<#${channelId}> is not a text or announcement channel.`);
  const permissions = channel.permissionsFor(interaction.client.user);
  const missing = NEEDED.filter(([bit]) => !permissions?.has(bit)).map(([, name]) => name);
  if (missing.length > 0)
    throw new InputError(
      `Docket cannot post in <#${channelId}>: it needs View Channel, Send Messages and Embed Links there (missing: ${missing.join(", ")}).`,
    );
}

const when = (ms: number | null, style = "R"): string =>
  ms === null ? "never" : `<t:${Math.floor(ms / 1000)}:${style}>`;

function topicsText(subscription: DigestSubscription): string {
  return subscription.topics.length === 0
    ? "all stories"
    : subscription.topics.map((t) => escapeMarkdown(t)).join(", ");
}

function describe(subscription: DigestSubscription, service: DigestService): string {
  const state =
    subscription.status === "paused"
      ? `⏸ paused — ${subscription.pausedReason ?? "no reason recorded"}`
      : `▶ active · next ${when(service.nextRun(subscription))}`;
  const empty = subscription.whenEmpty === "line" ? "a line when empty" : "nothing when empty";
  return (
    `<#${subscription.channelId}> · ${describeSchedule(subscription)}\n` +
    `Topics: ${topicsText(subscription)} · ${empty}\n${state} · last sent ${when(subscription.lastSentAt)}`
  );
}

function asReply(rendered: DigestMessage): InteractionEditReplyOptions & InteractionReplyOptions {
  // The bot's digest outlet rendered it (src/discord/delivery/digestOutlet.ts): Discord message JSON.
  const message = rendered as RenderedMessage;
  return {
    content: message.content ?? "",
    embeds: message.embeds,
    components: message.components,
    allowedMentions: { parse: [] },
  };
}

async function subscribe(
  interaction: ChatInputCommandInteraction,
  service: DigestService,
  guild: string,
): Promise<void> {
  const channel = interaction.options.getChannel("channel", true);
  requirePostable(interaction, channel.id);
  const subscription = await service.subscribe({
    guild,
    channelId: channel.id,
    every: interaction.options.getString("every", true),
    at: interaction.options.getString("at", true),
    timezone: interaction.options.getString("timezone", true),
    weekday: interaction.options.getInteger("weekday"),
    topics: interaction.options.getString("topics"),
    cron: interaction.options.getString("cron"),
    whenEmpty: interaction.options.getString("when_empty"),
    createdBy: interaction.user.id,
  });
  await interaction.reply({
    content:
      `Subscribed <#${subscription.channelId}> to a digest ${describeSchedule(subscription)} ` +
      `(\`${subscription.id}\`), about ${topicsText(subscription)}. ` +
      `First one ${when(service.nextRun(subscription), "F")}; see it now with /digest preview.`,
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

async function preview(
  interaction: ChatInputCommandInteraction,
  service: DigestService,
  guild: string,
): Promise<void> {
  const id = interaction.options.getString("subscription", true);
  await service.get(guild, id);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const [first, ...rest] = await service.preview(guild, id);
  if (!first) {
    await interaction.editReply({ content: "Nothing to show.", allowedMentions: { parse: [] } });
    return;
  }
  await interaction.editReply(asReply(first));
  for (const message of rest)
    await interaction.followUp({ ...asReply(message), flags: MessageFlags.Ephemeral });
}

async function run(interaction: ChatInputCommandInteraction, service: DigestService): Promise<void> {
  const guild = requireAdmin(interaction);
  const sub = interaction.options.getSubcommand();
  if (sub === "subscribe") return subscribe(interaction, service, guild);
  if (sub === "preview") return preview(interaction, service, guild);
  if (sub === "list") {
    const list = await service.list(guild);
    // An embed holds 25 fields and 6000 characters in all: past either, the rest is counted, not shown.
    const fields: Array<{ name: string; value: string }> = [];
    let used = 0;
    for (const s of list) {
      const field = {
        name: `\`${s.id}\` · ${s.every === "week" ? "weekly" : "daily"}`,
        value: describe(s, service).slice(0, 1024),
      };
      if (fields.length === 25 || used + field.name.length + field.value.length > 5800) break;
      fields.push(field);
      used += field.name.length + field.value.length;
    }
    const hidden = list.length - fields.length;
    await interaction.reply({
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
      ...(list.length === 0
        ? { content: "No digests yet. Start one with /digest subscribe." }
        : {
            embeds: [
              {
                title: `Digests (${list.length})`,
                fields,
                ...(hidden > 0 ? { footer: { text: `${hidden} more not shown` } } : {}),
              },
            ],
          }),
    });
    return;
  }
  const id = interaction.options.getString("subscription", true);
  let content: string;
  if (sub === "unsubscribe") {
    const removed = await service.unsubscribe(guild, id);
    content = `Removed the digest \`${removed.id}\` for <#${removed.channelId}>.`;
  } else {
    const found = await service.get(guild, id);
    requirePostable(interaction, found.channelId);
    const resumed = await service.resume(guild, id);
    content = `Resumed the digest \`${resumed.id}\` for <#${resumed.channelId}>; next one ${when(service.nextRun(resumed), "F")}.`;
  }
  await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
}

const subscriptionOption = {
  type: ApplicationCommandOptionType.String,
  name: "subscription",
  description: "Which digest",
  required: true,
  autocomplete: true,
} as const;

export const digestCommandData = {
  name: NAME,
  description: "Scheduled digests of this server's news (admins)",
  default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "subscribe",
      description: "Post a digest in a channel every day or week",
      options: [
        {
          type: ApplicationCommandOptionType.Channel,
          name: "channel",
          description: "Where the digest goes",
          required: true,
          channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
        },
        {
          type: ApplicationCommandOptionType.String,
          name: "every",
          description: "How often",
          required: true,
          choices: [
            { name: "day", value: "day" },
            { name: "week", value: "week" },
          ],
        },
        {
          type: ApplicationCommandOptionType.String,
          name: "at",
          description: "Local time, 24-hour HH:MM (09:00)",
          required: true,
          max_length: 5,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: "timezone",
          description: "IANA time zone (Europe/Berlin)",
          required: true,
          autocomplete: true,
          max_length: 64,
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: "weekday",
          description: "For weekly digests",
          choices: WEEKDAYS.map((name, value) => ({ name, value })),
        },
        {
          type: ApplicationCommandOptionType.String,
          name: "topics",
          description: "Only these topics, comma-separated (all when empty)",
          max_length: 500,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: "cron",
          description: "Advanced: a 5-field cron pattern in the time zone, replacing at/weekday",
          max_length: 100,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: "when_empty",
          description: "When there is no news (default: line)",
          choices: [
            { name: "post a line", value: "line" },
            { name: "post nothing", value: "nothing" },
          ],
        },
      ],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: "list", description: "This server's digests" },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "unsubscribe",
      description: "Stop a digest",
      options: [subscriptionOption],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "preview",
      description: "See the next digest now, privately (not posted)",
      options: [subscriptionOption],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "resume",
      description: "Deliver a paused digest again",
      options: [subscriptionOption],
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** The running bot's digest service (startDigests(...).service). */
function digests(ctx: BotContext): DigestService {
  if (!ctx.digests) throw new InputError("Digests are not enabled on this bot.");
  return ctx.digests;
}

/** The /digest command, served by the digest service of the running bot. */
export const digest: Command = {
  data: digestCommandData,
  execute: (interaction, ctx) => run(interaction, digests(ctx)),
  async autocomplete(interaction, ctx) {
    if (!interaction.guildId || !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
      await interaction.respond([]);
      return;
    }
    const focused = interaction.options.getFocused(true);
    const typed = focused.value.trim().toLowerCase();
    if (focused.name === "timezone") {
      const wanted = typed.replace(/\s+/g, "_");
      const matches = timeZones().filter((z) => z.toLowerCase().includes(wanted));
      // Zones whose city starts with what was typed first ("ber" → Europe/Berlin before Europe/Zurich).
      const starts = (z: string): boolean =>
        z.toLowerCase().startsWith(wanted) || z.toLowerCase().includes(`/${wanted}`);
      const ranked = [...matches.filter(starts), ...matches.filter((z) => !starts(z))];
      await interaction.respond(ranked.slice(0, 25).map((z) => ({ name: z, value: z })));
      return;
    }
    const list = await digests(ctx).list(interaction.guildId);
    const label = (s: DigestSubscription): string => {
      const channel = interaction.guild?.channels.cache.get(s.channelId)?.name ?? s.channelId;
      return `${s.id} · #${channel} · ${describeSchedule(s).replace(/`/g, "")}${s.status === "paused" ? " (paused)" : ""}`;
    };
    await interaction.respond(
      list
        .filter((s) => label(s).toLowerCase().includes(typed))
        .slice(0, 25)
        .map((s) => ({ name: label(s).slice(0, 100), value: s.id })),
    );
  },
};
