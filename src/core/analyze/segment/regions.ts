// Quotations and parentheses in a block, found up front so that sentence ends inside them do not split.
import {
  isAfterClose,
  IntStack,
  isCloseBracket,
  isDigit,
  isLeading,
  isLetter,
  isLower,
  isOpenBracket,
  isWs,
  quoteFamily,
  type BlockText,
} from "./text.js";

/** A quotation or parenthesis longer than this is not shielded from splitting: it is more likely a mark left open. */
const MAX_QUOTE = 600;
const MAX_PAREN = 300;

export class Regions {
  /** Outermost quotation/parenthesis regions, sorted: [start0, end0, start1, end1, ...] (end = closing mark). */
  protected readonly bounds = new IntStack();
  /** Queries come in text order, so a cursor keeps each pass over the block linear. */
  private cursor = 0;
  /** Closing quotation marks that stand apart from the text (`States. “`), which a sentence end absorbs. */
  readonly looseClosers = new Set<number>();

  constructor(private readonly block: BlockText) {
    this.find();
  }

  /** Inside a quotation or parenthesis that does not close at `last` (the run's final mark)? */
  shielded(i: number, last: number): boolean {
    const r = this.bounds;
    while (this.cursor < r.length && (r.at(this.cursor + 1) ?? 0) < i) this.cursor += 2;
    const start = r.at(this.cursor);
    const end = r.at(this.cursor + 1);
    return start !== undefined && end !== undefined && start < i && last < end;
  }

  /** For a new pass over the block from its start. */
  rewind(): void {
    this.cursor = 0;
  }

  /**
   * Pairs quotation marks by position, not glyph, so that mismatched pairs («…“, „…“, "…”) still close;
   * a mark with space on both sides closes an open quotation, else opens one. Marks between letters are
   * apostrophes.
   */
  private find(): void {
    const open = [-1, -1, -1];
    const brackets: number[] = [];
    const block = this.block;
    const { text, e } = block;
    for (let i = block.s; i < e; i++) {
      const c = text.charCodeAt(i);
      const folded = c | 0x20;
      if ((folded >= 0x61 && folded <= 0x7a) || c === 32) continue;
      if (isOpenBracket(c)) brackets.push(i);
      else if (isCloseBracket(c)) {
        const o = brackets[brackets.length - 1];
        if (o === undefined || text.charCodeAt(o) !== (c === 0x29 ? 0x28 : c - 2)) continue;
        brackets.pop();
        if (i - o <= MAX_PAREN) this.add(o, i);
      } else {
        const fam = quoteFamily(c);
        if (fam === 0) continue;
        const prev = block.at(i - 1);
        const next = block.at(i + 1);
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
          if (i - o <= MAX_QUOTE) this.add(o, i);
          open[fam] = -1;
        } else if (before && !(fam === 2 && isDigit(next))) open[fam] = i;
      }
    }
  }

  /** "the players' union": a plural possessive, not the end of a single-quoted passage. */
  private possessive(i: number): boolean {
    const block = this.block;
    return (block.at(i - 1) | 0x20) === 0x73 && block.at(i + 1) === 0x20 && isLower(block.at(i + 2));
  }

  /**
   * Nested and overlapping pairs collapse into their outermost region. Pairs are found at their closing
   * mark, so they come in order of their end: a new pair swallows the regions at the end of the list that
   * reach its start. Linear, with no list of pairs and no sort (sorting a megabyte paragraph's pairs cost
   * more per KB as it grew).
   */
  // Protected so a property test can record the pairs it is given and check the merge against a reference.
  protected add(start: number, end: number): void {
    const bounds = this.bounds;
    while (bounds.length > 0 && (bounds.at(bounds.length - 1) ?? 0) >= start) {
      bounds.pop();
      start = Math.min(start, bounds.pop() ?? start);
    }
    bounds.push(start);
    bounds.push(end);
  }
}
