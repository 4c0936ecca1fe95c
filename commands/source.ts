// /source — admins grow the server's corpus: add a feed or article URL (with a preview), add a file, and
// list, remove, pause, resume or refresh sources. Admin only, checked again on every interaction.
import {
  ApplicationCommandOptionType,
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  type APIEmbed,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from "discord.js";
import { InputError } from "../src/core/errors.js";
import type { BotContext, Command } from "../src/discord/interaction/commandModule.js";
import type { Preview } from "../src/sources/sourceService.js";
import type { Source } from "../src/sources/types.js";

const NAME = "source";
const IMPORT_CHOICES = [5, 20] as const;

function requireAdmin(interaction: ChatInputCommandInteraction | ButtonInteraction): string {
  // Discord hides the command from non-admins by default, but a server can change that: check again here.
  if (!interaction.inGuild() || !interaction.guildId)
    throw new InputError("Sources belong to a server; use this command in one.");
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    throw new InputError("Only members with the Manage Server permission can manage Docket's sources.");
  }
  return interaction.guildId;
}

function sources(ctx: BotContext) {
  if (!ctx.sources) throw new InputError("Sources are not enabled on this bot.");
  return ctx.sources;
}

const when = (ms: number | null): string => (ms === null ? "never" : `<t:${Math.floor(ms / 1000)}:R>`);

function describe(source: Source): string {
  const state = source.status === "paused" ? `⏸ paused — ${source.pausedReason ?? ""}` : "▶ active";
  const error = source.lastError ? `\nLast problem: ${escapeMarkdown(source.lastError)}` : "";
  return `\`${source.id}\` ${source.kind} · ${state}\n${source.itemCount} item(s) · last fetch ${when(source.lastFetchAt)}${error}`;
}

function previewEmbed(preview: Preview): APIEmbed {
  if (preview.kind === "feed") {
    const newest = preview.items
      .slice(0, 3)
      .map(
        (item) =>
          `• ${escapeMarkdown(item.title.slice(0, 200))}${item.published ? ` (${item.published})` : ""}`,
      )
      .join("\n");
    return {
      title: `Feed: ${preview.title.slice(0, 200)}`,
      description: `${preview.items.length} item(s). Newest:\n${newest}`.slice(0, 4000),
      footer: { text: preview.url.slice(0, 2000) },
    };
  }
  const first = preview.document.raw.split(/\n+/).filter(Boolean).slice(1, 3).join("\n").slice(0, 600);
  return {
    title: `Article: ${preview.title.slice(0, 200)}`,
    description: `${preview.document.published ? `Published ${preview.document.published}\n` : ""}${escapeMarkdown(first)}`,
    footer: { text: preview.url.slice(0, 2000) },
  };
}

function previewButtons(preview: Preview) {
  const buttons =
    preview.kind === "feed"
      ? [
          ...IMPORT_CHOICES.filter(
            (_, i) => i === 0 || preview.items.length > (IMPORT_CHOICES[i - 1] ?? 0),
          ).map((n) => ({
            type: ComponentType.Button as const,
            style: ButtonStyle.Primary as const,
            custom_id: `${NAME}:feed:${preview.id}:${Math.min(n, preview.items.length)}`,
            label: `Add and import the ${Math.min(n, preview.items.length)} latest`,
          })),
          {
            type: ComponentType.Button as const,
            style: ButtonStyle.Secondary as const,
            custom_id: `${NAME}:feed:${preview.id}:0`,
            label: "Add, only new items from now",
          },
        ]
      : [
          {
            type: ComponentType.Button as const,
            style: ButtonStyle.Primary as const,
            custom_id: `${NAME}:article:${preview.id}:1`,
            label: "Add this article",
          },
        ];
  return [{ type: ComponentType.ActionRow as const, components: buttons }];
}

async function add(interaction: ChatInputCommandInteraction, ctx: BotContext, guild: string): Promise<void> {
  const url = interaction.options.getString("url");
  const file = interaction.options.getAttachment("file");
  if ((url ? 1 : 0) + (file ? 1 : 0) !== 1) throw new InputError("Give either a url or a file.");
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const who = { guild, user: interaction.user.id, channel: interaction.channelId };
  if (file) {
    const content = await ctx.downloadAttachment(file.url, file.size);
    const { source } = await sources(ctx).addFile(file.name, content, file.size, who);
    await interaction.editReply({
      content: `Added **${escapeMarkdown(source.title)}** (\`${source.id}\`). /deal can use it now.`,
      allowedMentions: { parse: [] },
    });
    return;
  }
  const preview = await sources(ctx).preview(url ?? "", guild);
  await interaction.editReply({
    embeds: [previewEmbed(preview)],
    components: previewButtons(preview),
    allowedMentions: { parse: [] },
  });
}

async function run(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const guild = requireAdmin(interaction);
  const sub = interaction.options.getSubcommand();
  if (sub === "add") return add(interaction, ctx, guild);
  if (sub === "list") {
    const list = await sources(ctx).list(guild);
    const fields = list.slice(0, 25).map((s) => ({
      name: s.title.slice(0, 250) || s.url.slice(0, 250),
      value: describe(s).slice(0, 1024),
    }));
    await interaction.reply({
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
      ...(list.length === 0
        ? { content: "No sources yet. Add one with /source add." }
        : { embeds: [{ title: `Sources (${list.length})`, fields }] }),
    });
    return;
  }
  const id = interaction.options.getString("source", true);
  const service = sources(ctx);
  let source: Source;
  if (sub === "remove") source = await service.remove(guild, id);
  else if (sub === "pause") source = await service.setPaused(guild, id, true);
  else if (sub === "resume") source = await service.setPaused(guild, id, false);
  else {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const outcome = await ctx.refreshSource(guild, id);
    source = await service.get(guild, id);
    await interaction.editReply({
      content: `${outcome}\n${describe(source)}`,
      allowedMentions: { parse: [] },
    });
    return;
  }
  const verb = { remove: "Removed", pause: "Paused", resume: "Resumed" }[sub] ?? "Updated";
  await interaction.reply({
    content: `${verb} **${escapeMarkdown(source.title)}** (\`${source.id}\`).`,
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

const sourceOption = {
  type: ApplicationCommandOptionType.String,
  name: "source",
  description: "Which source",
  required: true,
  autocomplete: true,
} as const;

export const source = {
  data: {
    name: NAME,
    description: "Manage this server's sources (admins)",
    default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "add",
        description: "Add a feed or article URL, or a .txt/.md/.html file",
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: "url",
            description: "RSS, Atom or JSON feed, or an article page",
            max_length: 2000,
          },
          {
            type: ApplicationCommandOptionType.Attachment,
            name: "file",
            description: "A .txt, .md or .html file up to 2 MB",
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "list",
        description: "List this server's sources",
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "remove",
        description: "Remove a source and its documents",
        options: [sourceOption],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "pause",
        description: "Stop fetching a feed",
        options: [sourceOption],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "resume",
        description: "Fetch a paused feed again",
        options: [sourceOption],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "refresh",
        description: "Fetch a feed now",
        options: [sourceOption],
      },
    ],
  },

  execute: run,

  async autocomplete(interaction, ctx) {
    if (
      !interaction.guildId ||
      !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ||
      !ctx.sources
    ) {
      await interaction.respond([]);
      return;
    }
    const typed = interaction.options.getFocused().toLowerCase();
    const list = await ctx.sources.list(interaction.guildId);
    await interaction.respond(
      list
        .filter((s) => `${s.id} ${s.title} ${s.url}`.toLowerCase().includes(typed))
        .slice(0, 25)
        .map((s) => ({ name: `${s.title || s.url} (${s.id})`.slice(0, 100), value: s.id })),
    );
  },

  async button(interaction, ctx) {
    const guild = requireAdmin(interaction);
    const match = /^source:(feed|article):([\w-]{1,40}):(\d{1,3})$/.exec(interaction.customId);
    if (!match?.[2])
      throw new InputError("This button is from an older version of Docket; run /source add again.");
    const who = { guild, user: interaction.user.id, channel: interaction.channelId };
    await interaction.deferUpdate();
    if (match[1] === "feed") {
      const { source: added, imported } = await sources(ctx).confirmFeed(match[2], who, Number(match[3]));
      await interaction.editReply({
        content: `Added the feed **${escapeMarkdown(added.title)}** (\`${added.id}\`): ${imported} item(s) imported; new items every ${added.intervalMinutes} minutes.`,
        embeds: [],
        components: [],
        allowedMentions: { parse: [] },
      });
    } else {
      const { source: added } = await sources(ctx).confirmArticle(match[2], who);
      await interaction.editReply({
        content: `Added **${escapeMarkdown(added.title)}** (\`${added.id}\`).`,
        embeds: [],
        components: [],
        allowedMentions: { parse: [] },
      });
    }
  },
} satisfies Command;
