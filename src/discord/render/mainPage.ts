// The public message of a brief: the first page (./firstPage.ts) in one embed that links to the latest
// source and carries its date, and only the buttons that lead somewhere: details, more quotes, more questions,
// all sources, and a link button to the latest source.
import type { APIButtonComponent, APIEmbed } from "discord-api-types/v10";
import { buttonRow, linkButton, type ButtonSpec } from "./buttons.js";
import type { Context } from "./context.js";
import { firstPageText, visibleLength } from "./firstPage.js";
import { pageMessage } from "./messages.js";
import { COLOR, footer, plural } from "./page.js";
import { isoDay, latestSource, timelineOf } from "./storyData.js";
import type { RenderBriefOptions, RenderedMessage } from "./types.js";

export function renderMain(ctx: Context, options: RenderBriefOptions): RenderedMessage {
  const { brief } = ctx;
  // The story's link and link button go to the latest source that can be opened; its time to the latest news.
  const linked = latestSource(brief, (_, n) => ctx.hrefOf.has(n));
  const href = linked ? ctx.hrefOf.get(linked.n) : undefined;
  const timestamp = isoDay(latestSource(brief)?.source.published);
  const counts = [
    plural(brief.sources.length, "source"),
    plural(brief.quotes.length, "quote"),
    plural(brief.questions.length, "open question"),
  ].join(" · ");
  const footerText = footer(`${counts}.`, options.phrasingNote);
  const { description, shown } = firstPageText(ctx, visibleLength(ctx.label) + visibleLength(footerText));
  const embed: APIEmbed = {
    title: ctx.label,
    ...(href === undefined ? {} : { url: href }),
    description,
    color: COLOR,
    footer: { text: footerText },
    ...(timestamp === undefined ? {} : { timestamp }),
  };
  const hidden =
    brief.summary.length -
    shown.summary +
    brief.figures.length +
    timelineOf(brief).length -
    shown.developments +
    brief.related.length;
  const specs: ButtonSpec[] = [];
  if (hidden > 0) specs.push({ label: "Details", page: "details", index: 0, primary: true });
  if (brief.quotes.length > shown.quotes) specs.push({ label: "More quotes", page: "quotes", index: 0 });
  // Settled points live on the questions page only: the first page shows what is still open.
  if (brief.questions.length + brief.settled.length > shown.questions)
    specs.push({ label: "More questions", page: "questions", index: 0 });
  // The page lists outlets and dates only; titles are a button away, unless the one source is named in full.
  if (brief.sources.length > 1) specs.push({ label: "All sources", page: "sources", index: 0 });
  const row: APIButtonComponent[] = buttonRow(specs, options.customId);
  if (href !== undefined) row.push(linkButton("Latest source", href));
  return pageMessage(embed, row);
}
