// Whether a lone period ends its sentence, judged by the word it closes (abbreviation, time, initial, number).
import {
  LIST_END,
  MAY_END,
  NEVER_FINAL,
  SENTENCE_STARTERS,
  TIME,
  TIME_PREPOSITIONS,
  TIME_ZONES,
} from "../abbreviations.js";
import { isLeading, isLetter, isWs, MAX_TOKEN, quoteFamily, type BlockText } from "./text.js";

/** What the word before a period is, which decides whether the period can end a sentence. */
const enum Kind {
  Plain,
  Never,
  Label,
  Time,
  ListEnd,
  MayEnd,
}

/**
 * For the period at `i`, followed after whitespace by `k` which could open a sentence: does the word the
 * period closes let it end one? `cutStart` is where the current sentence began.
 */
export function periodEnds(block: BlockText, i: number, k: number, cutStart: number): boolean {
  const { text } = block;
  let ts = i;
  const floor = Math.max(cutStart, i - MAX_TOKEN);
  while (ts > floor && !isWs(text.charCodeAt(ts - 1))) ts--;
  while (ts < i && isLeading(text.charCodeAt(ts))) ts++;
  // A token longer than any abbreviation (a URL, a run-on string) is an ordinary word.
  const kind = ts > floor || floor === cutStart ? classify(text.slice(ts, i)) : Kind.Plain;
  if (kind === Kind.Never) return false;
  // "Mr. Smith" opening a sentence: an abbreviation with nothing before it cannot end that sentence.
  if (kind !== Kind.Plain && onlyLeading(text, cutStart, ts)) return false;
  const word = block.wordAt(k);
  if (kind === Kind.Plain || kind === Kind.Label) return true;
  if (kind === Kind.Time)
    return block.upperNext(k) && !timeOpener(text, cutStart, ts) && !TIME_ZONES.has(word.toLowerCase());
  if (kind === Kind.ListEnd) return block.upperNext(k);
  return quoteFamily(block.at(k)) !== 0 || SENTENCE_STARTERS.has(word);
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

/** "At 5 a.m. Mr. Smith went": a time phrase opening the sentence is not a sentence by itself. */
function timeOpener(text: string, cutStart: number, ts: number): boolean {
  if (ts - cutStart > 24) return false;
  const words = text.slice(cutStart, ts).trim().split(/\s+/);
  return words.length <= 2 && TIME_PREPOSITIONS.has((words[0] ?? "").toLowerCase());
}

function onlyLeading(text: string, a: number, b: number): boolean {
  for (let p = a; p < b; p++) {
    const c = text.charCodeAt(p);
    if (!isWs(c) && !isLeading(c)) return false;
  }
  return true;
}
