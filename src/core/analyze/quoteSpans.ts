// Finds the spans of direct quotations in a paragraph, for every mark style: “…” «…» „…“ "…" ‘…’ '…',
// including mismatched pairs such as «…“ and quotes left open at the end of a paragraph.

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

const DOUBLE = new Set(["“", "”", "„", "«", "»", '"', "‟", "〝", "〞"]);
const SINGLE_OPEN = new Set(["‘", "'", "‚", "‹"]);
const SINGLE_CLOSE = new Set(["’", "'", "›"]);

const isLetterOrDigit = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

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

/** Double marks alternate open/close within a paragraph; their direction is not trusted (see «…“). */
function doubleSpans(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let open: number | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (!DOUBLE.has(ch)) continue;
    // A straight double mark after a digit is an inch sign, not a quote.
    if (ch === '"' && open === null && /\d/.test(text[i - 1] ?? "")) continue;
    if (open === null) open = i;
    else {
      spans.push(span(text, open, i));
      open = null;
    }
  }
  if (open !== null && open < text.length - 1) spans.push(span(text, open, null));
  return spans;
}

/** Single marks double as apostrophes, so they only count with a word boundary on the outside. */
function singleSpans(text: string, taken: QuoteSpan[]): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  const inside = (i: number): boolean => taken.some((s) => i >= s.open && i < s.close);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (!SINGLE_OPEN.has(ch) || inside(i)) continue;
    if (isLetterOrDigit(text[i - 1]) || !isLetterOrDigit(text[i + 1])) continue;
    for (let j = i + 2; j < text.length; j++) {
      const c = text[j] ?? "";
      if (inside(j) || c === "\n") break;
      if (!SINGLE_CLOSE.has(c) || isLetterOrDigit(text[j + 1])) continue;
      if (!/[\p{L}\p{N}.,!?…]/u.test(text[j - 1] ?? "")) continue;
      spans.push(span(text, i, j));
      i = j;
      break;
    }
  }
  return spans;
}

export function findQuoteSpans(text: string): QuoteSpan[] {
  const doubles = doubleSpans(text);
  return [...doubles, ...singleSpans(text, doubles)]
    .filter((s) => s.innerEnd > s.innerStart)
    .sort((a, b) => a.open - b.open);
}
