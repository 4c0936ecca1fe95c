// The sentence scan of one block: finds each sentence-final mark and decides whether to cut after it.
import { listCuts } from "./lists.js";
import { attribution, opensSentence } from "./openers.js";
import { periodEnds } from "./periods.js";
import { Regions } from "./regions.js";
import {
  BANGS,
  BlockText,
  isAfterClose,
  isCloseBracket,
  isDigit,
  isHSpace,
  isLetter,
  isLower,
  isOpenBracket,
  isUpper,
  isWs,
  MAX_TOKEN,
  quoteFamily,
  WIDE_STOPS,
} from "./text.js";

export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

/** Appends the sentences of text[start, end), a paragraph or line with no hard breaks inside, to `out`. */
export function scanBlock(text: string, start: number, end: number, out: SentenceSpan[]): void {
  const block = new BlockText(text, start, end);
  if (block.s < block.e) new Scan(block, out).run();
}

class Scan {
  private readonly regions: Regions;
  private readonly cuts: number[];
  private cutStart: number;
  /** Everything from cutStart up to here is known to hold no letter (kept so re-checks stay linear). */
  private letterless: number;

  constructor(
    private readonly block: BlockText,
    private readonly out: SentenceSpan[],
  ) {
    this.regions = new Regions(block);
    this.cuts = listCuts(block, this.regions);
    this.regions.rewind();
    this.cutStart = block.s;
    this.letterless = block.s;
  }

  run(): void {
    let ci = 0;
    const { text, e } = this.block;
    let nextCut = this.cuts[0] ?? e;
    for (let i = this.block.s; i < e; i++) {
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
    this.cutAt(e);
  }

  private cutAt(b: number): void {
    if (b <= this.cutStart) return;
    const { text, e } = this.block;
    let a = this.cutStart;
    let k = Math.max(a, this.letterless);
    while (k < b && !isLetter(text.charCodeAt(k))) k++;
    this.letterless = k;
    // Bullets and stray marks join the sentence after them; page numbers and rules like "* * *" at the end
    // of a paragraph are not sentences.
    if (k === b && b < e) return;
    this.cutStart = this.letterless = b;
    if (k === b) return;
    while (a < b && isWs(text.charCodeAt(a))) a++;
    while (b > a && isWs(text.charCodeAt(b - 1))) b--;
    this.out.push({ text: text.slice(a, b), start: a, end: b });
  }

  /** Consumes closing brackets and quotation marks after a sentence-final mark; returns [end, sawQuote]. */
  private closers(j: number): [number, boolean] {
    const block = this.block;
    let quote = false;
    for (;;) {
      const c = block.at(j);
      const next = block.at(j + 1);
      if (isCloseBracket(c)) j++;
      else if (quoteFamily(c) !== 0 && (next === -1 || isWs(next) || isAfterClose(next) || next === 0x2e)) {
        j++;
        quote = true;
      } else break;
    }
    let k = j;
    while (isHSpace(block.at(k))) k++;
    if (k > j && this.regions.looseClosers.has(k)) return [k + 1, true];
    return [j, quote];
  }

  /** A run of periods is a full stop, an ellipsis, or both ("compounds. . . . The"); returns where to resume. */
  private dots(i: number): number {
    const block = this.block;
    let j = i;
    let count = 0;
    let spaced = false;
    for (;;) {
      const c = block.at(j);
      if (c === 0x2e) count++;
      else if (c === 0x2026) count += 3;
      else if (c === 0x20 && count > 0 && block.at(j + 1) === 0x2e) spaced = true;
      else break;
      j++;
    }
    const prev = block.at(i - 1);
    const attached = prev !== -1 && !isWs(prev);
    if (count === 1) return this.period(i);
    // "[...]" marks an omission inside a quotation, never an ending.
    if (isOpenBracket(prev) && isCloseBracket(block.at(j))) return j + 1;
    const [end, quote] = this.closers(j);
    const k = block.gap(end);
    const upper = k >= 0 && block.upperNext(k);
    if (spaced && attached && block.at(i + 1) === 0x20) {
      // "compounds. . . . The practice": the period ends the sentence; the ellipsis opens the next.
      if (upper && !this.regions.shielded(i, i)) this.cutAt(i + 1);
      return end;
    }
    // A free-standing three-dot ellipsis marks an omission mid-sentence ("the thing is . . . I didn't").
    if (
      upper &&
      (attached || count >= 4) &&
      !this.regions.shielded(i, end - 1) &&
      !(quote && attribution(block, k))
    )
      this.cutAt(end);
    return end;
  }

  private bangs(i: number): number {
    const block = this.block;
    let j = i + 1;
    while (BANGS.has(block.at(j))) j++;
    const [end, quote] = this.closers(j);
    const k = block.gap(end);
    if (k < 0 || this.regions.shielded(i, end - 1)) return end;
    if (opensSentence(block, k, quote) && !(quote && attribution(block, k))) this.cutAt(end);
    return end;
  }

  private wide(i: number): number {
    let j = i + 1;
    while (WIDE_STOPS.has(this.block.at(j))) j++;
    const [end] = this.closers(j);
    if (!this.regions.shielded(i, end - 1)) this.cutAt(end);
    return end;
  }

  private period(i: number): number {
    const block = this.block;
    const [end, quote] = this.closers(i + 1);
    const k = block.gap(end);
    if (k < 0) {
      if (end === i + 1 && this.runsOn(i)) this.cutAt(i + 1);
      return end;
    }
    if (this.regions.shielded(i, end - 1) || !opensSentence(block, k, quote)) return end;
    if (periodEnds(block, i, k, this.cutStart) && !(quote && attribution(block, k))) this.cutAt(end);
    return end;
  }

  /** "Hello world.Today is Tuesday." — a missing space, but not in "www.site.Example.com" or an email. */
  private runsOn(i: number): boolean {
    const block = this.block;
    const prev = block.at(i - 1);
    if (!isUpper(block.at(i + 1)) || !isLower(block.at(i + 2)) || !(isLower(prev) || isDigit(prev)))
      return false;
    let w = i + 2;
    while (isLetter(block.at(w))) w++;
    const c = block.at(w);
    if (c === 0x2e ? isLetter(block.at(w + 1)) : c !== -1 && !isWs(c) && !isAfterClose(c)) return false;
    let a = i;
    const floor = Math.max(this.cutStart, i - MAX_TOKEN);
    while (a > floor && !isWs(block.text.charCodeAt(a - 1))) a--;
    const left = block.text.slice(a, i);
    return !/[@/]|^www/i.test(left) && !this.regions.shielded(i, i);
  }
}
