// Splits a document into blocks at blank lines and at line breaks that end a line standing alone.
import { scanBlock, type SentenceSpan } from "./scan.js";
import { isLower, isNewline, isWs, RUNS_ON } from "./text.js";

/** A line at least this long that runs on into a lowercase word is wrapped prose, not a list of short items. */
const WRAPPED_LINE = 40;

export function segmentSpans(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  const n = text.length;
  let blockStart = 0;
  let lineStart = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c > 13 && c < 0x2028) || !isNewline(c)) continue;
    const after = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
    let k = after;
    let blank = c === 0x2029;
    while (!blank && k < n) {
      const d = text.charCodeAt(k);
      if (isNewline(d)) blank = true;
      else if (isWs(d)) k++;
      else break;
    }
    if (blank) {
      scanBlock(text, blockStart, i, out);
      while (k < n && isWs(text.charCodeAt(k))) k++;
      blockStart = lineStart = k;
      i = k - 1;
      continue;
    }
    if (!continuesLine(text, lineStart, i, k)) {
      scanBlock(text, blockStart, i, out);
      blockStart = after;
    }
    lineStart = after;
    i = after - 1;
  }
  scanBlock(text, blockStart, n, out);
  return out;
}

/**
 * Whether a single line break at `br` is wrapped prose rather than a break between lines that stand alone
 * (headings, list items, captions). Only a lowercase continuation that is not a list marker qualifies, and
 * only after a long line or one that visibly runs on (trailing space, comma, hyphen); or a parenthesis
 * after trailing space.
 */
function continuesLine(text: string, lineStart: number, br: number, next: number): boolean {
  if (next >= text.length) return false;
  const first = text.charCodeAt(next);
  if (first === 0x28) return isWs(text.charCodeAt(br - 1));
  if (!isLower(first)) return false;
  let p = next;
  while (p < next + 4 && isLower(text.charCodeAt(p))) p++;
  const m = text.charCodeAt(p);
  if ((m === 0x2e || m === 0x29) && (p + 1 >= text.length || isWs(text.charCodeAt(p + 1)))) return false;
  const prev = text.charCodeAt(br - 1);
  return br - lineStart >= WRAPPED_LINE || isWs(prev) || RUNS_ON.has(prev);
}
