// The scoring rule of the attribution development set (../shared/attribution/README.md, "Scoring rule"):
// word-level LCS matching of emitted quotes to gold quotes, the ignore list, and speaker keys. Pure
// functions, so the rule itself is unit-tested apart from the extractor it scores.

export interface GoldQuote {
  text: string;
  speaker: string | null;
  speaker_keys: string[];
  kind: string[];
}

export interface EmittedQuote {
  text: string;
  speaker: string | null;
  /** Offset of the quote in the passage, for the tie-break on position. */
  start: number;
  end: number;
}

/** Lower case, apostrophes folded, runs of letters and digits. */
export function scoreWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[‘’`´ʼ]/g, "'")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Length of the longest common subsequence of two word lists (quotes are short: O(n·m) is fine). */
export function lcs(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let previous = new Array<number>(b.length + 1).fill(0);
  let current = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    for (let j = 1; j <= b.length; j++) {
      current[j] =
        x === b[j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, current[j - 1] ?? 0);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? 0;
}

/**
 * How well an emitted quote matches a gold quote, or 0 when it does not: (a) it holds ≥ 80 % of the gold
 * words in order and those words are ≥ 50 % of it, or (b) all its words are in the gold quote in order
 * and it is ≥ 60 % of the gold length (a truncated quote).
 */
export function matchScore(emitted: readonly string[], gold: readonly string[]): number {
  if (emitted.length === 0 || gold.length === 0) return 0;
  const shared = lcs(emitted, gold);
  const a = shared >= 0.8 * gold.length && shared >= 0.5 * emitted.length;
  const b = shared === emitted.length && emitted.length >= 0.6 * gold.length;
  if (!a && !b) return 0;
  return (shared / gold.length + shared / emitted.length) / 2;
}

/** Speaker tokens: lower-cased letter/digit runs, plus adjacent tokens and all tokens run together. */
export function speakerTokens(speaker: string): Set<string> {
  const tokens = scoreWords(speaker);
  const out = new Set(tokens);
  for (let i = 0; i + 1 < tokens.length; i++) out.add(`${tokens[i] ?? ""}${tokens[i + 1] ?? ""}`);
  out.add(tokens.join(""));
  out.delete("");
  return out;
}

export type SpeakerVerdict = "correct" | "wrong" | "abstained";

export function speakerVerdict(emitted: string | null, keys: readonly string[]): SpeakerVerdict {
  if (emitted === null || scoreWords(emitted).length === 0) return "abstained";
  const tokens = speakerTokens(emitted);
  return keys.some((k) => tokens.has(k.toLowerCase())) ? "correct" : "wrong";
}

export interface GoldResult {
  gold: GoldQuote;
  /** The best-matching emitted quote, if any. */
  match: EmittedQuote | null;
  verdict: SpeakerVerdict | null;
}

export interface PassageScore {
  golds: GoldResult[];
  /** Emitted quotes counted for precision (those matching only an ignore string are left out). */
  counted: number;
  matchedEmitted: number;
  unmatched: EmittedQuote[];
}

/** Where each gold quote sits in the passage: the first occurrence after the previous gold quote. */
function goldPositions(text: string, golds: readonly GoldQuote[]): Array<[number, number]> {
  let from = 0;
  return golds.map((g) => {
    let at = text.indexOf(g.text, from);
    if (at < 0) at = text.indexOf(g.text);
    if (at < 0) return [-1, -1];
    from = at + g.text.length;
    return [at, at + g.text.length];
  });
}

export function scorePassage(
  text: string,
  golds: readonly GoldQuote[],
  ignore: readonly string[],
  emitted: readonly EmittedQuote[],
): PassageScore {
  const emittedWords = emitted.map((e) => scoreWords(e.text));
  const positions = goldPositions(text, golds);
  const matchedEmitted = new Set<number>();
  const results: GoldResult[] = golds.map((gold, gi) => {
    const goldWords = scoreWords(gold.text);
    const [gs, ge] = positions[gi] ?? [-1, -1];
    let best = -1;
    let bestScore = 0;
    let bestOverlaps = false;
    emittedWords.forEach((words, ei) => {
      const score = matchScore(words, goldWords);
      if (score === 0) return;
      matchedEmitted.add(ei);
      const e = emitted[ei];
      const overlaps = e !== undefined && gs >= 0 && e.start < ge && e.end > gs;
      if (score > bestScore || (score === bestScore && overlaps && !bestOverlaps)) {
        best = ei;
        bestScore = score;
        bestOverlaps = overlaps;
      }
    });
    const match = best >= 0 ? (emitted[best] ?? null) : null;
    const verdict = match && gold.speaker !== null ? speakerVerdict(match.speaker, gold.speaker_keys) : null;
    return { gold, match, verdict };
  });
  const ignoreWords = ignore.map(scoreWords);
  let counted = 0;
  const unmatched: EmittedQuote[] = [];
  emittedWords.forEach((words, ei) => {
    if (matchedEmitted.has(ei)) {
      counted++;
      return;
    }
    if (ignoreWords.some((w) => matchScore(words, w) > 0)) return;
    counted++;
    const e = emitted[ei];
    if (e) unmatched.push(e);
  });
  return { golds: results, counted, matchedEmitted: matchedEmitted.size, unmatched };
}

export interface Tally {
  gold: number;
  found: number;
  withSpeaker: number;
  correct: number;
  wrong: number;
  abstained: number;
}

export const emptyTally = (): Tally => ({
  gold: 0,
  found: 0,
  withSpeaker: 0,
  correct: 0,
  wrong: 0,
  abstained: 0,
});

export function addResult(t: Tally, r: GoldResult): void {
  t.gold++;
  if (r.match) t.found++;
  if (r.gold.speaker !== null) t.withSpeaker++;
  if (r.verdict) t[r.verdict]++;
}
