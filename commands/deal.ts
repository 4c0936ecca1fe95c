// /deal topic:<string> — the brief for a topic, with paging buttons and typo-tolerant autocomplete.
import { ApplicationCommandOptionType, MessageFlags, type RepliableInteraction } from "discord.js";
import type { Scope } from "../src/core/index/docIndex.js";
import type { Brief } from "../src/core/brief/schema.js";
import { phraseBrief } from "../src/core/brief/phraseBrief.js";
import { UnknownTopicError } from "../src/core/errors.js";
import type { BotContext, Command } from "../src/discord/interaction/commandModule.js";
import { renderBrief } from "../src/discord/render/brief.js";
import { renderUnknownTopic } from "../src/discord/render/messages.js";
import type { BriefPage } from "../src/discord/render/types.js";
import { toReply, toUpdate } from "../src/discord/interaction/reply.js";
import { DEFER_AFTER_MS, respondFast } from "../src/discord/interaction/respondFast.js";

const NAME = "deal";
/** Keeps `deal:<page>:<index>:<topic>` within Discord's 100-character custom id. */
export const MAX_TOPIC_LENGTH = 80;
const PAGES = new Set<BriefPage>(["main", "details", "quotes", "questions", "sources"]);

const customId = (topic: string) => (page: BriefPage, index: number) => `${NAME}:${page}:${index}:${topic}`;

export function parseCustomId(id: string): { page: BriefPage; index: number; topic: string } | null {
  const match = /^deal:(main|details|quotes|questions|sources):(\d{1,4}):(.{1,80})$/su.exec(id);
  if (!match?.[1] || !match[2] || !match[3] || !PAGES.has(match[1] as BriefPage)) return null;
  const index = Number(match[2]);
  // Buttons sent before the first page held one screen paged the main view; its later pages are the details.
  if (match[1] === "main")
    return { page: index > 0 ? "details" : "main", index: Math.max(index - 1, 0), topic: match[3] };
  return { page: match[1] as BriefPage, index, topic: match[3] };
}

interface View {
  topic: string;
  scope: Scope;
  page: BriefPage;
  index: number;
}

/**
 * The grounded brief is already on screen; when an LLM is configured, swap in its phrasing if it arrives
 * (the phraser bounds the wait and falls back to the template text item by item).
 */
async function refine(interaction: RepliableInteraction, view: View, ctx: BotContext): Promise<void> {
  if (ctx.phraser === ctx.groundedPhraser) return;
  try {
    const grounded = await ctx.briefs.brief(view.topic, { scope: view.scope, maxQuotes: ctx.maxQuotes });
    const brief = await phraseBrief(grounded, ctx.phraser);
    if (![...brief.summary, ...brief.figures, ...brief.questions].some((item) => item.phrasedBy === "llm"))
      return;
    const phrasingNote =
      "Summary and questions shortened by an LLM that only chose which of the sources' words to keep; quotes are verbatim.";
    const options = { page: view.page, index: view.index, customId: customId(view.topic), phrasingNote };
    await interaction.editReply(toUpdate(renderBrief(brief, options)));
  } catch (error) {
    ctx.logger.warn(
      { err: error, topic: view.topic },
      "could not show the phrased brief; the grounded one stays",
    );
  }
}

/** The grounded brief phrased by the template phraser, or the error it failed with (never a rejection). */
function answer(
  ctx: BotContext,
  topic: string,
  scope: Scope,
): Promise<{ brief: Brief | null; error: unknown }> {
  return ctx.briefs
    .brief(topic, { scope, maxQuotes: ctx.maxQuotes })
    .then((grounded) => phraseBrief(grounded, ctx.groundedPhraser))
    .then(
      (brief) => ({ brief, error: null }),
      (error: unknown) => ({ brief: null, error }),
    );
}

export const deal = {
  data: {
    name: NAME,
    description: "A grounded brief on a tech-policy story: summary, quotes, open questions, sources",
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "topic",
        description: "A company, person or deal, e.g. tiktok",
        required: true,
        autocomplete: true,
        max_length: MAX_TOPIC_LENGTH,
      },
    ],
  },

  async execute(interaction, ctx) {
    const topic = interaction.options.getString("topic", true).trim().slice(0, MAX_TOPIC_LENGTH);
    const scope = { guild: interaction.guildId ?? undefined };
    // When the brief would wait behind others, acknowledge at once: the wait is the pool's, not Discord's.
    const { result, deferred } = await respondFast(
      () => interaction.deferReply(),
      () => answer(ctx, topic, scope),
      ctx.briefs.busy() ? 0 : DEFER_AFTER_MS,
    );
    if (result.error instanceof UnknownTopicError) {
      const message = toReply(renderUnknownTopic(topic, result.error.suggestions));
      if (deferred) {
        await interaction.deleteReply();
        await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral });
      } else await interaction.reply({ ...message, flags: MessageFlags.Ephemeral });
      return;
    }
    if (!result.brief) throw result.error;
    const rendered = renderBrief(result.brief, { customId: customId(topic) });
    if (deferred) await interaction.editReply(toUpdate(rendered));
    else await interaction.reply(toReply(rendered));
    await refine(interaction, { topic, scope, page: "main", index: 0 }, ctx);
  },

  async autocomplete(interaction, ctx) {
    const typed = interaction.options.getFocused();
    const scope = { guild: interaction.guildId ?? undefined };
    const choices = (await ctx.index.complete(typed, scope, 25)).map((t) => {
      const name = t.name.slice(0, 100);
      return { name, value: name.slice(0, MAX_TOPIC_LENGTH) };
    });
    await interaction.respond(choices);
  },

  async button(interaction, ctx) {
    const parsed = parseCustomId(interaction.customId);
    if (!parsed) {
      await interaction.reply({
        content: "This button is from an older version of Docket; run /deal again.",
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    const scope = { guild: interaction.guildId ?? undefined };
    // Paging is private: a press on the public brief answers the presser alone, so the brief never changes
    // under other readers; a press on a private page turns that page for the one member who sees it.
    const turnsPage = interaction.message.flags.has(MessageFlags.Ephemeral);
    const { result, deferred } = await respondFast(
      () =>
        turnsPage ? interaction.deferUpdate() : interaction.deferReply({ flags: MessageFlags.Ephemeral }),
      () => answer(ctx, parsed.topic, scope),
      ctx.briefs.busy() ? 0 : DEFER_AFTER_MS,
    );
    if (!result.brief) throw result.error;
    const rendered = renderBrief(result.brief, {
      page: parsed.page,
      index: parsed.index,
      customId: customId(parsed.topic),
    });
    if (deferred) await interaction.editReply(toUpdate(rendered));
    else if (turnsPage) await interaction.update(toUpdate(rendered));
    else await interaction.reply({ ...toReply(rendered), flags: MessageFlags.Ephemeral });
    await refine(interaction, { topic: parsed.topic, scope, page: parsed.page, index: parsed.index }, ctx);
  },
} satisfies Command;
