// Open questions by template: a small closed set of question forms whose slots are filled with spans of
// the evidence sentences. Our code writes the question; the only change it makes to a span is to
// re-inflect the predicate's head verb (same lemma). The offline phraser picks spans itself
// (offlineQuestion); an LLM phraser may pick the template and spans instead, checked by fillTemplate.
import {
  complementHasVerb,
  isAdverb,
  isFiniteWord,
  isVerbHead,
  lemmaOf,
  reinflect,
  secondPredicate,
  type VerbForm,
} from "./verbs.js";

export const TEMPLATE_IDS = [
  "will",
  "when",
  "has",
  "final",
  "confirmed",
  "pending",
  "pendingBy",
  "figures",
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export interface TemplateSpec {
  /** The question with {slot} places; everything outside the slots is fixed text. */
  text: string;
  slots: readonly string[];
  /** The form the predicate slot's first word takes, when the template has a predicate. */
  verb?: VerbForm;
}

export const TEMPLATES: Readonly<Record<TemplateId, TemplateSpec>> = {
  will: { text: "Will {subject} {predicate}?", slots: ["subject", "predicate"], verb: "base" },
  when: { text: "When will {subject} {predicate}?", slots: ["subject", "predicate"], verb: "base" },
  has: { text: "Has {subject} {predicate}?", slots: ["subject", "predicate"], verb: "participle" },
  final: { text: "Will {subject} become final?", slots: ["subject"] },
  confirmed: { text: "Is it confirmed that {claim}?", slots: ["claim"] },
  pending: { text: "Pending: {what}", slots: ["what"] },
  pendingBy: { text: "Pending: {what}, due {deadline}", slots: ["what", "deadline"] },
  figures: { text: "Which figure is right: {a} or {b}?", slots: ["a", "b"] },
};

/** A slot's filling: characters [start, end) of evidence sentence `evidence` (0 = the basis). */
export interface SlotSpan {
  evidence: number;
  start: number;
  end: number;
}

export interface TemplateChoice {
  template: TemplateId;
  slots: Record<string, SlotSpan>;
}

/** Longest slot, in words; a question is a short line, not a sentence re-told. */
export const MAX_SLOT_WORDS = 24;
const MAX_SUBJECT_WORDS = 10;

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Determiners that open a noun phrase and are lower-cased when it moves inside a question. */
const DETERMINER =
  /^(?:The|A|An|Its|Their|His|Her|This|That|These|Those|Any|Some|All|Each|Every|No|One|Both|Many|Most|Several)\b/u;

/**
 * A common noun capitalised only because it opens the sentence ("Approval of the deal could …"): a noun
 * suffix, and a lower-case word after it, as a name's next word rarely is.
 */
const SENTENCE_CAPITAL_NOUN =
  /^\p{Lu}\p{Ll}+(?:al|tion|sion|ment|ness|ance|ence|ity|ship|ure|age|ism)\s+\p{Ll}/u;

export type FillResult = { ok: true; text: string } | { ok: false; rule: string };

/** The span's text, if it is a clean span: in range, on word edges, trimmed, not too long. */
function spanText(evidence: readonly string[], span: SlotSpan, maxWords: number): string | null {
  const sentence = evidence[span.evidence];
  if (sentence === undefined || !Number.isInteger(span.start) || !Number.isInteger(span.end)) return null;
  if (span.start < 0 || span.end > sentence.length || span.start >= span.end) return null;
  const text = sentence.slice(span.start, span.end);
  if (text !== text.trim()) return null;
  const before = sentence.charAt(span.start - 1);
  const after = sentence.charAt(span.end);
  if (
    (before && WORD_CHAR.test(before) && WORD_CHAR.test(text.charAt(0))) ||
    (after && WORD_CHAR.test(after) && WORD_CHAR.test(text.slice(-1)))
  )
    return null;
  if (/[?\n]|\[\d+\]/.test(text) || text.split(/\s+/).length > maxWords) return null;
  // Separators and a sentence's full stop are not part of a slot; an abbreviation's dot ("U.S.") is.
  const last = /\S+$/u.exec(text)?.[0] ?? "";
  const abbreviation = /^(?:\p{Lu}\.)+$|^(?:Inc|Corp|Ltd|Co|Jr|Sr|St|No)\.$/u.test(last);
  return (abbreviation ? text : text.replace(/\.$/u, "")).replace(/[,;:—–-]+$/u, "").trim() || null;
}

/** Quote marks must pair up within a slot, or the question would open a quotation it never closes. */
function balanced(text: string): boolean {
  const open = (text.match(/[“«]/g) ?? []).length;
  const close = (text.match(/[”»]/g) ?? []).length;
  return open === close && (text.match(/"/g) ?? []).length % 2 === 0;
}

/**
 * A predicate is one non-finite verb phrase: its head is a verb (checked by isVerbHead against the word before
 * it in the sentence, adverbs skipped), re-inflected to the template's form; no second predicate is joined to
 * it; a "that" clause in it keeps its verb. Returns the predicate with its head re-inflected.
 */
export function predicateShape(value: string, form: VerbForm, sentence: string, start: number): FillResult {
  const words = value.split(/\s+/);
  const head = /^[\p{L}]+/u.exec(value)?.[0];
  if (!head || words.length < 2) return { ok: false, rule: "predicate has no head verb" };
  // A head followed by punctuation ("…closes, which…") runs over a clause boundary: no verb phrase.
  if (words[0] !== head) return { ok: false, rule: "predicate head is not a verb" };
  // Only a verb is re-inflected: a noun, a name or an adverb at the head ("approval", "likely") is refused.
  if (!isVerbHead(head, wordBefore(sentence, start)))
    return { ok: false, rule: "predicate head is not a verb" };
  // "will continue talks", "will continue to support them": a pledge to go on with what is already under way; asking
  // whether it will happen asks nothing a reader is waiting for.
  if (form === "base" && lemmaOf(head) === "continue")
    return { ok: false, rule: "predicate only carries on what is under way" };
  // "said it would make sure the data would be stored": a reported clause keeps its back-shifted "would",
  // which reads wrong after "Will …?"; the question would need a word the source did not write.
  if (/\bwould\b/u.test(value)) return { ok: false, rule: "predicate keeps a reported 'would'" };
  if (secondPredicate(words, form) >= 0) return { ok: false, rule: "predicate joins a second predicate" };
  if (!complementHasVerb(words)) return { ok: false, rule: "predicate cuts a clause before its verb" };
  return { ok: true, text: reinflect(head, form) + value.slice(head.length) };
}

/** The word before `at` in the sentence, letters only, adverbs skipped ("would soon | decide" → "would"). */
export function wordBefore(sentence: string, at: number): string {
  const before = sentence
    .slice(0, at)
    .split(/\s+/u)
    .map((w) => w.replace(/[^\p{L}]/gu, ""));
  for (let k = before.length - 1; k >= 0; k--) {
    const word = before[k] ?? "";
    if (word && !isAdverb(word)) return word;
  }
  return "";
}

/**
 * Writes the question for a choice, or says which rule it breaks: unknown template, missing or extra slots,
 * spans out of range or off word edges, unbalanced quotes, a subject that is a bare pronoun.
 */
export function fillTemplate(choice: TemplateChoice, evidence: readonly string[]): FillResult {
  const spec = TEMPLATES[choice.template] as TemplateSpec | undefined;
  if (!spec) return { ok: false, rule: "unknown template" };
  const given = Object.keys(choice.slots);
  if (given.length !== spec.slots.length || spec.slots.some((s) => !given.includes(s)))
    return { ok: false, rule: "slots do not match the template" };
  // Slots stand in the evidence in the template's order and never share a character.
  for (let k = 1; k < spec.slots.length; k++) {
    const a = choice.slots[spec.slots[k - 1] ?? ""];
    const b = choice.slots[spec.slots[k] ?? ""];
    if (a && b && (b.evidence < a.evidence || (b.evidence === a.evidence && b.start < a.end)))
      return { ok: false, rule: "slots overlap or are out of evidence order" };
  }
  let text = spec.text;
  for (const slot of spec.slots) {
    const span = choice.slots[slot];
    const max = slot === "subject" ? MAX_SUBJECT_WORDS : MAX_SLOT_WORDS;
    let value = span ? spanText(evidence, span, max) : null;
    if (value === null || !balanced(value)) return { ok: false, rule: `slot ${slot} is not a clean span` };
    if (slot === "subject") {
      if (/^(?:it|they|he|she|this|that|there|we|i|you)$/i.test(value))
        return { ok: false, rule: "subject is a bare pronoun" };
      // "X has confirmed it", "X competes … or has", "I think": a clause, not the noun phrase a question asks about.
      if (value.split(/\s+/).some((w) => isFiniteWord(w.replace(/[^\p{L}]/gu, ""))))
        return { ok: false, rule: "subject holds a finite verb" };
    }
    if (
      (slot === "subject" || slot === "claim") &&
      (DETERMINER.test(value) || (span?.start === 0 && SENTENCE_CAPITAL_NOUN.test(value)))
    )
      value = value.charAt(0).toLowerCase() + value.slice(1);
    if (slot === "predicate" && spec.verb && span) {
      const shaped = predicateShape(value, spec.verb, evidence[span.evidence] ?? "", span.start);
      if (!shaped.ok) return shaped;
      value = shaped.text;
    }
    text = text.replace(`{${slot}}`, value);
  }
  return { ok: true, text };
}
