// The verification gate: a re-worded item may replace its template text only if it adds or changes no
// fact of its evidence — no new number, date, name or quotation, the same hedging and negation, no
// citation markers, links or instructions. Deliberately strict: a false rejection costs a plainer
// sentence, a false acceptance costs the product's promise.
import { findMentions } from "../analyze/entities.js";
import {
  dates,
  figures,
  governed,
  HEDGE,
  HEDGE_GOVERNOR,
  LINK_OR_INSTRUCTION,
  NEGATION,
  NEGATION_GOVERNOR,
  quotations,
  sameName,
  stem,
  ungoverned,
  words,
} from "./gateWords.js";

export type GateReason =
  | "empty"
  | "too-long"
  | "not-a-question"
  | "number"
  | "date"
  | "entity"
  | "quote"
  | "modality"
  | "negation"
  | "citation"
  | "link-or-instruction";

export interface GateVerdict {
  ok: boolean;
  reasons: GateReason[];
  /** What exactly failed, for logs ("entity: Google"). */
  details: string[];
}

export interface GateItem {
  kind: "summary" | "question";
  evidence: readonly string[];
}

/** The same place, written differently: these never count as a new name. */
const SAME_PLACE: RegExp[] = [
  /^(u ?s|us|usa|united states|america|american|americans)$/,
  /^(uk|u ?k|britain|united kingdom|british|england|english)$/,
  /^(eu|e ?u|european union|europe|european)$/,
  /^(china|chinese|prc)$/,
  /^(netherlands|the netherlands|dutch|holland)$/,
  /^(germany|german)$/,
  /^(france|french)$/,
  /^(japan|japanese)$/,
  /^(south korea|korea|korean|south korean)$/,
  /^(ireland|irish)$/,
  /^(india|indian)$/,
  /^(brazil|brazilian)$/,
  /^(australia|australian)$/,
  /^(canada|canadian)$/,
  /^(taiwan|taiwanese)$/,
];

/** Words that settle what a hedge left open ("agreed" for "proposed"); they must come from the evidence. */
const CERTAINTY =
  /\b(agreed|agrees|approved|completed|finali[sz]ed|signed|closed|decided|definitely|certainly|already|confirmed)\b/gi;

/** Questions that ask for details of an event, so presuppose it happened: "Why has X accepted …?". */
const WH_PAST =
  /^(?:why|when|where|how(?: \w+)?|what(?: \w+)?|which(?: [\w.]+){0,3}|on which(?: [\w.]+){0,3}|who|after|since|now that|once|given that)\b[^?]*?\b(?:did|has|have|had|was|were|will)\b/i;

/** Every acronym the evidence spells out: initials of each run of words ("Competition and Markets Authority" → cma, "initial public offering" → ipo). */
function spelledOut(evidence: string): Set<string> {
  const out = new Set<string>();
  const list = evidence.split(/[^\p{L}\p{N}&'’-]+/u).filter(Boolean);
  for (let i = 0; i < list.length; i++) {
    let all = "";
    let capitals = "";
    for (let j = i; j < Math.min(list.length, i + 8); j++) {
      const word = list[j] ?? "";
      all += word.charAt(0).toLowerCase();
      if (/^\p{Lu}/u.test(word)) capitals += word.charAt(0).toLowerCase();
      out.add(all);
      if (/^\p{Lu}/u.test(list[i] ?? "")) out.add(capitals);
    }
  }
  return out;
}

function nameIsInEvidence(
  key: string,
  surface: string,
  evidenceKeys: ReadonlySet<string>,
  evidenceSurfaces: readonly string[],
  evidenceWords: readonly string[],
  acronyms: ReadonlySet<string>,
): boolean {
  if (evidenceKeys.has(key) || key.length < 2) return true;
  const place = SAME_PLACE.find((re) => re.test(key.replace(/^the /, "")));
  if (
    place &&
    [
      ...evidenceKeys,
      ...evidenceWords,
      ...evidenceSurfaces.map((s) => s.toLowerCase().replace(/\./g, " ").trim()),
    ].some((k) => place.test(k))
  ) {
    return true;
  }
  // "FTC" for "Federal Trade Commission", "IPO" for "initial public offering".
  if (/^\p{Lu}{2,6}s?$/u.test(surface) && acronyms.has(key.replace(/s$/, ""))) return true;
  // "Microsoft" for "Microsoft Corp.", "Americans" for "American": each word of the name is in the evidence.
  return key.split(" ").every((w) => evidenceWords.some((e) => sameName(w, e)));
}

function newCertainty(text: string, evidence: string): string | null {
  const evidenceStems = new Set(words(evidence).map(stem));
  for (const m of text.matchAll(CERTAINTY)) {
    const word = (m[1] ?? "").toLowerCase();
    // "is that confirmed by anyone else?" asks; it does not assert.
    if (word === "confirmed" && /\b(?:is|was|has|have|been|be)\s+(?:\w+\s+)?confirmed\b[^.]*\?$/i.test(text))
      continue;
    // "expected to be completed" keeps the hedge in front of it.
    const before =
      text
        .slice(Math.max(0, (m.index ?? 0) - 60), m.index)
        .split(/[,;:—]/)
        .at(-1) ?? "";
    if (HEDGE_GOVERNOR.test(before)) continue;
    if (!evidenceStems.has(stem(word))) return word;
  }
  return null;
}

/**
 * A verb the evidence hedges ("may invite") or negates ("has not accepted") must keep its hedge or
 * negation wherever the rewording uses it — unless the evidence itself also uses it plainly.
 */
function loosened(text: string, evidence: string, governor: RegExp): string | null {
  const governedStems = governed(evidence, governor);
  const plainInEvidence = ungoverned(evidence, governor);
  const plainInText = ungoverned(text, governor);
  for (const s of governedStems) if (plainInText.has(s) && !plainInEvidence.has(s)) return s;
  return null;
}

/** The main verb of "Why did X block …?", "What changes has Y ordered …?": the first plain lower-case word after the auxiliary and subject. */
function presupposedVerb(question: string): string | null {
  const match = WH_PAST.exec(question);
  if (!match) return null;
  const rest = question.slice(match.index + match[0].length);
  for (const m of rest.matchAll(/[\p{L}]+(?:['’]\p{L}+)?/gu)) {
    const word = m[0];
    if (
      /^\p{Lu}/u.test(word) ||
      /^(?:the|a|an|and|of|its|their|his|her|to|be|been|already|really|ever|u|s)$/i.test(word)
    )
      continue;
    return word;
  }
  return null;
}

/** A question asking for details of something the evidence hedges or denies takes it as done. */
function presupposes(question: string, evidence: string, hedged: boolean): string | null {
  const verb = presupposedVerb(question);
  if (!verb) return null;
  const s = stem(verb);
  if (governed(evidence, NEGATION_GOVERNOR).has(s) && !ungoverned(evidence, NEGATION_GOVERNOR).has(s))
    return verb;
  if (!hedged) return null;
  const plain = ungoverned(evidence, HEDGE_GOVERNOR);
  return plain.has(s) && !governed(evidence, HEDGE_GOVERNOR).has(s) ? null : verb;
}

export function checkRewording(item: GateItem, text: string): GateVerdict {
  const reasons = new Set<GateReason>();
  const details: string[] = [];
  const fail = (reason: GateReason, detail: string): void => {
    reasons.add(reason);
    details.push(`${reason}: ${detail}`);
  };
  const evidence = item.evidence.join("\n");
  const trimmed = text.trim();
  const question = item.kind === "question";
  if (!trimmed) fail("empty", "no text");
  if (trimmed.length > Math.max(evidence.length * 1.6, evidence.length + 120))
    fail("too-long", `${trimmed.length} characters`);
  if (question && !trimmed.endsWith("?")) fail("not-a-question", "no question mark");
  if (!question && trimmed.endsWith("?")) fail("not-a-question", "a summary item may not ask");

  const evidenceFigures = figures(evidence);
  for (const f of figures(trimmed)) if (!evidenceFigures.has(f)) fail("number", f);
  const evidenceDates = dates(evidence);
  for (const d of dates(trimmed)) if (!evidenceDates.has(d)) fail("date", d);

  const lowercaseWords = new Set(`${evidence}\n${trimmed}`.match(/\b\p{Ll}+\b/gu) ?? []);
  const evidenceMentions = findMentions(evidence, 0, { lowercaseWords });
  const evidenceKeys = new Set(evidenceMentions.map((m) => m.key));
  const evidenceSurfaces = evidenceMentions.map((m) => m.surface);
  const evidenceWords = words(evidence);
  const acronyms = spelledOut(evidence);
  for (const m of findMentions(trimmed, 0, { lowercaseWords })) {
    if (!nameIsInEvidence(m.key, m.surface, evidenceKeys, evidenceSurfaces, evidenceWords, acronyms))
      fail("entity", m.surface);
  }

  // Quotation marks only around words the evidence itself quotes.
  const evidenceQuotes = quotations(evidence);
  for (const quoted of quotations(trimmed)) {
    if (!evidenceQuotes.some((q) => q.includes(quoted))) fail("quote", quoted);
  }
  if (/\[\d+\]/.test(trimmed)) fail("citation", "citation markers are added by Docket, not the model");
  const link = LINK_OR_INSTRUCTION.exec(trimmed);
  if (link && !LINK_OR_INSTRUCTION.test(evidence)) fail("link-or-instruction", link[0]);

  const evidenceNegated = NEGATION.test(evidence);
  const evidenceHedged = HEDGE.test(evidence);
  if (question) {
    const presupposed = presupposes(trimmed, evidence, evidenceHedged);
    if (presupposed) fail("modality", `the question takes "${presupposed}" as done`);
    if (/^(?:after|since|now that|once|given that)\b/i.test(trimmed))
      fail("modality", "question presupposes an event");
  } else {
    const negationFlip = loosened(trimmed, evidence, NEGATION_GOVERNOR);
    if (negationFlip) fail("negation", `"${negationFlip}" without the evidence's negation`);
    const addedNegation = loosened(evidence, trimmed, NEGATION_GOVERNOR);
    if (addedNegation) fail("negation", `negation added to "${addedNegation}"`);
    if (evidenceNegated !== NEGATION.test(trimmed))
      fail("negation", evidenceNegated ? "negation dropped" : "negation added");
    const hedgeFlip = loosened(trimmed, evidence, HEDGE_GOVERNOR);
    if (hedgeFlip) fail("modality", `"${hedgeFlip}" without the evidence's hedge`);
    if (evidenceHedged !== HEDGE.test(trimmed))
      fail("modality", evidenceHedged ? "hedge dropped" : "hedge added");
  }
  const certainty = evidenceHedged ? newCertainty(trimmed, evidence) : null;
  if (certainty) fail("modality", `"${certainty}" where the evidence hedges`);
  return { ok: reasons.size === 0, reasons: [...reasons], details };
}
