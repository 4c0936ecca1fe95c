// Splits evidence sentences into numbered spans (the units a phrasing may keep or drop) and marks each as
// part of the main clause (kept whenever its sentence is used) or detachable (an appositive, a relative or
// subordinate clause, a time or setting adjunct, a dateline, a parenthesis: kept whole or dropped whole).
// Spans never cut a quotation, a date or a figure; the unit of selection is the span, never a word, so a
// fact-carrying word can only go with the clause that holds it.
import {
  bare,
  isAttributionVerb,
  isBindingOpener,
  isDetachableOpener,
  isScopeHedge,
  isTimeAnchor,
  isTimeOpener,
  isTimeWord,
  protectedKinds,
  type ProtectedKind,
} from "./words.js";

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

interface Token {
  text: string;
  start: number;
  end: number;
}

/** Most spans a sentence is split into; a longer one is left whole rather than split at random. */
const MAX_SPANS = 24;
const MAX_SENTENCE_CHARS = 2000;

const OPEN_QUOTE = /^[([]*[“«„"‘']/u;
const CLOSE_QUOTE = /[”»"’'][)\].,;:!?]*$/u;
const DASH = /^[—–-]{1,2}$/u;
const WEEKDAY_OR_DAY =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{1,2}(?:st|nd|rd|th)?)$/;

function tokens(sentence: string): Token[] {
  return [...sentence.matchAll(/\S+/gu)].map((m) => ({
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** For each token, whether a quotation is still open after it (curly or straight); null when quotes do not balance. */
function quoted(list: readonly Token[]): boolean[] | null {
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
const BARE_SUBORDINATE = /^(?:because|whereby|although|amid|after|following|when)$/i;
/** "days after", "shortly after": the adjunct starts one word earlier. */
const LEAD_IN = /^(?:days|weeks|months|years|hours|minutes|shortly|soon|just|only|long|even|right)$/i;
/** Where a speaker spoke: "in a statement", "in a note to clients" (the words before "that" or a cut). */
const SETTING =
  /^(?:statement|blog|note|letter|interview|filing|post|report|tweet|memo|keynote|speech|press|call|briefing|email|video)$/i;

function bareSubordinate(list: readonly Token[], i: number): boolean {
  const next = list[i + 1]?.text ?? "";
  const text = list[i]?.text ?? "";
  const after = list[i + 2]?.text ?? "";
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

/** Words before which dropping a conjunct would weaken a condition or a negation ("if A and B"). */
const SCOPE_BEFORE = /^(?:if|unless|whether|neither|nor|not|no|never|only|both|between|either)$/i;

/** "…the merger and said it would…": a second verb phrase, joined by "and" after a lower-case word. */
function clauseConjunct(list: readonly Token[], i: number): boolean {
  const text = list[i]?.text ?? "";
  if (!/^and$/i.test(list[i + 1]?.text ?? "") || !/^[\p{L}\d][\p{L}\d’'.-]*$/u.test(text)) return false;
  if (!AUX.test(bare(list[i + 2]?.text ?? "")) && !isAttributionVerb(list[i + 2]?.text ?? "")) return false;
  return !list.slice(0, i + 1).some((t) => SCOPE_BEFORE.test(bare(t.text)));
}

/** Length of "in a statement…" at `from`, up to "that", a cut or 8 words; 0 if none starts there. */
function settingRun(list: readonly Token[], from: number): number {
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
function cuts(list: readonly Token[], inside: readonly boolean[]): Cut[] {
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
    } else if (bareSubordinate(list, i) || clauseConjunct(list, i)) out.push({ at: i + 1, separator: "" });
    else if (bareWeekday(list, i + 1)) {
      out.push({ at: i + 1, separator: "" });
      runEnd = i + 2;
    }
    // A time adjunct right after a cut ("(EC) on Wednesday formally approved") is a span of its own too.
    if (out.length > before && out.at(-1)?.at === i + 1 && runEnd <= i + 1 && isTimeOpener(next)) {
      const run = timeRun(list, i + 1);
      if (run > 0 && i + 1 + run < list.length) runEnd = i + 1 + run;
    }
  }
  return out;
}

/** "upheld a law Friday that…": a weekday standing alone between two lower-case words. */
function bareWeekday(list: readonly Token[], at: number): boolean {
  const word = list[at]?.text ?? "";
  return (
    /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/.test(word) &&
    /^\p{Ll}[\p{Ll}’'-]*$/u.test(list[at - 1]?.text ?? "") &&
    !/^(?:on|by|until|before|after|since|from|last|next|this|every)$/i.test(list[at - 1]?.text ?? "") &&
    /^\p{Ll}/u.test(list[at + 1]?.text ?? "")
  );
}

/** Length of a time adjunct starting at `from` ("on Sunday", "last month", "in 2016"), or 0. */
function timeRun(list: readonly Token[], from: number): number {
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

interface Draft {
  tokens: Token[];
  separator: string;
  inQuote: boolean;
}

const AUX =
  /^(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|shall|should|does|do|did|said|says)$/;
const RELATIVE = /^(?:which|who|whom|whose)$/;
/** Words that cannot be the verb a main clause resumes with after an appositive. */
const NOT_A_VERB =
  /^(?:a|an|the|of|in|on|at|to|for|from|by|into|over|about|its|their|his|her|this|that|these|those)$/;
const LEADING =
  /^(?:in|on|at|through|during|following|after|as|since|while|despite|earlier|later|last|this|under|speaking|however|meanwhile|separately|still|now|also|moreover|indeed|to|with|early|founded|amid|for)$/;

function classify(drafts: readonly Draft[]): boolean[] {
  const main = drafts.map(() => true);
  const words = (d: Draft): string[] => d.tokens.map((t) => bare(t.text));
  const opener = (d: Draft | undefined): string => (d ? bare(d.tokens[0]?.text ?? "") : "");
  const binds = (d: Draft): boolean => d.tokens.some((t) => isScopeHedge(t.text));
  const attributes = (d: Draft): boolean => d.tokens.some((t) => isAttributionVerb(t.text));
  /** A finite verb before any relative word: the unit is a clause, not a noun phrase. */
  const hasVerb = (d: Draft): boolean => {
    const list = words(d);
    const rel = list.findIndex((w) => RELATIVE.test(w) || w === "that");
    return list.slice(0, rel < 0 ? list.length : rel).some((w) => AUX.test(w));
  };
  const last = drafts.length - 1;
  const capitalised = (d: Draft): boolean =>
    d.tokens.every((t) => !/\p{Ll}/u.test(t.text.replace(/^\(|\)$/g, "")) || /^\d/.test(t.text));

  // A dateline: a few capitalised or dated words before a dash or colon ("LONDON (AP) —", "London:").
  let k = 0;
  let dateline = 0;
  while (k < last && (drafts[k]?.tokens.length ?? 9) <= 4) {
    const d = drafts[k];
    if (!d || !(capitalised(d) || d.tokens.every((t) => isTimeWord(t.text) || /^\(?\p{Lu}/u.test(t.text))))
      break;
    if (d.separator === "—" || d.separator === ":") dateline = k + 1;
    if (d.separator !== "," && d.separator !== "") break;
    k++;
  }
  for (let i = 0; i < dateline; i++) main[i] = false;

  // A leading adjunct: "In a statement on Monday, …", "Founded by X in 2012, …", up to its comma.
  const lead = drafts[dateline];
  if ((lead && LEADING.test(opener(lead))) || (lead && /^\p{Ll}+ed$/u.test(opener(lead)) && dateline === 0)) {
    let end = dateline;
    while (end < last && drafts[end]?.separator !== "," && drafts[end]?.separator !== "—") end++;
    const region = drafts.slice(dateline, end + 1);
    const size = region.reduce((n, d) => n + d.tokens.length, 0);
    if (end < last && size <= 18 && !region.some((d) => binds(d) || attributes(d) || d.inQuote))
      for (let i = dateline; i <= end; i++) main[i] = false;
  }

  drafts.forEach((d, i) => {
    if (!main[i] || i === 0) return;
    const first = opener(d);
    const raw = d.tokens[0]?.text ?? "";
    // "…, and Acme would issue…": a second clause may go whole (A and B says A), unless a condition or
    // negation before it reaches over both.
    const verbAt = (k: number): boolean =>
      AUX.test(bare(d.tokens[k]?.text ?? "")) || isAttributionVerb(d.tokens[k]?.text ?? "");
    const conjunct =
      first === "and" &&
      (drafts[i - 1]?.separator === "," ? [1, 2, 3].some(verbAt) : verbAt(1)) &&
      !drafts.slice(0, i).some((x) => x.tokens.some((t) => SCOPE_BEFORE.test(bare(t.text))));
    if (conjunct && !d.inQuote && !binds(d)) {
      main[i] = false;
      return;
    }
    // A parenthesis goes whole, quotation and all, unless it holds a condition or a hedge.
    if ((d.tokens[0]?.text ?? "").startsWith("(") && !binds(d)) {
      main[i] = false;
      return;
    }
    if (d.inQuote || binds(d) || isBindingOpener(first)) return;
    const before = drafts[i - 1];
    const next = drafts.slice(i + 1).find((x) => !(x.tokens[0]?.text ?? "").startsWith("("));
    const isParen = raw.startsWith("(");
    const isTime = isTimeOpener(first) && timeRun(d.tokens, 0) === d.tokens.length;
    const isSetting = settingRun(d.tokens, 0) === d.tokens.length;
    const bareWeekday = d.tokens.length === 1 && isTimeAnchor(raw);
    const participle = /^\p{Ll}+ing$/u.test(raw);
    if (isParen || isTime || isSetting || bareWeekday) main[i] = false;
    else if (before?.separator === "" && BARE_SUBORDINATE.test(first)) main[i] = false;
    else if (before?.separator === "," || before?.separator === "—" || before?.separator === "") {
      if (before.separator === "" && !isParen) return;
      const clauseOpener =
        RELATIVE.test(first) || (isDetachableOpener(first) && !/^(?:a|an|the)$/.test(first));
      if (participle || clauseOpener) main[i] = false;
      else if (attributes(d)) return;
      else if ((/^(?:a|an|the)$/.test(first) || /^\p{Lu}\p{L}*['’]s$/u.test(raw)) && !hasVerb(d)) {
        // An appositive: the main clause resumes after it with a verb, or it ends the sentence after a name.
        const nextWord = opener(next);
        const closing = next ? drafts[drafts.indexOf(next) - 1]?.separator : undefined;
        const resumes =
          next !== undefined &&
          (closing === "," || closing === "—") &&
          /^\p{Ll}/u.test(next.tokens[0]?.text ?? "") &&
          !NOT_A_VERB.test(nextWord) &&
          !isDetachableOpener(nextWord) &&
          !isBindingOpener(nextWord) &&
          !/^\p{Ll}+ing$/u.test(nextWord);
        const previousMain = drafts
          .slice(0, i)
          .findLastIndex((x, j) => main[j] && !(x.tokens[0]?.text ?? "").startsWith("("));
        if (previousMain < 0 || !main[previousMain]) return;
        if (drafts.slice(previousMain + 1, i).some((x) => !(x.tokens[0]?.text ?? "").startsWith("("))) return;
        const endsAfterName =
          (i === last && /^\p{Lu}/u.test(before.tokens.at(-1)?.text ?? "")) ||
          (before.separator === "—" && d.separator === "—");
        if (resumes || endsAfterName) main[i] = false;
      }
    }
  });

  // A relative clause runs on through the names and adjuncts that follow it, up to the next verb.
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i];
    if (!d || main[i] || !RELATIVE.test(opener(d))) continue;
    for (let j = i + 1; j < drafts.length; j++) {
      const x = drafts[j];
      if (
        !x ||
        hasVerb(x) ||
        attributes(x) ||
        isBindingOpener(opener(x)) ||
        (/^\p{Ll}/u.test(x.tokens[0]?.text ?? "") &&
          !isDetachableOpener(opener(x)) &&
          !isTimeOpener(opener(x)))
      )
        break;
      main[j] = false;
    }
  }
  // A quotation that continues a dropped clause ("…because they cleared it — “making it possible…”") goes with it.
  drafts.forEach((d, i) => {
    const text = d.tokens[0]?.text ?? "";
    if (i > 0 && !main[i - 1] && d.inQuote && /^[“«„"‘']\p{Ll}/u.test(text)) main[i] = false;
  });
  // A relative opener too short to be a clause ("which, in 2020, bought X") keeps its sentence whole.
  drafts.forEach((d, i) => {
    if (!main[i] && d.tokens.length < 3 && RELATIVE.test(opener(d))) main.fill(true);
  });
  // A sentence must keep a main clause; when none is left, nothing in it is detachable.
  if (!main.some((m) => m)) main.fill(true);
  return main;
}

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
    if (part.length > 0) drafts.push({ tokens: part, separator: cut.separator, inQuote });
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
