// Chooses the documents a brief is built from: those the topic is about, grouped into stories by the
// names they share, so a document about another story that also names the topic does not take over.
import type { AnalyzedDocument } from "../analyze/analyzeDocument.js";
import type { DocumentIndex, Scope } from "../index/docIndex.js";

export interface StoryDocument {
  analyzed: AnalyzedDocument;
  /** How strongly the document is about the topic (mentions, with a title mention worth three). */
  salience: number;
}

export interface Story {
  documents: StoryDocument[];
  /**
   * The names the story is about, read from its documents rather than from the query, so "tik tok" and
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
/** Two documents belong to one story when their weighted names overlap at least this much (cosine). */
export const SAME_STORY = 0.2;
/** A story joins the brief when it is at least this fraction as much about the topic as the main one. */
const STORY_SHARE = 0.35;
/** A smaller group still joins the main story when one of its documents is at least this close to it. */
const WEAK_LINK = 0.08;

export type Vector = Map<string, number>;
const EMPTY: Vector = new Map();

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

export function centralNames(documents: StoryDocument[], count = 4): Set<string> {
  const scores = new Map<string, number>();
  for (const { analyzed } of documents) {
    for (const stat of analyzed.entities.values())
      scores.set(stat.key, (scores.get(stat.key) ?? 0) + stat.count + (stat.inTitle ? 3 : 0));
  }
  return new Set(
    [...scores.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, count)
      .map(([key]) => key),
  );
}

function labelOf(documents: StoryDocument[], exclude: ReadonlySet<string>): string {
  const scores = new Map<string, { name: string; score: number }>();
  for (const { analyzed } of documents) {
    for (const stat of analyzed.entities.values()) {
      if (exclude.has(stat.key)) continue;
      const entry = scores.get(stat.key) ?? { name: stat.name, score: 0 };
      entry.score += stat.count + (stat.inTitle ? 3 : 0);
      scores.set(stat.key, entry);
    }
  }
  return [...scores.values()].sort((a, b) => b.score - a.score)[0]?.name ?? "other";
}

export function selectStory(index: DocumentIndex, groups: Set<string>[], scope: Scope): Story {
  const keys = new Set(groups.flatMap((g) => [...g]));
  const perGroup = groups.map((g) => index.weights(g, scope));
  const first = perGroup[0] ?? new Map<string, number>();
  const scored: StoryDocument[] = [];
  for (const [id] of first) {
    const weights = perGroup.map((w) => w.get(id) ?? 0);
    const analyzed = index.get(id);
    if (!analyzed || weights.some((w) => w === 0)) continue;
    scored.push({ analyzed, salience: Math.min(...weights) });
  }
  // A single passing mention is not what a document is about, unless nothing names the topic more.
  const about = scored.filter((d) => d.salience >= 2);
  const pool = (about.length > 0 ? about : scored)
    .sort((a, b) => b.salience - a.salience)
    .slice(0, MAX_CANDIDATES);

  const vectors = pool.map((d) => vectorOf(d.analyzed, keys, index));
  const parent = pool.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] ?? root;
    parent[i] = root;
    return root;
  };
  for (let i = 0; i < pool.length; i++) {
    for (let j = i + 1; j < pool.length; j++) {
      if (find(i) === find(j)) continue;
      const a = vectors[i];
      const b = vectors[j];
      if (a && b && cosine(a, b) >= SAME_STORY) parent[find(j)] = find(i);
    }
  }
  const clusters = new Map<number, StoryDocument[]>();
  pool.forEach((d, i) => {
    const root = find(i);
    clusters.set(root, [...(clusters.get(root) ?? []), d]);
  });
  const ranked = [...clusters.values()]
    .map((documents) => ({ documents, score: documents.reduce((sum, d) => sum + d.salience, 0) }))
    .sort((a, b) => b.score - a.score);
  const best = ranked[0]?.score ?? 0;
  const vectorOf_ = new Map(pool.map((d, i) => [d, vectors[i] ?? new Map<string, number>()]));
  const main = ranked[0]?.documents ?? [];
  const linked = (documents: StoryDocument[]): boolean =>
    documents.some((d) =>
      main.some((m) => cosine(vectorOf_.get(d) ?? EMPTY, vectorOf_.get(m) ?? EMPTY) >= WEAK_LINK),
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
    related: others.map((c) => ({ label: labelOf(c.documents, keys), documents: c.documents })),
  };
}
