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

/** Single marks only count with a word boundary on the outside, and close within MAX_SINGLE_CHARS. */
function singleSpans(text: string, taken: readonly QuoteSpan[]): QuoteSpan[] {
  const n = text.length;
  // Where each offset's enclosing double-quoted span ends (or -1): single quotes never cross one.
  const takenEnd = new Int32Array(n).fill(-1);
  for (const s of taken) takenEnd.fill(s.close, s.open, Math.min(s.close, n));
  // nextClose[j]: the first offset ≥ j that can close a single quote, before any line break or double span.
  const nextClose = new Int32Array(n + 1).fill(-1);
  for (let j = n - 1; j >= 0; j--) {
    const c = text[j] ?? "";
    if (c === "\n" || (takenEnd[j] ?? -1) >= 0) {
      nextClose[j] = -1;
      continue;
    }
    const closes =
      SINGLE_CLOSE.has(c) && !isLetterOrDigit(text[j + 1]) && /[\p{L}\p{N}.,!?…]/u.test(text[j - 1] ?? "");
    nextClose[j] = closes ? j : (nextClose[j + 1] ?? -1);
  }
  const spans: QuoteSpan[] = [];
  for (let i = 0; i < n; i++) {
    const ch = text[i] ?? "";
    if (!SINGLE_OPEN.has(ch)) continue;
    const end = takenEnd[i] ?? -1;
    if (end >= 0) {
      i = end - 1;
      continue;
    }
    if (isLetterOrDigit(text[i - 1]) || !isLetterOrDigit(text[i + 1])) continue;
    const j = i + 2 <= n ? (nextClose[i + 2] ?? -1) : -1;
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
