// Whether a sentence reads on its own as a bullet or key figure, and whether two sentences report one
// statement: rules about English news copy, where a paragraph is often one sentence and a follow-up
// sentence opens with a pronoun or a definite noun ("The ruling…", "That sum…") naming what came before.

import { jaccard } from "./text.js";

/** Sentences that only make sense after the one before them. */
export const LEANS_ON_CONTEXT =
  /^(?:or|and|but|so|it|this|that|these|those|they|he|she|its|their|his|her|there)\b/i;

/**
 * A noun that points back to what the previous sentence told: "The decision surprised …", "The move comes …",
 * "The regulator also found …" (which of the story's regulators?). "The companies" is not among them: in a
 * brief about one deal they are its parties; "the two companies" or "both sides" counts a pair the sentence
 * before named, and a brief may be about a third.
 */
export const POINTS_BACK =
  /^(?:both\s+(?:companies|firms|sides|parties)\b|the\s+(?:(?:two|three)\s+(?:companies|firms|sides|parties)\b|(?:statement|news|comments?|move|decision|announcement|remarks|report|development|step|letter|filing|proposal)\b(?!\s+(?:of|from|by|to|on|that)\b)|(?:company|firm|regulator|watchdog)(?:['’]s?)?\s))/iu;

/**
 * "… hailed the ruling.", "X said the decision was a blow": a ruling or decision with nothing saying whose or
 * on what ("the court's ruling", "the decision to block") is the one the sentence before reported; so is a
 * statement someone "made" with nothing saying what it was.
 */
const UNNAMED_RULING =
  /\bthe\s+(?:ruling|decision|verdict)\b(?!\s+(?:of|from|by|to|on|that|in|against|for|over)\b)|\b(?:made|issued|gave|delivered)\s+the\s+(?:statement|remarks|comments?)\b(?!\s+(?:of|from|by|to|on|that|in|about)\b)/iu;

/** An adverbial opening ("In an interview on Tuesday, May 4, …", "For three weeks, …") before the subject. */
const LEAD_IN =
  /^(?:in|on|for|after|before|under|at|during|with|speaking|since|by|despite|following|amid|earlier|later)\b/iu;

/**
 * The sentence points back to one not shown: at its start, or as the subject after an adverbial opening
 * ("In a filing on Friday, the firm said …"): the lead-in does not name who "the company" is.
 */
export function pointsBack(tidied: string): boolean {
  if (LEANS_ON_CONTEXT.test(tidied) || POINTS_BACK.test(tidied) || UNNAMED_RULING.test(tidied)) return true;
  if (!LEAD_IN.test(tidied)) return false;
  // Each comma in the first words may close the opening; quotation marks mean it is no plain adverbial.
  for (let at = tidied.indexOf(","); at > 0 && at < 90; at = tidied.indexOf(",", at + 1)) {
    if (/["“”]/u.test(tidied.slice(0, at))) return false;
    const rest = tidied.slice(at + 1).trimStart();
    if (/^(?:it|they|he|she|this|these|those)\b/iu.test(rest) || POINTS_BACK.test(rest)) return true;
  }
  return false;
}

const MONTH =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const DAY_DATE = new RegExp(`\\b${MONTH}\\.?\\s+(\\d{1,2})(?!\\d|[.,]\\d)\\b`, "giu");

/** The calendar days a sentence names, as "sep 15": "Sept. 15" and "September 15" are one day. */
export function dayDates(sentence: string): Set<string> {
  const out = new Set<string>();
  for (const m of sentence.matchAll(DAY_DATE)) out.add(`${m[0].slice(0, 3).toLowerCase()} ${m[1] ?? ""}`);
  return out;
}

const DATED_MONTH = new RegExp(`\\b${MONTH}\\.?\\s+\\d`, "giu");

/** The months a sentence dates something in, by day or by year ("Sept. 15", "September 2020"), as "sep". */
function datedMonths(sentence: string): Set<string> {
  const out = new Set<string>();
  for (const m of sentence.matchAll(DATED_MONTH)) out.add(m[0].slice(0, 3).toLowerCase());
  return out;
}

/** What `sameStatement` compares: a sentence, its source, its content words and the name it opens with. */
export interface Statement {
  sentence: string;
  source: string;
  words: ReadonlySet<string>;
  subject: string | null;
}

/**
 * Two outlets reporting one statement in their own words: the same subject (the name the sentence opens
 * with) and the same calendar day ("X aims to sign by June 3" beside "X wants the contract agreed by
 * June 3"): "same". Or the same month, given by `a` with its year and by `b` to the day, with some words in
 * common ("X wants to sign by June 2031" beside "X hopes to sign the contract by June 3"): "finer", `b` says
 * more. Word overlap alone misses these: each outlet paraphrases. Null when they are two statements.
 */
export function sameStatement(a: Statement, b: Statement): "same" | "finer" | null {
  if (a.source === b.source || a.subject === null || a.subject !== b.subject) return null;
  const [daysA, daysB] = [dayDates(a.sentence), dayDates(b.sentence)];
  if ([...daysB].some((d) => daysA.has(d))) return "same";
  // Two different days in one month are two statements.
  if (daysA.size > 0 || daysB.size === 0) return null;
  const months = datedMonths(a.sentence);
  const shared = [...datedMonths(b.sentence)].some((m) => months.has(m));
  return shared && jaccard(a.words, b.words) >= 0.2 ? "finer" : null;
}

/**
 * A short sentence whose content words are nearly all in another (a standfirst repeating the lead, one
 * outlet's headline-like line beside its full sentence): showing both says one thing twice.
 */
export function contained(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size < 5) return false;
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  return shared / small.size >= 0.7;
}

/**
 * Not about the deal: a habit ("the board usually meets 6 times a year") or an age or tenure ("its
 * 90 years as a family firm"). A key figure needs another number than these.
 */
export const HABITUAL = /\b(?:generally|usually|typically|traditionally|historically|tends? to)\b/iu;
export const TENURE =
  /(?:['’]s?|\b(?:its|their|our|his|her))\s+(?:[\d,]+(?:-plus)?|\p{L}+)\s+(?:years?|decades?)\b(?!\s+(?:from|after|until|to)\b)/giu;

/**
 * "The news came after months of lobbying by …", "The remarks accompanied a filing that …":
 * the subject points back, but all the verb says is how the unshown news relates to what follows it. The
 * rest, a noun phrase with the facts, reads on its own once the opening is deleted.
 */
const RELATION_OPENING =
  /^the\s+(?:statement|news|comments?|move|decision|announcement|remarks|report|development|step)\s+(?:\p{Ll}+ly\s+)?(?:follows|followed|comes|came|accompanie[sd])\s+(?:\p{Ll}+ly\s+)?(?:(?:after|amid|on the heels of)\s+)?/iu;

/** Where the facts start in a sentence that opens with a relation to news not shown, or -1. */
export function relationEnd(sentence: string): number {
  const m = RELATION_OPENING.exec(sentence);
  if (!m) return -1;
  const rest = sentence.slice(m[0].length);
  if (rest.split(/\s+/).length < 6 || LEANS_ON_CONTEXT.test(rest) || POINTS_BACK.test(rest)) return -1;
  return m[0].length;
}
