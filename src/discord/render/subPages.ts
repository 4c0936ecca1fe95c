// The paged views behind the main page's buttons: quotes, open questions and all sources.
import type { APIEmbed } from "discord-api-types/v10";
import { buttonRow } from "./buttons.js";
import type { Context } from "./context.js";
import { questionEntry, quoteEntry, SOURCE_TITLE_ON_PAGE, sourceLine, type Entry } from "./entries.js";
import { pageMessage } from "./messages.js";
import { paginate, pageText, type PageSpan } from "./packing.js";
import { citedField, cited, clampIndex, COLOR, footer, PAGE_DESCRIPTION } from "./page.js";
import type { BriefPage, RenderBriefOptions, RenderedMessage } from "./types.js";

const VIEWS = {
  quotes: { title: "quotes", noun: "Quotes", empty: "No quotes were found in the documents." },
  questions: { title: "open questions", noun: "Questions", empty: "No open questions were found." },
  sources: { title: "sources", noun: "Sources", empty: "No sources." },
} as const;

const NOTES = {
  quotes: "Quotes are verbatim; [n] is source n.",
  questions: "Each rests on the quoted sentences; [n] is source n.",
  sources: "Numbered as cited in the brief.",
} as const;

/** "3 of 10", "4–6 of 10": which items the page shows. */
function range(span: PageSpan, total: number): string {
  if (span.to <= span.from) return `0 of ${total}`;
  return span.to - span.from === 1 ? `${span.to} of ${total}` : `${span.from + 1}–${span.to} of ${total}`;
}

function entriesOf(ctx: Context, view: Exclude<BriefPage, "main">): Entry[] {
  const { brief } = ctx;
  if (view === "quotes") return brief.quotes.map((q) => quoteEntry(ctx, q, true));
  if (view === "questions") return brief.questions.map((q) => questionEntry(ctx, q, true));
  return brief.sources.map((s, i) => {
    const line = sourceLine(s, i + 1, SOURCE_TITLE_ON_PAGE);
    return { variants: [line], placeholder: () => line, cites: [] };
  });
}

export function renderView(
  ctx: Context,
  view: Exclude<BriefPage, "main">,
  options: RenderBriefOptions,
): RenderedMessage {
  const entries = entriesOf(ctx, view);
  const spans = paginate(entries, PAGE_DESCRIPTION);
  const index = clampIndex(options.index, spans.length);
  const span = spans[index] ?? { from: 0, to: 0 };
  const { title, noun, empty } = VIEWS[view];
  const base = `${noun} ${range(span, entries.length)}. ${NOTES[view]} Page ${index + 1}/${spans.length}.`;
  const field = citedField(ctx, entries, span);
  const embed: APIEmbed = {
    title: `${ctx.label} — ${title} (${index + 1}/${spans.length})`,
    description: entries.length > 0 ? pageText(entries, span, PAGE_DESCRIPTION) : empty,
    color: COLOR,
    ...cited(field),
    // The phrasing note is about how questions were worded; quotes and sources are verbatim.
    footer: { text: footer(base, view === "questions" ? options.phrasingNote : undefined) },
  };
  const row = buttonRow(
    [
      { label: "◀ Prev", page: view, index: Math.max(index - 1, 0), disabled: index === 0 },
      { label: "Next ▶", page: view, index: index + 1, disabled: index >= spans.length - 1 },
      { label: "Back to brief", page: "main", index: 0, disabled: false, primary: true },
    ],
    options.customId,
  );
  return pageMessage(embed, row);
}
