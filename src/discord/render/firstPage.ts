// The first page of a brief, made to be read on one screen: a bold status line with its date, the latest
// dated developments oldest to newest, two quotes with the speaker first, two open questions and the sources
// in one small line. Everything else is one button away. What counts is what a reader sees (link targets and
// markdown are not on screen), and the page keeps within SCREEN of it by showing fewer items, never by
// cutting a quote.
import { codePoints, LIMITS, measure } from "./limits.js";
import { cite, markerFor, withMarker, type Context } from "./context.js";
import { dateLead, questionEntry, quoteEntry } from "./entries.js";
import { readableDate, stateOf, timelineOf } from "./storyData.js";
import {
  escapeMarkdown,
  fitText,
  longestFitting,
  normalizeText,
  prefixWindow,
  wordCuts,
} from "./truncate.js";

/** Characters a reader sees on the first page (title, text, footer): about one desktop screen. */
export const SCREEN = 1800;
const DEVELOPMENT_MAX = 220;
const QUOTE_MAX = 320;
const QUESTION_MAX = 220;
const OUTLET_MAX = 40;

export interface Shown {
  developments: number;
  summary: number;
  quotes: number;
  questions: number;
  sources: number;
}

export interface FirstPageText {
  description: string;
  shown: Shown;
}

const NOTHING: Shown = { developments: 0, summary: 0, quotes: 0, questions: 0, sources: 0 };

/** How much of each kind to try, richest first; the first that fits the screen wins. */
const PLANS: readonly Shown[] = [
  { developments: 4, summary: 3, quotes: 2, questions: 2, sources: 6 },
  { developments: 4, summary: 3, quotes: 2, questions: 2, sources: 3 },
  { developments: 3, summary: 3, quotes: 2, questions: 2, sources: 3 },
  { developments: 3, summary: 2, quotes: 2, questions: 1, sources: 3 },
  { developments: 3, summary: 2, quotes: 1, questions: 1, sources: 3 },
  { developments: 2, summary: 2, quotes: 1, questions: 1, sources: 2 },
  { developments: 2, summary: 1, quotes: 1, questions: 0, sources: 2 },
  { developments: 1, summary: 1, quotes: 0, questions: 0, sources: 1 },
  NOTHING,
];

/** What a reader sees of Discord markdown: link text without its target, no escapes, no bold or list marks. */
export function visibleLength(markdown: string): number {
  const shown = markdown
    .replace(/(?<!\\)\[((?:\\.|[^\]\\])*)\]\(https?:[^)\s]*\)/gu, "$1")
    .replace(/\\(.)/gu, "$1")
    .replace(/\*\*/gu, "")
    .replace(/^ *(?:-#|-) /gmu, "")
    .replace(/\u200B/gu, "");
  return codePoints(shown);
}

function statusLine(ctx: Context): string | null {
  const state = stateOf(ctx.brief);
  if (!state) return null;
  const label = `**${fitText(normalizeText(state.label), 80)}**`;
  const date = normalizeText(readableDate(state.date));
  const text = date ? `${label} · ${escapeMarkdown(date)}` : label;
  return withMarker(text, cite(ctx, [state.source]).marker);
}

/**
 * A development or summary point within max characters: whole, else cut at the last word boundary with "…"
 * (a sentence segmenter would stop at "D.C." or "U.S."; on one screen a word cut reads better).
 */
function shortLine(text: string, max: number): string {
  const whole = escapeMarkdown(text);
  if (measure(whole) <= max) return whole;
  const near = prefixWindow(text, max);
  const cut = longestFitting(near, wordCuts(near), (p) => measure(`${escapeMarkdown(p)}…`) <= max);
  return `${escapeMarkdown((cut ?? "").replace(/[\s,;:—–-]+$/u, ""))}…`;
}

/** The latest `count` developments, oldest first, each with a bold date lead-in. */
function developmentLines(ctx: Context, count: number): string[] {
  const timeline = timelineOf(ctx.brief);
  return timeline.slice(Math.max(timeline.length - count, 0)).map((entry) => {
    const { marker } = cite(ctx, [entry.source]);
    const text = normalizeText(entry.text);
    const shown = shortLine(text, DEVELOPMENT_MAX);
    const date = escapeMarkdown(normalizeText(readableDate(entry.date)));
    return `- ${withMarker(`${date ? `**${date}** — ` : ""}${shown}`, marker)}`;
  });
}

/** Without a dated timeline: the first summary points, as a list. */
function summaryLines(ctx: Context, count: number): string[] {
  return ctx.brief.summary.slice(0, count).map((item) => {
    const { marker } = cite(ctx, item.sources);
    const text = normalizeText(item.text);
    const shown = shortLine(text, DEVELOPMENT_MAX);
    return `- ${dateLead(item)}${withMarker(shown || "(no text)", marker)}`;
  });
}

/** The first quotes, in rank order, that are short enough to read at a glance; a quote is never cut. */
function quoteLines(ctx: Context, count: number): string[] {
  const lines: string[] = [];
  for (const quote of ctx.brief.quotes) {
    if (lines.length >= count) break;
    const line = quoteEntry(ctx, quote, false).variants[0] ?? "";
    if (normalizeText(quote.text).length > 0 && visibleLength(line) <= QUOTE_MAX) lines.push(line);
  }
  return lines;
}

function questionLines(ctx: Context, count: number): string[] {
  const lines: string[] = [];
  for (const question of ctx.brief.questions) {
    if (lines.length >= count) break;
    const line = questionEntry(ctx, question, false).variants[0] ?? "";
    if (visibleLength(line) <= QUESTION_MAX) lines.push(line);
  }
  return lines;
}

/** `-# Sources: [1] Outlet, 3 Sep 2022 · [2] …`; one source is named by its title instead. */
function sourcesLine(ctx: Context, count: number): string | null {
  const { sources } = ctx.brief;
  if (sources.length === 0 || count === 0) return null;
  if (ctx.single && sources[0]) {
    const s = sources[0];
    const href = ctx.hrefOf.get(1);
    const title = fitText(normalizeText(s.title) || "Untitled", 100);
    const parts = [href ? `[${title.replace(/[()]/gu, "\\$&")}](${href})` : title];
    if (s.outlet) parts.push(fitText(normalizeText(s.outlet), OUTLET_MAX));
    if (s.published) parts.push(readableDate(s.published));
    return `-# Source: ${parts.join(" · ")}`;
  }
  const shown = sources.slice(0, count).map((s, i) => {
    const name = fitText(normalizeText(s.outlet ?? "") || normalizeText(s.title) || "Untitled", OUTLET_MAX);
    return `${markerFor(ctx, i + 1)} ${name}${s.published ? `, ${readableDate(s.published)}` : ""}`;
  });
  const rest = sources.length - shown.length;
  return `-# Sources: ${shown.join(" · ")}${rest > 0 ? ` · +${rest} more` : ""}`;
}

function section(heading: string, lines: readonly string[]): string | null {
  return lines.length > 0 ? [`**${heading}**`, ...lines].join("\n") : null;
}

function compose(ctx: Context, plan: Shown): { text: string; shown: Shown } {
  const developments = developmentLines(ctx, plan.developments);
  const dated = timelineOf(ctx.brief).length > 0;
  const summary = dated ? [] : summaryLines(ctx, plan.summary);
  const quotes = quoteLines(ctx, plan.quotes);
  const questions = questionLines(ctx, plan.questions);
  const sources = sourcesLine(ctx, plan.sources);
  const parts = [
    statusLine(ctx),
    dated ? section("Timeline", developments) : section("Summary", summary),
    section("Key quotes", quotes),
    section("Open questions", questions),
    sources,
  ].filter((p): p is string => p !== null);
  const text = parts.join("\n\n") || "No summary points were found in the documents.";
  const shown = {
    developments: developments.length,
    summary: summary.length,
    quotes: quotes.length,
    questions: questions.length,
    sources: sources === null ? 0 : Math.min(plan.sources, ctx.brief.sources.length),
  };
  return { text, shown };
}

/**
 * The first page's text: the richest plan whose page a reader sees in at most SCREEN characters (with the
 * title and footer, `frame` of them) and that Discord accepts.
 */
export function firstPageText(ctx: Context, frame: number): FirstPageText {
  let last: FirstPageText | undefined;
  for (const plan of PLANS) {
    const { text, shown } = compose(ctx, plan);
    last = { description: text, shown };
    if (visibleLength(text) + frame <= SCREEN && measure(text) <= LIMITS.description) return last;
  }
  return last ?? { description: "", shown: NOTHING };
}
