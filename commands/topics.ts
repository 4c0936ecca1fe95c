// /topics — the stories Docket follows: label, current state and date, number of sources.
import { MessageFlags } from "discord.js";
import type { Command } from "../src/discord/interaction/commandModule.js";
import { toReply, toUpdate } from "../src/discord/interaction/reply.js";
import { DEFER_AFTER_MS, respondFast } from "../src/discord/interaction/respondFast.js";
import { renderTopics } from "../src/discord/render/topics.js";

const NOTHING = "No documents are indexed yet.";

export const topics = {
  data: { name: "topics", description: "The stories Docket follows, with their state and sources" },

  async execute(interaction, ctx) {
    const scope = { guild: interaction.guildId ?? undefined };
    // Grouping the documents into stories can take longer than Discord's 3-second window on a large index;
    // it runs where ctx.briefs builds briefs (worker threads in the bot), so the timer can acknowledge first.
    const { result, deferred } = await respondFast(
      () => interaction.deferReply(),
      () =>
        ctx.briefs.stories(scope).then(
          (list) => ({ list, error: null }),
          (error: unknown) => ({ list: null, error }),
        ),
      ctx.briefs.busy() ? 0 : DEFER_AFTER_MS,
    );
    if (!result.list) throw result.error;
    if (result.list.documents === 0) {
      if (deferred) {
        await interaction.deleteReply();
        await interaction.followUp({ content: NOTHING, flags: MessageFlags.Ephemeral });
      } else await interaction.reply({ content: NOTHING, flags: MessageFlags.Ephemeral });
      return;
    }
    const message = renderTopics(result.list.stories, result.list.documents);
    if (deferred) await interaction.editReply(toUpdate(message));
    else await interaction.reply(toReply(message));
  },
} satisfies Command;
