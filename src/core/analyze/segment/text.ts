// Character classes and a bounded view of one block's text, shared by every stage of the segmenter.

/** How far back a period looks for the start of its word. */
export const MAX_TOKEN = 64;

// Non-ASCII characters are rare in news text, so the regexes below only run past the ASCII fast paths.
const NON_ASCII_UPPER = /\p{Lu}|\p{Lt}/u;
const NON_ASCII_LOWER = /\p{Ll}/u;
const NON_ASCII_LETTER = /\p{L}/u;
function codes(chars: string): ReadonlySet<number> {
  const set = new Set<number>();
  for (let i = 0; i < chars.length; i++) set.add(chars.charCodeAt(i));
  return set;
}
const NON_ASCII_SPACES = codes(
  "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff",
);
const DOUBLE_QUOTES = codes('"“”„‟«»＂');
const SINGLE_QUOTES = codes("'‘’‚‛‹›`");
const BULLETS = codes("•‣⁃∙·▪▫■□●○◦►▸◆◇");
/** Punctuation that may sit before a sentence's first word, besides quotes and bullets. */
const LEADING = codes("([{¿¡*-–—");
/** Characters that can follow a closing mark but never start a quotation. */
const AFTER_CLOSE = codes(")]},;:!?");
/** After a sentence-final mark these continue the sentence: "Yahoo!, he said", "(Ind.), a member". */
export const CONTINUING = codes(",;:%)]}");
/** A line ending in these runs on into the next. */
export const RUNS_ON = codes(",;:-–—");
export const BANGS = codes("!?‼⁇⁈⁉");
/** CJK and full-width stops end a sentence with no space after them. */
export const WIDE_STOPS = codes("。．！？｡");

export const isUpper = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c > 127 && NON_ASCII_UPPER.test(String.fromCharCode(c)));
export const isLower = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c > 127 && NON_ASCII_LOWER.test(String.fromCharCode(c)));
export const isLetter = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c > 127 && NON_ASCII_LETTER.test(String.fromCharCode(c)));
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
export const isNewline = (c: number): boolean => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
export const isWs = (c: number): boolean =>
  c === 32 || (c >= 9 && c <= 13) || (c > 127 && NON_ASCII_SPACES.has(c));
export const isHSpace = (c: number): boolean => isWs(c) && !isNewline(c);
/** 1: double-quote family, 2: single family (also apostrophes), 0: not a quotation mark. */
export const quoteFamily = (c: number): number => (DOUBLE_QUOTES.has(c) ? 1 : SINGLE_QUOTES.has(c) ? 2 : 0);
export const isBullet = (c: number): boolean => BULLETS.has(c);
export const isOpenBracket = (c: number): boolean => c === 0x28 || c === 0x5b || c === 0x7b;
export const isCloseBracket = (c: number): boolean => c === 0x29 || c === 0x5d || c === 0x7d;
export const isLeading = (c: number): boolean => LEADING.has(c) || quoteFamily(c) !== 0 || BULLETS.has(c);
export const isAfterClose = (c: number): boolean => AFTER_CLOSE.has(c) || quoteFamily(c) !== 0;

/** One paragraph or line with no hard breaks inside, trimmed: text[s, e). */
export class BlockText {
  readonly s: number;
  readonly e: number;

  constructor(
    readonly text: string,
    start: number,
    end: number,
  ) {
    while (start < end && isWs(text.charCodeAt(start))) start++;
    while (end > start && isWs(text.charCodeAt(end - 1))) end--;
    this.s = start;
    this.e = end;
  }

  /** The code unit at i, or -1 outside the block, so look-arounds need no bounds checks. */
  at(i: number): number {
    return i < this.e && i >= this.s ? this.text.charCodeAt(i) : -1;
  }

  /** Index of the first character after the whitespace at `j`, or -1 if there is no whitespace or no text. */
  gap(j: number): number {
    if (!isWs(this.at(j))) return -1;
    while (isWs(this.at(j))) j++;
    return j < this.e ? j : -1;
  }

  upperNext(k: number): boolean {
    const c = this.at(k);
    return isUpper(c) || ((quoteFamily(c) !== 0 || isOpenBracket(c)) && isUpper(this.at(k + 1)));
  }

  /** The letters from k on: the word a sentence would open with. */
  wordAt(k: number): string {
    let w = k;
    while (isLetter(this.at(w))) w++;
    return this.text.slice(k, w);
  }
}

/** Elements per chunk of an IntStack: 16 KB, well under the size at which V8 allocates apart. */
const INT_CHUNK = 4096;

/**
 * A stack of 32-bit integers in fixed-size typed chunks. A plain array that grows with a megabyte paragraph
 * moves to V8's large-object space, where every growth maps fresh pages; on a VM where a page fault costs
 * ~10 µs that made the cost per KB of segmenting climb with the paragraph's length.
 */
export class IntStack {
  private readonly chunks: Int32Array[] = [];
  private size = 0;

  get length(): number {
    return this.size;
  }

  /** The element at k, or undefined outside [0, length). */
  at(k: number): number | undefined {
    if (k < 0 || k >= this.size) return undefined;
    return this.chunks[Math.floor(k / INT_CHUNK)]?.[k % INT_CHUNK];
  }

  push(value: number): void {
    const c = Math.floor(this.size / INT_CHUNK);
    let chunk = this.chunks[c];
    if (!chunk) {
      chunk = new Int32Array(INT_CHUNK);
      this.chunks.push(chunk);
    }
    chunk[this.size % INT_CHUNK] = value;
    this.size++;
  }

  pop(): number | undefined {
    if (this.size === 0) return undefined;
    this.size--;
    return this.chunks[Math.floor(this.size / INT_CHUNK)]?.[this.size % INT_CHUNK];
  }
}
