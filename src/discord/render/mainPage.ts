// The main view: the laid-out first page, then pages continuing the summary and figures it had no room for.
import type { APIEmbed } from "discord-api-types/v10";
import { buttonRow, type ButtonSpec } from "./buttons.js";
import type { Context } from "./context.js";
import { pointEntry } from "./entries.js";
import { layoutMain } from "./mainLayout.js";
import { pageMessage } from "./messages.js";
import { paginate, pageText } from "./packing.js";
import { citedField, cited, clampIndex, COLOR, footer, PAGE_DESCRIPTION, plural } from "./page.js";
import type { RenderBriefOptions, RenderedMessage } from "./types.js";

export function renderMain(ctx: Context, options: RenderBriefOptions): RenderedMessage {
  const { brief } = ctx;
  const layout = layoutMain(ctx);
  const continued = [
    ...brief.summary.slice(layout.shown.summary).map((s) => pointEntry(ctx, s, "**Summary (continued)**")),
    ...brief.figures
      .slice(layout.shown.figures)
      .map((f) =>
        pointEntry(ctx, f, layout.shown.figures > 0 ? "**Key figures (continued)**" : "**Key figures**"),
      ),
  ];
  const spans = continued.length > 0 ? paginate(continued, PAGE_DESCRIPTION) : [];
  const pages = 1 + spans.length;
  const index = clampIndex(options.index, pages);
  const counts = [
    plural(brief.summary.length, "point"),
    plural(brief.figures.length, "figure"),
    plural(brief.quotes.length, "quote"),
    plural(brief.questions.length, "open question"),
    plural(brief.sources.length, "source"),
  ].join(" · ");
  const base = `${counts}. Every item cites its source: [n] is source n.${pages > 1 ? ` Page ${index + 1}/${pages}.` : ""}`;
  const span = spans[index - 1];
  const embed: APIEmbed =
    index === 0 || !span
      ? { title: `${ctx.label} — brief`, description: layout.description, fields: layout.fields }
      : {
          title: `${ctx.label} — brief (continued, ${index + 1}/${pages})`,
          description: pageText(continued, span, PAGE_DESCRIPTION),
          ...cited(citedField(ctx, continued, span)),
        };
  embed.color = COLOR;
  embed.footer = { text: footer(base, options.phrasingNote) };
  const first = index === 0;
  const specs: ButtonSpec[] = [];
  if (pages > 1)
    specs.push(
      { label: "◀ Prev", page: "main", index: Math.max(index - 1, 0), disabled: first },
      { label: "Next ▶", page: "main", index: index + 1, disabled: index >= pages - 1 },
    );
  // On the first page a view's button is off when the page already shows all of it; later, only when empty.
  specs.push(
    {
      label: "More quotes",
      page: "quotes",
      index: 0,
      disabled: first ? layout.shown.quotes >= brief.quotes.length : brief.quotes.length === 0,
    },
    { label: "More questions", page: "questions", index: 0, disabled: brief.questions.length === 0 },
    {
      label: "All sources",
      page: "sources",
      index: 0,
      disabled: first ? layout.shown.sources >= brief.sources.length : brief.sources.length === 0,
    },
  );
  return pageMessage(embed, buttonRow(specs, options.customId));
}
