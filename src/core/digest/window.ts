// Picks the documents a digest covers: those added in its window, about its topics when it has any. The
// story kernel then groups them into stories exactly as it does for a brief.
import type { AnalyzedDocument } from "../analyze/analyzeDocument.js";
import type { DocumentIndex, Scope } from "../index/docIndex.js";
import type { StoryDocument } from "../story/types.js";

/** At most this many new documents (the newest) are grouped; more would not fit in a digest anyway. */
export const MAX_NEW_DOCUMENTS = 400;
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
