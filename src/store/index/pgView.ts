// Read-only, in-process views of the PostgreSQL index, each holding what one answer reads, loaded in a few
// batched async rounds, so the synchronous kernel runs unchanged on them: a brief's (topic lookups, the topic's
// documents with their weights, their stored analyses, the entities they name), a story list's (the documents
// in scope) and a digest's (the documents added in its window, its topics resolved). One view, one answer.
// pgAsyncIndex puts them and the index's own queries behind the AsyncIndex the bot's commands use.
import type { AnalyzedDocument } from "../../core/analyze/analyzeDocument.js";
import type { AsyncIndex, DigestWindow } from "../../core/index/asyncIndex.js";
import {
  inScope,
  type DocumentIndex,
  type EntityInfo,
  type Scope,
  type Topic,
} from "../../core/index/docIndex.js";
import { MAX_NEW_DOCUMENTS } from "../../core/digest/window.js";
import { storyCandidateIds } from "../../core/story/select.js";
import { LazyAnalysis } from "./codec.js";
import type { PgIndex } from "./pgIndex.js";
import { resolveTopicPg } from "./pgResolve.js";

function groupKey(keys: Iterable<string>): string {
  return [...keys].sort().join("\u0000");
}

function owners(scope: Scope): [string, string] {
  return ["global", scope.guild === undefined ? "global" : `guild:${scope.guild}`];
}

/** What a view holds; what it was not loaded with, it answers as empty. */
interface ViewParts {
  version: number;
  size: number;
  /** The entity groups a topic resolves to, for the topics the view was loaded for. */
  resolve(topic: string): Set<string>[] | null;
  weightsByGroup?: Map<string, Map<string, number>>;
  docs: Map<string, AnalyzedDocument>;
  entities: Map<string, EntityInfo>;
  suggestions?: string[];
}

class PgView implements DocumentIndex {
  readonly version: number;
  readonly size: number;
  constructor(private readonly parts: ViewParts) {
    this.version = parts.version;
    this.size = parts.size;
  }

  add(): AnalyzedDocument {
    throw new Error("a view of the PostgreSQL index is read-only");
  }
  addAnalyzed(): void {
    throw new Error("a view of the PostgreSQL index is read-only");
  }
  remove(): boolean {
    throw new Error("a view of the PostgreSQL index is read-only");
  }
  get(id: string): AnalyzedDocument | undefined {
    return this.parts.docs.get(id);
  }
  /** Only the documents the view loaded, in the order they were added; listings read the index itself. */
  *documents(scope?: Scope): Iterable<AnalyzedDocument> {
    for (const d of this.parts.docs.values()) if (!scope || inScope(d.doc.owner, scope)) yield d;
  }
  entity(key: string): EntityInfo | undefined {
    return this.parts.entities.get(key);
  }
  weights(keys: Iterable<string>): Map<string, number> {
    return new Map(this.parts.weightsByGroup?.get(groupKey(keys)) ?? []);
  }
  resolveTopic(topic: string): Set<string>[] | null {
    return this.parts.resolve(topic);
  }
  topics(): Topic[] {
    return [];
  }
  complete(): Topic[] {
    return [];
  }
  suggest(): string[] {
    return this.parts.suggestions ?? [];
  }
}

interface DocRow {
  id: string;
  entities: string;
  analysis: Buffer;
}

/** Stored analyses as lazily decoded documents, in the order of `rows`. */
function lazyDocs(rows: readonly DocRow[]): Map<string, AnalyzedDocument> {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const loader = {
    entities: (id: string): string => byId.get(id)?.entities ?? "[]",
    rest: (id: string): Uint8Array => {
      const row = byId.get(id);
      if (!row) throw new Error(`document ${id} left the index while a view read it`);
      return row.analysis;
    },
  };
  const docs = new Map<string, AnalyzedDocument>();
  for (const id of byId.keys()) docs.set(id, new LazyAnalysis(id, loader));
  return docs;
}

/** Every entity the documents name, plus `more`: choosing and clustering weigh names by their coverage. */
async function entitiesOf(
  index: PgIndex,
  docs: Map<string, AnalyzedDocument>,
  more: Iterable<string> = [],
): Promise<Map<string, EntityInfo>> {
  const keys = new Set(more);
  for (const d of docs.values()) for (const k of d.entities.keys()) keys.add(k);
  const entities = new Map<string, EntityInfo>();
  if (keys.size === 0) return entities;
  const found = await index.pool.query<{
    key: string;
    name: string;
    mentions: number;
    documents: number;
    person: number;
  }>(
    `SELECT key, name, mentions, documents, person FROM ${index.quotedSchema}.entities WHERE key = ANY($1::text[])`,
    [[...keys]],
  );
  for (const r of found.rows)
    entities.set(r.key, {
      key: r.key,
      name: r.name,
      mentions: r.mentions,
      person: r.person === 1,
      documents: { size: r.documents },
    });
  return entities;
}

async function docRows(index: PgIndex, where: string, params: unknown[]): Promise<DocRow[]> {
  const sql = `SELECT id, entities, analysis FROM ${index.quotedSchema}.docs WHERE ${where}`;
  return (await index.pool.query<DocRow>(sql, params)).rows;
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
  const weights = { weights: (keys: Iterable<string>) => weightsByGroup.get(groupKey(keys)) ?? new Map() };
  // Only the documents the story is chosen from (at most a few hundred), not every one naming the topic: a
  // popular name is in thousands, and loading and decoding those, and the names they mention, cost most of
  // the brief. selectStory reads no others.
  const ids = storyCandidateIds(weights, groups ?? [], scope);
  const docs = lazyDocs(ids.length === 0 ? [] : await docRows(index, "id = ANY($1::text[])", [ids]));
  const entities = await entitiesOf(
    index,
    docs,
    (groups ?? []).flatMap((g) => [...g]),
  );
  // Suggestions only matter when nothing in scope matched.
  const matched = [...weightsByGroup.values()].some((w) => w.size > 0);
  const suggestions = matched ? [] : await index.suggest(topic.trim(), scope, 5);
  return new PgView({ version, size, resolve: () => groups, weightsByGroup, docs, entities, suggestions });
}

/** Loads what listing the stories in `scope` reads: every document in scope, in the order they were added. */
export async function pgStoriesView(index: PgIndex, scope: Scope): Promise<DocumentIndex> {
  const [version, size, rows] = await Promise.all([
    index.version(),
    index.size(),
    docRows(index, "owner IN ($1, $2) ORDER BY seq", owners(scope)),
  ]);
  const docs = lazyDocs(rows);
  return new PgView({ version, size, resolve: () => null, docs, entities: await entitiesOf(index, docs) });
}

/**
 * Loads what a digest for `window` reads: the newest documents in scope added in (since, until] (as many as
 * the digest groups, newest first, ties by id as documentsAdded orders them) and the window's topics resolved.
 */
export async function pgDigestView(index: PgIndex, window: DigestWindow): Promise<DocumentIndex> {
  const topics = [...new Set(window.topics.map((t) => t.trim()).filter((t) => t.length > 0))];
  const [version, size, rows, resolved] = await Promise.all([
    index.version(),
    index.size(),
    docRows(
      index,
      `owner IN ($1, $2) AND added_at > $3 AND added_at <= $4 ORDER BY added_at DESC, id COLLATE "C" LIMIT $5`,
      [...owners(window.scope), window.since, window.until, MAX_NEW_DOCUMENTS],
    ),
    Promise.all(topics.map(async (t) => [t, await resolveTopicPg(index, t)] as const)),
  ]);
  const groups = new Map(resolved);
  const docs = lazyDocs(rows);
  const keys = [...groups.values()].flatMap((g) => (g ?? []).flatMap((set) => [...set]));
  return new PgView({
    version,
    size,
    resolve: (topic) => groups.get(topic.trim()) ?? null,
    docs,
    entities: await entitiesOf(index, docs, keys),
  });
}

/** The PostgreSQL index as the bot uses it: views for the kernel, the index's own queries for the rest. */
export function pgAsyncIndex(index: PgIndex): AsyncIndex {
  return {
    version: () => index.version(),
    size: () => index.size(),
    briefView: (topic, scope) => pgBriefView(index, topic, scope),
    storiesView: (scope) => pgStoriesView(index, scope),
    digestView: (window) => pgDigestView(index, window),
    topics: (scope, minDocuments) => index.topics(scope, minDocuments),
    complete: (partial, scope, limit) => index.complete(partial, scope, limit),
    suggest: (query, scope, limit) => index.suggest(query, scope, limit),
    // One transaction per document: shards adding at once lose nothing (src/store/index/pgWriter.ts).
    add: (doc) => index.add(doc),
    remove: (id) => index.remove(id),
  };
}
