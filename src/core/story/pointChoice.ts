// Which of a story's candidate points a brief shows: the best-scoring ones, each asking something the ones
// before it do not, a few of each kind. Open questions and settled points are both chosen here.
import type { QuestionKind } from "./types.js";
import { contentWords, jaccard } from "./text.js";

/** A question's content words, a plural counted as its singular ("governments" asks what "government" does). */
function askedWords(text: string): Set<string> {
  return new Set([...contentWords(text)].map((w) => (w.length > 4 ? w.replace(/(?<=[^s])s$/u, "") : w)));
}

/** Nouns news uses for one step of a deal, each group one step: two questions on it ask the same thing. */
const PROCESS_NOUNS: ReadonlyArray<RegExp> = [
  /\b(?:talks|discussions|negotiations)\b/iu,
  /\b(?:investigation|probe|inquiry|review)\b/iu,
  /\b(?:approval|clearance|consent)\b/iu,
];

/** The names a question mentions (capitalised words after its first), possessives as the name. */
function namesIn(text: string): Set<string> {
  return new Set(
    [...text.matchAll(/(?<=\s)\p{Lu}[\p{L}\p{N}.&-]*/gu)].map((m) => m[0].replace(/['’]s$|\.$/u, "")),
  );
}

/**
 * "Will X wrap up talks to buy Y?" and "Will X pursue discussions with Y's parent?": one step of the deal (the
 * same group of process nouns) between the same parties (two names shared) is one question asked twice.
 */
function sameStep(a: string, b: string): boolean {
  if (!PROCESS_NOUNS.some((noun) => noun.test(a) && noun.test(b))) return false;
  const names = namesIn(b);
  return [...namesIn(a)].filter((n) => names.has(n)).length >= 2;
}

function within(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size > 0 && [...a].every((w) => b.has(w));
}

/**
 * The best-scoring points, each asking something the ones before it do not (another basis, other words), at
 * most `perKind` of one kind: a mix of kinds reads better than a list of hedges. `shown` are points already
 * in the brief that a new one must not repeat.
 */
export function choose<T extends { kind: QuestionKind; basis: string; score: number; text?: string }>(
  found: T[],
  max: number,
  perKind: number,
  shown: ReadonlyArray<{ basis: string; text?: string }> = [],
): T[] {
  const chosen: T[] = [];
  const taken: Array<{ basis: string; text?: string }> = [...shown];
  const kinds = new Map<QuestionKind, number>();
  for (const point of [...found].sort((a, b) => b.score - a.score)) {
    if (chosen.length >= max) break;
    const words = contentWords(point.basis);
    const asked = point.text === undefined ? null : askedWords(point.text);
    // The same point asked with more ("official approval by the U.S. and Chinese governments" after
    // "official government approval") takes the place of the one it contains.
    const fuller = chosen.findIndex(
      (c) =>
        c.kind === point.kind &&
        c.text !== undefined &&
        asked !== null &&
        askedWords(c.text).size < asked.size &&
        within(askedWords(c.text), asked),
    );
    if (fuller >= 0) {
      taken[taken.indexOf(chosen[fuller] as T)] = point;
      chosen[fuller] = point;
      continue;
    }
    if (
      taken.some((c) => {
        if (c.basis === point.basis || jaccard(contentWords(c.basis), words) >= 0.4) return true;
        if (!asked || c.text === undefined) return false;
        const other = askedWords(c.text);
        return (
          jaccard(other, asked) >= 0.6 ||
          within(other, asked) ||
          within(asked, other) ||
          sameStep(c.text, point.text ?? "")
        );
      })
    )
      continue;
    const count = kinds.get(point.kind) ?? 0;
    if (count >= perKind) continue;
    kinds.set(point.kind, count + 1);
    chosen.push(point);
    taken.push(point);
  }
  return chosen;
}
