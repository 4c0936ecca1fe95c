// Splits evidence sentences into numbered spans (the units a phrasing may keep or drop) and marks each as
// part of the main clause (kept whenever its sentence is used) or detachable (an appositive, a relative or
// subordinate clause, a time or setting adjunct, a dateline, a parenthesis: kept whole or dropped whole).
// Spans never cut a quotation, a date or a figure; the unit of selection is the span, never a word, so a
// fact-carrying word can only go with the clause that holds it. Cut points are found by spanCuts.ts, main
// and detachable spans told apart by spanClasses.ts.
import { classify, type Draft } from "./spanClasses.js";
import { cuts, DASH, OPEN_QUOTE, quoted, tokens, type Token } from "./spanCuts.js";
import { bare, protectedKinds, type ProtectedKind } from "./words.js";

export interface Span {
  /** Number of the span within its item (all evidence sentences, in order). */
  n: number;
  /** Index of the evidence sentence it belongs to. */
  sentence: number;
  /** The span's words verbatim, without the punctuation that separates it from the next span. */
  text: string;
  /** The separator that followed it in the sentence: "", ",", ";", ":", "—", or "." for the last span. */
  after: string;
  /** Kept whenever its sentence is used: the main clause, its attribution, its conditions and hedges. */
  main: boolean;
  /** Fact-carrying words of the span (lower-cased bare forms) and their classes. */
  protected: Array<{ word: string; kinds: ProtectedKind[] }>;
}

/** Most spans a sentence is split into; a longer one is left whole rather than split at random. */
const MAX_SPANS = 24;
const MAX_SENTENCE_CHARS = 2000;

/** The spans of one sentence, numbered from `first`. */
export function splitSentence(sentence: string, index: number, first = 0): Span[] {
  const text = sentence.trim();
  const list = tokens(text.slice(0, MAX_SENTENCE_CHARS));
  const inside = quoted(list);
  const whole = (): Span[] => [makeSpan(text, index, first, ".", true, list)];
  if (list.length === 0) return [];
  if (!inside || text.length > MAX_SENTENCE_CHARS) return whole();
  const cutList = cuts(list, inside);
  if (cutList.length + 1 > MAX_SPANS) return whole();
  const drafts: Draft[] = [];
  let from = 0;
  for (const cut of [...cutList, { at: list.length, separator: "." }]) {
    const part = list.slice(from, cut.at).filter((t) => !DASH.test(t.text));
    // A span that opens, holds or closes a quotation is one a model may not cut into.
    const inQuote = part.some((t, k) => inside[from + k] || OPEN_QUOTE.test(t.text) || /[”»"]/u.test(t.text));
    // A quotation opened and closed inside the span leaves it whole: the span may go as one unit.
    const quoteWhole = inQuote && !(inside[from - 1] ?? false) && !(inside[cut.at - 1] ?? false);
    if (part.length > 0) drafts.push({ tokens: part, separator: cut.separator, inQuote, quoteWhole });
    else if (drafts.length > 0) {
      const last = drafts[drafts.length - 1];
      if (last) last.separator = cut.separator === "." ? "." : last.separator || cut.separator;
    }
    from = cut.at;
  }
  const main = classify(drafts);
  return drafts.map((d, k) => {
    const start = d.tokens[0]?.start ?? 0;
    const end = d.tokens.at(-1)?.end ?? start;
    const raw = text.slice(start, end);
    // The separator is ours to write; the last span keeps its sentence's own end ("…happen.”").
    const last = k === drafts.length - 1;
    const body = last ? raw : raw.replace(/\s*[,;:—–-]+$/u, "");
    return makeSpan(body, index, first + k, last ? "." : d.separator, main[k] ?? true, d.tokens, start === 0);
  });
}

function makeSpan(
  text: string,
  sentence: number,
  n: number,
  after: string,
  main: boolean,
  list: readonly Token[],
  opensSentence = true,
): Span {
  const prot = list.flatMap((t, k) => {
    const kinds = protectedKinds(t.text, opensSentence && k === 0);
    return kinds.length > 0 ? [{ word: bare(t.text), kinds }] : [];
  });
  return { n, sentence, text, after, main, protected: prot };
}

/** Every evidence sentence of an item as spans, numbered across the item. */
export function splitEvidence(evidence: readonly string[]): Span[] {
  const out: Span[] = [];
  evidence.forEach((sentence, index) => {
    out.push(...splitSentence(sentence, index, out.length));
  });
  return out;
}
