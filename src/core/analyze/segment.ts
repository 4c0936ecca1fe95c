// Sentence segmentation for English news text. Every span's offsets point back into the source verbatim, so
// callers can prove that a sentence or a quote is a substring of the document. Linear scans, no regex on the
// hot path: it runs on every document at ingest.

import {
  LIST_END,
  MAY_END,
  NEVER_FINAL,
  SENTENCE_STARTERS,
  SPEECH_VERBS,
  TIME,
  TIME_PREPOSITIONS,
  TIME_ZONES,
} from "./abbreviations.js";

export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

/** A quotation or parenthesis longer than this is not shielded from splitting: it is more likely a mark left open. */
const MAX_QUOTE = 600;
const MAX_PAREN = 300;
/** A line at least this long that runs on into a lowercase word is wrapped prose, not a list of short items. */
const WRAPPED_LINE = 40;
/** How far back a period looks for the start of its word. */
const MAX_TOKEN = 64;

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
const CONTINUING = codes(",;:%)]}");
/** A line ending in these runs on into the next. */
const RUNS_ON = codes(",;:-–—");
const BANGS = codes("!?‼⁇⁈⁉");
/** CJK and full-width stops end a sentence with no space after them. */
const WIDE_STOPS = codes("。．！？｡");

const isUpper = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c > 127 && NON_ASCII_UPPER.test(String.fromCharCode(c)));
const isLower = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c > 127 && NON_ASCII_LOWER.test(String.fromCharCode(c)));
const isLetter = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c > 127 && NON_ASCII_LETTER.test(String.fromCharCode(c)));
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isNewline = (c: number): boolean => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
const isWs = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || (c > 127 && NON_ASCII_SPACES.has(c));
const isHSpace = (c: number): boolean => isWs(c) && !isNewline(c);
/** 1: double-quote family, 2: single family (also apostrophes), 0: not a quotation mark. */
const quoteFamily = (c: number): number => (DOUBLE_QUOTES.has(c) ? 1 : SINGLE_QUOTES.has(c) ? 2 : 0);
const isBullet = (c: number): boolean => BULLETS.has(c);
const isOpenBracket = (c: number): boolean => c === 0x28 || c === 0x5b || c === 0x7b;
const isCloseBracket = (c: number): boolean => c === 0x29 || c === 0x5d || c === 0x7d;
const isLeading = (c: number): boolean => LEADING.has(c) || quoteFamily(c) !== 0 || BULLETS.has(c);
const isAfterClose = (c: number): boolean => AFTER_CLOSE.has(c) || quoteFamily(c) !== 0;

export function splitSentences(text: string): string[] {
  return segmentSpans(text).map((span) => span.text);
}

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
      new Block(text, blockStart, i, out).run();
      while (k < n && isWs(text.charCodeAt(k))) k++;
      blockStart = lineStart = k;
      i = k - 1;
      continue;
    }
    if (!continuesLine(text, lineStart, i, k)) {
      new Block(text, blockStart, i, out).run();
      blockStart = after;
    }
    lineStart = after;
    i = after - 1;
  }
  new Block(text, blockStart, n, out).run();
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

/** What the word before a period is, which decides whether the period can end a sentence. */
const enum Kind {
  Plain,
  Never,
  Label,
  Time,
  ListEnd,
  MayEnd,
}

/** One paragraph or line with no hard breaks inside; splits it at sentence ends and list items. */
class Block {
  private readonly s: number;
  private readonly e: number;
  /** Outermost quotation/parenthesis regions, sorted: [start0, end0, start1, end1, ...] (end = closing mark). */
  private readonly regions: number[] = [];
  private region = 0;
  /** Closing quotation marks that stand apart from the text (`States. “`), which a sentence end absorbs. */
  private readonly looseClosers = new Set<number>();
  private readonly cuts: number[] = [];
  private cutStart: number;
  /** Everything from cutStart up to here is known to hold no letter (kept so re-checks stay linear). */
  private letterless: number;

  constructor(
    private readonly text: string,
    start: number,
    end: number,
    private readonly out: SentenceSpan[],
  ) {
    while (start < end && isWs(text.charCodeAt(start))) start++;
    while (end > start && isWs(text.charCodeAt(end - 1))) end--;
    this.s = start;
    this.e = end;
    this.cutStart = start;
    this.letterless = start;
  }

  private at(i: number): number {
    return i < this.e && i >= this.s ? this.text.charCodeAt(i) : -1;
  }

  run(): void {
    if (this.s >= this.e) return;
    this.findRegions();
    this.findListCuts();
    let ci = 0;
    const { text, e } = this;
    let nextCut = this.cuts[0] ?? e;
    for (let i = this.s; i < e; i++) {
      while (nextCut <= i) {
        this.cutAt(nextCut);
        nextCut = this.cuts[++ci] ?? e;
      }
      const c = text.charCodeAt(i);
      if (c !== 0x2e && c !== 0x21 && c !== 0x3f && c < 0x2000) continue;
      let next = i + 1;
      if (c === 0x2e || c === 0x2026) next = this.dots(i);
      else if (BANGS.has(c)) next = this.bangs(i);
      else if (WIDE_STOPS.has(c)) next = this.wide(i);
      i = next - 1;
    }
    this.cutAt(this.e);
  }

  private cutAt(b: number): void {
    if (b <= this.cutStart) return;
    let a = this.cutStart;
    let k = Math.max(a, this.letterless);
    while (k < b && !isLetter(this.text.charCodeAt(k))) k++;
    this.letterless = k;
    // Bullets and stray marks join the sentence after them; page numbers and rules like "* * *" at the end
    // of a paragraph are not sentences.
    if (k === b && b < this.e) return;
    this.cutStart = this.letterless = b;
    if (k === b) return;
    while (a < b && isWs(this.text.charCodeAt(a))) a++;
    while (b > a && isWs(this.text.charCodeAt(b - 1))) b--;
    this.out.push({ text: this.text.slice(a, b), start: a, end: b });
  }

  /** Inside a quotation or parenthesis that does not close at `last` (the run's final mark)? */
  private shielded(i: number, last: number): boolean {
    const r = this.regions;
    while (this.region < r.length && (r[this.region + 1] ?? 0) < i) this.region += 2;
    const start = r[this.region];
    const end = r[this.region + 1];
    return start !== undefined && end !== undefined && start < i && last < end;
  }

  /**
   * Pairs quotation marks by position, not glyph, so that mismatched pairs («…“, „…“, "…”) still close;
   * a mark with space on both sides closes an open quotation, else opens one. Marks between letters are
   * apostrophes.
   */
  private findRegions(): void {
    const found: number[] = [];
    const open = [-1, -1, -1];
    const brackets: number[] = [];
    const { text, e } = this;
    for (let i = this.s; i < e; i++) {
      const c = text.charCodeAt(i);
      const folded = c | 0x20;
      if ((folded >= 0x61 && folded <= 0x7a) || c === 32) continue;
      if (isOpenBracket(c)) brackets.push(i);
      else if (isCloseBracket(c)) {
        const o = brackets[brackets.length - 1];
        if (o === undefined || text.charCodeAt(o) !== (c === 0x29 ? 0x28 : c - 2)) continue;
        brackets.pop();
        if (i - o <= MAX_PAREN) found.push(o, i);
      } else {
        const fam = quoteFamily(c);
        if (fam === 0) continue;
        const prev = this.at(i - 1);
        const next = this.at(i + 1);
        const before = prev === -1 || isWs(prev) || isLeading(prev);
        const after = next === -1 || isWs(next) || isAfterClose(next);
        const o = open[fam] ?? -1;
        let closes = false;
        if (before && after) {
          closes = o >= 0;
          if (closes && prev !== -1 && isWs(prev)) this.looseClosers.add(i);
        } else if (after) closes = o >= 0 && !(fam === 2 && this.possessive(i));
        else if (!before) closes = o >= 0 && !isLetter(next) && !isDigit(next);
        if (closes) {
          if (i - o <= MAX_QUOTE) found.push(o, i);
          open[fam] = -1;
        } else if (before && !(fam === 2 && isDigit(next))) open[fam] = i;
      }
    }
    this.mergeRegions(found);
  }

  /** "the players' union": a plural possessive, not the end of a single-quoted passage. */
  private possessive(i: number): boolean {
    return (this.at(i - 1) | 0x20) === 0x73 && this.at(i + 1) === 0x20 && isLower(this.at(i + 2));
  }

  private mergeRegions(found: number[]): void {
    const order: number[] = [];
    for (let k = 0; k < found.length; k += 2) order.push(k);
    order.sort((x, y) => (found[x] ?? 0) - (found[y] ?? 0));
    for (const k of order) {
      const start = found[k] ?? 0;
      const end = found[k + 1] ?? 0;
      const last = this.regions.length - 1;
      const lastEnd = this.regions[last];
      if (lastEnd !== undefined && start <= lastEnd) this.regions[last] = Math.max(lastEnd, end);
      else this.regions.push(start, end);
    }
  }

  /**
   * List items run together on one line ("1. The first item 2. The second item", "a) here b) there") start
   * new sentences. A marker counts only in a run of consecutive values whose first marker starts a sentence,
   * so "for 1. above ... for 2. above" and "Jonas E. Smith" stay whole.
   */
  private findListCuts(): void {
    const chains = new Map<number, { next: number; at: number[] }>();
    const keep = (at: number[]): void => {
      if (at.length > 1) for (const cut of at) this.cuts.push(cut);
    };
    let wordStart = true;
    const { text, e } = this;
    for (let i = this.s; i < e; i++) {
      const c = text.charCodeAt(i);
      const here = wordStart;
      wordStart = c === 32 || (c < 128 ? c >= 9 && c <= 13 : isWs(c) || isBullet(c));
      if (!here) continue;
      if (isBullet(c)) {
        if (i > this.s) this.cuts.push(i);
        continue;
      }
      let p = i;
      let value = 0;
      let kind: number;
      if (isDigit(c)) {
        while (p < i + 3 && isDigit(this.at(p))) value = value * 10 + this.at(p++) - 48;
        kind = 0;
      } else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
        value = (c | 0x20) - 96;
        kind = c >= 97 ? 1 : 2;
        p++;
      } else continue;
      const dot = this.at(p) === 0x2e ? 1 : 0;
      const paren = this.at(p + dot) === 0x29 ? 1 : 0;
      if (dot + paren === 0) continue;
      const style = paren === 0 ? 0 : dot + 1; // "1." → 0, "1)" → 1, "1.)" → 2
      p += dot + paren;
      if (!isWs(this.at(p))) continue;
      let q = p;
      while (isWs(this.at(q))) q++;
      if (style === 0 && (kind === 2 || (kind === 0 && !isUpper(this.at(q))))) continue;
      if (this.shielded(i, i)) continue;
      const key = kind * 3 + style;
      const chain = chains.get(key);
      if (chain?.next === value) {
        chain.at.push(i);
        chain.next++;
      } else if (this.startsSentence(i)) {
        if (chain) keep(chain.at);
        chains.set(key, { next: value + 1, at: [i] });
      }
      i = p - 1;
    }
    for (const chain of chains.values()) keep(chain.at);
    this.cuts.sort((x, y) => x - y);
    this.region = 0;
  }

  private startsSentence(i: number): boolean {
    let p = i - 1;
    while (p >= this.s && isWs(this.text.charCodeAt(p))) p--;
    if (p < this.s) return true;
    const c = this.text.charCodeAt(p);
    // Not after a colon: "requires companies to: 1) disclose 2) delete" is one sentence.
    return c === 0x2e || BANGS.has(c) || c === 0x2026 || isBullet(c);
  }

  /** Consumes closing brackets and quotation marks after a sentence-final mark; returns [end, sawQuote]. */
  private closers(j: number): [number, boolean] {
    let quote = false;
    for (;;) {
      const c = this.at(j);
      const next = this.at(j + 1);
      if (isCloseBracket(c)) j++;
      else if (quoteFamily(c) !== 0 && (next === -1 || isWs(next) || isAfterClose(next) || next === 0x2e)) {
        j++;
        quote = true;
      } else break;
    }
    let k = j;
    while (isHSpace(this.at(k))) k++;
    if (k > j && this.looseClosers.has(k)) return [k + 1, true];
    return [j, quote];
  }

  /** A run of periods is a full stop, an ellipsis, or both ("compounds. . . . The"); returns where to resume. */
  private dots(i: number): number {
    let j = i;
    let count = 0;
    let spaced = false;
    for (;;) {
      const c = this.at(j);
      if (c === 0x2e) count++;
      else if (c === 0x2026) count += 3;
      else if (c === 0x20 && count > 0 && this.at(j + 1) === 0x2e) spaced = true;
      else break;
      j++;
    }
    const prev = this.at(i - 1);
    const attached = prev !== -1 && !isWs(prev);
    if (count === 1) return this.period(i);
    // "[...]" marks an omission inside a quotation, never an ending.
    if (isOpenBracket(prev) && isCloseBracket(this.at(j))) return j + 1;
    const [end, quote] = this.closers(j);
    const k = this.gap(end);
    const upper = k >= 0 && this.upperNext(k);
    if (spaced && attached && this.at(i + 1) === 0x20) {
      // "compounds. . . . The practice": the period ends the sentence; the ellipsis opens the next.
      if (upper && !this.shielded(i, i)) this.cutAt(i + 1);
      return end;
    }
    // A free-standing three-dot ellipsis marks an omission mid-sentence ("the thing is . . . I didn't").
    if (upper && (attached || count >= 4) && !this.shielded(i, end - 1) && !(quote && this.attribution(k)))
      this.cutAt(end);
    return end;
  }

  private bangs(i: number): number {
    let j = i + 1;
    while (BANGS.has(this.at(j))) j++;
    const [end, quote] = this.closers(j);
    const k = this.gap(end);
    if (k < 0 || this.shielded(i, end - 1)) return end;
    if (this.opensSentence(k, quote) && !(quote && this.attribution(k))) this.cutAt(end);
    return end;
  }

  private wide(i: number): number {
    let j = i + 1;
    while (WIDE_STOPS.has(this.at(j))) j++;
    const [end] = this.closers(j);
    if (!this.shielded(i, end - 1)) this.cutAt(end);
    return end;
  }

  /** Index of the first character after the whitespace at `j`, or -1 if there is no whitespace or no text. */
  private gap(j: number): number {
    if (!isWs(this.at(j))) return -1;
    while (isWs(this.at(j))) j++;
    return j < this.e ? j : -1;
  }

  private upperNext(k: number): boolean {
    const c = this.at(k);
    return isUpper(c) || ((quoteFamily(c) !== 0 || isOpenBracket(c)) && isUpper(this.at(k + 1)));
  }

  /** After a plain sentence-final mark: anything but lowercase, digits and continuing punctuation. */
  private opensSentence(k: number, afterQuote: boolean): boolean {
    const c = this.at(k);
    // After a closing quotation mark only a capital starts a sentence: "... house!' (Which was true.)"
    if (afterQuote) return isUpper(c) || (quoteFamily(c) !== 0 && isUpper(this.at(k + 1)));
    if (isLower(c) || isDigit(c) || CONTINUING.has(c)) return false;
    return !(quoteFamily(c) !== 0 && isLower(this.at(k + 1)));
  }

  /**
   * “Is it over?” Smith asked. — capitalised words then a speech verb continue the quoted sentence. A first
   * word that usually opens sentences (“Why now?” Nobody answered.) starts a new one.
   */
  private attribution(k: number): boolean {
    let w = k;
    while (isLetter(this.at(w))) w++;
    const first = this.text.slice(k, w);
    if (SENTENCE_STARTERS.has(first) && !NEVER_FINAL.has(first.toLowerCase())) return false;
    for (let words = 0; words < 6 && k >= 0; words++) {
      let q = k;
      while (q < k + 40 && q < this.e && !isWs(this.at(q))) q++;
      const c = this.at(k);
      if (isLower(c)) {
        w = k;
        while (w < q && isLetter(this.at(w))) w++;
        return SPEECH_VERBS.has(this.text.slice(k, w));
      }
      if (!isUpper(c) || this.at(q - 1) === 0x2c) return false;
      k = this.gap(q);
    }
    return false;
  }

  private period(i: number): number {
    const [end, quote] = this.closers(i + 1);
    const k = this.gap(end);
    if (k < 0) {
      if (end === i + 1 && this.runsOn(i)) this.cutAt(i + 1);
      return end;
    }
    if (this.shielded(i, end - 1) || !this.opensSentence(k, quote)) return end;
    let ts = i;
    const floor = Math.max(this.cutStart, i - MAX_TOKEN);
    while (ts > floor && !isWs(this.text.charCodeAt(ts - 1))) ts--;
    while (ts < i && isLeading(this.text.charCodeAt(ts))) ts++;
    // A token longer than any abbreviation (a URL, a run-on string) is an ordinary word.
    const kind = ts > floor || floor === this.cutStart ? classify(this.text.slice(ts, i)) : Kind.Plain;
    if (kind === Kind.Never) return end;
    if (kind !== Kind.Plain && this.onlyLeading(this.cutStart, ts)) return end;
    let w = k;
    while (isLetter(this.at(w))) w++;
    const word = this.text.slice(k, w);
    let yes: boolean;
    if (kind === Kind.Plain || kind === Kind.Label) yes = true;
    else if (kind === Kind.Time)
      yes = this.upperNext(k) && !this.timeOpener(ts) && !TIME_ZONES.has(word.toLowerCase());
    else if (kind === Kind.ListEnd) yes = this.upperNext(k);
    else yes = quoteFamily(this.at(k)) !== 0 || SENTENCE_STARTERS.has(word);
    if (yes && !(quote && this.attribution(k))) this.cutAt(end);
    return end;
  }

  /** "At 5 a.m. Mr. Smith went": a time phrase opening the sentence is not a sentence by itself. */
  private timeOpener(ts: number): boolean {
    if (ts - this.cutStart > 24) return false;
    const words = this.text.slice(this.cutStart, ts).trim().split(/\s+/);
    return words.length <= 2 && TIME_PREPOSITIONS.has((words[0] ?? "").toLowerCase());
  }

  private onlyLeading(a: number, b: number): boolean {
    for (let p = a; p < b; p++) {
      const c = this.text.charCodeAt(p);
      if (!isWs(c) && !isLeading(c)) return false;
    }
    return true;
  }

  /** "Hello world.Today is Tuesday." — a missing space, but not in "www.site.Example.com" or an email. */
  private runsOn(i: number): boolean {
    const prev = this.at(i - 1);
    if (!isUpper(this.at(i + 1)) || !isLower(this.at(i + 2)) || !(isLower(prev) || isDigit(prev)))
      return false;
    let w = i + 2;
    while (isLetter(this.at(w))) w++;
    const c = this.at(w);
    if (c === 0x2e ? isLetter(this.at(w + 1)) : c !== -1 && !isWs(c) && !isAfterClose(c)) return false;
    let a = i;
    const floor = Math.max(this.cutStart, i - MAX_TOKEN);
    while (a > floor && !isWs(this.text.charCodeAt(a - 1))) a--;
    const left = this.text.slice(a, i);
    return !/[@/]|^www/i.test(left) && !this.shielded(i, i);
  }
}

function classify(token: string): Kind {
  if (token === "") return Kind.Plain;
  const lower = token.toLowerCase();
  if (NEVER_FINAL.has(lower)) return Kind.Never;
  if (TIME.has(lower)) return Kind.Time;
  if (LIST_END.has(lower)) return Kind.ListEnd;
  if (token.length === 1 && isLetter(token.charCodeAt(0))) return Kind.MayEnd;
  if (token.length <= 3 && /^\d+$/.test(token)) return Kind.Label;
  if (MAY_END.has(lower)) return Kind.MayEnd;
  // Initialisms: U.S, E.U, J.C, i.v, Ph.D — but not domains or decimals.
  if (/^(?:\p{L}{1,2}\.)+\p{L}{1,2}$/u.test(token)) return Kind.MayEnd;
  return Kind.Plain;
}
