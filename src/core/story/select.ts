// Chooses the documents a topic's story is built from: those the topic is about, grouped into stories by
// the kernel's clustering, so a document about another story that also names the topic does not take over.
import type { DocumentIndex, Scope } from "../index/docIndex.js";
import { centralNames, clusterDocuments, cosine, labelOf, vectorOf, type Vector } from "./cluster.js";
import type { StoryDocument } from "./types.js";

export interface Story {
  documents: StoryDocument[];
  /**
   * The names the story is about, read from its documents rather than from the query, so "glo bex" and
   * "bytedance" get the same brief when they find the same story.
   */
  keys: Set<string>;
  label: string;
  related: Array<{ label: string; documents: StoryDocument[] }>;
}

/** At most this many documents are grouped into stories for one topic. */
const MAX_CANDIDATES = 150;
/** At most this many of the story's documents feed the brief; more would not change what a reader sees. */
const MAX_DOCUMENTS = 40;
/** A story joins the brief when it is at least this fraction as much about the topic as the main one. */
const STORY_SHARE = 0.35;
/** A smaller group still joins the main story when one of its documents is at least this close to it. */
const WEAK_LINK = 0.08;

const EMPTY: Vector = new Map();

/** salience descending, then id: a total order (ids are unique), so any selection under it is the sort's. */
function before(a: Candidate, b: Candidate): boolean {
  return a.salience > b.salience || (a.salience === b.salience && a.id < b.id);
}

interface Candidate {
  id: string;
  salience: number;
}

/**
 * The first `k` of `list` in `before` order, as sorting all and slicing would give them: a popular topic has
 * tens of thousands of candidates and only the first few hundred are kept, so most are rejected with one
 * comparison against the current k-th instead of being sorted.
 */
function firstK(list: readonly Candidate[], k: number): Candidate[] {
  const order = (a: Candidate, b: Candidate): number => (before(a, b) ? -1 : before(b, a) ? 1 : 0);
  if (list.length <= k) return [...list].sort(order);
  const top = list.slice(0, k).sort(order);
  for (let i = k; i < list.length; i++) {
    const c = list[i];
    const last = top[k - 1];
    if (!c || !last || !before(c, last)) continue;
    let lo = 0;
    let hi = k - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = top[mid];
      if (m && before(m, c)) lo = mid + 1;
      else hi = mid;
    }
    top.pop();
    top.splice(lo, 0, c);
  }
  return top;
}

/**
 * Each document every group names, with its smallest group weight. A group read once even when the topic
 * names it twice, and the walk starts from the smallest group: a document must be in all of them.
 */
function candidates(index: Pick<DocumentIndex, "weights">, groups: Set<string>[], scope: Scope): Candidate[] {
  const read = new Map<string, Map<string, number>>();
  const perGroup = groups.map((g) => {
    // Keyed by the keys in their order, so a reused read sums its weights in the same order.
    const id = [...g].join("\u0000");
    const known = read.get(id);
    if (known) return known;
    const weights = index.weights(g, scope);
    read.set(id, weights);
    return weights;
  });
  const smallest = perGroup.reduce<Map<string, number> | undefined>(
    (s, w) => (s === undefined || w.size < s.size ? w : s),
    undefined,
  );
  const scored: Candidate[] = [];
  if (!smallest) return scored;
  for (const id of smallest.keys()) {
    let salience = Infinity;
    let missing = false;
    for (const w of perGroup) {
      const weight = w.get(id) ?? 0;
      if (weight === 0) missing = true;
      salience = Math.min(salience, weight);
    }
    if (!missing) scored.push({ id, salience });
  }
  return scored;
}

/**
 * The candidates a story is grouped from, ranked on the index's weights alone, so only those kept are read: a
 * popular topic names thousands of documents, and reading each (or its text, for a tie-break) would cost more
 * than the brief.
 */
function kept(index: Pick<DocumentIndex, "weights">, groups: Set<string>[], scope: Scope): Candidate[] {
  const scored = candidates(index, groups, scope);
  // A single passing mention is not what a document is about, unless nothing names the topic more.
  const about = scored.filter((d) => d.salience >= 2);
  return firstK(about.length > 0 ? about : scored, MAX_CANDIDATES);
}

/**
 * The ids of the documents selectStory reads for these groups (and no others): an index that loads documents
 * from elsewhere (the PostgreSQL views) loads only these, not every document that names the topic.
 */
export function storyCandidateIds(
  index: Pick<DocumentIndex, "weights">,
  groups: Set<string>[],
  scope: Scope,
): string[] {
  return kept(index, groups, scope).map((c) => c.id);
}

export function selectStory(index: DocumentIndex, groups: Set<string>[], scope: Scope): Story {
  const keys = new Set(groups.flatMap((g) => [...g]));
  const pool: StoryDocument[] = kept(index, groups, scope).flatMap(({ id, salience }) => {
    const analyzed = index.get(id);
    return analyzed ? [{ analyzed, salience }] : [];
  });

  const poolVectors = pool.map((d) => vectorOf(d.analyzed, keys, index));
  const ranked = clusterDocuments(pool, keys, index, poolVectors)
    .map((documents) => ({ documents, score: documents.reduce((sum, d) => sum + d.salience, 0) }))
    .sort((a, b) => b.score - a.score);
  const best = ranked[0]?.score ?? 0;
  const vectors = new Map(pool.map((d, i) => [d, poolVectors[i] ?? EMPTY]));
  const main = ranked[0]?.documents ?? [];
  const linked = (documents: StoryDocument[]): boolean =>
    documents.some((d) =>
      main.some((m) => cosine(vectors.get(d) ?? EMPTY, vectors.get(m) ?? EMPTY) >= WEAK_LINK),
    );
  const joins = (c: { documents: StoryDocument[]; score: number }): boolean =>
    c.documents === main || c.score >= best * STORY_SHARE || linked(c.documents);
  const chosen = ranked.filter(joins);
  const others = ranked.filter((c) => !joins(c));
  const documents = chosen
    .flatMap((c) => c.documents)
    .sort((a, b) => b.salience - a.salience)
    .slice(0, MAX_DOCUMENTS);
  const topicLabel = groups
    .map((g) => {
      const named = [...g].map((k) => index.entity(k)).filter((e) => e !== undefined);
      return named.sort((a, b) => b.mentions - a.mentions)[0]?.name ?? "";
    })
    .filter(Boolean)
    .join(" + ");
  return {
    documents,
    keys: centralNames(documents),
    label: topicLabel,
    related: others.map((c) => ({ label: labelOf(index, c.documents, keys), documents: c.documents })),
  };
}
