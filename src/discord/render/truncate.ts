// Text for Discord: normalising and escaping document text, and cutting it only where a cut is allowed
// (sentence ends, then word boundaries), never inside a surrogate pair or a grapheme cluster.
import { measure } from "./limits.js";

const ZWSP = "\u200B";
const ELLIPSIS = "…";
/** Word and grapheme boundaries depend on a few characters around them; sentence ends on more. */
const WORD_MARGIN = 64;
export const SENTENCE_MARGIN = 1000;

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const wordSegmenter = new Intl.Segmenter(undefined, { granularity: "word" });
const sentenceSegmenter = new Intl.Segmenter(undefined, { granularity: "sentence" });

/** With the u flag a surrogate range matches only surrogates that are not half of a pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/gu;
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F]/gu;
/** Scripts written without spaces between words: there, word-segmenter boundaries are word boundaries. */
const NO_SPACE_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;

/**
 * One line of plain text: lone surrogates become U+FFFD, control characters go, every run of whitespace
 * (newlines included) becomes one space. Words are never changed.
 */
export function normalizeText(text: string): string {
  return text.replace(LONE_SURROGATE, "\uFFFD").replace(CONTROL, "").replace(/\s+/gu, " ").trim();
}

/** Inserts a zero-width space after every `@` and `<`: no @everyone, @here, <@id>, <@&id>, <#id>, <t:…>, <:emoji:id>. */
export function neutraliseMentions(text: string): string {
  return text.replace(/[@<]/gu, `$&${ZWSP}`);
}

/**
 * Document text as inert Discord markdown: formatting characters and brackets (masked links) are
 * backslash-escaped, block syntax at the start is escaped, mentions are neutralised.
 */
export function escapeMarkdown(text: string): string {
  const escaped = text
    .replace(/[\\*_~`|>[\]]/gu, "\\$&")
    .replace(/^([#+-])/u, "\\$1")
    .replace(/^(\d+)\./u, "$1\\.");
  return neutraliseMentions(escaped);
}

/** Text for the inside of a masked link `[text](url)`: parentheses escaped too, so `](` never occurs in it. */
export function escapeLinkText(text: string): string {
  return escapeMarkdown(text).replace(/[()]/gu, "\\$&");
}

/** An http(s) URL safe to put in `[text](url)`, or undefined: no other scheme, no credentials, no raw parentheses or spaces. */
export function safeHttpUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
  parsed.username = "";
  parsed.password = "";
  return parsed.href.replace(
    /[()<>\s[\]`'"]/gu,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

/** Whether an offset (UTF-16) of text is a grapheme boundary: never inside a surrogate pair, flag or ZWJ sequence. */
function graphemeBoundary(text: string): (offset: number) => boolean {
  const segments = graphemeSegmenter.segment(text);
  return (offset) => offset === text.length || segments.containing(offset)?.index === offset;
}

function codePointBefore(text: string, index: number): string {
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) return text.slice(index - 2, index);
  return text.slice(index - 1, index);
}

function codePointAt(text: string, index: number): string {
  const cp = text.codePointAt(index);
  return cp === undefined ? "" : String.fromCodePoint(cp);
}

/** Where a sentence ends inside text (offsets, ascending, text.length excluded). */
export function sentenceCuts(text: string): number[] {
  const isBoundary = graphemeBoundary(text);
  const cuts: number[] = [];
  for (const { index } of sentenceSegmenter.segment(text))
    if (index > 0 && isBoundary(index)) cuts.push(index);
  return cuts;
}

/**
 * Where a word ends inside text: before a space, or, in scripts written without spaces, at a boundary of
 * the word segmenter. Never between two letters or digits of a space-separated script.
 */
export function wordCuts(text: string): number[] {
  const isBoundary = graphemeBoundary(text);
  const cuts = new Set<number>();
  for (let i = text.indexOf(" ", 1); i > 0; i = text.indexOf(" ", i + 1)) if (isBoundary(i)) cuts.add(i);
  if (NO_SPACE_SCRIPT.test(text)) {
    for (const { index } of wordSegmenter.segment(text)) {
      if (index === 0 || !isBoundary(index)) continue;
      const before = codePointBefore(text, index);
      const after = codePointAt(text, index);
      const spaced = (c: string) => LETTER_OR_DIGIT.test(c) && !NO_SPACE_SCRIPT.test(c);
      if ((NO_SPACE_SCRIPT.test(before) || NO_SPACE_SCRIPT.test(after)) && !spaced(before) && !spaced(after))
        cuts.add(index);
    }
  }
  return [...cuts].sort((a, b) => a - b);
}

/** Every grapheme boundary: the last resort, for metadata only (titles, names), never for items. */
export function graphemeCuts(text: string): number[] {
  const cuts: number[] = [];
  for (const { index } of graphemeSegmenter.segment(text)) if (index > 0) cuts.push(index);
  return cuts;
}

/**
 * The longest prefix of text ending at one of cuts (trailing spaces dropped) that `fits` accepts, or
 * undefined. `fits` must be monotonic (a shorter prefix renders no longer), so a binary search finds it.
 */
export function longestFitting(
  text: string,
  cuts: readonly number[],
  fits: (prefix: string) => boolean,
): string | undefined {
  const prefixAt = (i: number) => text.slice(0, cuts[i]).trimEnd();
  let lo = 0;
  let hi = cuts.length - 1;
  let best: string | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const prefix = prefixAt(mid);
    if (prefix.length > 0 && fits(prefix)) {
      best = prefix;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/**
 * Metadata (a label, a title, a name) rendered within max characters: whole if it fits, else cut at a
 * word boundary with "…", else (one enormous word) at a grapheme boundary.
 */
export function fitText(text: string, max: number, render: (s: string) => string = escapeMarkdown): string {
  const whole = render(text);
  if (measure(whole) <= max) return whole;
  const fits = (prefix: string) => measure(render(prefix) + ELLIPSIS) <= max;
  const near = prefixWindow(text, max);
  const cut =
    longestFitting(near, wordCuts(near), fits) ?? longestFitting(near, graphemeCuts(near), fits) ?? "";
  return render(cut) + ELLIPSIS;
}

/**
 * The start of text that can hold every prefix rendering within max characters (rendering never
 * shortens text), plus a margin so that boundaries up to max are found as in the whole text.
 */
export function prefixWindow(text: string, max: number, margin = WORD_MARGIN): string {
  return text.length <= max + margin ? text : text.slice(0, max + margin);
}
