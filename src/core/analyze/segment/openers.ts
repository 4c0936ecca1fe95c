// What follows a sentence-final mark: whether it opens a new sentence, or attributes the quote before it.
import { NEVER_FINAL, SENTENCE_STARTERS, SPEECH_VERBS } from "../abbreviations.js";
import {
  CONTINUING,
  isDigit,
  isLetter,
  isLower,
  isUpper,
  isWs,
  quoteFamily,
  type BlockText,
} from "./text.js";

/** After a plain sentence-final mark: anything but lowercase, digits and continuing punctuation. */
export function opensSentence(block: BlockText, k: number, afterQuote: boolean): boolean {
  const c = block.at(k);
  // After a closing quotation mark only a capital starts a sentence: "... house!' (Which was true.)"
  if (afterQuote) return isUpper(c) || (quoteFamily(c) !== 0 && isUpper(block.at(k + 1)));
  if (isLower(c) || isDigit(c) || CONTINUING.has(c)) return false;
  return !(quoteFamily(c) !== 0 && isLower(block.at(k + 1)));
}

/**
 * “Is it over?” Smith asked. — capitalised words then a speech verb continue the quoted sentence. A first
 * word that usually opens sentences (“Why now?” Nobody answered.) starts a new one.
 */
export function attribution(block: BlockText, k: number): boolean {
  const first = block.wordAt(k);
  if (SENTENCE_STARTERS.has(first) && !NEVER_FINAL.has(first.toLowerCase())) return false;
  for (let words = 0; words < 6 && k >= 0; words++) {
    let q = k;
    while (q < k + 40 && q < block.e && !isWs(block.at(q))) q++;
    const c = block.at(k);
    if (isLower(c)) {
      let w = k;
      while (w < q && isLetter(block.at(w))) w++;
      return SPEECH_VERBS.has(block.text.slice(k, w));
    }
    if (!isUpper(c) || block.at(q - 1) === 0x2c) return false;
    k = block.gap(q);
  }
  return false;
}
