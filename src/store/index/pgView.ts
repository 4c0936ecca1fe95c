// A read-only, in-process view of the PostgreSQL index holding what one brief reads, loaded in a few batched
// async rounds (topic lookups, the topic's documents with their weights, those documents' stored analyses, the
// entities they name), so the synchronous brief kernel runs unchanged on it. One view serves one topic.
import type { AnalyzedDocument } from "../../core/analyze/analyzeDocument.js";
import type { DocumentIndex, EntityInfo, Scope, Topic } from "../../core/index/docIndex.js";
import { LazyAnalysis } from "./codec.js";
import type { PgIndex } from "./pgIndex.js";
import { resolveTopicPg } from "./pgResolve.js";

function groupKey(keys: Iterable<string>): string {
  return [...keys].sort().join("\u0000");
}

class PgBriefView implements DocumentIndex {
  constructor(
    readonly version: number,
    readonly size: number,
    private readonly groups: Set<string>[] | null,
    private readonly weightsByGroup: Map<string, Map<string, number>>,
    private readonly docs: Map<string, AnalyzedDocument>,
    private readonly entities: Map<string, EntityInfo>,
    private readonly suggestions: string[],
  ) {}

  add(): AnalyzedDocument {
    throw new Error("a brief view of the PostgreSQL index is read-only");
  }
  addAnalyzed(): void {
    throw new Error("a brief view of the PostgreSQL index is read-only");
  }
  remove(): boolean {
    throw new Error("a brief view of the PostgreSQL index is read-only");
  }
  get(id: string): AnalyzedDocument | undefined {
    return this.docs.get(id);
  }
  /** Only the documents the view loaded (the topic's): listings read the index itself. */
  documents(): Iterable<AnalyzedDocument> {
    return this.docs.values();
  }
  entity(key: string): EntityInfo | undefined {
    return this.entities.get(key);
  }
  weights(keys: Iterable<string>): Map<string, number> {
    return new Map(this.weightsByGroup.get(groupKey(keys)) ?? []);
  }
  resolveTopic(): Set<string>[] | null {
    return this.groups;
  }
  topics(): Topic[] {
    return [];
  }
  complete(): Topic[] {
    return [];
  }
  suggest(): string[] {
    return this.suggestions;
  }
}

/** Loads what a brief on `topic` in `scope` reads, for `groundedBrief(view, topic, { scope })`. */
export async function pgBriefView(index: PgIndex, topic: string, scope: Scope): Promise<DocumentIndex> {
  const [version, size, groups] = await Promise.all([
    index.version(),
    index.size(),
    resolveTopicPg(index, topic.trim()),
  ]);
  const weightsByGroup = new Map<string, Map<string, number>>();
  await Promise.all(
    (groups ?? []).map(async (g) => weightsByGroup.set(groupKey(g), await index.weights(g, scope))),
  );
  const ids = new Set<string>();
  for (const w of weightsByGroup.values()) for (const id of w.keys()) ids.add(id);
  const s = index.quotedSchema;
  const rows =
    ids.size === 0
      ? []
      : (
          await index.pool.query<{ id: string; entities: string; analysis: Buffer }>(
            `SELECT id, entities, analysis FROM ${s}.docs WHERE id = ANY($1::text[])`,
            [[...ids]],
          )
        ).rows;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const loader = {
    entities: (id: string): string => byId.get(id)?.entities ?? "[]",
    rest: (id: string): Uint8Array => {
      const row = byId.get(id);
      if (!row) throw new Error(`document ${id} left the index while a brief read it`);
      return row.analysis;
    },
  };
  const docs = new Map<string, AnalyzedDocument>();
  for (const id of byId.keys()) docs.set(id, new LazyAnalysis(id, loader));
  // Every entity those documents name: choosing and clustering a story weigh names by their coverage.
  const keys = new Set<string>();
  for (const d of docs.values()) for (const k of d.entities.keys()) keys.add(k);
  for (const g of groups ?? []) for (const k of g) keys.add(k);
  const entities = new Map<string, EntityInfo>();
  if (keys.size > 0) {
    const found = await index.pool.query<{
      key: string;
      name: string;
      mentions: number;
      documents: number;
      person: number;
    }>(`SELECT key, name, mentions, documents, person FROM ${s}.entities WHERE key = ANY($1::text[])`, [
      [...keys],
    ]);
    for (const r of found.rows)
      entities.set(r.key, {
        key: r.key,
        name: r.name,
        mentions: r.mentions,
        person: r.person === 1,
        documents: { size: r.documents },
      });
  }
  // Suggestions only matter when nothing in scope matched.
  const suggestions = ids.size === 0 ? await index.suggest(topic.trim(), scope, 5) : [];
  return new PgBriefView(version, size, groups, weightsByGroup, docs, entities, suggestions);
}
