// The phrasing invariants, checked by the tests on their own terms (not with the code under test): every
// word of a shown text is an evidence word in evidence order (one connective aside), every main-clause span
// of a sentence it uses is there whole, and every quotation it holds is verbatim in the evidence.
import type { Span } from "../../src/core/phrase/spans.js";
import { sameLemma } from "../../src/core/story/verbs.js";

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

/** The closed set of question forms, as the tests know them: fixed words around slots. */
const QUESTION_FORMS = [
  "Will {subject} {predicate}?",
  "When will {subject} {predicate}?",
  "Has {subject} {predicate}?",
  "Will {subject} become final?",
  "Is it confirmed that {claim}?",
  "Pending: {what}",
  "Pending: {what}, due {deadline}",
  "Which figure is right: {a} or {b}?",
];

/** Every way `text` splits into the form's fixed words and slot values (slots non-empty). */
function splits(form: string, text: string): Array<Record<string, string>> {
  const parts = form.split(/(\{\w+\})/).filter(Boolean);
  const out: Array<Record<string, string>> = [];
  const walk = (k: number, at: number, values: Record<string, string>): void => {
    if (out.length > 200) return;
    const part = parts[k];
    if (part === undefined) {
      if (at === text.length) out.push({ ...values });
      return;
    }
    const slot = /^\{(\w+)\}$/.exec(part)?.[1];
    if (!slot) {
      if (text.startsWith(part, at)) walk(k + 1, at + part.length, values);
      return;
    }
    for (let end = at + 1; end <= text.length; end++)
      walk(k + 1, end, { ...values, [slot]: text.slice(at, end) });
  };
  walk(0, 0, {});
  return out;
}

/** What is wrong with a question: not one of the forms, or slots that are not spans of the evidence in order. */
export function questionViolations(text: string, evidence: readonly string[]): string[] {
  const lower = evidence.map((e) => e.toLowerCase());
  const joined = lower.join("\n");
  /** Every place `value` stands in the evidence at or after `from` (at most 50). */
  const places = (value: string, from: number): number[] => {
    const out: number[] = [];
    for (let at = joined.indexOf(value, from); at >= 0 && out.length < 50; at = joined.indexOf(value, at + 1))
      out.push(at);
    return out;
  };
  /** Whether the slots from `k` on stand in the evidence in order, each after `at`. */
  const fits = (slots: ReadonlyArray<[string, string]>, k: number, at: number): boolean => {
    const slot = slots[k];
    if (!slot) return true;
    const [name, raw] = slot;
    const value = raw.toLowerCase();
    if (name !== "predicate") return places(value, at).some((p) => fits(slots, k + 1, p + value.length));
    // The predicate's head verb may be re-inflected (same lemma); the rest is verbatim, right after it.
    const [head = "", ...rest] = value.split(" ");
    const tail = rest.join(" ");
    return places(tail, at).some((p) => {
      const before = joined.slice(at, p).trim().split(/\s+/).at(-1) ?? "";
      return (before === head || sameLemma(before, head)) && fits(slots, k + 1, p + tail.length);
    });
  };
  for (const form of QUESTION_FORMS)
    for (const values of splits(form, text)) if (fits(Object.entries(values), 0, 0)) return [];
  return [`not a question of the closed forms with slots from the evidence in order: "${text}"`];
}
