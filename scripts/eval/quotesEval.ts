// Runs the quote extractor over the attribution development set (one JSON passage per line) and scores it
// with the set's own rule (quoteScore.ts). A development tool: it reads shared data, nothing of it ships.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { analyzeDocument } from "../../src/core/analyze/analyzeDocument.js";
import type { Quote } from "../../src/core/analyze/quotes.js";
import { documentId } from "../../src/core/ingest/document.js";
import {
  addResult,
  emptyTally,
  scorePassage,
  type EmittedQuote,
  type GoldResult,
  type Tally,
} from "./quoteScore.js";

const Passage = z.object({
  id: z.string(),
  text: z.string(),
  quotes: z.array(
    z.object({
      text: z.string(),
      speaker: z.string().nullable(),
      speaker_keys: z.array(z.string()),
      kind: z.array(z.string()).default([]),
    }),
  ),
  ignore: z.array(z.string()).default([]),
});
type Passage = z.infer<typeof Passage>;

export const QUOTE_TARGETS = { recall: 0.85, precision: 0.95, speaker: 0.85, wrongRate: 0.03 };

export interface QuotesReport {
  passages: number;
  all: Tally;
  byTag: Map<string, Tally>;
  emitted: number;
  matchedEmitted: number;
  recall: number;
  recallWithoutOneWord: number;
  precision: number;
  speakerAccuracy: number;
  /** Wrong speakers out of scored (matched, gold speaker known) quotes. */
  wrongRate: number;
  endToEnd: number;
  wrongExamples: string[];
  abstainedExamples: string[];
  missedExamples: string[];
  spuriousExamples: string[];
  pass: boolean;
}

/** The extractor as the product runs it: one document per passage, its quotes with their speakers. */
export function passageQuotes(passage: Passage): Quote[] {
  const doc = {
    id: documentId(passage.text),
    title: "",
    url: null,
    published: null,
    outlet: null,
    location: `${passage.id}.txt`,
    owner: "global" as const,
    raw: passage.text,
  };
  return analyzeDocument(doc).quotes;
}

/** What the scoring reads of each quote. */
export function emit(passage: Passage): EmittedQuote[] {
  return passageQuotes(passage).map((q) => ({
    text: q.text,
    speaker: q.speaker,
    start: q.start,
    end: q.end,
  }));
}

export async function loadPassages(dir: string): Promise<Passage[]> {
  const file = path.join(dir, "polnear-dev.jsonl");
  const lines = (await readFile(file, "utf8")).split("\n").filter((l) => l.trim());
  return lines.map((line, i) => {
    const parsed = Passage.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.message}`);
    return parsed.data;
  });
}

export function scoreAll(passages: readonly Passage[]): QuotesReport {
  const all = emptyTally();
  const noOneWord = emptyTally();
  const byTag = new Map<string, Tally>();
  let emitted = 0;
  let matchedEmitted = 0;
  const wrongExamples: string[] = [];
  const abstainedExamples: string[] = [];
  const missedExamples: string[] = [];
  const spuriousExamples: string[] = [];
  const short = (s: string): string => (s.length > 70 ? `${s.slice(0, 70)}…` : s);
  for (const passage of passages) {
    const score = scorePassage(passage.text, passage.quotes, passage.ignore, emit(passage));
    emitted += score.counted;
    matchedEmitted += score.matchedEmitted;
    for (const e of score.unmatched) spuriousExamples.push(`${passage.id}: [${e.speaker}] ${short(e.text)}`);
    score.golds.forEach((r: GoldResult) => {
      addResult(all, r);
      if (!r.gold.kind.includes("one-word")) addResult(noOneWord, r);
      for (const tag of r.gold.kind) {
        const t = byTag.get(tag) ?? emptyTally();
        addResult(t, r);
        byTag.set(tag, t);
      }
      const what = `${passage.id}: ${short(r.gold.text)}`;
      if (!r.match) missedExamples.push(what);
      else if (r.verdict === "wrong")
        wrongExamples.push(`${what} — gold ${r.gold.speaker}, got ${r.match.speaker}`);
      else if (r.verdict === "abstained") abstainedExamples.push(`${what} — gold ${r.gold.speaker}`);
    });
  }
  const scored = all.correct + all.wrong + all.abstained;
  const recall = all.found / Math.max(all.gold, 1);
  const precision = matchedEmitted / Math.max(emitted, 1);
  const speakerAccuracy = all.correct / Math.max(scored, 1);
  const wrongRate = all.wrong / Math.max(scored, 1);
  return {
    passages: passages.length,
    all,
    byTag,
    emitted,
    matchedEmitted,
    recall,
    recallWithoutOneWord: noOneWord.found / Math.max(noOneWord.gold, 1),
    precision,
    speakerAccuracy,
    wrongRate,
    endToEnd: all.correct / Math.max(all.withSpeaker, 1),
    wrongExamples,
    abstainedExamples,
    missedExamples,
    spuriousExamples,
    pass:
      recall >= QUOTE_TARGETS.recall &&
      precision >= QUOTE_TARGETS.precision &&
      speakerAccuracy >= QUOTE_TARGETS.speaker &&
      wrongRate <= QUOTE_TARGETS.wrongRate,
  };
}
