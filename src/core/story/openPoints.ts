// Finds what is still open in a story: hedged or pending statements, deadlines, claims made by one party,
// and figures on which sources disagree. Each finding keeps the verbatim sentence it rests on.
import type { QuestionKind } from "./types.js";
import type { StoryDocument } from "./types.js";
import { offlineQuestion } from "./questionChoice.js";
import { contentWords, isComplete, jaccard, wordCount } from "./text.js";

export interface OpenPoint {
  kind: QuestionKind;
  basis: string;
  source: string;
  /** The words that make it open ("subject to", "by September 15", "claimed"). */
  cue: string;
  related: Array<{ source: string; sentence: string }>;
  score: number;
  /** The question (or "Pending: …" line) from the kernel's templates, filled with the basis's own spans. */
  text: string;
}

type Found = Omit<OpenPoint, "text">;

const MONTH =
  "(?:Jan(?:uary)?|Feb(?:ruary)?|March|April|May|June|July|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";

const CUES: Array<{ kind: QuestionKind; pattern: RegExp; weight: number }> = [
  {
    kind: "pending",
    pattern:
      /\b(subject to|pending|awaiting|still needs?|yet to|has not (?:yet )?been|not yet|tentative(?:ly)?|conditional(?:ly)?|provisional(?:ly)?|in doubt|hangs? in the balance|unclear|uncertain|could yet|remains to be seen|in the balance)\b/i,
    weight: 3,
  },
  {
    kind: "contradiction",
    pattern:
      /\b(conflicting|contradict\w*|differs? (?:significantly )?from|at odds|disputed?|denie[sd]|divergent)\b/i,
    weight: 2.8,
  },
  {
    kind: "deadline",
    pattern: new RegExp(
      `\\b((?:by|before|no later than|until|after|deadline of)\\s+${MONTH}\\s+\\d{1,2}(?:,\\s*\\d{4})?|within \\d+ days|\\d+ days to \\p{L}+)\\b`,
      "iu",
    ),
    weight: 2.5,
  },
  {
    kind: "claim",
    pattern:
      /(?<!\b(?:its|their|the|a|his|her|our)\s+)\b(claim(?:s|ed)?|maintain(?:s|ed)|insist(?:s|ed)|allege[sd]?|contend(?:s|ed)|accuse[sd]?)\b/i,
    weight: 2.2,
  },
  {
    kind: "hedge",
    pattern:
      /\b(may|might|could|would|expects? to|expected to|plans? to|planning to|aims? to|hopes? to|intends? to|looking to|likely|possible|possibly|potential(?:ly)?|proposed|considering|reportedly|look(?:s)? set to)\b/i,
    weight: 1.5,
  },
];

const PERCENT = /(\d+(?:\.\d+)?)\s?(?:%|per ?cent|percent)/gi;
const AMOUNT = /\$\s?(\d+(?:\.\d+)?)\s?(billion|million|bn|m)\b/gi;

const MAX_FIGURE_SENTENCES = 40;

function figures(sentence: string, pattern: RegExp): number[] {
  return [...sentence.matchAll(new RegExp(pattern.source, pattern.flags))].map((m) => Number(m[1]));
}

interface Sentence {
  text: string;
  source: string;
  names: Set<string>;
  hasTopic: boolean;
  words: Set<string>;
}

function sentencesOf(story: StoryDocument[], keys: ReadonlySet<string>): Sentence[] {
  const out: Sentence[] = [];
  for (const { analyzed } of story) {
    for (const s of analyzed.sentences) {
      const text = analyzed.doc.raw.slice(s.start, s.end);
      if (!isComplete(text) || wordCount(text) < 6 || wordCount(text) > 70) continue;
      const names = new Set(s.mentions.map((m) => m.key));
      out.push({
        text,
        source: analyzed.doc.id,
        names,
        hasTopic: [...names].some((k) => keys.has(k)),
        words: contentWords(text),
      });
    }
  }
  return out;
}

/** Two sources give different figures for the same parties, and the figures are not parts of one whole. */
function disagreements(sentences: Sentence[]): Found[] {
  const out: Found[] = [];
  for (const pattern of [PERCENT, AMOUNT]) {
    // Sentences come in story order (most salient documents first); comparing the first few dozen is
    // enough to surface a disagreement and keeps the pairwise check cheap on big stories.
    const withFigures = sentences
      .filter((s) => s.hasTopic)
      .map((s) => ({ s, values: figures(s.text, pattern) }))
      .filter((x) => x.values.length > 0)
      .slice(0, MAX_FIGURE_SENTENCES);
    for (let i = 0; i < withFigures.length; i++) {
      for (let j = i + 1; j < withFigures.length; j++) {
        const a = withFigures[i];
        const b = withFigures[j];
        if (!a || !b || a.s.source === b.s.source) continue;
        const sharedNames = [...a.s.names].filter((n) => b.s.names.has(n));
        if (sharedNames.length < 2 || jaccard(a.s.words, b.s.words) < 0.12) continue;
        const sum = (v: number[]): number => v.reduce((x, y) => x + y, 0);
        const overlap = a.values.some((v) => b.values.includes(v));
        const partsOfWhole =
          Math.abs(sum(a.values) - sum(b.values)) < 1e-9 ||
          a.values.some((v) => Math.abs(v - sum(b.values)) < 1e-9) ||
          b.values.some((v) => Math.abs(v - sum(a.values)) < 1e-9);
        if (overlap || partsOfWhole) continue;
        out.push({
          kind: "contradiction",
          basis: a.s.text,
          source: a.s.source,
          cue: "figures differ",
          related: [{ source: b.s.source, sentence: b.s.text }],
          score: 3.2,
        });
      }
    }
  }
  return out;
}

export function findOpenPoints(story: StoryDocument[], keys: ReadonlySet<string>, max = 6): OpenPoint[] {
  const sentences = sentencesOf(story, keys);
  const found: Found[] = [...disagreements(sentences)];
  for (const s of sentences) {
    for (const cue of CUES) {
      const match = cue.pattern.exec(s.text);
      if (!match) continue;
      const score = cue.weight + (s.hasTopic ? 1 : 0) + Math.min(s.names.size, 3) * 0.3;
      found.push({ kind: cue.kind, basis: s.text, source: s.source, cue: match[0], related: [], score });
      break;
    }
  }
  const chosen: OpenPoint[] = [];
  const kinds = new Map<QuestionKind, number>();
  for (const candidate of found.sort((a, b) => b.score - a.score)) {
    if (chosen.length >= max) break;
    // A point no template can ask cleanly is left out: one question fewer rather than a malformed one.
    const text = offlineQuestion(candidate);
    if (!text) continue;
    const point: OpenPoint = { ...candidate, text };
    const words = contentWords(point.basis);
    if (chosen.some((c) => c.basis === point.basis || jaccard(contentWords(c.basis), words) >= 0.4)) continue;
    // A mix of kinds reads better than six hedges.
    const count = kinds.get(point.kind) ?? 0;
    if (count >= 2) continue;
    kinds.set(point.kind, count + 1);
    chosen.push(point);
  }
  return chosen;
}
