// A summary item's phrasing as a selection of evidence spans: repaired to the nearest valid selection
// (spans in range, each once, in evidence order, every main span of a used sentence kept, at most two
// sentences, a connective from the closed list), then written by our code from the evidence itself.
import type { Span } from "./spans.js";
import { CONNECTIVES, type Connective } from "./words.js";

export interface Selection {
  /** Span numbers kept, ascending. */
  keep: number[];
  /** Between two kept sentences; null writes them as two sentences. */
  join: Connective | null;
}

/** The rules a model's answer can break; each repair or refusal is logged under its name. */
export type SelectionRule =
  | "span-out-of-range"
  | "span-repeated"
  | "span-order"
  | "main-clause-dropped"
  | "too-many-sentences"
  | "connective-not-allowed"
  | "empty-selection";

/** Most evidence sentences one item may join. */
export const MAX_JOINED = 2;

export interface Repaired {
  selection: Selection | null;
  broken: SelectionRule[];
}

/** Ranges as a model may give them ({from, to}, inclusive, either way round) → span numbers in given order. */
export function expandRanges(ranges: ReadonlyArray<{ from: number; to: number }>, limit: number): number[] {
  const out: number[] = [];
  for (const r of ranges) {
    if (!Number.isInteger(r.from) || !Number.isInteger(r.to)) continue;
    const step = r.from <= r.to ? 1 : -1;
    // Bounded by the item's span count, so a range of a billion costs nothing.
    const lo = Math.max(Math.min(r.from, r.to), -1);
    const hi = Math.min(Math.max(r.from, r.to), limit);
    const list: number[] = [];
    for (let n = lo; n <= hi; n++) list.push(n);
    if (step < 0) list.reverse();
    if (Math.min(r.from, r.to) < 0 || Math.max(r.from, r.to) >= limit) list.push(-1);
    out.push(...list);
  }
  return out;
}

/** The nearest valid selection to what was asked, and the rules the request broke. */
export function repairSelection(spans: readonly Span[], keep: readonly number[], join: unknown): Repaired {
  const broken = new Set<SelectionRule>();
  const inRange = keep.filter((n) => Number.isInteger(n) && n >= 0 && n < spans.length);
  if (inRange.length !== keep.length) broken.add("span-out-of-range");
  const unique = [...new Set(inRange)];
  if (unique.length !== inRange.length) broken.add("span-repeated");
  const sorted = [...unique].sort((a, b) => a - b);
  if (sorted.some((n, i) => n !== unique[i])) broken.add("span-order");
  let sentences = [...new Set(sorted.map((n) => spans[n]?.sentence ?? -1))];
  if (sentences.length > MAX_JOINED) {
    broken.add("too-many-sentences");
    sentences = sentences.slice(0, MAX_JOINED);
  }
  const used = new Set(sentences);
  const chosen = new Set(sorted.filter((n) => used.has(spans[n]?.sentence ?? -1)));
  for (const span of spans) {
    if (span.main && used.has(span.sentence) && !chosen.has(span.n)) {
      broken.add("main-clause-dropped");
      chosen.add(span.n);
    }
  }
  let connective: Connective | null = null;
  if (join !== null && join !== undefined && join !== "") {
    if ((CONNECTIVES as readonly unknown[]).includes(join)) connective = join as Connective;
    else broken.add("connective-not-allowed");
  }
  if (chosen.size === 0) {
    broken.add("empty-selection");
    return { selection: null, broken: [...broken] };
  }
  return { selection: { keep: [...chosen].sort((a, b) => a - b), join: connective }, broken: [...broken] };
}

const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
/** A function word opening a joined sentence is lower-cased; a name keeps its capital. */
const lowerFunctionWord = (s: string): string =>
  /^(?:The|A|An|It|Its|This|That|These|Those|There|Their|They|He|She|His|Her|In|On|At|By|For|With|After|Before|Under|Over|As)\b/.test(
    s,
  )
    ? s.charAt(0).toLowerCase() + s.slice(1)
    : s;

/** Dropped openers that make no sense on their own at the start ("But", "And", "So"): none are kept. */
const END = /[.!?…]["”’»)]*$/u;

/** "the statement said.", "Reuters reported.", "according to the filing": an attribution closing a sentence. */
const TRAILING_ATTRIBUTION =
  /^(?:according to\b.*|(?:the |a |an |\p{Lu})[^,;]*\b(?:said|says|reported|reports|told|added|noted|wrote)[.!?]?)$/u;

/** One sentence's kept spans, punctuated the way the sentence was. */
function writeSentence(spans: readonly Span[], kept: ReadonlySet<number>): string {
  let out = "";
  let previous: Span | null = null;
  let gapSeparators: string[] = [];
  for (const span of spans) {
    if (!kept.has(span.n)) {
      if (previous) gapSeparators.push(span.after);
      continue;
    }
    if (previous) {
      let sep: string;
      if (gapSeparators.length === 0) sep = previous.after;
      else {
        const last = gapSeparators.at(-1) ?? "";
        const first = previous.after;
        // "A; [dropped], B" keeps the strong break; "Acme, the firm, will" and "Globex — a firm — for"
        // close up; "X, following Y, Dana Reyes said" keeps its comma before the next clause.
        if (last === ";" || last === ":") sep = last;
        else if (first === ";" || first === ":") sep = first;
        else if (first === "," && last === "," && /^(?:\p{Lu}|the\b|a\b|an\b)/u.test(span.text)) sep = ",";
        else if (first === "," && last === "—") sep = ",";
        else if (last === "," && span.main && TRAILING_ATTRIBUTION.test(span.text)) sep = ",";
        else sep = "";
      }
      out += sep === "" ? " " : sep === "—" ? " — " : `${sep} `;
    }
    out += span.text;
    previous = span;
    gapSeparators = [];
  }
  out = out.trim();
  if (!END.test(out)) out = `${out.replace(/[,;:\s—–-]+$/u, "")}.`;
  return upperFirst(out);
}

/** The text of a selection, written from the evidence spans alone. */
export function assemble(spans: readonly Span[], selection: Selection): string {
  const kept = new Set(selection.keep);
  const bySentence = new Map<number, Span[]>();
  for (const span of spans) {
    const list = bySentence.get(span.sentence) ?? [];
    list.push(span);
    bySentence.set(span.sentence, list);
  }
  const parts = [...bySentence.entries()]
    .sort(([a], [b]) => a - b)
    .filter(([, list]) => list.some((s) => kept.has(s.n)))
    .map(([, list]) => writeSentence(list, kept));
  if (parts.length < 2 || selection.join === null) return parts.join(" ");
  const [first = "", second = ""] = parts;
  const head = first.replace(/[.!?…]+$/u, "");
  const tail = lowerFunctionWord(second);
  if (selection.join === "and") return `${head}, and ${tail}`;
  return selection.join === ";" ? `${head}; ${tail}` : `${head} — ${tail}`;
}

/** The selection that keeps every span of the first sentence: the template bullet's own text. */
export function wholeFirstSentence(spans: readonly Span[]): Selection {
  return { keep: spans.filter((s) => s.sentence === 0).map((s) => s.n), join: null };
}
