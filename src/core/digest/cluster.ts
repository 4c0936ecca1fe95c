// Picks the documents a digest covers (added in its window, about its topics) and groups them into stories
// by the names they share, with story.ts's weighted-name vectors and its same-story threshold.
import type { AnalyzedDocument } from "../analyze/analyzeDocument.js";
import {
  centralNames,
  cosine,
  SAME_STORY,
  vectorOf,
  type StoryDocument,
  type Vector,
} from "../brief/story.js";
import type { DocumentIndex, Scope } from "../index/docIndex.js";

/** The new documents of one story, newest first, and the names it is about. */
export interface StoryGroup {
  documents: StoryDocument[];
  /** Its central names (story.ts's centralNames), what its bullets and questions are ranked against. */
  keys: Set<string>;
  /** The name it is most distinctively about, as the documents write it. */
  label: string;
}

/** At most this many new documents (the newest) are grouped; more would not fit in a digest anyway. */
export const MAX_NEW_DOCUMENTS = 400;
/**
 * A link between two documents must not rest on one name alone (Microsoft links its TikTok talks and its
 * Activision purchase; "EU" links unrelated Brussels stories): beyond the strongest shared name, the others
 * must add this much similarity…
 */
const OTHER_NAMES = 0.04;
/** …unless the one shared name is what both documents are mainly about. */
const ONE_NAME = 0.5;

export function addedAt(analyzed: AnalyzedDocument): number {
  return analyzed.doc.addedAt ?? 0;
}

/** Newest first; the id settles ties, so the order never depends on the order documents were indexed in. */
export function newestFirst(a: AnalyzedDocument, b: AnalyzedDocument): number {
  return addedAt(b) - addedAt(a) || (a.doc.id < b.doc.id ? -1 : a.doc.id > b.doc.id ? 1 : 0);
}

/** Documents in scope added in (since, until], newest first. */
export function documentsAdded(
  index: DocumentIndex,
  scope: Scope,
  since: number,
  until: number,
): AnalyzedDocument[] {
  const out: AnalyzedDocument[] = [];
  for (const analyzed of index.documents(scope)) {
    const at = addedAt(analyzed);
    if (since < at && at <= until) out.push(analyzed);
  }
  return out.sort(newestFirst).slice(0, MAX_NEW_DOCUMENTS);
}

/** How much a document is about a group of entity keys: its mentions, a title mention worth three more. */
function weightOf(analyzed: AnalyzedDocument, keys: ReadonlySet<string>): number {
  let weight = 0;
  for (const key of keys) {
    const stat = analyzed.entities.get(key);
    if (stat) weight += stat.count + (stat.inTitle ? 3 : 0);
  }
  return weight;
}

/**
 * The documents about any of the topics, each resolved like /deal resolves it (every named party must be
 * named; a passing mention counts only when nothing names the topic more), and the topics' own keys.
 * No topics: every document, and no keys.
 */
export function aboutTopics(
  index: DocumentIndex,
  documents: readonly AnalyzedDocument[],
  topics: readonly string[],
): { documents: StoryDocument[]; topicKeys: Set<string> } {
  const wanted = topics.map((t) => t.trim()).filter((t) => t.length > 0);
  if (wanted.length === 0)
    return { documents: documents.map((analyzed) => ({ analyzed, salience: 1 })), topicKeys: new Set() };
  const salience = new Map<string, number>();
  const topicKeys = new Set<string>();
  for (const topic of wanted) {
    const groups = index.resolveTopic(topic);
    if (!groups) continue;
    for (const g of groups) for (const key of g) topicKeys.add(key);
    const scored = documents
      .map((analyzed) => ({ analyzed, weight: Math.min(...groups.map((g) => weightOf(analyzed, g))) }))
      .filter((d) => d.weight > 0);
    const about = scored.filter((d) => d.weight >= 2);
    for (const d of about.length > 0 ? about : scored)
      salience.set(d.analyzed.doc.id, Math.max(salience.get(d.analyzed.doc.id) ?? 0, d.weight));
  }
  return {
    documents: documents.flatMap((analyzed) => {
      const s = salience.get(analyzed.doc.id);
      return s === undefined ? [] : [{ analyzed, salience: s }];
    }),
    topicKeys,
  };
}

/** Whether two documents tell one story: similar enough, and not through a single shared name only. */
function sameStory(a: Vector, b: Vector): boolean {
  const similarity = cosine(a, b);
  if (similarity < SAME_STORY) return false;
  if (similarity >= ONE_NAME) return true;
  let strongest = 0;
  for (const [key, weight] of a) strongest = Math.max(strongest, weight * (b.get(key) ?? 0));
  return similarity - strongest >= OTHER_NAMES;
}

/** The name the documents are most distinctively about: mentions weighted by how rare the name is. */
function labelOf(index: DocumentIndex, documents: readonly StoryDocument[]): string {
  const total = Math.max(index.size, 1);
  const scores = new Map<string, { name: string; score: number }>();
  for (const { analyzed } of documents) {
    for (const stat of analyzed.entities.values()) {
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

/**
 * The documents grouped into stories: linked when their weighted names (topic keys left out, as in story.ts)
 * are close; a story is everything linked to it. Groups keep the documents' order; the partition does not
 * depend on it.
 */
export function groupStories(
  index: DocumentIndex,
  documents: readonly StoryDocument[],
  topicKeys: ReadonlySet<string>,
): StoryGroup[] {
  const vectors = documents.map((d) => vectorOf(d.analyzed, topicKeys, index));
  const parent = documents.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] ?? root;
    parent[i] = root;
    return root;
  };
  for (let i = 0; i < documents.length; i++) {
    for (let j = i + 1; j < documents.length; j++) {
      if (find(i) === find(j)) continue;
      const a = vectors[i];
      const b = vectors[j];
      if (a && b && sameStory(a, b)) parent[find(j)] = find(i);
    }
  }
  const clusters = new Map<number, StoryDocument[]>();
  documents.forEach((d, i) => {
    const root = find(i);
    const members = clusters.get(root);
    if (members) members.push(d);
    else clusters.set(root, [d]);
  });
  return [...clusters.values()].map((members) => ({
    documents: members,
    keys: centralNames(members),
    label: labelOf(index, members),
  }));
}
