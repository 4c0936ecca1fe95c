// Scores briefs against a gold file (the format of ../shared/corpus/gold.json): quotes verbatim and
// recalled, speakers right, facts present, questions asked, and nothing from other stories.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { buildBrief } from "../../src/core/brief/buildBrief.js";
import type { Brief } from "../../src/core/brief/schema.js";
import { indexFolders } from "../../src/core/index/corpus.js";
import { timeAxisReport, type TimeAxisReport } from "./timeAxisEval.js";

const GoldEntry = z.object({
  query: z.string(),
  files: z.array(z.string()),
  parties: z.array(z.string()).default([]),
  facts: z.array(z.string()).default([]),
  quotes: z.array(z.object({ file: z.string(), text: z.string(), speaker: z.string() })).default([]),
  uncertain: z.array(z.string()).default([]),
  absent: z.array(z.string()).default([]),
});
export const GoldFile = z.array(GoldEntry);
export type GoldEntry = z.infer<typeof GoldEntry>;

export const TARGETS = {
  verbatim: 1,
  quoteRecall: 0.9,
  speakerAccuracy: 0.92,
  /** Share of recalled gold quotes shown under a wrong (non-null) name. */
  wrongRate: 0.02,
  factRecall: 0.85,
  /**
   * Open or settled points per story (issue 2 asked for two questions; issue 10 forbids asking what a later
   * source answered, so on a story that has ended its points show as settled instead).
   */
  questionsPerStory: 2,
  /**
   * Share of the gold file's uncertain phrases that some open point rests on, or, when a later source of the
   * brief settled the point, that the brief shows as settled with what settled it (issue 10: an answered
   * point "is not a question; it may appear as resolved").
   */
  openPoints: 0.6,
};

/** A quote this short reads as a scare quote or a label unless a speaker is named for it. */
export const FRAGMENT_WORDS = 4;

export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”«»„]/g, '"')
    .replace(/\s+/g, " ")
    .replace(/^[\s"',.]+|[\s"',.]+$/g, "")
    .trim();
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** A brief's quote matches a gold quote when one contains the other and covers most of it. */
export function quoteMatches(found: string, gold: string): boolean {
  const a = normalise(found);
  const b = normalise(gold);
  if (!a || !b) return false;
  return a.includes(b) || (b.includes(a) && a.length >= b.length * 0.6);
}

function words(name: string): string[] {
  return normalise(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** "Trump" names "Donald Trump", "British CMA" names "CMA", "CMA" names "Competition and Markets Authority". */
export function speakerMatches(found: string | null, gold: string): boolean {
  if (!found) return false;
  const a = words(found);
  const b = words(gold);
  const initials = (w: string[]): string =>
    w
      .filter((x) => !["and", "of", "the", "for"].includes(x))
      .map((x) => x[0])
      .join("");
  return (
    a.every((w) => b.includes(w)) ||
    b.every((w) => a.includes(w)) ||
    initials(a) === b.join("") ||
    initials(b) === a.join("")
  );
}

export interface EntryReport {
  query: string;
  quotes: number;
  verbatim: number;
  goldQuotes: number;
  recalled: number;
  speakersRight: number;
  facts: number;
  factsFound: number;
  missingFacts: string[];
  missingQuotes: string[];
  wrongSpeakers: string[];
  /** Recalled gold quotes shown with no speaker. */
  abstained: string[];
  /** Quotes of at most FRAGMENT_WORDS words shown with no speaker. */
  fragments: string[];
  /** Quotes whose words another quote of the brief already shows. */
  duplicates: string[];
  uncertain: number;
  /** Gold uncertain phrases some question's basis contains. */
  openPointsRaised: number;
  /** Gold uncertain phrases no question rests on but a settled point's basis contains. */
  openPointsSettled: number;
  missingOpenPoints: string[];
  questions: number;
  /** Points shown settled by a later event. */
  settled: number;
  hedgesFound: number;
  absentFound: string[];
  foreignSources: string[];
  /** Issue 10's time axis: state, timeline, questions still open, figures with a number or date. */
  timeAxis: TimeAxisReport;
}

/** Later quotes whose normalised words one earlier quote contains, or that contain an earlier one. */
export function duplicateQuotes(texts: readonly string[]): string[] {
  const seen: string[] = [];
  const dupes: string[] = [];
  for (const text of texts) {
    const n = normalise(text)
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
    if (n && seen.some((s) => s.includes(n) || n.includes(s))) dupes.push(text.slice(0, 80));
    else seen.push(n);
  }
  return dupes;
}

function briefText(brief: Brief): string {
  return [
    ...[...brief.summary, ...brief.figures].flatMap((s) => [s.text, ...s.evidence.map((e) => e.sentence)]),
    ...brief.quotes.map((q) => `${q.text} ${q.speaker ?? ""}`),
    ...brief.questions.flatMap((q) => [q.text, q.basis, ...q.related.map((r) => r.sentence)]),
    ...brief.sources.map((s) => s.title),
  ].join("\n");
}

export interface Totals {
  verbatim: number;
  quoteRecall: number;
  speakerAccuracy: number;
  wrong: number;
  wrongRate: number;
  abstained: number;
  fragments: number;
  duplicates: number;
  factRecall: number;
  /** Gold uncertain phrases raised as an open question, or shown settled. */
  openPoints: number;
  /** Gold uncertain phrases raised as an open question only. */
  openOnly: number;
  /** Fewest open questions of one story. */
  minQuestions: number;
  /** Fewest points (open questions and settled points) of one story. */
  minPoints: number;
  absent: number;
  foreign: number;
}

export async function evaluate(
  corpusDir: string,
): Promise<{ entries: EntryReport[]; totals: Totals; pass: boolean }> {
  const gold = GoldFile.parse(JSON.parse(await readFile(path.join(corpusDir, "gold.json"), "utf8")));
  const { index } = await indexFolders([corpusDir]);
  const entries: EntryReport[] = [];
  for (const entry of gold) {
    const brief = await buildBrief(index, entry.query);
    const location = new Map(brief.sources.map((s) => [s.id, s.location]));
    let verbatim = 0;
    for (const q of brief.quotes) {
      const file = location.get(q.source);
      if (file && (await readFile(path.join(corpusDir, file), "utf8")).includes(q.text)) verbatim++;
    }
    const text = normalise(briefText(brief));
    const report: EntryReport = {
      query: entry.query,
      quotes: brief.quotes.length,
      verbatim,
      goldQuotes: entry.quotes.length,
      recalled: 0,
      speakersRight: 0,
      facts: entry.facts.length,
      factsFound: 0,
      missingFacts: [],
      missingQuotes: [],
      wrongSpeakers: [],
      abstained: [],
      fragments: brief.quotes
        .filter((q) => q.speaker === null && wordCount(q.text) <= FRAGMENT_WORDS)
        .map((q) => q.text),
      duplicates: duplicateQuotes(brief.quotes.map((q) => q.text)),
      uncertain: entry.uncertain.length,
      openPointsRaised: 0,
      openPointsSettled: 0,
      missingOpenPoints: [],
      questions: brief.questions.length,
      settled: brief.settled.length,
      hedgesFound: entry.uncertain.filter((u) => text.includes(normalise(u))).length,
      absentFound: entry.absent.filter((a) => text.includes(normalise(a))),
      foreignSources: brief.sources.map((s) => s.location).filter((l) => !entry.files.includes(l)),
      timeAxis: timeAxisReport(brief),
    };
    for (const g of entry.quotes) {
      const match = brief.quotes.find((q) => quoteMatches(q.text, g.text));
      if (!match) {
        report.missingQuotes.push(g.text.slice(0, 80));
        continue;
      }
      report.recalled++;
      if (speakerMatches(match.speaker, g.speaker)) report.speakersRight++;
      else if (match.speaker === null) report.abstained.push(`${g.speaker}: ${g.text.slice(0, 50)}`);
      else report.wrongSpeakers.push(`${g.speaker} ≠ ${match.speaker}: ${g.text.slice(0, 50)}`);
    }
    const bases = brief.questions.map((q) => normalise(q.basis));
    const settledBases = brief.settled.map((p) => normalise(p.basis));
    for (const phrase of entry.uncertain) {
      if (bases.some((b) => b.includes(normalise(phrase)))) report.openPointsRaised++;
      else if (settledBases.some((b) => b.includes(normalise(phrase)))) report.openPointsSettled++;
      else report.missingOpenPoints.push(phrase);
    }
    for (const fact of entry.facts) {
      if (text.includes(normalise(fact))) report.factsFound++;
      else report.missingFacts.push(fact);
    }
    entries.push(report);
  }
  const sum = (f: (e: EntryReport) => number): number => entries.reduce((n, e) => n + f(e), 0);
  const totals: Totals = {
    verbatim:
      sum((e) => e.verbatim) /
      Math.max(
        sum((e) => e.quotes),
        1,
      ),
    quoteRecall:
      sum((e) => e.recalled) /
      Math.max(
        sum((e) => e.goldQuotes),
        1,
      ),
    speakerAccuracy:
      sum((e) => e.speakersRight) /
      Math.max(
        sum((e) => e.recalled),
        1,
      ),
    wrong: sum((e) => e.wrongSpeakers.length),
    wrongRate:
      sum((e) => e.wrongSpeakers.length) /
      Math.max(
        sum((e) => e.recalled),
        1,
      ),
    abstained: sum((e) => e.abstained.length),
    fragments: sum((e) => e.fragments.length),
    duplicates: sum((e) => e.duplicates.length),
    openOnly:
      sum((e) => e.openPointsRaised) /
      Math.max(
        sum((e) => e.uncertain),
        1,
      ),
    openPoints:
      (sum((e) => e.openPointsRaised) + sum((e) => e.openPointsSettled)) /
      Math.max(
        sum((e) => e.uncertain),
        1,
      ),
    factRecall:
      sum((e) => e.factsFound) /
      Math.max(
        sum((e) => e.facts),
        1,
      ),
    minQuestions: Math.min(...entries.map((e) => e.questions)),
    minPoints: Math.min(...entries.map((e) => e.questions + e.settled)),
    absent: sum((e) => e.absentFound.length),
    foreign: sum((e) => e.foreignSources.length),
  };
  const pass =
    totals.verbatim >= TARGETS.verbatim &&
    totals.quoteRecall >= TARGETS.quoteRecall &&
    totals.speakerAccuracy >= TARGETS.speakerAccuracy &&
    totals.wrongRate <= TARGETS.wrongRate &&
    totals.fragments === 0 &&
    totals.duplicates === 0 &&
    totals.openPoints >= TARGETS.openPoints &&
    totals.factRecall >= TARGETS.factRecall &&
    totals.minPoints >= TARGETS.questionsPerStory &&
    totals.absent === 0 &&
    totals.foreign === 0;
  return { entries, totals, pass };
}
