// Groups documents into stories by the names they share: one clustering for the brief and the digest, so a
// story is the same set of documents whichever of them shows it. Also the story's central names and label.
import type { DocumentIndex } from "../index/docIndex.js";
import type { StoryDocument, StoryGroup } from "./types.js";
import type { AnalyzedDocument } from "../analyze/analyzeDocument.js";

export type Vector = Map<string, number>;

/** Two documents belong to one story when their weighted names overlap at least this much (cosine). */
export const SAME_STORY = 0.2;
/**
 * A link between two documents must not rest on one name alone (a company in two unrelated deals; a
 * regulator that reviews several): beyond the strongest shared name, the others must add this much…
 */
const OTHER_NAMES = 0.04;
/** …unless the one shared name is what both documents are mainly about. */
const ONE_NAME = 0.5;
/**
 * Two groups of documents join when at least one in this many pairs across them is linked: the phases of
 * one deal link widely, two deals before one regulator link through a document or two.
 */
const LINKED_SHARE_DEN = 3;

/** The document's names, weighted by mentions (a title mention worth two more) and rarity; unit length. */
export function vectorOf(
  analyzed: AnalyzedDocument,
  topicKeys: ReadonlySet<string>,
  index: DocumentIndex,
): Vector {
  const vector: Vector = new Map();
  const total = Math.max(index.size, 1);
  let norm = 0;
  for (const stat of analyzed.entities.values()) {
    if (topicKeys.has(stat.key)) continue;
    const df = index.entity(stat.key)?.documents.size ?? 1;
    const weight = (stat.count + (stat.inTitle ? 2 : 0)) * Math.log(1 + total / df);
    vector.set(stat.key, weight);
    norm += weight * weight;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [key, weight] of vector) vector.set(key, weight / norm);
  return vector;
}

export function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [key, weight] of small) sum += weight * (large.get(key) ?? 0);
  return sum;
}

/** Whether two documents tell one story: similar enough, and not through a single shared name only. */
export function sameStory(a: Vector, b: Vector): boolean {
  const similarity = cosine(a, b);
  if (similarity < SAME_STORY) return false;
  if (similarity >= ONE_NAME) return true;
  let strongest = 0;
  for (const [key, weight] of a) strongest = Math.max(strongest, weight * (b.get(key) ?? 0));
  return similarity - strongest >= OTHER_NAMES;
}

/**
 * The documents partitioned into stories (each a list in the input order). Linking is average-linkage:
 * two groups join only when enough pairs across them are links — a chain of single links through a
 * shared regulator or a shared buyer does not pull two deals together. Callers bound the input (≤ a few
 * hundred documents), which bounds the pairwise work.
 */
export function clusterDocuments<T extends StoryDocument>(
  documents: readonly T[],
  topicKeys: ReadonlySet<string>,
  index: DocumentIndex,
  // The documents' vectors when the caller has them already (they depend on the documents and keys only).
  vectors: readonly Vector[] = documents.map((d) => vectorOf(d.analyzed, topicKeys, index)),
): T[][] {
  const links: Array<{ i: number; j: number; similarity: number }> = [];
  for (let i = 0; i < documents.length; i++) {
    for (let j = i + 1; j < documents.length; j++) {
      const a = vectors[i];
      const b = vectors[j];
      if (a && b && sameStory(a, b)) links.push({ i, j, similarity: cosine(a, b) });
    }
  }
  // Strongest links first; a link joins two groups only when most pairs across them are links too.
  links.sort((x, y) => y.similarity - x.similarity || x.i - y.i || x.j - y.j);
  const linked = new Set(links.map((l) => l.i * documents.length + l.j));
  const isLinked = (i: number, j: number): boolean =>
    linked.has(Math.min(i, j) * documents.length + Math.max(i, j));
  const groupOf = documents.map((_, i) => i);
  const members = new Map<number, number[]>(documents.map((_, i) => [i, [i]]));
  for (const { i, j } of links) {
    const gi = groupOf[i] ?? i;
    const gj = groupOf[j] ?? j;
    if (gi === gj) continue;
    const a = members.get(gi) ?? [];
    const b = members.get(gj) ?? [];
    let pairs = 0;
    for (const x of a) for (const y of b) if (isLinked(x, y)) pairs++;
    if (pairs * LINKED_SHARE_DEN < a.length * b.length) continue;
    for (const y of b) groupOf[y] = gi;
    members.set(gi, [...a, ...b]);
    members.delete(gj);
  }
  return [...members.values()].map((list) => list.sort((x, y) => x - y).flatMap((i) => documents[i] ?? []));
}

/** The names the documents mention most (a title mention worth three more): what the story is about. */
export function centralNames(documents: readonly StoryDocument[], count = 4): Set<string> {
  const scores = new Map<string, number>();
  for (const { analyzed } of documents) {
    for (const stat of analyzed.entities.values())
      scores.set(stat.key, (scores.get(stat.key) ?? 0) + stat.count + (stat.inTitle ? 3 : 0));
  }
  return new Set(
    [...scores.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, count)
      .map(([key]) => key),
  );
}

/** The name the documents are most distinctively about (mentions weighted by rarity), `exclude` left out. */
export function labelOf(
  index: DocumentIndex,
  documents: readonly StoryDocument[],
  exclude: ReadonlySet<string> = new Set(),
): string {
  const total = Math.max(index.size, 1);
  const scores = new Map<string, { name: string; score: number }>();
  for (const { analyzed } of documents) {
    for (const stat of analyzed.entities.values()) {
      if (exclude.has(stat.key)) continue;
      const known = index.entity(stat.key);
      const df = Math.max(known?.documents.size ?? 1, 1);
      const entry = scores.get(stat.key) ?? { name: known?.name ?? stat.name, score: 0 };
      entry.score += (stat.count + (stat.inTitle ? 3 : 0)) * Math.log(1 + total / df);
      scores.set(stat.key, entry);
    }
  }
  const best = [...scores.entries()].sort(
    (a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
  )[0];
  return best?.[1].name ?? "";
}

/** Stories among the documents, each with its central names and label. */
export function groupStories(
  index: DocumentIndex,
  documents: readonly StoryDocument[],
  topicKeys: ReadonlySet<string>,
): StoryGroup[] {
  return clusterDocuments(documents, topicKeys, index).map((members) => ({
    documents: members,
    keys: centralNames(members),
    label: labelOf(index, members),
  }));
}
