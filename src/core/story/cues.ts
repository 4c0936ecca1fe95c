// The words that leave a news sentence open: a pending step ("subject to", "needs approval", "is
// investigating"), a deadline, a claim nobody has confirmed ("people familiar with the matter said"), a
// hedge or a forecast ("could", "is expected to", "will" with a named subject). And the look-alikes that do
// not make the future uncertain: "reportedly" before a past verb, a counterfactual "would have been",
// "potential" as an adjective, a "would" inside a clause about a deal described after the fact ("whereby
// X would acquire Y"), a court denying a petition, an analyst's flat forecast.
import type { QuestionKind } from "./types.js";

export interface Cue {
  kind: QuestionKind;
  /** The words that make it open, as the sentence writes them. */
  text: string;
  index: number;
  weight: number;
}

const MONTH =
  "(?:Jan(?:uary)?|Feb(?:ruary)?|March|April|May|June|July|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";

const CUES: Array<{ kind: QuestionKind; pattern: RegExp; weight: number }> = [
  {
    kind: "pending",
    pattern:
      /\b(subject to|pending|awaiting|still needs?|yet to|has not (?:yet )?been|not yet|tentative(?:ly)?|conditional(?:ly)?|provisional(?:ly)?|in doubt|hangs? in the balance|unclear|uncertain|could yet|remains to be seen|in the balance|needs? (?:\w+ ){0,2}(?:approval|clearance|consent|sign-off)|requires? (?:\w+ ){0,2}(?:approval|clearance|consent)|(?:is|are) (?:currently |still |now )?(?:investigating|reviewing|examining|probing|scrutini[sz]ing)|under (?:investigation|review|scrutiny)|(?:will|would) (?:soon )?decide whether|reserves? the right|if the conditions are met|on condition that)\b/iu,
    weight: 3,
  },
  {
    kind: "contradiction",
    pattern:
      /\b(conflicting|contradict\w*|differs? (?:significantly )?from|at odds|disputed?|denie[sd]|divergent)\b/iu,
    weight: 2.8,
  },
  {
    kind: "deadline",
    pattern: new RegExp(
      `\\b((?:by|before|no later than|until|after|deadline of)\\s+(?:(?:early|mid|late)-?\\s*)?${MONTH}(?:\\s+\\d{1,2}(?:,\\s*\\d{4})?|\\s+\\d{4})|within \\d+ (?:working )?days|\\d+ (?:working )?days to \\p{L}+|(?:a|the) deadline (?:to|for|of)|(?:is|are) due (?:to|by|on)|(?:set|due) to take effect|takes? effect (?:on|in|from))\\b`,
      "iu",
    ),
    weight: 2.5,
  },
  {
    kind: "claim",
    pattern:
      /(?<!\b(?:its|their|the|a|his|her|our)\s+)\b(claim(?:s|ed|ing)?|maintain(?:s|ed)|insist(?:s|ed)|allege[sd]?|contend(?:s|ed)|accuse[sd]?|(?:people|persons?|sources|someone|a person) (?:familiar with|close to|briefed on) (?:the|his|her|their) (?:matter|deal|talks|plans?|negotiations|situation|discussions|decision)|according to (?:people|sources|a person))\b/iu,
    weight: 2.2,
  },
  {
    kind: "hedge",
    pattern:
      /\b(may|might|could|would|expects? to|expected to|plans? to|planning to|aims? to|hopes? to|intends? to|looking to|likely|possible|possibly|potential(?:ly)?|proposed|considering|reportedly|look(?:s)? set to|(?:is|are) set to|(?:will|would) have to|will)\b/iu,
    weight: 1.5,
  },
];

/** The deal or step an adjective like "possible" can hedge. */
const DEAL_NOUN =
  /^\s+(?:\p{L}+\s+)?(?:purchase|acquisition|deal|sale|merger|takeover|buyout|bid|ban|divestiture|transaction|agreement|investment|spin-?off|listing)\b/iu;

const PAST_VERB =
  /^\s+(?:\p{L}+ed|said|told|made|took|gave|went|sold|bought|held|left|came|saw|became|began|brought|found|kept|ran|set|sent|spent|thought|paid|met|won|lost|called)\b/u;

/** Someone whose job is to comment on the deal, not to take part in it. */
const PUNDIT = /\b(?:analysts?|strategists?|economists?|commentators?|pundits?)\b/iu;
const REPORTED =
  /\b(?:said|says|pointed out|points out|noted|notes|wrote|writes|argued|argues|predicted|predicts|according to)\b/iu;

/** Is this match a real cue, or a word that only looks like one here? */
function genuine(sentence: string, cue: string, index: number): boolean {
  const word = cue.toLowerCase();
  const before = sentence.slice(Math.max(0, index - 40), index);
  const after = sentence.slice(index + cue.length, index + cue.length + 60);
  // "May 3" is a date, not a modal.
  if (/^may$/i.test(cue) && /^\s+\d/.test(after)) return false;
  // "reportedly called him …": a past event reported second-hand, not an open future.
  if (word === "reportedly" && PAST_VERB.test(after)) return false;
  if (/^(?:would|could|might|may)$/.test(word)) {
    // Counterfactual: "would have been a bigger win", "could have worked".
    if (/^\s+have\s+\p{L}+/u.test(after)) return false;
    // "could not be reached for comment" says nothing about the story.
    if (/^\s+not\s+(?:be\s+)?(?:reached|immediately)/u.test(after)) return false;
    // A decision reported in its own words, tense shifted back: "the panel concluded that the law would
    // stand" states what was decided, not what may happen.
    if (
      /\b(?:concluded|ruled|found|held|determined|decided|judged)\s+that\s+(?:[\p{L}’'-]+\s+){0,6}$/iu.test(
        before,
      )
    )
      return false;
    // A clause describing a deal after the fact: "the transaction whereby A would acquire B".
    if (/\b(?:whereby|under which|in which|by which)\s+(?:[\p{L}’'-]+\s+){0,4}$/iu.test(before)) return false;
  }
  // "potential"/"proposed"/"possible" as an adjective names a thing ("potential competition concerns"),
  // unless the thing is the deal itself ("the possible purchase of X"), which it then hedges.
  if (/^(?:potential|proposed|possible)$/.test(word) && !DEAL_NOUN.test(after)) return false;
  // A court denying a petition or motion decides; it is not two sources disagreeing.
  if (
    /^denie[sd]$/.test(word) &&
    /^\s+(?:[\p{L}’'.-]+\s+){0,3}(?:petition|motion|request|appeal|application|stay|injunction|bid)\b/iu.test(
      after,
    )
  )
    return false;
  // "will" counts when it carries a forecast or plan about the story: not in a quotation, not "will be" alone.
  if (word === "will") {
    if (/^\s+(?:not\s+)?be\s*[.,]/u.test(after)) return false;
    if (insideQuotation(sentence, index)) return false;
    // An analyst's flat forecast ("X will recoup …, said an analyst at Y") is an opinion on what follows, not
    // a step anyone is waiting for; a hedged one ("could signal …") still marks a real uncertainty.
    if (PUNDIT.test(sentence) && REPORTED.test(sentence)) return false;
  }
  return true;
}

// Global copies built once, not per sentence: matchAll clones its pattern, so sharing one is safe.
const GLOBAL_CUES = CUES.map(({ kind, pattern, weight }) => ({
  kind,
  weight,
  global: new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`),
}));

/** An odd number of quotation marks before `index`: the words there are someone's, quoted. */
export function insideQuotation(sentence: string, index: number): boolean {
  return (sentence.slice(0, index).match(/["“”]/gu) ?? []).length % 2 === 1;
}

/** Every cue of a sentence, strongest kind first; several per kind when the sentence has them. */
export function cuesOf(sentence: string): Cue[] {
  const out: Cue[] = [];
  for (const { kind, global, weight } of GLOBAL_CUES) {
    for (const m of sentence.matchAll(global)) {
      if (genuine(sentence, m[0], m.index)) out.push({ kind, text: m[0], index: m.index, weight });
    }
  }
  return out;
}

/** The sentence reports its step second-hand: unnamed sources, a claim, or "reportedly". */
export function secondHand(sentence: string): boolean {
  return cuesOf(sentence).some((c) => c.kind === "claim" || /^reportedly$/i.test(c.text));
}
