// /topics — what the bot knows about, grouped (organisations and people) and counted.
import { escapeMarkdown, MessageFlags } from "discord.js";
import type { Command } from "../src/discord/interaction/commandModule.js";

const FIELD_VALUE = 1024;
const SHOWN = 20;

function listField(
  name: string,
  items: Array<{ name: string; documents: number }>,
): { name: string; value: string } | null {
  if (items.length === 0) return null;
  const lines: string[] = [];
  let used = 0;
  for (const item of items.slice(0, SHOWN)) {
    const line = `${escapeMarkdown(item.name)} · ${item.documents}`;
    if (used + line.length + 1 > FIELD_VALUE - 20) break;
    lines.push(line);
    used += line.length + 1;
  }
  const more = items.length - lines.length;
  return { name: `${name} (${items.length})`, value: lines.join("\n") + (more > 0 ? `\n+${more} more` : "") };
}

export const topics = {
  data: { name: "topics", description: "What Docket has documents about, with how many documents each" },

  async execute(interaction, ctx) {
    const scope = { guild: interaction.guildId ?? undefined };
    const all = ctx.index.topics(scope);
    const documents = [...ctx.index.documents(scope)].length;
    if (all.length === 0) {
      await interaction.reply({ content: "No documents are indexed yet.", flags: MessageFlags.Ephemeral });
      return;
    }
    const fields = [
      listField(
        "Organisations, places and products",
        all.filter((t) => !t.person),
      ),
      listField(
        "People",
        all.filter((t) => t.person),
      ),
    ].filter((f) => f !== null);
    await interaction.reply({
      embeds: [
        {
          title: "Topics Docket knows about",
          description: `${documents} document${documents === 1 ? "" : "s"} indexed. Try \`/deal topic:${escapeMarkdown(all[0]?.name ?? "")}\`. Numbers are documents.`,
          fields,
        },
      ],
      allowedMentions: { parse: [] },
    });
  },
} satisfies Command;
