// The invariants every phrased summary item must meet before anything is shown, checked on the final text
// against the evidence itself (not against the model's answer): every word is an evidence word in evidence
// order, nothing outside the closed connective list is added, and every fact-carrying word of a kept clause
// is present. A text that fails keeps the template text instead, and the rule is logged.
import type { Selection } from "./selection.js";
import { assemble } from "./selection.js";
import type { Span } from "./spans.js";
import { bare, CONNECTIVES } from "./words.js";

export type InvariantRule =
  | "word-not-in-evidence"
  | "word-out-of-order"
  | "added-word"
  | "protected-word-missing"
  | "main-clause-missing"
  | "not-from-selection";

const words = (text: string): string[] =>
  text
    .split(/\s+/u)
    .map(bare)
    .filter((w) => w !== "");

/** Words our code may add between evidence sentences. */
const CLOSED = new Set<string>(CONNECTIVES.filter((c) => /\p{L}/u.test(c)));

/** Whether every word of `text` can be read, in order, off the evidence; the first broken rule if not. */
export function checkWordsFromEvidence(
  text: string,
  evidence: readonly string[],
): "word-not-in-evidence" | "word-out-of-order" | "added-word" | null {
  const source = evidence.flatMap(words);
  const known = new Set(source);
  let at = 0;
  let added = 0;
  for (const word of words(text)) {
    let found = -1;
    for (let k = at; k < source.length; k++) {
      if (source[k] === word) {
        found = k;
        break;
      }
    }
    if (found >= 0) {
      at = found + 1;
      continue;
    }
    // One connective between two sentences is the only word our code writes.
    if (CLOSED.has(word) && added === 0) {
      added++;
      continue;
    }
    return known.has(word) ? "word-out-of-order" : CLOSED.has(word) ? "added-word" : "word-not-in-evidence";
  }
  return null;
}

/** Every invariant of a summary text made from `selection`; an empty list means it may be shown. */
export function checkSummary(
  spans: readonly Span[],
  evidence: readonly string[],
  selection: Selection,
  text: string,
): InvariantRule[] {
  const broken: InvariantRule[] = [];
  if (assemble(spans, selection) !== text) broken.push("not-from-selection");
  const wordRule = checkWordsFromEvidence(text, evidence);
  if (wordRule) broken.push(wordRule);
  const kept = new Set(selection.keep);
  const used = new Set(spans.filter((s) => kept.has(s.n)).map((s) => s.sentence));
  if (spans.some((s) => s.main && used.has(s.sentence) && !kept.has(s.n))) broken.push("main-clause-missing");
  // Each kept span's protected words, in order, in the text (a multiset check per span, in sequence).
  const out = words(text);
  let at = 0;
  for (const span of spans) {
    if (!kept.has(span.n)) continue;
    for (const p of span.protected) {
      const found = out.indexOf(p.word, at);
      if (found < 0) {
        broken.push("protected-word-missing");
        return broken;
      }
      at = found + 1;
    }
  }
  return broken;
}
