// List items run together inside one block ("1. The first 2. The second", "• one • two"): where each starts.
import { BANGS, isBullet, isDigit, isUpper, isWs, type BlockText } from "./text.js";
import type { Regions } from "./regions.js";

/**
 * Offsets, sorted, where list items start a new sentence. A marker counts only in a run of consecutive
 * values whose first marker starts a sentence, so "for 1. above ... for 2. above" and "Jonas E. Smith" stay
 * whole. Leaves `regions` part-way through the block: rewind it before another pass.
 */
export function listCuts(block: BlockText, regions: Regions): number[] {
  const cuts: number[] = [];
  const chains = new Map<number, { next: number; at: number[] }>();
  const keep = (at: number[]): void => {
    if (at.length > 1) for (const cut of at) cuts.push(cut);
  };
  let wordStart = true;
  const { text, e } = block;
  for (let i = block.s; i < e; i++) {
    const c = text.charCodeAt(i);
    const here = wordStart;
    wordStart = c === 32 || (c < 128 ? c >= 9 && c <= 13 : isWs(c) || isBullet(c));
    if (!here) continue;
    if (isBullet(c)) {
      if (i > block.s) cuts.push(i);
      continue;
    }
    let p = i;
    let value = 0;
    let kind: number;
    if (isDigit(c)) {
      while (p < i + 3 && isDigit(block.at(p))) value = value * 10 + block.at(p++) - 48;
      kind = 0;
    } else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
      value = (c | 0x20) - 96;
      kind = c >= 97 ? 1 : 2;
      p++;
    } else continue;
    const dot = block.at(p) === 0x2e ? 1 : 0;
    const paren = block.at(p + dot) === 0x29 ? 1 : 0;
    if (dot + paren === 0) continue;
    const style = paren === 0 ? 0 : dot + 1; // "1." → 0, "1)" → 1, "1.)" → 2
    p += dot + paren;
    if (!isWs(block.at(p))) continue;
    let q = p;
    while (isWs(block.at(q))) q++;
    if (style === 0 && (kind === 2 || (kind === 0 && !isUpper(block.at(q))))) continue;
    if (regions.shielded(i, i)) continue;
    const key = kind * 3 + style;
    const chain = chains.get(key);
    if (chain?.next === value) {
      chain.at.push(i);
      chain.next++;
    } else if (startsSentence(block, i)) {
      if (chain) keep(chain.at);
      chains.set(key, { next: value + 1, at: [i] });
    }
    i = p - 1;
  }
  for (const chain of chains.values()) keep(chain.at);
  cuts.sort((x, y) => x - y);
  return cuts;
}

function startsSentence(block: BlockText, i: number): boolean {
  let p = i - 1;
  while (p >= block.s && isWs(block.text.charCodeAt(p))) p--;
  if (p < block.s) return true;
  const c = block.text.charCodeAt(p);
  // Not after a colon: "requires companies to: 1) disclose 2) delete" is one sentence.
  return c === 0x2e || BANGS.has(c) || c === 0x2026 || isBullet(c);
}
