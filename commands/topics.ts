// /topics — the stories Docket follows: label, current state and date, number of sources.
import { MessageFlags } from "discord.js";
import { listStories } from "../src/core/brief/storyList.js";
import type { Command } from "../src/discord/interaction/commandModule.js";
import { toUpdate } from "../src/discord/interaction/reply.js";
import { renderTopics } from "../src/discord/render/topics.js";

export const topics = {
  data: { name: "topics", description: "The stories Docket follows, with their state and sources" },

  async execute(interaction, ctx) {
    const scope = { guild: interaction.guildId ?? undefined };
    const documents = [...ctx.index.documents(scope)].length;
    if (documents === 0) {
      await interaction.reply({ content: "No documents are indexed yet.", flags: MessageFlags.Ephemeral });
      return;
    }
    // Grouping the documents into stories can take longer than Discord's 3-second window on a large index.
    await interaction.deferReply();
    const message = renderTopics(listStories(ctx.index, scope), documents);
    await interaction.editReply(toUpdate(message));
  },
} satisfies Command;
