// Where an evidence sentence may be cut into spans: its words with offsets, which of them sit inside a
// quotation, and the cut points (commas, semicolons, colons and dashes outside quotes, dates and parentheses,
// and the bare openers of time, setting and subordinate adjuncts, also right after a complementizer "that"). spanClasses.ts then says which spans are
// main; both use the word classes below, defined once here.
import { bare, isAttributionVerb, isTimeAnchor, isTimeOpener, isTimeWord } from "./words.js";

export interface Token {
  text: string;
  start: number;
  end: number;
}

export const OPEN_QUOTE = /^[([]*[“«„"‘']/u;
const CLOSE_QUOTE = /[”»"’'][)\].,;:!?]*$/u;
export const DASH = /^[—–-]{1,2}$/u;
const WEEKDAY_OR_DAY =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{1,2}(?:st|nd|rd|th)?)$/;

/** Auxiliaries and speech verbs: a word that makes the words around it a clause, not a name. */
export const AUX =
  /^(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|shall|should|does|do|did|said|says)$/;

export function tokens(sentence: string): Token[] {
  return [...sentence.matchAll(/\S+/gu)].map((m) => ({
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** For each token, whether a quotation is still open after it (curly or straight); null when quotes do not balance. */
export function quoted(list: readonly Token[]): boolean[] | null {
  const open: boolean[] = [];
  let depth = 0;
  for (const t of list) {
    const opens = OPEN_QUOTE.test(t.text) && !/^['’]/u.test(t.text.replace(/^[([]+/u, ""));
    const closes = CLOSE_QUOTE.test(t.text) && !/['’]$/u.test(t.text.replace(/[)\].,;:!?]+$/u, ""));
    if (opens) depth++;
    if (closes && depth > 0) depth--;
    open.push(depth > 0);
  }
  return depth === 0 ? open : null;
}

interface Cut {
  /** Token index the next span starts at. */
  at: number;
  separator: string;
}

/** "Sunday, August 2", "Dec. 6, 2024": a date's own comma is no cut. */
function dateComma(text: string, next: string): boolean {
  const prev = bare(text).replace(/\.$/, "");
  return WEEKDAY_OR_DAY.test(prev) && (isTimeAnchor(next) || /^\d{4}\b/.test(next));
}

/** Openers of an adjunct that may start without a comma ("…the purchase because they…"). */
export const BARE_SUBORDINATE = /^(?:because|whereby|although|amid|after|following|when)$/i;
/** "days after", "shortly after": the adjunct starts one word earlier. */
const LEAD_IN = /^(?:days|weeks|months|years|hours|minutes|shortly|soon|just|only|long|even|right)$/i;
/** Where a speaker spoke: "in a statement", "in a note to clients" (the words before "that" or a cut). */
const SETTING =
  /^(?:statement|blog|note|letter|interview|filing|post|report|tweet|memo|keynote|speech|press|call|briefing|email|video)$/i;

/**
 * "hangs in the balance as rival reports added confusion": "as" opening a clause with its own finite verb
 * within a few words, not "as part of", "such as", "as well as" or "as the buyer".
 */
function asClause(list: readonly Token[], i: number): boolean {
  if (!/^as$/i.test(list[i + 1]?.text ?? "")) return false;
  if (/^(?:such|well|much|many|few|little|far|soon|long|just|same|so|that)$/i.test(list[i]?.text ?? ""))
    return false;
  if (/^(?:part|well|of|to|if|though|it|a|an|much|many|soon|long|far|such)$/i.test(list[i + 2]?.text ?? ""))
    return false;
  for (let k = i + 3; k < Math.min(list.length, i + 9); k++) {
    const word = list[k]?.text ?? "";
    // "-ed" after a determiner is an adjective ("as chief of the combined firm"), not the clause's verb.
    const determined = /^(?:the|a|an|its|their|his|her|our|this|that)$/i.test(list[k - 1]?.text ?? "");
    if (AUX.test(bare(word)) || (!determined && /^\p{Ll}{3,}ed[,;:.]?$/u.test(word))) return true;
    if (/[,;:.]$/.test(word)) return false;
  }
  return false;
}

/** "…to finish the review so that a decision is made by May": a purpose clause, an adjunct. */
function purposeClause(list: readonly Token[], i: number): boolean {
  return /^so$/i.test(list[i + 1]?.text ?? "") && /^that$/i.test(list[i + 2]?.text ?? "");
}

function bareSubordinate(list: readonly Token[], i: number): boolean {
  const next = list[i + 1]?.text ?? "";
  const text = list[i]?.text ?? "";
  const after = list[i + 2]?.text ?? "";
  if ((asClause(list, i) || purposeClause(list, i)) && /^[\p{L}\d][\p{L}\d’'.-]*$/u.test(text)) return true;
  if (
    !BARE_SUBORDINATE.test(next) ||
    !/^[\p{L}\d][\p{L}\d’'.-]*$/u.test(text) ||
    /^(?:the|a|an|time|day|moment|point|year|month|week)$/i.test(text) ||
    LEAD_IN.test(text) ||
    AUX.test(bare(text))
  )
    return false;
  // "after Sept. 20" limits the claim in time; "after regulators objected" only says what came before.
  const then = list[i + 3]?.text ?? "";
  const dated =
    isTimeAnchor(after) || /\d/.test(after) || (isTimeWord(after) && (isTimeAnchor(then) || /\d/.test(then)));
  if (/^(?:after|following)$/i.test(next) && dated) return false;
  return true;
}

/**
 * Openers of an adjunct fronted inside a complement clause ("…said that, as the buyer leads the market, a
 * merger would…"; "…announced that in step with its partner, it will…"): the adjunct runs to a comma and
 * the clause resumes after it. Conditions ("if", "unless", "in the event") are never among them.
 */
export const FRONTED_OPENER =
  /^(?:as|because|since|while|although|though|once|after|following|despite|amid|in|under|through|during|for)$/i;
/** "as many as", "as of", "in case", "in the event": a quantity, a date limit or a condition, not an adjunct. */
const NOT_FRONTED = /^(?:many|much|few|well|soon|far|long|of|to|part|case|event|return|exchange)$/i;

/** "that" followed by a fronted adjunct that closes with a comma within a few words and holds no condition. */
function frontedAfterThat(list: readonly Token[], inside: readonly boolean[], i: number): boolean {
  if (bare(list[i]?.text ?? "") !== "that" || !/^that$/i.test(list[i]?.text ?? "")) return false;
  if (!FRONTED_OPENER.test(list[i + 1]?.text ?? "") || NOT_FRONTED.test(bare(list[i + 2]?.text ?? "")))
    return false;
  for (let k = i + 1; k < Math.min(list.length - 1, i + 20); k++) {
    const text = list[k]?.text ?? "";
    if (inside[k] || SCOPE_BEFORE.test(bare(text)) || /^(?:if|unless|without|provided)$/i.test(bare(text)))
      return false;
    if (/[;:.]$/.test(text) || DASH.test(text)) return false;
    if (/,$/.test(text)) return k > i + 1;
  }
  return false;
}

/** Words before which dropping a conjunct would weaken a condition or a negation ("if A and B"). */
export const SCOPE_BEFORE = /^(?:if|unless|whether|neither|nor|not|no|never|only|both|between|either)$/i;

/** "…the merger and said it would…": a second verb phrase, joined by "and" after a lower-case word. */
function clauseConjunct(list: readonly Token[], i: number): boolean {
  const text = list[i]?.text ?? "";
  if (!/^and$/i.test(list[i + 1]?.text ?? "") || !/^[\p{L}\d][\p{L}\d’'.-]*$/u.test(text)) return false;
  if (!AUX.test(bare(list[i + 2]?.text ?? "")) && !isAttributionVerb(list[i + 2]?.text ?? "")) return false;
  return !list.slice(0, i + 1).some((t) => SCOPE_BEFORE.test(bare(t.text)));
}

/** Length of "in a statement…" at `from`, up to "that", a cut or 8 words; 0 if none starts there. */
export function settingRun(list: readonly Token[], from: number): number {
  const [p, d, noun] = [list[from]?.text, list[from + 1]?.text, list[from + 2]?.text];
  if (!p || !d || !noun || !/^in$/i.test(p) || !/^(?:a|an|its|his|her|their|the)$/i.test(d)) return 0;
  if (!SETTING.test(bare(noun)) && !SETTING.test(bare(list[from + 3]?.text ?? ""))) return 0;
  let end = from + 2;
  while (end < list.length && end - from < 8 && !/^(?:that|and|but)$/i.test(list[end]?.text ?? "")) {
    if (/[,;:.]$/.test(list[end]?.text ?? "")) return end + 1 - from;
    end++;
  }
  return end - from;
}

/** Where the sentence may be cut: after a comma, semicolon, colon or dash outside quotes and dates. */
export function cuts(list: readonly Token[], inside: readonly boolean[]): Cut[] {
  const out: Cut[] = [];
  let parens = 0;
  let runEnd = -1;
  for (let i = 0; i < list.length - 1; i++) {
    const text = list[i]?.text ?? "";
    const next = list[i + 1]?.text ?? "";
    if (text.startsWith("(")) parens++;
    const closesParen = /\)[,;:]?$/.test(text) && parens > 0;
    if (closesParen) parens--;
    if (inside[i] || parens > 0) continue;
    if (i + 1 === runEnd && !/[,;:]$/.test(text)) {
      out.push({ at: i + 1, separator: "" });
      continue;
    }
    if (i + 1 < runEnd) continue;
    const before = out.length;
    // "(CMA)": a parenthesis is a span of its own.
    if (next.startsWith("(") && list.slice(i + 1, i + 8).some((t) => /\)[,;:.]?$/.test(t.text)))
      out.push({ at: i + 1, separator: "" });
    else if (closesParen) out.push({ at: i + 1, separator: /[,;:]$/.exec(text)?.[0] ?? "" });
    else if (DASH.test(next)) continue;
    else if (DASH.test(text)) {
      // "the Acme – Initech deal" joins two names; a dash after a dateline or a clause is a break.
      const joinsNames = /^\p{Lu}/u.test(list[i - 1]?.text ?? "") && /^\p{Lu}/u.test(next) && i > 6;
      if (!joinsNames) out.push({ at: i + 1, separator: "—" });
    } else if (/[,;:]$/.test(text)) {
      if (!dateComma(text, next)) out.push({ at: i + 1, separator: text.slice(-1) });
    } else if (isTimeOpener(next) && timeRun(list, i + 1) > 0) {
      out.push({ at: i + 1, separator: "" });
      runEnd = i + 1 + timeRun(list, i + 1);
    } else if (settingRun(list, i + 1) > 0 && /^\p{Ll}/u.test(text)) {
      out.push({ at: i + 1, separator: "" });
      runEnd = i + 1 + settingRun(list, i + 1);
    } else if (bareSubordinate(list, i) || clauseConjunct(list, i) || frontedAfterThat(list, inside, i))
      out.push({ at: i + 1, separator: "" });
    else if (bareWeekday(list, i + 1) > 0) {
      out.push({ at: i + 1, separator: "" });
      runEnd = i + 1 + bareWeekday(list, i + 1);
    }
    // A time adjunct right after a cut ("(EC) on Wednesday formally approved") is a span of its own too.
    if (out.length > before && out.at(-1)?.at === i + 1 && runEnd <= i + 1 && isTimeOpener(next)) {
      const run = timeRun(list, i + 1);
      if (run > 0 && i + 1 + run < list.length) runEnd = i + 1 + run;
    }
  }
  return out;
}

/**
 * "upheld a law Friday that…", "ruled Friday, January 17, 2025 to…": a weekday, with the date that may follow
 * it, standing alone between two lower-case words. Returns the number of tokens of the run, or 0.
 */
function bareWeekday(list: readonly Token[], at: number): number {
  const word = list[at]?.text ?? "";
  const previous = list[at - 1]?.text ?? "";
  if (
    !/^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?$/.test(word) ||
    !/^\p{Ll}[\p{Ll}’'-]*$/u.test(previous) ||
    /^(?:on|by|until|before|after|since|from|last|next|this|every)$/i.test(previous)
  )
    return 0;
  let end = at + 1;
  // The date after a weekday's comma: "January 17, 2025" (month, day, year; each may carry its comma).
  if (word.endsWith(","))
    while (
      end < list.length &&
      end - at < 4 &&
      isTimeWord(list[end]?.text ?? "") &&
      !/^(?:the|of|this|last|next)$/i.test(list[end]?.text ?? "")
    )
      end++;
  const closed = end === at + 1 ? !word.endsWith(",") : !/,$/.test(list[end - 1]?.text ?? "");
  return closed && /^\p{Ll}/u.test(list[end]?.text ?? "") ? end - at : 0;
}

/** Length of a time adjunct starting at `from` ("on Sunday", "last month", "in 2016"), or 0. */
export function timeRun(list: readonly Token[], from: number): number {
  let end = from + 1;
  while (end < list.length && end - from < 7 && isTimeWord(list[end]?.text ?? "")) {
    const text = list[end]?.text ?? "";
    end++;
    if (/[,;:]$/.test(text) && !dateComma(text, list[end]?.text ?? "")) break;
  }
  // Back off to the last anchor: "in the" is no time adjunct, "in April" is.
  const ends = (t: string): boolean => isTimeAnchor(t) || /^\d{1,4}(?:st|nd|rd|th)?[,.]?$/.test(t);
  while (end > from + 1 && !ends(list[end - 1]?.text ?? "")) end--;
  if (end === from + 1 && !isTimeAnchor(list[from]?.text ?? "")) return 0;
  return end - from;
}
