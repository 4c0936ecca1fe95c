// The private pages behind the first page's buttons: details (summary, figures, the whole timeline, related
// stories), quotes, open questions and all sources. Each is sent to the member who pressed, ephemeral, with
// ◀ Prev / Next ▶ only where there is a page to go to.
import type { APIButtonComponent, APIEmbed } from "discord-api-types/v10";
import { buttonRow, type ButtonSpec } from "./buttons.js";
import { cite, withMarker, type Context } from "./context.js";
import {
  pointEntry,
  questionEntry,
  quoteEntry,
  settledEntry,
  SOURCE_TITLE_ON_PAGE,
  sourceLine,
  type Entry,
} from "./entries.js";
import { pageMessage } from "./messages.js";
import { paginate, pageText, type PageSpan } from "./packing.js";
import { citedField, cited, clampIndex, COLOR, footer, PAGE_DESCRIPTION, plural } from "./page.js";
import { readableDate, timelineOf } from "./storyData.js";
import { escapeMarkdown, fitText, normalizeText } from "./truncate.js";
import type { BriefPage, RenderBriefOptions, RenderedMessage } from "./types.js";

type View = Exclude<BriefPage, "main">;

const VIEWS: Record<View, { title: string; noun: string; empty: string; note: string }> = {
  details: {
    title: "details",
    noun: "Items",
    empty: "Nothing more than the first page shows.",
    note: "Every item cites its sources.",
  },
  quotes: {
    title: "quotes",
    noun: "Quotes",
    empty: "No quotes were found in the documents.",
    note: "Quotes are verbatim.",
  },
  questions: {
    title: "open questions",
    noun: "Questions",
    empty: "No open questions were found.",
    note: "Each rests on the quoted sentences.",
  },
  sources: {
    title: "sources",
    noun: "Sources",
    empty: "No sources.",
    note: "Numbered as cited in the brief.",
  },
};

/** "3 of 10", "4–6 of 10": which items the page shows. */
function range(span: PageSpan, total: number): string {
  if (span.to <= span.from) return `0 of ${total}`;
  return span.to - span.from === 1 ? `${span.to} of ${total}` : `${span.from + 1}–${span.to} of ${total}`;
}

function developmentEntry(ctx: Context, entry: { date: string; text: string; source: string }): Entry {
  const { marker, numbers } = cite(ctx, [entry.source]);
  const date = escapeMarkdown(normalizeText(readableDate(entry.date)));
  const line = withMarker(`- **${date}** — ${escapeMarkdown(normalizeText(entry.text))}`, marker);
  return {
    variants: [line],
    placeholder: () => withMarker(`- **${date}** — (too long to show here)`, marker),
    cites: numbers,
    header: "**Timeline**",
  };
}

function relatedEntry(label: string, sources: number): Entry {
  const line = `- ${fitText(normalizeText(label) || "(unnamed)", 100)} (${plural(sources, "source")})`;
  return { variants: [line], placeholder: () => line, cites: [], header: "**Also in other stories**" };
}

function entriesOf(ctx: Context, view: View): Entry[] {
  const { brief } = ctx;
  if (view === "details")
    return [
      ...brief.summary.map((s) => pointEntry(ctx, s, "**Summary**")),
      ...brief.figures.map((f) => pointEntry(ctx, f, "**Key figures**")),
      ...timelineOf(brief).map((e) => developmentEntry(ctx, e)),
      ...brief.related.map((r) => relatedEntry(r.label, r.sources.length)),
    ];
  if (view === "quotes") return brief.quotes.map((q) => quoteEntry(ctx, q, true));
  if (view === "questions")
    return [
      ...brief.questions.map((q) => questionEntry(ctx, q, true)),
      ...brief.settled.map((r) => settledEntry(ctx, r)),
    ];
  return brief.sources.map((s, i) => {
    const line = sourceLine(s, i + 1, SOURCE_TITLE_ON_PAGE);
    return { variants: [line], placeholder: () => line, cites: [] };
  });
}

export function renderView(ctx: Context, view: View, options: RenderBriefOptions): RenderedMessage {
  const entries = entriesOf(ctx, view);
  const spans = paginate(entries, PAGE_DESCRIPTION);
  const index = clampIndex(options.index, spans.length);
  const span = spans[index] ?? { from: 0, to: 0 };
  const { title, noun, empty, note } = VIEWS[view];
  const paging = spans.length > 1 ? ` Page ${index + 1}/${spans.length}.` : "";
  const base = `${noun} ${range(span, entries.length)}. ${note}${paging}`;
  const embed: APIEmbed = {
    title:
      spans.length > 1 ? `${ctx.label} — ${title} (${index + 1}/${spans.length})` : `${ctx.label} — ${title}`,
    description: entries.length > 0 ? pageText(entries, span, PAGE_DESCRIPTION) : empty,
    color: COLOR,
    // A one-source brief has no markers, so a list of the sources cited would only repeat the one.
    ...(ctx.single ? {} : cited(citedField(ctx, entries, span))),
    // The phrasing note is about how the summary and questions were worded; quotes and sources are verbatim.
    footer: {
      text: footer(base, view === "details" || view === "questions" ? options.phrasingNote : undefined),
    },
  };
  const specs: ButtonSpec[] = [];
  if (index > 0) specs.push({ label: "◀ Prev", page: view, index: index - 1 });
  if (index < spans.length - 1) specs.push({ label: "Next ▶", page: view, index: index + 1 });
  const buttons: APIButtonComponent[] = buttonRow(specs, options.customId);
  return pageMessage(embed, buttons, true);
}
