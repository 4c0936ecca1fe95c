// The phrasing invariants, checked by the tests on their own terms (not with the code under test): every
// word of a shown text is an evidence word in evidence order (one connective aside), every main-clause span
// of a sentence it uses is there whole, and every quotation it holds is verbatim in the evidence.
import type { Span } from "../../src/core/phrase/spans.js";

const norm = (token: string): string =>
  token
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}$£€¥]+|[^\p{L}\p{N}%]+$/gu, "")
    .replace(/['’]s$/u, "");
const wordsOf = (text: string): string[] => text.split(/\s+/u).map(norm).filter(Boolean);

const contains = (hay: readonly string[], needle: readonly string[]): boolean => {
  if (needle.length === 0) return true;
  for (let i = 0; i + needle.length <= hay.length; i++)
    if (needle.every((w, k) => hay[i + k] === w)) return true;
  return false;
};

/** What is wrong with `text` as a phrasing of `evidence` (split into `spans`); empty when nothing is. */
export function violations(text: string, evidence: readonly string[], spans: readonly Span[]): string[] {
  const out: string[] = [];
  const source: Array<{ word: string; sentence: number }> = evidence.flatMap((s, sentence) =>
    wordsOf(s).map((word) => ({ word, sentence })),
  );
  const words = wordsOf(text);
  let at = 0;
  let connectives = 0;
  for (const word of words) {
    let found = -1;
    for (let k = at; k < source.length; k++)
      if (source[k]?.word === word) {
        found = k;
        break;
      }
    if (found < 0) {
      if (["and"].includes(word) && connectives++ === 0) continue;
      out.push(`word not from the evidence in order: "${word}"`);
      break;
    }
    at = found + 1;
  }
  // A sentence is used when a span of it of two words or more (or its only span) stands in the text.
  const used = new Set<number>();
  for (const span of spans) {
    const own = spans.filter((s) => s.sentence === span.sentence).length;
    if ((wordsOf(span.text).length >= 2 || own === 1) && contains(words, wordsOf(span.text)))
      used.add(span.sentence);
  }
  for (const span of spans) {
    if (!span.main || !used.has(span.sentence)) continue;
    if (!contains(words, wordsOf(span.text))) out.push(`main span missing: "${span.text}"`);
  }
  const joined = evidence.join(" ");
  for (const quote of text.match(/[“"][^”"]*[”"]/gu) ?? []) {
    const inner = quote.slice(1, -1);
    if (!joined.includes(inner)) out.push(`quotation not verbatim: ${quote}`);
  }
  if (/\n|https?:|[<>*_`|]/u.test(text) && !/\n|https?:|[<>*_`|]/u.test(joined))
    out.push("markup the evidence does not have");
  return out;
}
