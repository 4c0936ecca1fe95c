// Small string-distance helpers for typo-tolerant topic lookup.
import { distance } from "fastest-levenshtein";

export function editDistance(a: string, b: string): number {
  return distance(a, b);
}

/** Every string made by deleting one character (SymSpell's trick: two words one edit apart share one). */
export function deletionVariants(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}
