// The offline choice of a question template and its spans: finds the clause's subject and predicate around
// a modal ("X is expected to block Y" → Will X block Y?), the object of "subject to"/"pending", the claim
// after a claim verb, or the two figures of a disagreement. No choice when the sentence offers no clean
// clause: one question fewer rather than a malformed one.
import { fillTemplate, type SlotSpan, type TemplateChoice, type TemplateId } from "./questionTemplates.js";

export interface QuestionBasis {
  kind: "hedge" | "pending" | "deadline" | "claim" | "contradiction";
  /** The verbatim sentence the question rests on. */
  basis: string;
  /** The words that make it open ("subject to", "by September 15"). */
  cue: string;
  /** For a disagreement: the other side's sentence. */
  related: ReadonlyArray<{ sentence: string }>;
}

/** Words that make the rest of a clause a future or a plan: the predicate starts right after them. */
const MODAL =
  /\b(?:will|may|might|could|(?:is|are) (?:expected|set|poised|likely|due|scheduled) to|expects? to|plans? to|aims? to|intends? to|hopes? to|seeks? to|wants? to|is looking to)\s+(?!have\b|be able\b|not\b|never\b)/giu;

/** A date the open point is due by: "by Oct. 14", "no later than Dec. 14, 2023", "before March 1". */
export const DUE_DATE =
  /\b(?:by|before|no later than|until)\s+(?:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?|January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}(?:,\s*\d{4})?/u;

/** Where a clause ends: strong punctuation, a parenthesis, a dash, or a conjunction that opens another clause. */
const CLAUSE_END =
  /\s*(?:[,;:()—–"“”]|\s-\s|\.(?=\s|$)|\b(?:after|because|as|while|which|who|whereby|although|though|but|and said|said|according|amid|despite|following|if|unless|when)\b)/u;

/** A clause's subject opens at the sentence start, after a comma, "that", or a conjunction. */
const SUBJECT_START = /(?:^|[,;:—]\s*|\b(?:that|and|but|whether|if|so)\s+)(?=\S)/gu;

/** Bare pronouns and placeholders say nothing on their own; such a question is dropped. */
const VAGUE_SUBJECT =
  /^(?:it|they|he|she|this|that|these|those|there|we|i|you|which|who|one|some|many|others|both|all|each)$/i;

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** [start, end) of the clause's predicate starting at `from`, cut at the clause's end and a word limit. */
function predicateSpan(sentence: string, from: number, maxWords = 16): SlotSpan | null {
  const rest = sentence.slice(from);
  const stop = CLAUSE_END.exec(rest);
  const end = from + (stop ? stop.index : rest.length);
  // A clause too long for a question is not cut (a cut leaves a fragment): no question from it.
  if (wordCount(sentence.slice(from, end)) > maxWords) return null;
  const text = sentence.slice(from, end).replace(/[\s.,;:]+$/u, "");
  if (wordCount(text) < 2) return null;
  return { evidence: 0, start: from, end: from + text.length };
}

/** [start, end) of the noun phrase ending right before `at`, back to the clause's start. */
function subjectSpan(sentence: string, at: number): SlotSpan | null {
  const head = sentence.slice(0, at).replace(/\s+$/u, "");
  let start = 0;
  for (const m of head.matchAll(SUBJECT_START)) start = m.index + m[0].length;
  // Adverbs between subject and modal ("X also will") stay out of the subject.
  const text = head.slice(start).replace(/\s+(?:also|still|now|then|soon|reportedly)$/u, "");
  if (!text || wordCount(text) > 10 || VAGUE_SUBJECT.test(text)) return null;
  // A subject is a name or a determiner-led noun phrase, not a verb phrase or a quotation.
  if (!/^(?:\p{Lu}|the\b|a\b|an\b|its\b|their\b)/u.test(text) || /["“”]/.test(text)) return null;
  if (/^(?:However|But|And|Meanwhile|Still|Now|Also|So|Yet|Moreover|In|On|At|For|With|If|When)\b/u.test(text))
    return null;
  return { evidence: 0, start, end: start + text.length };
}

function choose(template: TemplateId, slots: Record<string, SlotSpan>, evidence: string[]): string | null {
  const choice: TemplateChoice = { template, slots };
  const result = fillTemplate(choice, evidence);
  return result.ok ? result.text : null;
}

/** "X is expected to block Y" → Will X block Y? (When will X …? when nothing dates it and a date is asked.) */
function modalQuestion(sentence: string, evidence: string[]): string | null {
  for (const m of sentence.matchAll(MODAL)) {
    const subject = subjectSpan(sentence, m.index);
    const predicate = predicateSpan(sentence, m.index + m[0].length);
    if (!subject || !predicate) continue;
    const text = choose("will", { subject, predicate }, evidence);
    if (text) return text;
  }
  return null;
}

/** "X has yet to approve Y" / "X still needs to approve Y" → Has X approved Y? */
function notYetQuestion(sentence: string, evidence: string[]): string | null {
  const m = /\b(?:has|have) yet to\s+|\b(?:still )?needs? to\s+|\b(?:has|have) not yet\s+/u.exec(sentence);
  if (!m) return null;
  const subject = subjectSpan(sentence, m.index);
  const predicate = predicateSpan(sentence, m.index + m[0].length);
  return subject && predicate ? choose("has", { subject, predicate }, evidence) : null;
}

/** "subject to X's approval" / "pending X" / "awaiting X" → Pending: X's approval[, due by <date>]. */
function pendingStatement(sentence: string, evidence: string[]): string | null {
  const m = /\b(?:subject to|pending|awaiting|still awaits|conditional (?:up)?on)\s+/iu.exec(sentence);
  if (!m) return null;
  const what = predicateSpan(sentence, m.index + m[0].length, 10);
  if (!what) return null;
  const due = DUE_DATE.exec(sentence);
  if (due && due.index >= what.end) {
    const deadline = { evidence: 0, start: due.index, end: due.index + due[0].length };
    return choose("pendingBy", { what, deadline }, evidence);
  }
  if (due && due.index > what.start) what.end = Math.min(what.end, due.index - 1);
  return choose("pending", { what }, evidence);
}

/** "the CMA's provisional findings …" → Will the CMA's provisional findings become final? */
function finalQuestion(sentence: string, cue: string, evidence: string[]): string | null {
  const at = sentence.toLowerCase().indexOf(cue.toLowerCase());
  if (at < 0) return null;
  const phrase = /^(?:\p{L}+\s+){0,2}/u.exec(sentence.slice(at + cue.length))?.[0] ?? "";
  const noun =
    /^(?:finding|findings|report|decision|ruling|approval|agreement|deal|verdict|order|injunction|assessment|view|conclusion|conclusions)\b/iu.exec(
      sentence.slice(at + cue.length).trimStart(),
    );
  if (!noun || phrase === undefined) return null;
  const owner =
    /(?:\bthe\s+)?(?:\p{Lu}[\p{L}\p{N}&.-]*\s+){0,3}\p{Lu}[\p{L}\p{N}&.-]*['’]s\s+$|\b(?:the|a|its|their)\s+$/u.exec(
      sentence.slice(0, at),
    );
  if (!owner || /^(?:its|their|a)\b/i.test(owner[0])) return null;
  const start = owner.index;
  const end =
    at +
    cue.length +
    (sentence.slice(at + cue.length).length - sentence.slice(at + cue.length).trimStart().length) +
    noun[0].length;
  return choose("final", { subject: { evidence: 0, start, end } }, evidence);
}

/** "X claimed that Y" → Is it confirmed that Y? */
function claimQuestion(sentence: string, cue: string, evidence: string[]): string | null {
  const at = sentence.indexOf(cue);
  if (at < 0) return null;
  const after = at + cue.length;
  const rest = /^\s+(?:that\s+)?/u.exec(sentence.slice(after));
  if (!rest) return null;
  const claim = predicateSpan(sentence, after + rest[0].length, 18);
  if (
    !claim ||
    !subjectSpan(
      sentence.slice(claim.start),
      sentence.slice(claim.start).search(/\s+(?:is|are|was|were|has|have|had|will|would|did|does|can)\b/u),
    )
  )
    return null;
  return choose("confirmed", { claim }, evidence);
}

const FIGURE = /(?:[$€£]\s?)?\d+(?:[.,]\d+)?\s?(?:%|per ?cent|percent|billion|million|bn|m\b)/giu;

/** Two sources give different figures for one thing → Which figure is right: A or B? */
function figuresQuestion(basis: string, other: string, evidence: string[]): string | null {
  const a = [...basis.matchAll(FIGURE)][0];
  const b = [...other.matchAll(FIGURE)][0];
  if (!a || !b) return null;
  return choose(
    "figures",
    {
      a: { evidence: 0, start: a.index, end: a.index + a[0].trim().length },
      b: { evidence: 1, start: b.index, end: b.index + b[0].trim().length },
    },
    evidence,
  );
}

/** The question for an open point, offline: a template filled with the basis's own spans, or null. */
export function offlineQuestion(point: QuestionBasis): string | null {
  const basis = point.basis;
  const evidence = [basis, ...point.related.map((r) => r.sentence)];
  const cue = point.cue.toLowerCase();
  switch (point.kind) {
    case "contradiction":
      return figuresQuestion(basis, evidence[1] ?? "", evidence);
    case "claim":
      return claimQuestion(basis, point.cue, evidence);
    case "pending":
      if (/provisional|tentative|conditional/.test(cue))
        return finalQuestion(basis, point.cue, evidence) ?? modalQuestion(basis, evidence);
      return (
        pendingStatement(basis, evidence) ?? notYetQuestion(basis, evidence) ?? modalQuestion(basis, evidence)
      );
    default:
      return modalQuestion(basis, evidence) ?? notYetQuestion(basis, evidence);
  }
}
