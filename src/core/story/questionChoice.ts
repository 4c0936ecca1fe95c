// The offline choice of a question template and its spans: finds the clause's subject and predicate around
// a modal ("X is expected to block Y" → Will X block Y?), the object of "subject to"/"pending", the claim
// after a claim verb, or the two figures of a disagreement. A predicate is one non-finite verb phrase: the
// adverbs before its verb stay out, and it ends where a second predicate is joined to it. No choice when the
// sentence offers no clean clause: one question fewer rather than a malformed one.
import { fillTemplate, type SlotSpan, type TemplateChoice, type TemplateId } from "./questionTemplates.js";
import { isAdverb, secondPredicate, type VerbForm } from "./verbs.js";

export interface QuestionBasis {
  kind: "hedge" | "pending" | "deadline" | "claim" | "contradiction";
  /** The verbatim sentence the question rests on. */
  basis: string;
  /** The words that make it open ("subject to", "by September 15"). */
  cue: string;
  /** For a disagreement: the other side's sentence. */
  related: ReadonlyArray<{ sentence: string }>;
}

/**
 * Words that make the rest of a clause a future or a plan: the predicate starts right after them. "plans to"
 * after "has" or a determiner is a noun ("has plans to …"), not a verb group.
 */
const MODAL =
  /\b(?:will|would|may|might|could|(?:is|are) (?:expected|set|poised|likely|due|scheduled) to|expects? to|(?<!\b(?:has|have|had|its|their|his|her|our|the|no|any)\s)(?:plans?|aims?|hopes?) to|intends? to|seeks? to|wants? to|is looking to)\s+(?!have\b|be able\b|not\b|never\b|no longer\b)/giu;

/** A date the open point is due by: "by Oct. 14", "no later than Dec. 14, 2023", "before March 1". */
export const DUE_DATE =
  /\b(?:by|before|no later than|until)\s+(?:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?|January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}(?:,\s*\d{4})?/u;

/**
 * Where a clause ends: strong punctuation, a parenthesis (not a one-word one such as an acronym or a converted
 * figure, which the clause runs through), a dash, or a conjunction that opens another clause.
 */
const CLAUSE_END =
  /\s*(?:\band (?=(?:is|are|was|were|will|would|has|have|had|could|may|might)\b)|[,;:—–"“”]|\((?![^()\s]{1,12}\))|(?<!\([^()\s]{1,12})\)|\s-\s|(?<!\b(?:\p{Lu}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Inc|Corp|Ltd|Co|St|No|Mr|Ms|Dr))\.(?=\s|$)|\b(?:after|because|as|while|which|who|whereby|although|though|but|and said|said|according|amid|despite|following|if|unless|when)\b)/u;

/**
 * A clause's subject opens at the sentence start, after a comma, "that", a conjunction, a wh-word ("over
 * how the company could …") or a reporting verb ("X said the regulator will …").
 */
const SUBJECT_START =
  /(?:^|[,;:—]\s*|(?<!\p{Lu}[\p{L}.’'-]*\s)\band\s+|\b(?:that|but|whether|if|so|how|why|what|where)\s+|\b(?:said|says|confirmed|confirms|reported|reports|announced|announces|added|noted|warned|argued|believes?|thinks?|told \p{L}+)\s+(?:that\s+)?)(?=\S)/gu;

/** "X said it will …": in news prose the pronoun is the reporting subject itself. */
const REPORTER_PRONOUN =
  /([Tt]he\s+(?:\p{Ll}+\s+)?\p{Ll}+|(?:the\s+)?(?:\p{Lu}[\p{L}\p{N}&.’'-]*\s+){0,3}\p{Lu}[\p{L}\p{N}&.’'-]*)\s+(?:(?:has|have|had)\s+)?(?:said|says|announced|confirmed|added|noted|told\s+(?:\p{Lu}[\p{L}.]*|reporters|journalists))(?:\s+on\s+\p{Lu}\p{L}+)?\s+(?:that\s+)?(?:it|they|he|she)\s*$/u;

/** An appositive or relative clause between the subject and its verb: "Initech, which makes X, will …". */
const APPOSITIVE = /,\s+(?:which|who|whose|a|an|the|based|headquartered|now|once)\b[^,]*,\s*$/u;

/** Bare pronouns and placeholders say nothing on their own; such a question is dropped. */
const VAGUE_SUBJECT =
  /^(?:it|they|he|she|this|that|these|those|there|we|i|you|which|who|one|some|many|others|both|all|each)$/i;

/** "this data", "those plans": a demonstrative before a noun (not a time) points back to a sentence not shown. */
const DEMONSTRATIVE =
  /\b(?:this|these|those)\s+(?!(?:year|week|month|quarter|summer|autumn|fall|winter|spring|weekend|morning|afternoon|evening)\b)\p{L}/iu;

/**
 * A subject that points back to a sentence the question does not show: a possessive or demonstrative
 * ("its new venture", "this data") or a bare noun for one of the parties ("the company"); out of its text,
 * nobody knows which. A story has few regulators, so "the regulator" stays.
 */
const POINTS_BACK =
  /^(?:(?:its|their|his|her|this|that|these|those)\b|the\s+(?:company|firm|group|business|giant|startup|platform|app)$)/iu;

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Words a clean predicate cannot end on: it was cut before its object or complement. */
const DANGLING =
  /\b(?:is|are|was|were|be|been|being|has|have|had|to|of|for|the|a|an|that|and|or|by|with|from|its|their|his|her|would|will|could|can|not)$/iu;

/** Prepositions that open an adjunct a question can do without ("… for the deal at a time it needs it"). */
const ADJUNCT = /\s(?:at|in|on|for|during|within|amid|over|after|before|under|as|through|across)\s/gu;

/** Adverbs at the predicate's start stay out of it ("would soon decide" → decide): the verb heads it. */
function skipAdverbs(sentence: string, from: number): number {
  let at = from;
  for (let m = /^(\p{L}+)\s+/u.exec(sentence.slice(at)); m?.[1] && isAdverb(m[1]);) {
    at += m[0].length;
    m = /^(\p{L}+)\s+/u.exec(sentence.slice(at));
  }
  return at;
}

/** Where a second predicate joined by "and"/"or"/"but" starts in [from, end), or `end` (one verb phrase). */
function firstPredicateEnd(sentence: string, from: number, end: number, form: VerbForm): number {
  const words = [...sentence.slice(from, end).matchAll(/\S+/gu)];
  const k = secondPredicate(
    words.map((w) => w[0]),
    form,
  );
  return k < 0 ? end : from + (words[k]?.index ?? end - from);
}

/**
 * [start, end) of the clause's predicate starting at `from`: one verb phrase in the template's verb form, cut at
 * the clause's end, at a second predicate joined to it, and at a word limit.
 */
function predicateSpan(
  sentence: string,
  at: number,
  maxWords = 16,
  form: VerbForm = "base",
): SlotSpan | null {
  const from = skipAdverbs(sentence, at);
  const rest = sentence.slice(from);
  const stop = CLAUSE_END.exec(rest);
  // An opening quotation or parenthesis with no comma before it is inside the clause ("to block X's $5bn (…)
  // purchase", "ensure that “…”"): stopping there leaves a fragment.
  if (stop && /^\s*[(“«]|^\s*"(?=\p{L})/u.test(stop[0] + rest.charAt(stop.index + stop[0].length)))
    return null;
  let end = firstPredicateEnd(sentence, from, from + (stop ? stop.index : rest.length), form);
  // A clause too long for a question loses trailing adjuncts (a prepositional phrase) when that is enough;
  // otherwise no question from it, since any other cut leaves a fragment. Never inside a relative clause,
  // where the preposition may belong to its verb ("designs that rivals rely on").
  if (wordCount(sentence.slice(from, end)) > maxWords) {
    const relative = /\s(?:that|which|who|whom)\s/u.exec(sentence.slice(from, end));
    const limit = relative ? relative.index : end - from;
    const cuts = [...sentence.slice(from, end).matchAll(ADJUNCT)]
      .filter((m) => m.index < limit)
      .map((m) => from + m.index);
    const fits = cuts.filter((c) => wordCount(sentence.slice(from, c)) <= maxWords).at(-1);
    if (fits === undefined || wordCount(sentence.slice(from, fits)) < 4) return null;
    end = fits;
  }
  // Trailing separators go, and a full stop, but not an abbreviation's dot ("in the U.S.").
  const trimmed = sentence.slice(from, end).replace(/[\s,;:]+$/u, "");
  const text = /(?:^|\s)(?:\p{Lu}\.)+$/u.test(trimmed) ? trimmed : trimmed.replace(/[\s.,;:]+$/u, "");
  if (wordCount(text) < 2 || DANGLING.test(text)) return null;
  return { evidence: 0, start: from, end: from + text.length };
}

/** [start, end) of the noun phrase ending right before `at`, back to the clause's start. */
function subjectSpan(sentence: string, at: number): SlotSpan | null {
  let head = sentence.slice(0, at).replace(/\s+$/u, "");
  const reporter = REPORTER_PRONOUN.exec(head);
  if (reporter?.[1] && !/^(?:The|A|An|It|They|He|She|But|And)$/u.test(reporter[1]))
    return checkedSubject(sentence, reporter.index, reporter.index + reporter[1].length);
  const appositive = APPOSITIVE.exec(head);
  if (appositive) head = head.slice(0, appositive.index);
  let start = 0;
  let joined = false;
  for (const m of head.matchAll(SUBJECT_START)) {
    start = m.index + m[0].length;
    joined = /\band\s+$/u.test(m[0]);
  }
  // "the deal between A, …, and B would …": after "between", "both" or "either", "and" joins two noun phrases,
  // and the noun phrase after it is not the clause's subject.
  if (joined) {
    const clause =
      head
        .slice(0, start)
        .split(/\b(?:said|says|that|whether)\b|[;:—]/u)
        .at(-1) ?? "";
    if (/\b(?:between|both|either)\b/iu.test(clause)) return null;
  }
  // Adverbs between subject and modal ("X also will") stay out of the subject.
  const text = head.slice(start).replace(/\s+(?:also|still|now|then|soon|reportedly)$/u, "");
  return checkedSubject(sentence, start, start + text.length);
}

function checkedSubject(sentence: string, start: number, end: number): SlotSpan | null {
  const text = sentence.slice(start, end);
  if (!text || wordCount(text) > 10 || VAGUE_SUBJECT.test(text) || POINTS_BACK.test(text)) return null;
  // A subject is a name or a determiner-led noun phrase, not a verb phrase, a possessive or a quotation.
  if (!/^(?:\p{Lu}|the\b|a\b|an\b|its\b|their\b)/u.test(text) || /["“”]/.test(text)) return null;
  if (/['’]s?$|\b(?:that|which|who|whom|whose)$/u.test(text)) return null;
  if (/^(?:However|But|And|Meanwhile|Still|Now|Also|So|Yet|Moreover|In|On|At|For|With|If|When)\b/u.test(text))
    return null;
  return { evidence: 0, start, end };
}

function choose(template: TemplateId, slots: Record<string, SlotSpan>, evidence: string[]): string | null {
  const choice: TemplateChoice = { template, slots };
  const result = fillTemplate(choice, evidence);
  // "… ensure that this data is removed": a demonstrative points back to a sentence the question omits.
  if (!result.ok || DEMONSTRATIVE.test(result.text)) return null;
  return result.text;
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

/**
 * "a law that could result in Acme being banned in the state" → Will Acme be banned in the state? The hedged
 * outcome names its own subject (a capitalised name) and a passive predicate; "being" becomes "be".
 */
function outcomeQuestion(sentence: string, evidence: string[]): string | null {
  const m = /\b(?:could|may|might|would)\s+(?:result in|lead to|end with)\s+/u.exec(sentence);
  if (!m) return null;
  const from = m.index + m[0].length;
  const who = /^(?:the\s+)?(?:\p{Lu}[\p{L}\p{N}&.'’-]*\s+){1,4}?(?=being\s+\p{Ll}+(?:ed|en)\b)/u.exec(
    sentence.slice(from),
  );
  if (!who) return null;
  const subject = { evidence: 0, start: from, end: from + who[0].trimEnd().length };
  const predicate = predicateSpan(sentence, from + who[0].length, 12);
  return predicate ? choose("will", { subject, predicate }, evidence) : null;
}

/** "X has yet to approve Y" / "X still needs to approve Y" → Has X approved Y? */
function notYetQuestion(sentence: string, evidence: string[]): string | null {
  const m = /\b(?:has|have) yet to\s+|\b(?:still )?needs? to\s+|\b(?:has|have) not yet\s+/u.exec(sentence);
  if (!m) return null;
  const subject = subjectSpan(sentence, m.index);
  const predicate = predicateSpan(sentence, m.index + m[0].length, 16, "participle");
  return subject && predicate ? choose("has", { subject, predicate }, evidence) : null;
}

/** The noun phrase after `from` up to an "and" that starts a gerund ("a review and providing …"), or null. */
function gerundCut(sentence: string, from: number): SlotSpan | null {
  const gerund = / and \p{Ll}+ing\b/u.exec(sentence.slice(from));
  if (!gerund) return null;
  const head = sentence.slice(from, from + gerund.index);
  return /[,;:"“”()]/u.test(head) || wordCount(head) > 10 || wordCount(head) < 2
    ? null
    : { evidence: 0, start: from, end: from + gerund.index };
}

/** "subject to X's approval" / "pending X" / "awaiting X" → Pending: X's approval[, due by <date>]. */
function pendingStatement(sentence: string, evidence: string[]): string | null {
  const m = /\b(?:subject to|pending|awaiting|still awaits|conditional (?:up)?on)\s+/iu.exec(sentence);
  if (!m) return null;
  const what =
    predicateSpan(sentence, m.index + m[0].length, 10) ?? gerundCut(sentence, m.index + m[0].length);
  if (!what) return null;
  // "subject to a review and providing benefits": the gerund after "and" is a second commitment, not
  // part of what is awaited.
  const gerund = / and \p{Ll}+ing\b/u.exec(sentence.slice(what.start, what.end));
  if (gerund) what.end = what.start + gerund.index;
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

/**
 * An open state said plainly: "X is currently investigating the deal" → Pending: X is currently
 * investigating the deal. The span runs from the clause's subject to its end and is shown verbatim.
 */
function plainPending(sentence: string, cue: string, evidence: string[]): string | null {
  const at = sentence.indexOf(cue);
  if (at < 0) return null;
  // The subject is whatever stands before the verb group that holds the cue ("is currently investigating").
  const verb =
    /(?:\b(?:is|are|was|were|has|have|will|would|remains?)\s+(?:\p{Ll}+ly\s+|still\s+|now\s+)?)?$/u.exec(
      sentence.slice(0, at),
    );
  // Only a cue that is (or follows) the clause's verb group: "comes after a provisional deal" is not one.
  if (!verb?.[0] && !/^(?:is|are|remains?|hangs?|needs?|requires?|reserves?|under|in doubt)\b/iu.test(cue))
    return null;
  // "has conditionally been approved", "provisionally cleared": the step is taken, with a proviso; shown
  // after "Pending:" it would read as a step still to come.
  if (/ly$/iu.test(cue) && /^\s+(?:been\s+)?\p{Ll}+(?:ed|en)\b/u.test(sentence.slice(at + cue.length)))
    return null;
  const subject = subjectSpan(sentence, verb ? verb.index : at);
  const predicate = predicateSpan(sentence, verb ? verb.index : at, 14);
  if (!subject || !predicate || sentence.slice(subject.end, predicate.start).trim()) return null;
  return choose("pending", { what: { evidence: 0, start: subject.start, end: predicate.end } }, evidence);
}

/** "X has happened, people familiar with the matter said" → Is it confirmed that X has happened? */
function unnamedSourceQuestion(sentence: string, cue: string, evidence: string[]): string | null {
  const at = sentence.indexOf(cue);
  const comma = sentence.lastIndexOf(",", at);
  if (
    at < 0 ||
    comma < 0 ||
    sentence
      .slice(comma + 1, at)
      .trim()
      .split(/\s+/).length > 3
  )
    return null;
  const claim = sentence.slice(0, comma).trim();
  if (wordCount(claim) > 24 || wordCount(claim) < 4 || DANGLING.test(claim) || /["“”]/.test(claim))
    return null;
  if (
    !checkedSubject(
      sentence,
      0,
      Math.max(1, claim.search(/\s+(?:has|have|had|is|are|was|were|will|\p{Ll}+ed)\b/u)),
    )
  )
    return null;
  return choose("confirmed", { claim: { evidence: 0, start: 0, end: claim.length } }, evidence);
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
      // "X did Y, people familiar with the matter said" asks whether X did Y; "X did Y, claiming Z" does not:
      // Z is the claim, and the main clause is the reporter's own.
      return (
        claimQuestion(basis, point.cue, evidence) ??
        (/familiar|close to|briefed|according to/iu.test(point.cue)
          ? unnamedSourceQuestion(basis, point.cue, evidence)
          : null)
      );
    case "pending":
      if (/provisional|tentative|conditional/.test(cue))
        return (
          finalQuestion(basis, point.cue, evidence) ??
          pendingStatement(basis, evidence) ??
          modalQuestion(basis, evidence) ??
          plainPending(basis, point.cue, evidence)
        );
      return (
        pendingStatement(basis, evidence) ??
        notYetQuestion(basis, evidence) ??
        modalQuestion(basis, evidence) ??
        plainPending(basis, point.cue, evidence)
      );
    default:
      return (
        modalQuestion(basis, evidence) ?? notYetQuestion(basis, evidence) ?? outcomeQuestion(basis, evidence)
      );
  }
}
