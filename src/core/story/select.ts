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

export function selectStory(index: DocumentIndex, groups: Set<string>[], scope: Scope): Story {
  const keys = new Set(groups.flatMap((g) => [...g]));
  const perGroup = groups.map((g) => index.weights(g, scope));
  const first = perGroup[0] ?? new Map<string, number>();
  // Ranked on the index's weights alone, and only the candidates kept are read: a popular topic names
  // thousands of documents, and reading each (or its text, for a tie-break) would cost more than the brief.
  const scored: Array<{ id: string; salience: number }> = [];
  for (const [id] of first) {
    const weights = perGroup.map((w) => w.get(id) ?? 0);
    if (weights.some((w) => w === 0)) continue;
    scored.push({ id, salience: Math.min(...weights) });
  }
  // A single passing mention is not what a document is about, unless nothing names the topic more.
  const about = scored.filter((d) => d.salience >= 2);
  const pool: StoryDocument[] = (about.length > 0 ? about : scored)
    .sort((a, b) => b.salience - a.salience || (a.id < b.id ? -1 : 1))
    .slice(0, MAX_CANDIDATES)
    .flatMap(({ id, salience }) => {
      const analyzed = index.get(id);
      return analyzed ? [{ analyzed, salience }] : [];
    });

  const ranked = clusterDocuments(pool, keys, index)
    .map((documents) => ({ documents, score: documents.reduce((sum, d) => sum + d.salience, 0) }))
    .sort((a, b) => b.score - a.score);
  const best = ranked[0]?.score ?? 0;
  const vectors = new Map(pool.map((d) => [d, vectorOf(d.analyzed, keys, index)]));
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
