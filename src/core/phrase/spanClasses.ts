// Which spans of a cut sentence are main (kept whenever the sentence is) and which are detachable: a dateline,
// a leading adjunct, an adjunct fronted after "that", a parenthesis, a time or setting adjunct, a relative or
// participial clause, a closing absolute clause, an appositive, a second clause joined by "and". Anything
// holding a condition, a hedge or an attribution is main.
import { lemmaOf } from "../story/verbs.js";
import {
  AUX,
  BARE_SUBORDINATE,
  FRONTED_OPENER,
  SCOPE_BEFORE,
  settingRun,
  timeRun,
  type Token,
} from "./spanCuts.js";
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
} from "./words.js";

export interface Draft {
  tokens: Token[];
  separator: string;
  inQuote: boolean;
  /** The quotation it holds opens and closes inside it: dropping the span cuts into no quotation. */
  quoteWhole: boolean;
}

const RELATIVE = /^(?:which|who|whom|whose)$/;
/** Words that cannot be the verb a main clause resumes with after an appositive. */
const NOT_A_VERB =
  /^(?:a|an|the|of|in|on|at|to|for|from|by|into|over|about|its|their|his|her|this|that|these|those)$/;
const LEADING =
  /^(?:in|on|at|through|during|following|after|as|since|while|despite|earlier|later|last|this|under|speaking|however|meanwhile|separately|still|now|also|moreover|indeed|to|with|early|founded|amid|for)$/;

/** A word that makes a clause conditional, negative or hedged as a whole: its unit never goes on its own. */
const scoped = (d: Draft): boolean =>
  d.tokens.some((t) => {
    const kinds = protectedKinds(t.text, false);
    return kinds.includes("negation") || kinds.includes("conditional") || isScopeHedge(t.text);
  });

/**
 * An adjunct fronted inside a complement clause, cut off after "that" (spanCuts.ts): "…said that, as the
 * buyer leads the market, a merger would…". It goes whole when the clause resumes after its comma.
 */
function frontedAdjunct(drafts: readonly Draft[], i: number): boolean {
  const d = drafts[i];
  const before = drafts[i - 1];
  const next = drafts[i + 1];
  if (!d || !before || !next || before.separator !== "" || d.separator !== ",") return false;
  if (bare(before.tokens.at(-1)?.text ?? "") !== "that" || !FRONTED_OPENER.test(d.tokens[0]?.text ?? ""))
    return false;
  return (
    !d.inQuote && !scoped(d) && !d.tokens.some((t) => isAttributionVerb(t.text)) && d.tokens.length <= 18
  );
}

/**
 * An absolute clause closing the sentence: "with" + a noun phrase + an -ing participle ("…, with critics
 * pointing to its size."). It adds a circumstance, not a condition ("with certain conditions" has no
 * participle and stays), so it goes whole.
 */
function absoluteClause(d: Draft, isLast: boolean): boolean {
  const words = d.tokens.map((t) => t.text);
  if (!isLast || bare(words[0] ?? "") !== "with" || d.inQuote || scoped(d)) return false;
  const at = words.findIndex((w, k) => k >= 2 && /^\p{Ll}+ing$/u.test(w));
  if (at < 0) return false;
  // The word before the participle ends its noun phrase: not a determiner or a preposition ("with a listing").
  return !NOT_A_VERB.test(bare(words[at - 1] ?? "")) && !/[,;:]$/.test(words[at - 1] ?? "");
}

/**
 * A noun phrase closing the sentence after a comma renames what the clause just named ("…sold the unit to
 * Acme, a rival of its parent."): it goes whole. Not a list's last item (those hold "and"/"or"), not a bare
 * name ("…, the agency."), not a clause (no verb), and only after a main clause that has a verb of its own.
 */
function finalAppositive(drafts: readonly Draft[], main: boolean[], hasVerb: (d: Draft) => boolean): void {
  const at = drafts.findLastIndex((_, k) => k > 0 && drafts[k - 1]?.separator === "," && main[k] === true);
  const run = drafts.slice(at);
  const head = run[0];
  if (at < 1 || !head || main[at - 1] !== true) return;
  const opener = head.tokens[0]?.text ?? "";
  if (!/^(?:a|an|the)$/i.test(opener) && !/^\p{Lu}\p{L}*['’]s$/u.test(opener)) return;
  // A parenthesis inside it goes with it, whatever it holds; the rest must be a plain noun phrase.
  const inner = run.filter((d) => !(d.tokens[0]?.text ?? "").startsWith("(")).flatMap((d) => d.tokens);
  if (run.some((d, k) => k > 0 && main[at + k] !== true && !(d.tokens[0]?.text ?? "").startsWith("(")))
    return;
  const plain = run.filter((d) => !(d.tokens[0]?.text ?? "").startsWith("("));
  if (
    plain.some((d) => d.inQuote || hasVerb(d) || scoped(d) || d.tokens.some((t) => isAttributionVerb(t.text)))
  )
    return;
  if (
    inner.some(
      (t) => /^(?:and|or|nor|but|that|which|who)$/i.test(bare(t.text)) || /^\p{Ll}+ing$/u.test(t.text),
    )
  )
    return;
  // A verb form ("…, the court ruled", "…, the agency found") makes it a clause, not a noun phrase.
  const verbForm = (w: string): boolean => /^\p{Ll}+$/u.test(w) && lemmaOf(w) !== w && !w.endsWith("s");
  if (inner.some((t, k) => k > 0 && verbForm(bare(t.text)))) return;
  // Something besides names and determiners: a description, not the only name the referent has.
  if (!inner.some((t, k) => k > 0 && /^\p{Ll}/u.test(t.text) && !/^(?:a|an|the|of)$/.test(t.text))) return;
  if (
    !drafts
      .slice(0, at)
      .some((d, k) => main[k] && (hasVerb(d) || d.tokens.some((t) => isAttributionVerb(t.text))))
  )
    return;
  for (let k = at; k < drafts.length; k++) main[k] = false;
}

/**
 * A past participle phrase between commas after a name, the clause resuming after it with its verb:
 * "Acme Corp., based in Leeds, England, said …" — the phrase (and a place name continuing it) goes whole.
 * Not one holding a figure ("The deal, valued at $9 billion, was …": the figure is a fact of the deal),
 * a quotation, a condition or a negation. Returns the last draft of the phrase, or -1.
 */
function participleAppositive(drafts: readonly Draft[], i: number): number {
  const d = drafts[i];
  const before = drafts[i - 1];
  if (!d || !before || before.separator !== "," || d.separator !== ",") return -1;
  if (!/^\p{Ll}{3,}ed$/u.test(d.tokens[0]?.text ?? "") || !/^\p{Lu}/u.test(before.tokens.at(-1)?.text ?? ""))
    return -1;
  let end = i;
  // A place continuing it ("…, based in Leeds, England,"): capitalised words only, between commas.
  while (
    drafts[end]?.separator === "," &&
    drafts[end + 1]?.tokens.every((t) => /^\p{Lu}/u.test(t.text)) === true &&
    drafts[end + 1]?.separator === ","
  )
    end++;
  const run = drafts.slice(i, end + 1);
  const resume = drafts[end + 1]?.tokens[0]?.text ?? "";
  if (!/^\p{Ll}+$/u.test(resume) || NOT_A_VERB.test(resume) || isDetachableOpener(resume)) return -1;
  if (!isAttributionVerb(resume) && !AUX.test(resume) && lemmaOf(resume) === resume) return -1;
  const plain = run.every(
    (x) => !x.inQuote && !scoped(x) && !x.tokens.some((t) => /[\d$£€¥%]/u.test(t.text)),
  );
  return plain ? end : -1;
}

export function classify(drafts: readonly Draft[]): boolean[] {
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
    const participleEnd = participleAppositive(drafts, i);
    for (let k = i; k <= participleEnd; k++) main[k] = false;
    if (frontedAdjunct(drafts, i) || absoluteClause(d, i === last) || participleEnd >= i) {
      main[i] = false;
      return;
    }
    // "…, so the firm would lose its rights": a result clause after a comma goes whole (A, so B says A).
    // A condition inside it ("…, so it would lose the app unless granted a licence") is its own, and goes with it;
    // "so that" with no comma is a purpose clause, cut before it (spanCuts.ts), and goes whole too.
    const sep = drafts[i - 1]?.separator;
    const purpose = sep === "" && bare(d.tokens[1]?.text ?? "") === "that";
    if (first === "so" && (sep === "," || purpose) && (purpose || hasVerb(d)) && !d.inQuote) {
      main[i] = false;
      return;
    }
    if ((d.inQuote && !(d.quoteWhole && /^\p{Ll}+ing$/u.test(raw))) || binds(d) || isBindingOpener(first))
      return;
    const before = drafts[i - 1];
    const next = drafts.slice(i + 1).find((x) => !(x.tokens[0]?.text ?? "").startsWith("("));
    const isParen = raw.startsWith("(");
    const isTime = isTimeOpener(first) && timeRun(d.tokens, 0) === d.tokens.length;
    const isSetting = settingRun(d.tokens, 0) === d.tokens.length;
    // A weekday alone, or with its date ("Friday, January 17, 2025"): nothing but time words.
    const bareWeekday =
      isTimeAnchor(raw) && d.tokens.every((t) => isTimeWord(t.text) || isTimeAnchor(t.text));
    const participle = /^\p{Ll}+ing$/u.test(raw);
    if (isParen || isTime || isSetting || bareWeekday) main[i] = false;
    else if (before?.separator === "" && (BARE_SUBORDINATE.test(first) || first === "as")) main[i] = false;
    else if (before?.separator === "," || before?.separator === "—" || before?.separator === "") {
      if (before.separator === "" && !isParen) return;
      const clauseOpener =
        RELATIVE.test(first) || (isDetachableOpener(first) && !/^(?:a|an|the)$/.test(first));
      if (participle || clauseOpener) main[i] = false;
      else if (attributes(d)) return;
      else if ((/^(?:a|an|the)$/.test(first) || /^\p{Lu}\p{L}*['’]s$/u.test(raw)) && !hasVerb(d)) {
        // An appositive: the main clause resumes after it with a verb, or it ends the sentence after a name.
        // One joining noun phrases by "and"/"or" may be a list's last items ("…to Acme, the Beta Group and
        // the Gamma Fund"); "and" between two capitalised words is inside a name ("Trade and Industry Office").
        const joins = d.tokens.some(
          (t, k) => /^(?:and|or|nor)$/i.test(t.text) && !/^\p{Lu}/u.test(d.tokens[k + 1]?.text ?? ""),
        );
        if (joins) return;
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

  // An appositive to a time adjunct ("…on April 1, the last session before…") goes with it: kept alone it would
  // read as an appositive to whatever precedes. Only after a main clause, and only a noun phrase with no verb.
  drafts.forEach((d, i) => {
    const before = drafts[i - 1];
    if (!main[i] || i < 2 || !before || main[i - 1]) return;
    if (before.separator !== "," && before.separator !== "—") return;
    const isTimeAdjunct =
      (isTimeOpener(opener(before)) && timeRun(before.tokens, 0) === before.tokens.length) ||
      (before.tokens.length === 1 && isTimeAnchor(before.tokens[0]?.text ?? ""));
    if (!isTimeAdjunct || !drafts.slice(0, i - 1).some((_, j) => main[j])) return;
    if (!/^(?:a|an|the)$/.test(opener(d)) || hasVerb(d) || attributes(d) || binds(d) || d.inQuote) return;
    const next = drafts[i + 1];
    if (i === last || (next && !main[i + 1]) || (next && /^\p{Ll}+ing$/u.test(next.tokens[0]?.text ?? "")))
      main[i] = false;
  });

  finalAppositive(drafts, main, hasVerb);
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
