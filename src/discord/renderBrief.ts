// Renders a brief as Discord message payloads (plain API JSON): a main page, continued when the summary
// overflows, and paged views of quotes, open questions and sources. Every item shown keeps its citation
// markers [n] (n = position in brief.sources, 1-based), and every output keeps every Discord limit.
//
// Cutting: whole items are dropped first ("+N more — use the buttons"); an item is cut only when it cannot
// fit even alone on a page of its own, then at a sentence end, else at a word boundary, never mid-word and
// never inside a grapheme. A quote is shown whole or not at all, except alone on a quotes page longer than
// the description allows: then it is cut at a sentence end, ends with "…" and is marked "(excerpt)".
import type {
  APIActionRowComponent,
  APIButtonComponent,
  APIButtonComponentWithCustomId,
  APIEmbed,
  APIEmbedField,
  ButtonStyle,
  ComponentType,
} from "discord-api-types/v10";
import type { Brief, QuestionItem, QuoteItem, SourceRef, SummaryItem } from "../core/brief/schema.js";
import { COMPONENT_LIMITS, LIMITS, codePoints, limitViolations, measure } from "./limits.js";
import {
  escapeLinkText,
  escapeMarkdown,
  fitText,
  longestFitting,
  neutraliseMentions,
  normalizeText,
  safeHttpUrl,
  SENTENCE_MARGIN,
  sentenceCuts,
  prefixWindow,
  wordCuts,
} from "./truncate.js";

export { LIMITS, embedCharacters } from "./limits.js";

export type BriefPage = "main" | "quotes" | "questions" | "sources";

export interface RenderedMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowed_mentions: { parse: [] };
  flags?: number;
}

export interface RenderBriefOptions {
  /** Which view; "main" when absent. */
  page?: BriefPage;
  /** Page number within the view, 0-based; clamped to the pages there are. */
  index?: number;
  /** Builds a button's custom id; must return 1..100 characters, distinct for distinct (page, index). */
  customId: (page: BriefPage, index: number) => string;
  /** Appended to the footer of the main and questions pages, e.g. how the bullets were phrased. */
  phrasingNote?: string;
}

const EPHEMERAL = 64;
const COLOR = 0x5865f2;
// The API's numbers, typed as discord-api-types' enums without importing its runtime.
/* eslint-disable @typescript-eslint/no-unsafe-enum-assignment */
const ACTION_ROW: ComponentType.ActionRow = 1;
const BUTTON: ComponentType.Button = 2;
const PRIMARY: ButtonStyle.Primary = 1;
const SECONDARY: ButtonStyle.Secondary = 2;
/* eslint-enable @typescript-eslint/no-unsafe-enum-assignment */

/** Every title is fitted within this; the budgets below assume the worst. */
const TITLE_RESERVE = LIMITS.title;
/** Every footer is fitted within this (the phrasing note is cut to fit). */
const FOOTER_RESERVE = 512;
const LABEL_MAX = 200;
const SPEAKER_MAX = 120;
const OUTLET_MAX = 80;
const LOCATION_MAX = 200;
const URL_MAX = 512;
const SOURCE_TITLE_IN_FIELD = 120;
const SOURCE_TITLE_ON_PAGE = 300;
const MAIN_QUOTES = 3;
const MAIN_QUESTIONS = 3;
const MAIN_RELATED = 5;
const PAGE_SOURCES_FIELD = "Sources cited on this page";
/** A paged view's description: the sources field, title and footer always fit beside it. */
const PAGE_DESCRIPTION = Math.min(
  LIMITS.description,
  LIMITS.total - TITLE_RESERVE - FOOTER_RESERVE - PAGE_SOURCES_FIELD.length - LIMITS.fieldValue,
);

const NO_SUMMARY = "No summary points were found in the documents.";
const more = (n: number) => `+${n} more — use the buttons`;
const moreSources = (n: number) => `+${n} more — see All sources`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

interface Context {
  brief: Brief;
  numberOf: ReadonlyMap<string, number>;
  label: string;
}

interface Citation {
  marker: string;
  numbers: number[];
}

/** One item of a view, rendered ahead of packing. */
interface Entry {
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

interface PageSpan {
  from: number;
  to: number;
}

function context(brief: Brief): Context {
  const numberOf = new Map<string, number>();
  brief.sources.forEach((s, i) => {
    if (!numberOf.has(s.id)) numberOf.set(s.id, i + 1);
  });
  const label = normalizeText(brief.label) || normalizeText(brief.topic) || "Topic";
  return { brief, numberOf, label: fitText(label, LABEL_MAX) };
}

/** `[1][3]` for the given source ids, in order, each once; `[?]` for an id not in the source list. */
function cite(ctx: Context, ids: readonly string[]): Citation {
  const numbers: number[] = [];
  let unknown = false;
  for (const id of ids) {
    const n = ctx.numberOf.get(id);
    if (n === undefined) unknown = true;
    else if (!numbers.includes(n)) numbers.push(n);
  }
  const marker = numbers.map((n) => `[${n}]`).join("") + (unknown ? "[?]" : "");
  return { marker, numbers };
}

/** The item's text cut at the last sentence end that fits, else the last word boundary, with "…". */
function cutItem(whole: string, wrap: (shown: string) => string, budget: number): string | undefined {
  const text = prefixWindow(whole, budget, SENTENCE_MARGIN);
  const atSentence = (p: string) => wrap(`${escapeMarkdown(p)} …`);
  const sentence = longestFitting(text, sentenceCuts(text), (p) => measure(atSentence(p)) <= budget);
  if (sentence !== undefined) return atSentence(sentence);
  const atWord = (p: string) => wrap(`${escapeMarkdown(p)}…`);
  const word = longestFitting(text, wordCuts(text), (p) => measure(atWord(p)) <= budget);
  return word === undefined ? undefined : atWord(word);
}

function pointEntry(ctx: Context, item: SummaryItem, header?: string): Entry {
  const text = normalizeText(item.text);
  const { marker, numbers } = cite(ctx, item.sources);
  const line = (shown: string) => `• ${shown} ${marker}`;
  return {
    variants: [line(escapeMarkdown(text) || "(no text)")],
    shrink: (budget) => cutItem(text, line, budget),
    placeholder: () => line("(too long to show here)"),
    cites: numbers,
    ...(header === undefined ? {} : { header }),
  };
}

function speakerOf(quote: QuoteItem): string {
  return fitText(normalizeText(quote.speaker ?? "") || "unattributed", SPEAKER_MAX);
}

/** `• “text” — Speaker [n]`; alone on a quotes page and too long, an excerpt cut at a sentence end. */
function quoteEntry(ctx: Context, quote: QuoteItem, excerpts: boolean): Entry {
  const text = normalizeText(quote.text);
  const speaker = speakerOf(quote);
  const { marker, numbers } = cite(ctx, [quote.source]);
  const whole = `• “${escapeMarkdown(text)}” — ${speaker} ${marker}`;
  const excerpt = (p: string) => `• “${escapeMarkdown(p)} …” — ${speaker} ${marker} (excerpt)`;
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
      `• (a quote of ${codePoints(text)} characters, too long to show here) — ${speaker} ${marker}`,
    cites: numbers,
  };
}

/** The question with its markers; in the questions view also the verbatim sentences it rests on. */
function questionEntry(ctx: Context, question: QuestionItem, detailed: boolean): Entry {
  const text = normalizeText(question.text);
  const { marker, numbers } = cite(ctx, [question.source, ...question.related.map((r) => r.source)]);
  const line = (shown: string) => `• ${shown} ${marker}`;
  const bare = line(escapeMarkdown(text) || "(no text)");
  const evidence = (sentence: string, source: string) =>
    `↳ “${escapeMarkdown(normalizeText(sentence))}” ${cite(ctx, [source]).marker}`;
  const basis = evidence(question.basis, question.source);
  const related = question.related.map((r) => evidence(r.sentence, r.source));
  return {
    variants: detailed ? [[bare, basis, ...related].join("\n"), `${bare}\n${basis}`, bare] : [bare],
    shrink: (budget) => cutItem(text, line, budget),
    placeholder: () => line("(too long to show here)"),
    cites: numbers,
  };
}

/** `[n] [Title](url) · outlet · YYYY-MM-DD`; without an http(s) URL, the title and where the document is. */
function sourceLine(source: SourceRef, n: number, titleMax: number): string {
  const title = normalizeText(source.title) || "Untitled";
  const href = safeHttpUrl(source.url) ?? (source.url === null ? safeHttpUrl(source.location) : undefined);
  const linked = href !== undefined && measure(href) <= URL_MAX;
  const parts = [
    linked ? `[${fitText(title, titleMax, escapeLinkText)}](${href})` : fitText(title, titleMax),
  ];
  if (source.outlet) parts.push(fitText(normalizeText(source.outlet), OUTLET_MAX));
  if (source.published) parts.push(fitText(normalizeText(source.published), 16));
  if (!linked) {
    const where = href !== undefined ? new URL(href).host : normalizeText(source.url ?? source.location);
    if (where) parts.push(fitText(where, LOCATION_MAX));
  }
  return `[${n}] ${parts.filter((p) => p.length > 0).join(" · ")}`;
}

/** Lines rendered on demand (a page shows few of many), each once. */
interface Lines {
  count: number;
  at: (i: number) => string;
}

function lazyLines<T>(items: readonly T[], render: (item: T, i: number) => string): Lines {
  const cache = new Map<number, string>();
  return {
    count: items.length,
    at: (i) => {
      let line = cache.get(i);
      const item = items[i];
      if (line === undefined && item !== undefined) cache.set(i, (line = render(item, i)));
      return line ?? "";
    },
  };
}

/**
 * Whole lines, in order, while they fit the budget, keeping room for "+N more"; at most maxItems.
 * The budget must allow the "+N more" line for all lines.
 */
function packLines(
  lines: Lines,
  budget: number,
  maxItems: number,
  moreLine: (n: number) => string,
): { text: string; shown: number } {
  const out: string[] = [];
  let used = 0;
  const limit = Math.min(lines.count, maxItems);
  for (let i = 0; i < limit; i++) {
    const line = lines.at(i);
    const rest = lines.count - i - 1;
    const reserve = rest > 0 ? 1 + measure(moreLine(rest)) : 0;
    const cost = (out.length > 0 ? 1 : 0) + measure(line);
    if (used + cost + reserve > budget) break;
    out.push(line);
    used += cost;
  }
  const shown = out.length;
  if (shown < lines.count) out.push(moreLine(lines.count - shown));
  return { text: out.join("\n"), shown };
}

/** Shares total among sections by weight; a section never gets more than it needs. */
function waterFill(needs: readonly number[], weights: readonly number[], total: number): number[] {
  const alloc = needs.map(() => 0);
  let active = needs.map((_, i) => i).filter((i) => (needs[i] ?? 0) > 0);
  let remaining = total;
  while (active.length > 0) {
    const weight = active.reduce((sum, i) => sum + (weights[i] ?? 1), 0);
    const share = (i: number) => (remaining * (weights[i] ?? 1)) / weight;
    const satisfied = active.filter((i) => (needs[i] ?? 0) <= share(i));
    if (satisfied.length === 0) {
      for (const i of active) alloc[i] = Math.floor(share(i));
      break;
    }
    for (const i of satisfied) {
      alloc[i] = needs[i] ?? 0;
      remaining -= needs[i] ?? 0;
    }
    active = active.filter((i) => !satisfied.includes(i));
  }
  return alloc;
}

interface Section {
  key: "summary" | "figures" | "quotes" | "questions" | "sources" | "related";
  /** Field name; none for the description. */
  name?: string;
  cap: number;
  weight: number;
  lines: Lines;
  maxItems: number;
}

interface MainLayout {
  description: string;
  fields: APIEmbedField[];
  /** How many items of each kind the first main page shows. */
  shown: Record<Section["key"], number>;
}

/** The first main page: description and fields sharing the 6000-character budget by weight. */
function layoutMain(ctx: Context): MainLayout {
  const { brief } = ctx;
  const sections: Section[] = [
    {
      key: "summary",
      cap: LIMITS.description,
      weight: 4,
      lines:
        brief.summary.length > 0
          ? lazyLines(brief.summary, (s) => pointEntry(ctx, s).variants[0] ?? "")
          : lazyLines([NO_SUMMARY], (line) => line),
      maxItems: Infinity,
    },
    {
      key: "figures",
      name: "Key figures",
      cap: LIMITS.fieldValue,
      weight: 1.5,
      lines: lazyLines(brief.figures, (f) => pointEntry(ctx, f).variants[0] ?? ""),
      maxItems: Infinity,
    },
    {
      key: "quotes",
      name: "Key quotes",
      cap: LIMITS.fieldValue,
      weight: 1.5,
      lines: lazyLines(brief.quotes, (q) => quoteEntry(ctx, q, false).variants[0] ?? ""),
      maxItems: MAIN_QUOTES,
    },
    {
      key: "questions",
      name: "Open questions",
      cap: LIMITS.fieldValue,
      weight: 1,
      lines: lazyLines(brief.questions, (q) => questionEntry(ctx, q, false).variants[0] ?? ""),
      maxItems: MAIN_QUESTIONS,
    },
    {
      key: "sources",
      name: "Sources",
      cap: LIMITS.fieldValue,
      weight: 1.5,
      lines: lazyLines(brief.sources, (s, i) => sourceLine(s, i + 1, SOURCE_TITLE_IN_FIELD)),
      maxItems: Infinity,
    },
    {
      key: "related",
      name: "Also in other stories",
      cap: LIMITS.fieldValue,
      weight: 0.5,
      lines: lazyLines(
        brief.related,
        (r) =>
          `• ${fitText(normalizeText(r.label) || "(unnamed)", 100)} (${plural(r.sources.length, "source")})`,
      ),
      maxItems: MAIN_RELATED,
    },
  ];
  const present = sections.filter((s) => s.lines.count > 0);
  const names = present.reduce((sum, s) => sum + measure(s.name ?? ""), 0);
  const available = LIMITS.total - TITLE_RESERVE - FOOTER_RESERVE - names;
  const pack = (s: Section, budget: number) => packLines(s.lines, budget, s.maxItems, more);
  const needs = present.map((s) => measure(pack(s, s.cap).text));
  const budgets = waterFill(
    needs,
    present.map((s) => s.weight),
    available,
  ).map((b, i) => Math.min(b, present[i]?.cap ?? 0));
  const packed = present.map((s, i) => pack(s, budgets[i] ?? 0));
  // Hand what the packing left unused to the sections that still hide items, most important first.
  let leftover = available - packed.reduce((sum, p) => sum + measure(p.text), 0);
  present.forEach((s, i) => {
    const current = packed[i];
    if (!current || current.shown >= Math.min(s.lines.count, s.maxItems) || leftover <= 0) return;
    const used = measure(current.text);
    const again = pack(s, Math.min(s.cap, used + leftover));
    packed[i] = again;
    leftover += used - measure(again.text);
  });
  const shown: MainLayout["shown"] = {
    summary: 0,
    figures: 0,
    quotes: 0,
    questions: 0,
    sources: 0,
    related: 0,
  };
  let description = "";
  const fields: APIEmbedField[] = [];
  present.forEach((s, i) => {
    const p = packed[i] ?? { text: "", shown: 0 };
    shown[s.key] = p.shown;
    if (s.name === undefined) description = p.text;
    else fields.push({ name: s.name, value: p.text });
  });
  if (brief.summary.length === 0) shown.summary = 0;
  return { description, fields, shown };
}

/** Entries in order, page by page: whole entries while they fit; one that cannot fit gets a page to itself. */
function paginate(entries: readonly Entry[], budget: number): PageSpan[] {
  const pages: PageSpan[] = [];
  let i = 0;
  while (i < entries.length) {
    const from = i;
    let used = 0;
    let header: string | undefined;
    while (i < entries.length) {
      const entry = entries[i];
      if (!entry) break;
      const heading = entry.header !== undefined && entry.header !== header ? entry.header : undefined;
      const cost =
        (i > from ? 1 : 0) +
        (heading === undefined ? 0 : measure(heading) + 1) +
        measure(entry.variants[0] ?? "");
      if (used + cost <= budget) {
        used += cost;
        header = entry.header;
        i++;
        continue;
      }
      if (i === from) i++;
      break;
    }
    pages.push({ from, to: i });
  }
  return pages.length > 0 ? pages : [{ from: 0, to: 0 }];
}

/** The description of one page: headings, then each entry whole, or (alone and too long) its fallback. */
function pageText(entries: readonly Entry[], span: PageSpan, budget: number): string {
  const lines: string[] = [];
  let header: string | undefined;
  for (let i = span.from; i < span.to; i++) {
    const entry = entries[i];
    if (!entry) continue;
    if (entry.header !== undefined && entry.header !== header) lines.push(entry.header);
    header = entry.header;
    const room = budget - measure(lines.join("\n")) - (lines.length > 0 ? 1 : 0);
    const fitting = entry.variants.find((v) => measure(v) <= room);
    lines.push(fitting ?? entry.shrink?.(room) ?? entry.placeholder());
  }
  return lines.join("\n");
}

/** The sources the page's entries cite, numbered as in the brief. */
function citedField(ctx: Context, entries: readonly Entry[], span: PageSpan): APIEmbedField | undefined {
  const numbers = [...new Set(entries.slice(span.from, span.to).flatMap((e) => e.cites))].sort(
    (a, b) => a - b,
  );
  const cited = numbers.flatMap((n) => {
    const source = ctx.brief.sources[n - 1];
    return source ? [{ source, n }] : [];
  });
  if (cited.length === 0) return undefined;
  const lines = lazyLines(cited, ({ source, n }) => sourceLine(source, n, SOURCE_TITLE_IN_FIELD));
  return { name: PAGE_SOURCES_FIELD, value: packLines(lines, LIMITS.fieldValue, Infinity, moreSources).text };
}

function cited(field: APIEmbedField | undefined): { fields?: APIEmbedField[] } {
  return field ? { fields: [field] } : {};
}

function footer(base: string, note: string | undefined): string {
  const clean = normalizeText(note ?? "");
  const room = FOOTER_RESERVE - measure(base) - 1;
  if (!clean || room < 8) return base;
  return `${base} ${fitText(clean, room, neutraliseMentions)}`;
}

interface ButtonSpec {
  label: string;
  page: BriefPage;
  index: number;
  disabled: boolean;
  primary?: boolean;
}

function buttonRow(
  specs: readonly ButtonSpec[],
  customId: RenderBriefOptions["customId"],
): APIActionRowComponent<APIButtonComponent> {
  const seen = new Set<string>();
  const components = specs.map((spec): APIButtonComponentWithCustomId => {
    const id = customId(spec.page, spec.index);
    if (id.length === 0 || measure(id) > COMPONENT_LIMITS.customId)
      throw new RangeError(`custom_id must have 1..${COMPONENT_LIMITS.customId} characters: ${id}`);
    if (seen.has(id)) throw new RangeError(`custom_id ${id} is used twice in one message`);
    seen.add(id);
    return {
      type: BUTTON,
      style: spec.primary ? PRIMARY : SECONDARY,
      label: spec.label.slice(0, COMPONENT_LIMITS.buttonLabel),
      custom_id: id,
      disabled: spec.disabled,
    };
  });
  return { type: ACTION_ROW, components: components.slice(0, COMPONENT_LIMITS.buttonsPerRow) };
}

function clampIndex(index: number | undefined, pages: number): number {
  const n = index !== undefined && Number.isFinite(index) ? Math.trunc(index) : 0;
  return Math.min(Math.max(n, 0), pages - 1);
}

function range(span: PageSpan, total: number): string {
  if (span.to <= span.from) return `0 of ${total}`;
  return span.to - span.from === 1 ? `${span.to} of ${total}` : `${span.from + 1}–${span.to} of ${total}`;
}

function checked(message: RenderedMessage): RenderedMessage {
  const problems = limitViolations(message);
  if (problems.length > 0) throw new Error(`rendered message breaks Discord limits: ${problems.join("; ")}`);
  return message;
}

function message(embed: APIEmbed, row: APIActionRowComponent<APIButtonComponent>): RenderedMessage {
  return checked({ embeds: [embed], components: [row], allowed_mentions: { parse: [] } });
}

function renderMain(ctx: Context, options: RenderBriefOptions): RenderedMessage {
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
  return message(embed, buttonRow(specs, options.customId));
}

const VIEWS = {
  quotes: { title: "quotes", noun: "Quotes", empty: "No quotes were found in the documents." },
  questions: { title: "open questions", noun: "Questions", empty: "No open questions were found." },
  sources: { title: "sources", noun: "Sources", empty: "No sources." },
} as const;

function renderView(
  ctx: Context,
  view: Exclude<BriefPage, "main">,
  options: RenderBriefOptions,
): RenderedMessage {
  const { brief } = ctx;
  const entries: Entry[] =
    view === "quotes"
      ? brief.quotes.map((q) => quoteEntry(ctx, q, true))
      : view === "questions"
        ? brief.questions.map((q) => questionEntry(ctx, q, true))
        : brief.sources.map((s, i) => {
            const line = sourceLine(s, i + 1, SOURCE_TITLE_ON_PAGE);
            return { variants: [line], placeholder: () => line, cites: [] };
          });
  const spans = paginate(entries, PAGE_DESCRIPTION);
  const index = clampIndex(options.index, spans.length);
  const span = spans[index] ?? { from: 0, to: 0 };
  const { title, noun, empty } = VIEWS[view];
  const notes = {
    quotes: "Quotes are verbatim; [n] is source n.",
    questions: "Each rests on the quoted sentences; [n] is source n.",
    sources: "Numbered as cited in the brief.",
  } as const;
  const base = `${noun} ${range(span, entries.length)}. ${notes[view]} Page ${index + 1}/${spans.length}.`;
  const field = citedField(ctx, entries, span);
  const embed: APIEmbed = {
    title: `${ctx.label} — ${title} (${index + 1}/${spans.length})`,
    description: entries.length > 0 ? pageText(entries, span, PAGE_DESCRIPTION) : empty,
    color: COLOR,
    ...cited(field),
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
  return message(embed, row);
}

/** The brief as one Discord message: the main page or a page of one of the views. */
export function renderBrief(brief: Brief, options: RenderBriefOptions): RenderedMessage {
  const ctx = context(brief);
  const view = options.page ?? "main";
  return view === "main" ? renderMain(ctx, options) : renderView(ctx, view, options);
}

/** Ephemeral: no documents about the topic, and the closest topics there are. */
export function renderUnknownTopic(topic: string, suggestions: readonly string[]): RenderedMessage {
  const shownTopic = fitText(normalizeText(topic) || "(empty)", 200);
  const head = `No documents mention “${shownTopic}”.`;
  const names = suggestions.map((s) => `**${fitText(normalizeText(s) || "(empty)", 100)}**`);
  let content = `${head} Try a company, product or law named in the news.`;
  if (names.length > 0) {
    content = `${head} Did you mean: `;
    for (const [i, name] of names.entries()) {
      const separator = i > 0 ? ", " : "";
      const rest = names.length - i - 1;
      // Room is always kept for "+N more?" after the names already listed.
      const tail = rest > 0 ? `, +${rest} more?` : "?";
      if (measure(content) + measure(separator + name) + measure(tail) > LIMITS.content) {
        content += `${separator}+${names.length - i} more`;
        break;
      }
      content += separator + name;
    }
    content += "?";
  }
  return checked({ content, embeds: [], components: [], allowed_mentions: { parse: [] }, flags: EPHEMERAL });
}

/** Ephemeral: something failed; the id lets the logs be found. */
export function renderError(errorId: string): RenderedMessage {
  const id = normalizeText(errorId);
  const shown = /^[\w.:-]{1,100}$/u.test(id) ? `\`${id}\`` : fitText(id || "unknown", 100);
  return checked({
    content: `Something went wrong (error id ${shown}). Please try again in a moment.`,
    embeds: [],
    components: [],
    allowed_mentions: { parse: [] },
    flags: EPHEMERAL,
  });
}
