// Each brief item rendered as a line (or lines) with its citation markers, plus its fallbacks when too long.
//
// An item is cut only when it cannot fit even alone on a page of its own: then at a sentence end, else at a
// word boundary, never mid-word and never inside a grapheme, and always keeping its markers. A quote is shown
// whole or not at all, except alone on a quotes page longer than the description allows: then it is cut at a
// sentence end, ends with "…" and is marked "(excerpt)", so a reader never takes part of a quote for all of it.
import type {
  QuestionItem,
  QuoteItem,
  SettledItem,
  SourceRef,
  SummaryItem,
} from "../../core/brief/schema.js";
import { quoteMarks } from "../../core/story/text.js";
import { codePoints, measure } from "./limits.js";
import {
  escapeLinkText,
  escapeMarkdown,
  fitText,
  longestFitting,
  normalizeText,
  prefixWindow,
  SENTENCE_MARGIN,
  sentenceCuts,
  wordCuts,
} from "./truncate.js";
import { cite, NBSP, sourceHref, withMarker, type Context } from "./context.js";
import { readableDate } from "./storyData.js";

const SPEAKER_MAX = 120;
const OUTLET_MAX = 80;
export const SOURCE_TITLE_IN_FIELD = 120;
export const SOURCE_TITLE_ON_PAGE = 300;

/** One item of a view, rendered ahead of packing. */
export interface Entry {
  /** Whole renderings, richest first; packing uses the first, a page of its own may fall back to the others. */
  variants: readonly string[];
  /** Last resort alone on a page: the item cut at a sentence end (or word boundary), its markers kept. */
  shrink?: (budget: number) => string | undefined;
  /** When nothing else fits: says the item is too long, keeps its markers. */
  placeholder: () => string;
  /** Source numbers the item cites, for the page's sources field. */
  cites: readonly number[];
  /** A heading shown above the first entry of its kind on a page. */
  header?: string;
}

/** The item's text cut at the last sentence end that fits, else the last word boundary, with "…". */
export function cutItem(whole: string, wrap: (shown: string) => string, budget: number): string | undefined {
  const text = prefixWindow(whole, budget, SENTENCE_MARGIN);
  const atSentence = (p: string) => wrap(`${escapeMarkdown(p)} …`);
  const sentence = longestFitting(text, sentenceCuts(text), (p) => measure(atSentence(p)) <= budget);
  if (sentence !== undefined) return atSentence(sentence);
  const atWord = (p: string) => wrap(`${escapeMarkdown(p)}…`);
  const word = longestFitting(text, wordCuts(text), (p) => measure(atWord(p)) <= budget);
  return word === undefined ? undefined : atWord(word);
}

export function pointEntry(ctx: Context, item: SummaryItem, header?: string): Entry {
  const text = normalizeText(item.text);
  const { marker, numbers } = cite(ctx, item.sources);
  const line = (shown: string) => `- ${dateLead(item)}${withMarker(shown, marker)}`;
  return {
    variants: [line(escapeMarkdown(text) || "(no text)")],
    shrink: (budget) => cutItem(text, line, budget),
    placeholder: () => line("(too long to show here)"),
    cites: numbers,
    ...(header === undefined ? {} : { header }),
  };
}

/**
 * `**20 Dec 2023** · ` before a bullet or question whose "on Tuesday" or "earlier this week" needs a date to
 * read alone; `*Before: Terminated, 8 Feb 2022* · ` before a bullet that tells of a deal its end overtook.
 */
export function dateLead(item: Partial<Pick<SummaryItem, "date" | "before">>): string {
  const date = item.date ? `**${readableDate(item.date)}** · ` : "";
  if (!item.before) return date;
  const end = [item.before.label, item.before.date ? readableDate(item.before.date) : null].filter(Boolean);
  // A plan the story's end overtook: the end it came before, in italics, so the plan is not read as current.
  return `${date}*Before: ${escapeMarkdown(normalizeText(end.join(", ")))}* · `;
}

/** `**Name, role:** ` before the quote; nothing for a quote nobody is named for (never a guess). */
export function speakerLead(speaker: string | null): string {
  const name = normalizeText(speaker ?? "");
  return name ? `**${fitText(name, SPEAKER_MAX)}:** ` : "";
}

/** `- **Speaker:** “text” [n]`; alone on a quotes page and too long, an excerpt cut at a sentence end. */
export function quoteEntry(ctx: Context, quote: QuoteItem, excerpts: boolean): Entry {
  const text = normalizeText(quote.text);
  const lead = speakerLead(quote.speaker);
  const { marker, numbers } = cite(ctx, [quote.source]);
  const whole = `- ${lead}${withMarker(`“${escapeMarkdown(text)}”`, marker)}`;
  const excerpt = (p: string) => `- ${lead}${withMarker(`“${escapeMarkdown(p)} …”`, marker)} (excerpt)`;
  return {
    variants: [whole],
    ...(excerpts
      ? {
          shrink: (budget: number) => {
            const near = prefixWindow(text, budget, SENTENCE_MARGIN);
            const cut = longestFitting(near, sentenceCuts(near), (p) => measure(excerpt(p)) <= budget);
            return cut === undefined ? undefined : excerpt(cut);
          },
        }
      : {}),
    placeholder: () =>
      `- ${lead}${withMarker(`(a quote of ${codePoints(text)} characters, too long to show here)`, marker)}`,
    cites: numbers,
  };
}

/** The question with its markers; in the questions view also the verbatim sentences it rests on. */
export function questionEntry(ctx: Context, question: QuestionItem, detailed: boolean): Entry {
  const text = normalizeText(question.text);
  const { marker, numbers } = cite(ctx, [question.source, ...question.related.map((r) => r.source)]);
  const line = (shown: string) => `- ${dateLead(question)}${withMarker(shown, marker)}`;
  const bare = line(escapeMarkdown(text) || "(no text)");
  const evidence = (sentence: string, source: string) => {
    const [open, close] = quoteMarks(sentence);
    return `  - ${withMarker(`${open}${escapeMarkdown(normalizeText(sentence))}${close}`, cite(ctx, [source]).marker)}`;
  };
  const basis = evidence(question.basis, question.source);
  const related = question.related.map((r) => evidence(r.sentence, r.source));
  return {
    variants: detailed ? [[bare, basis, ...related].join("\n"), `${bare}\n${basis}`, bare] : [bare],
    shrink: (budget) => cutItem(text, line, budget),
    placeholder: () => line("(too long to show here)"),
    cites: numbers,
  };
}

/**
 * `- “sentence that left it open” [2] → **Abandoned**, Dec 2023 [1]`: the verbatim sentence (cut only alone on
 * a page) and the event that settled it, each with its own marker.
 */
export function settledEntry(ctx: Context, item: SettledItem): Entry {
  const text = normalizeText(item.basis);
  const { marker, numbers } = cite(ctx, [item.source]);
  const by = cite(ctx, [item.by.source]);
  const outcome = withMarker(
    ` → **${escapeMarkdown(normalizeText(item.by.label))}**, ${escapeMarkdown(readableDate(item.by.date))}`,
    by.marker,
  );
  const [open, close] = quoteMarks(text);
  const line = (shown: string) =>
    `- ${dateLead(item)}${withMarker(`${open}${shown}${close}`, marker)}${outcome}`;
  return {
    variants: [line(escapeMarkdown(text) || "(no text)")],
    shrink: (budget) => cutItem(text, line, budget),
    placeholder: () => line("(too long to show here)"),
    cites: [...new Set([...numbers, ...by.numbers])],
    header: "**Settled since** (open when reported, settled by a later event)",
  };
}

/** `[n] [Title](url) · outlet · YYYY-MM-DD`; without an http(s) URL, the title and outlet (never a file name). */
export function sourceLine(source: SourceRef, n: number, titleMax: number): string {
  const title = normalizeText(source.title) || "Untitled";
  const href = sourceHref(source);
  const parts = [
    href !== undefined ? `[${fitText(title, titleMax, escapeLinkText)}](${href})` : fitText(title, titleMax),
  ];
  if (source.outlet) parts.push(fitText(normalizeText(source.outlet), OUTLET_MAX));
  // "20 Dec 2023" held together: an ISO date wraps at its hyphens and reads as two half-dates.
  const date = readableDate(normalizeText(source.published ?? "")).replace(/ /gu, NBSP);
  if (date) parts.push(fitText(date, 16));
  return `[${n}] ${parts.filter((p) => p.length > 0).join(" · ")}`;
}
