// How a typed topic becomes entity keys, written once for every index (in memory or in a database):
// exact spellings, names containing the word, acronyms, and rare near spellings ("Golbex" for Globex).
// The index supplies lookups through `TermLookup`; this file holds the rules.
import { compactKey, nameKey } from "../analyze/entities.js";
import { deletionVariants, editDistance } from "./fuzzy.js";

/** The lookups topic resolution needs; each returns entity keys (or compact keys) the index knows. */
export interface TermLookup {
  /** Entity keys written this way once spaces and punctuation are gone ("globex" → "glo bex", "globex"). */
  byCompact(compact: string): Iterable<string>;
  /** Entity keys of several words containing this word ("globex" → "globex holdings"). */
  byWord(word: string): Iterable<string>;
  /** Compact keys that have `variant` among their one-deletion variants. */
  byDeletion(variant: string): Iterable<string>;
  hasCompact(compact: string): boolean;
  /** Keys an acronym stands for, and the acronyms of a long name. */
  aliases(key: string): Iterable<string>;
  /** How many documents mention the entity (0 when unknown or all its documents are gone). */
  documentCount(key: string): number;
}

/**
 * Typo-tolerant lookup indexes every one-deletion variant of a name: a name of n characters costs n
 * strings of n - 1 characters, so unbounded names made index memory grow with the square of their length
 * (a 20,000-character "name" cost over 500 MB). Real names are far shorter; longer ones match exactly only.
 */
export const MAX_FUZZY_CHARS = 40;

/** Query words that describe the story rather than name a party in it. */
const QUERY_NOISE = new Set([
  "deal",
  "deals",
  "the",
  "and",
  "vs",
  "v",
  "with",
  "of",
  "to",
  "buy",
  "sale",
  "merger",
  "acquisition",
  "ban",
]);

/** Compact keys one or two edits from `compact` (two only for long names), by SymSpell deletions. */
export function nearCompacts(lookup: TermLookup, compact: string): string[] {
  if (compact.length < 4 || compact.length > MAX_FUZZY_CHARS) return [];
  const found = new Set<string>();
  for (const variant of [compact, ...deletionVariants(compact)]) {
    for (const c of lookup.byDeletion(variant)) if (c !== compact) found.add(c);
    if (variant !== compact && lookup.hasCompact(variant)) found.add(variant);
  }
  const limit = compact.length >= 8 ? 2 : 1;
  return [...found].filter((c) => editDistance(c, compact) <= limit);
}

function countOf(lookup: TermLookup, keys: Iterable<string>): number {
  let n = 0;
  for (const key of keys) n += lookup.documentCount(key);
  return n;
}

/** Entity keys a single term names: exact spellings, names containing it, acronyms, rare typos of it. */
export function resolveTerm(lookup: TermLookup, term: string): Set<string> {
  const compact = compactKey(term);
  const keys = new Set<string>();
  const add = (key: string): void => {
    if (lookup.documentCount(key) === 0) return;
    keys.add(key);
    for (const alias of lookup.aliases(key)) if (lookup.documentCount(alias) > 0) keys.add(alias);
  };
  for (const key of lookup.byCompact(compact)) add(key);
  if (!term.includes(" ")) for (const key of lookup.byWord(nameKey(term))) add(key);
  const known = countOf(lookup, keys);
  // A near spelling counts when it is either all we have or much rarer (a seed's typo of a big name).
  const near = nearCompacts(lookup, compact).map((c) => ({ c, n: countOf(lookup, lookup.byCompact(c)) }));
  if (known === 0 && near.length > 0) {
    const best = near.sort((a, b) => b.n - a.n)[0];
    const nearKeys = best ? new Set(lookup.byCompact(best.c)) : new Set<string>();
    for (const key of nearKeys) for (const k of resolveTerm(lookup, key)) keys.add(k);
    for (const { c, n } of near)
      if (best && c !== best.c && n * 3 <= best.n) for (const k of lookup.byCompact(c)) add(k);
  } else {
    for (const { c, n } of near) if (n * 3 <= known) for (const k of lookup.byCompact(c)) add(k);
  }
  return keys;
}

/**
 * Resolves a topic to groups of entity keys: a document must match every group (one per named party).
 * Returns null when some part of the topic names nothing the index knows.
 */
export function resolveTopic(lookup: TermLookup, topic: string): Set<string>[] | null {
  const whole = resolveTerm(lookup, topic);
  if (whole.size > 0) return [whole];
  const words = nameKey(topic)
    .split(" ")
    .filter((w) => w && !QUERY_NOISE.has(w));
  if (words.length <= 1) {
    const single = words[0] ? resolveTerm(lookup, words[0]) : new Set<string>();
    return single.size > 0 ? [single] : null;
  }
  const groups = words.map((w) => resolveTerm(lookup, w));
  return groups.every((g) => g.size > 0) ? groups : null;
}
