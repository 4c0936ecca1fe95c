// Finds the spans of direct quotations in a paragraph, for every mark style: “…” «…» „…“ "…" ‘…’ '…',
// including mismatched pairs such as «…“ and quotes left open at the end of a paragraph. One pass over the
// text and one backwards pass for single marks: linear in the paragraph, whatever the marks (hostile input).

export interface QuoteSpan {
  /** Offsets (in the text given) of the opening mark and just past the closing mark, or paragraph end. */
  open: number;
  close: number;
  /** The quoted words, without marks, surrounding spaces or a trailing comma. */
  innerStart: number;
  innerEnd: number;
  /** The paragraph ended before a closing mark. */
  unclosed: boolean;
}

/** A quotation longer than this is a run of unbalanced marks, not something anyone said. */
export const MAX_QUOTE_CHARS = 4000;
/** Single marks double as apostrophes: a single-quoted span must close within this many characters. */
const MAX_SINGLE_CHARS = 600;

const STRAIGHT = 0x22;
const CURLY_DOUBLE = new Set(["“", "”", "„", "«", "»", "‟", "〝", "〞"]);
const SINGLE_OPEN = new Set(["‘", "'", "‚", "‹"]);
const SINGLE_CLOSE = new Set(["’", "'", "›"]);

const isLetterOrDigit = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

/** A mark opens after the start, whitespace, a bracket, a dash or a colon; otherwise it closes. */
function opensHere(text: string, i: number): boolean {
  if (i === 0) return true;
  return /[\s([{\u2014\u2013\-:/]/u.test(text[i - 1] ?? "");
}

function inner(text: string, from: number, to: number): [number, number] {
  let start = from;
  let end = to;
  while (start < end && /\s/.test(text[start] ?? "")) start++;
  while (end > start && /[\s,]/.test(text[end - 1] ?? "")) end--;
  return [start, end];
}

function span(text: string, open: number, closeMark: number | null): QuoteSpan {
  const close = closeMark === null ? text.length : closeMark + 1;
  const [innerStart, innerEnd] = inner(text, open + 1, closeMark ?? text.length);
  return { open, close, innerStart, innerEnd, unclosed: closeMark === null };
}

type Style = "straight" | "curly";

/**
 * Double marks. Straight marks take their direction from what stands before them; curly marks of any shape
 * pair with each other (so «…“ and „…“ pair). Inside an open quote, a mark of the other style that opens
 * starts a nested quote, and one that closes ends the nested quote, or the outer quote when none is open
 * (scraped text mixes "…” freely). A closing mark with nothing open is a stray; an opening mark of the open
 * quote's own style before a word means the earlier one was never closed, so it is dropped rather than
 * paired across sentences.
 */
function doubleSpans(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let open: number | null = null;
  let style: Style | null = null;
  let nested = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const ch = text[i] ?? "";
    const s: Style | null = code === STRAIGHT ? "straight" : CURLY_DOUBLE.has(ch) ? "curly" : null;
    if (!s) continue;
    // A straight double mark after a digit is an inch sign, not a quote.
    if (s === "straight" && /\d/.test(text[i - 1] ?? "")) continue;
    const beforeWord = isLetterOrDigit(text[i + 1]);
    // ” opens only where it plainly starts a quotation (some outlets print ”…” ); « „ “ 〝 ‟ may always open.
    const opening =
      s === "straight" || ch === "”" || ch === "〞" || ch === "»"
        ? opensHere(text, i) && (beforeWord || ch === "»" || s === "straight")
        : true;
    if (open === null) {
      if (opening) {
        open = i;
        style = s;
        nested = false;
      }
      continue;
    }
    if (s !== style) {
      if (opening && beforeWord && opensHere(text, i)) nested = true;
      else if (nested) nested = false;
      else close(i);
      continue;
    }
    if (opening && beforeWord && opensHere(text, i) && (ch === '"' || ch === "“" || ch === "„")) {
      open = i;
      nested = false;
      continue;
    }
    close(i);
  }
  function close(at: number): void {
    if (open !== null) spans.push(span(text, open, at));
    open = null;
    style = null;
    nested = false;
  }
  if (open !== null && open < text.length - 1) spans.push(span(text, open, null));
  return spans.filter((s) => s.close - s.open <= MAX_QUOTE_CHARS);
}

/** Where a single mark at `j` could close a quote: after a word or its punctuation, not before a word. */
function closesSingle(text: string, j: number): boolean {
  return (
    SINGLE_CLOSE.has(text[j] ?? "") &&
    !isLetterOrDigit(text[j + 1]) &&
    /[\p{L}\p{N}.,!?…]/u.test(text[j - 1] ?? "")
  );
}

/**
 * Whether offsets fall inside one of the sorted, disjoint double-quoted spans, for offsets asked in
 * increasing order: a cursor instead of a per-offset table, so no array as long as the text is allocated.
 */
class TakenCursor {
  private k = 0;

  constructor(private readonly taken: readonly QuoteSpan[]) {}

  /** The end of the span holding `at`, or -1. */
  endAt(at: number): number {
    while (this.k < this.taken.length && (this.taken[this.k]?.close ?? 0) <= at) this.k++;
    const s = this.taken[this.k];
    return s !== undefined && s.open <= at ? s.close : -1;
  }
}

/** Single marks only count with a word boundary on the outside, and close within MAX_SINGLE_CHARS. */
function singleSpans(text: string, taken: readonly QuoteSpan[]): QuoteSpan[] {
  const n = text.length;
  const inTaken = new TakenCursor(taken);
  // The first offset ≥ the last one asked where a single quote closes or is cut off (a line break or a
  // double-quoted span: single quotes never cross one). Asked for increasing offsets, so one forward scan
  // serves every opening mark.
  const scanTaken = new TakenCursor(taken);
  let event = -1;
  let eventCloses = false;
  const nextClose = (from: number): number => {
    if (event < from) {
      event = from;
      while (event < n && text[event] !== "\n" && scanTaken.endAt(event) < 0 && !closesSingle(text, event))
        event++;
      eventCloses = event < n && text[event] !== "\n" && scanTaken.endAt(event) < 0;
    }
    return eventCloses ? event : -1;
  };
  const spans: QuoteSpan[] = [];
  for (let i = 0; i < n; i++) {
    const ch = text[i] ?? "";
    if (!SINGLE_OPEN.has(ch)) continue;
    const end = inTaken.endAt(i);
    if (end >= 0) {
      i = end - 1;
      continue;
    }
    if (isLetterOrDigit(text[i - 1]) || !isLetterOrDigit(text[i + 1])) continue;
    const j = i + 2 <= n ? nextClose(i + 2) : -1;
    if (j < 0 || j - i > MAX_SINGLE_CHARS) continue;
    spans.push(span(text, i, j));
    i = j;
  }
  return spans;
}

export function findQuoteSpans(text: string): QuoteSpan[] {
  const doubles = doubleSpans(text);
  return [...doubles, ...singleSpans(text, doubles)]
    .filter((s) => s.innerEnd > s.innerStart)
    .sort((a, b) => a.open - b.open);
}
