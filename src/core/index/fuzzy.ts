// Small string-distance helpers for typo-tolerant topic lookup.
import { distance } from "fastest-levenshtein";
import { compactKey } from "../analyze/entities.js";

export function editDistance(a: string, b: string): number {
  return distance(a, b);
}

/** Every string made by deleting one character (SymSpell's trick: two words one edit apart share one). */
export function deletionVariants(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * The known topics closest to what was typed (`compact`, its compact key): prefix matches first (of the name
 * or of one of its words), then by edit distance relative to length, at most half the letters wrong; ties go
 * to the topic in more documents. Every index ranks its candidates here, so all suggest alike.
 */
export function closestTopics(
  candidates: Iterable<{ key: string; name: string; documents: number }>,
  compact: string,
  limit: number,
): string[] {
  return [...candidates]
    .map((t) => {
      const c = compactKey(t.key);
      const prefix =
        compact.length > 0 && (c.startsWith(compact) || t.key.split(" ").some((w) => w.startsWith(compact)));
      return { t, score: prefix ? 0 : editDistance(c, compact) / Math.max(c.length, compact.length, 1) };
    })
    .filter((x) => x.score <= 0.5)
    .sort((a, b) => a.score - b.score || b.t.documents - a.t.documents)
    .slice(0, limit)
    .map((x) => x.t.name);
}
