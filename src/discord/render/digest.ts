// Renders a digest as Discord messages, in order: one embed per story (headline, cited bullets, a quote, what
// changed, the sources it cites), then any sources no story listed, split into as many messages as Discord's
// limits (10 embeds, 6000 characters) need. Document text is escaped and its mentions neutralised; items are
// cut only at sentence ends or word boundaries, and a quote is shown whole or not at all.
import type { APIEmbed, APIEmbedField } from "discord-api-types/v10";
import type { SourceRef } from "../../core/brief/schema.js";
import type { Digest, DigestChange, DigestStory } from "../../core/digest/types.js";
import { codePoints, embedCharacters, LIMITS, limitViolations, measure } from "./limits.js";
import { SOURCE_TITLE_IN_FIELD, SOURCE_TITLE_ON_PAGE, sourceLine } from "./entries.js";
import { lazyLines, packLines, waterFill } from "./packing.js";
import { COLOR } from "./page.js";
import type { RenderedMessage } from "./types.js";
import {
  escapeMarkdown,
  fitText,
  longestFitting,
  normalizeText,
  prefixWindow,
  SENTENCE_MARGIN,
  sentenceCuts,
  wordCuts,
} from "./truncate.js";

export interface RenderDigestOptions {
  /** Shown at the top of the first message ("Weekly digest"). */
  title: string;
  /** The whole message when the digest is empty; null: post nothing. */
  emptyLine: string | null;
}

/** A story embed stays within these, so that title + description + fields + footer fit 6000 together. */
const STORY_DESCRIPTION = 3000;
const QUOTE_MAX = 1500;
const MAX_BULLETS_SHOWN = 6;
const MAX_CHANGES_SHOWN = 6;
const MAX_MARKERS = 12;
const SPEAKER_MAX = 120;
const TITLE_MAX = 200;
const MORE_SOURCES_DESCRIPTION = 4000;
const CHANGES_FIELD = "What changed";
const SOURCES_FIELD = "Sources";

const CHANGE_LABELS: Record<DigestChange["kind"], string> = {
  development: "**New:**",
  "new-question": "**New question:**",
  answered: "**Answered?**",
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Source numbering: [n] is digest.sources[n - 1]; an id listed twice keeps its first number. */
function numbering(sources: readonly SourceRef[]): Map<string, number> {
  const numberOf = new Map<string, number>();
  sources.forEach((s, i) => {
    if (!numberOf.has(s.id)) numberOf.set(s.id, i + 1);
  });
  return numberOf;
}

interface Cited {
  marker: string;
  numbers: number[];
}

/** `[1][3]` for the ids, each once; `[?]` for an id not among the sources; past a dozen, `[+k]`. */
function cite(numberOf: ReadonlyMap<string, number>, ids: readonly string[]): Cited {
  const numbers: number[] = [];
  let unknown = false;
  for (const id of ids) {
    const n = numberOf.get(id);
    if (n === undefined) unknown = true;
    else if (!numbers.includes(n)) numbers.push(n);
  }
  const shown = numbers.slice(0, MAX_MARKERS).map((n) => `[${n}]`);
  if (numbers.length > MAX_MARKERS) shown.push(`[+${numbers.length - MAX_MARKERS}]`);
  if (unknown) shown.push("[?]");
  return { marker: shown.join(""), numbers };
}

/** One line of a list, whole, or cut to a budget when it must be. */
interface Item {
  whole: string;
  /** The line within budget, cut at a sentence end (else a word boundary), or undefined when it cannot be. */
  cut: (budget: number) => string | undefined;
  placeholder: string;
}

/** Text cut at the last sentence end that fits, else the last word boundary, marked "…"; escaped and wrapped. */
function cutText(text: string, wrap: (shown: string) => string, budget: number): string | undefined {
  const near = prefixWindow(text, budget, SENTENCE_MARGIN);
  const atSentence = (p: string) => wrap(`${escapeMarkdown(p)} …`);
  const sentence = longestFitting(near, sentenceCuts(near), (p) => measure(atSentence(p)) <= budget);
  if (sentence !== undefined) return atSentence(sentence);
  const atWord = (p: string) => wrap(`${escapeMarkdown(p)}…`);
  const word = longestFitting(near, wordCuts(near), (p) => measure(atWord(p)) <= budget);
  return word === undefined ? undefined : atWord(word);
}

function textItem(text: string, wrap: (shown: string) => string): Item {
  const clean = normalizeText(text);
  return {
    whole: wrap(escapeMarkdown(clean) || "(no text)"),
    cut: (budget) => cutText(clean, wrap, budget),
    placeholder: wrap("(too long to show here)"),
  };
}

/**
 * Lines within budget: the first maxShown items share it (none gets more than it needs), each whole if its
 * share allows, else cut, else its placeholder; what is left out is counted in a last "+N more" line.
 */
function fitItems(
  items: readonly Item[],
  budget: number,
  maxShown: number,
  more: (n: number) => string,
): string[] {
  const shown = items.slice(0, maxShown);
  // Room for "+N more" is kept whatever happens: any item may turn out not to fit its share.
  const reserve = items.length > 0 ? measure(more(items.length)) + 1 : 0;
  const room = budget - reserve - Math.max(shown.length - 1, 0);
  const shares = waterFill(
    shown.map((item) => measure(item.whole)),
    shown.map(() => 1),
    Math.max(room, 0),
  );
  const lines: string[] = [];
  shown.forEach((item, i) => {
    const share = shares[i] ?? 0;
    const line =
      measure(item.whole) <= share
        ? item.whole
        : (item.cut(share) ?? (measure(item.placeholder) <= share ? item.placeholder : undefined));
    if (line !== undefined) lines.push(line);
  });
  const hidden = items.length - lines.length;
  if (hidden > 0 && measure(more(hidden)) + (lines.length > 0 ? 1 : 0) <= budget - measure(lines.join("\n")))
    lines.push(more(hidden));
  return lines;
}

function quoteLine(story: DigestStory, numberOf: ReadonlyMap<string, number>, budget: number): string | null {
  const quote = story.quote;
  if (!quote) return null;
  const text = normalizeText(quote.text);
  const speaker = fitText(normalizeText(quote.speaker ?? "") || "unattributed", SPEAKER_MAX);
  const { marker } = cite(numberOf, [quote.source]);
  const whole = `> “${escapeMarkdown(text)}” — ${speaker} ${marker}`;
  if (text.length > 0 && measure(whole) <= budget) return whole;
  // Never part of a quote: a reader would take it for all of it.
  const placeholder = `> (a quote of ${codePoints(text)} characters, too long to show here) — ${speaker} ${marker}`;
  return measure(placeholder) <= budget ? placeholder : null;
}

function description(story: DigestStory, numberOf: ReadonlyMap<string, number>): string {
  const quote = quoteLine(story, numberOf, QUOTE_MAX);
  const room = STORY_DESCRIPTION - (quote === null ? 0 : measure(quote) + 2);
  const bullets = fitItems(
    story.bullets.map((b) => {
      const { marker } = cite(numberOf, b.sources);
      return textItem(b.text, (shown) => `• ${shown} ${marker}`);
    }),
    room,
    MAX_BULLETS_SHOWN,
    (n) => `+${plural(n, "more point")}`,
  );
  return [bullets.join("\n"), quote ?? ""].filter((part) => part.length > 0).join("\n\n");
}

function changesField(story: DigestStory, numberOf: ReadonlyMap<string, number>): APIEmbedField | null {
  if (story.changes.length === 0) return null;
  const items = story.changes.map((change) => {
    const label = CHANGE_LABELS[change.kind] ?? "";
    const text = change.kind === "answered" ? change.text.replace(/^\s*Answered\?\s*/u, "") : change.text;
    const { marker } = cite(numberOf, [change.source]);
    return textItem(text, (shown) => `• ${label} ${shown} ${marker}`);
  });
  const lines = fitItems(items, LIMITS.fieldValue, MAX_CHANGES_SHOWN, (n) => `+${plural(n, "more change")}`);
  return lines.length > 0 ? { name: CHANGES_FIELD, value: lines.join("\n") } : null;
}

/** Every source the story cites, numbered as in the digest. */
function citedNumbers(story: DigestStory, numberOf: ReadonlyMap<string, number>): number[] {
  const ids = [
    ...story.bullets.flatMap((b) => b.sources),
    ...(story.quote ? [story.quote.source] : []),
    ...story.changes.map((c) => c.source),
  ];
  return [...new Set(cite(numberOf, ids).numbers)].sort((a, b) => a - b);
}

function sourcesField(
  numbers: readonly number[],
  sources: readonly SourceRef[],
  listed: Set<number>,
): APIEmbedField | null {
  const entries = numbers.flatMap((n) => {
    const source = sources[n - 1];
    return source ? [{ source, n }] : [];
  });
  if (entries.length === 0) return null;
  const lines = lazyLines(entries, ({ source, n }) => sourceLine(source, n, SOURCE_TITLE_IN_FIELD));
  const packed = packLines(lines, LIMITS.fieldValue, Infinity, (n) => `+${n} more — listed below`);
  entries.slice(0, packed.shown).forEach(({ n }) => listed.add(n));
  return { name: SOURCES_FIELD, value: packed.text };
}

function storyEmbed(
  story: DigestStory,
  sources: readonly SourceRef[],
  numberOf: ReadonlyMap<string, number>,
  listed: Set<number>,
): APIEmbed {
  const text = description(story, numberOf);
  const fields = [
    changesField(story, numberOf),
    sourcesField(citedNumbers(story, numberOf), sources, listed),
  ].filter((f): f is APIEmbedField => f !== null);
  const count = Number.isFinite(story.newDocuments) ? Math.max(0, Math.trunc(story.newDocuments)) : 0;
  return {
    title: fitText(normalizeText(story.headline) || normalizeText(story.label) || "Story", LIMITS.title),
    ...(text.length > 0 ? { description: text } : {}),
    ...(fields.length > 0 ? { fields } : {}),
    color: COLOR,
    footer: { text: `${plural(count, "new document")} · [n] is source n` },
  };
}

/** The sources no story listed, numbered as in the digest, as many embeds as they need. */
function moreSourcesEmbeds(sources: readonly SourceRef[], listed: ReadonlySet<number>): APIEmbed[] {
  const lines = sources.flatMap((s, i) =>
    listed.has(i + 1) ? [] : [sourceLine(s, i + 1, SOURCE_TITLE_ON_PAGE)],
  );
  const pages: string[][] = [];
  let page: string[] = [];
  let used = 0;
  for (const line of lines) {
    const cost = measure(line) + (page.length > 0 ? 1 : 0);
    if (page.length > 0 && used + cost > MORE_SOURCES_DESCRIPTION) {
      pages.push(page);
      page = [];
      used = 0;
    }
    page.push(line);
    used += measure(line) + (page.length > 1 ? 1 : 0);
  }
  if (page.length > 0) pages.push(page);
  return pages.map((p, i) => ({
    title: pages.length > 1 ? `More sources (${i + 1}/${pages.length})` : "More sources",
    description: p.join("\n"),
    color: COLOR,
  }));
}

/** Embeds in order, as few messages as Discord's limits allow. */
function intoMessages(embeds: readonly APIEmbed[]): APIEmbed[][] {
  const messages: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  for (const embed of embeds) {
    const fits = current.length < LIMITS.embeds && embedCharacters([...current, embed]) <= LIMITS.total;
    if (!fits && current.length > 0) {
      messages.push(current);
      current = [];
    }
    current.push(embed);
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

function isoDay(ms: number): string | null {
  if (!Number.isFinite(ms)) return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

/** A message over a limit is a renderer bug: fail here, naming the limit, rather than have Discord refuse it. */
function checked(message: RenderedMessage): RenderedMessage {
  const problems = limitViolations(message);
  if (problems.length > 0) throw new Error(`rendered digest breaks Discord limits: ${problems.join("; ")}`);
  return message;
}

export function renderDigest(digest: Digest, options: RenderDigestOptions): RenderedMessage[] {
  const title = normalizeText(options.title);
  const heading = title ? `**${fitText(title, TITLE_MAX)}**` : "";
  if (digest.empty || digest.stories.length === 0) {
    if (options.emptyLine === null) return [];
    const line = normalizeText(options.emptyLine);
    const content = [heading, line ? fitText(line, LIMITS.content - TITLE_MAX - 16) : ""]
      .filter((part) => part.length > 0)
      .join("\n");
    if (!content) return [];
    return [checked({ content, embeds: [], components: [], allowed_mentions: { parse: [] } })];
  }
  const numberOf = numbering(digest.sources);
  const listed = new Set<number>();
  const embeds = digest.stories.map((story) => storyEmbed(story, digest.sources, numberOf, listed));
  embeds.push(...moreSourcesEmbeds(digest.sources, listed));
  const messages = intoMessages(embeds);
  const from = isoDay(digest.since);
  const to = isoDay(digest.until);
  const span = from && to ? ` · ${from} to ${to}` : "";
  const summary = `${plural(digest.stories.length, "story", "stories")} · ${plural(digest.sources.length, "source")}${span}`;
  return messages.map((group, i) => {
    const part = `${i + 1}/${messages.length}`;
    const content =
      i === 0
        ? [heading, messages.length > 1 ? `${summary} · ${part}` : summary]
            .filter((p) => p.length > 0)
            .join("\n")
        : `${heading || "Digest"} (continued, ${part})`;
    return checked({ content, embeds: group, components: [], allowed_mentions: { parse: [] } });
  });
}
