// The index contract (`DocumentIndex`) and its in-memory implementation: add and remove at runtime, scope by
// owner, and find the documents a topic is about by entity and alias (never by raw substring: "arm" finds
// Arm, not "harm"). The stored implementation is src/store/index/sqliteIndex.ts.
import { analyzeDocument, type AnalyzedDocument } from "../analyze/analyzeDocument.js";
import { compactKey, nameKey } from "../analyze/entities.js";
import type { Owner, SourceDocument } from "../ingest/document.js";
import { closestTopics, deletionVariants, editDistance } from "./fuzzy.js";
import { MAX_FUZZY_CHARS, resolveTopic, type TermLookup } from "./resolve.js";

/** Which documents a query may see: the global seeds plus, inside a server, that server's own. */
export interface Scope {
  guild?: string | undefined;
}

export function inScope(owner: Owner, scope: Scope): boolean {
  return owner === "global" || (scope.guild !== undefined && owner === `guild:${scope.guild}`);
}

export interface Topic {
  key: string;
  name: string;
  documents: number;
  person: boolean;
}

export interface KnownEntity {
  key: string;
  name: string;
  /** Documents that mention it, by id. */
  documents: Map<string, number>;
  mentions: number;
  person: boolean;
}

/** Longer "names" are runs of capitalised words, not names; they are not offered as topics or labels. */
export const MAX_ENTITY_KEY_CHARS = 120;

/** An entity as an index knows it across documents. */
export interface EntityInfo {
  key: string;
  name: string;
  /** Documents that mention it: only the count is part of the contract (a Map in memory). */
  documents: { readonly size: number };
  mentions: number;
  person: boolean;
}

/**
 * What briefs, digests and commands need from an index of analyzed documents. `MemoryIndex` keeps it in
 * the process; the store's database index (src/store/index) keeps it on disk and loads documents lazily.
 */
export interface DocumentIndex {
  readonly size: number;
  /** Changes on every add or remove, so caches keyed by it never serve stale briefs. */
  readonly version: number;
  add(doc: SourceDocument): AnalyzedDocument;
  addAnalyzed(analyzed: AnalyzedDocument): void;
  remove(id: string): boolean;
  get(id: string): AnalyzedDocument | undefined;
  documents(scope?: Scope): Iterable<AnalyzedDocument>;
  entity(key: string): EntityInfo | undefined;
  /** Documents in scope that mention any of `keys`, with the summed weight of those mentions. */
  weights(keys: Iterable<string>, scope: Scope): Map<string, number>;
  resolveTopic(topic: string): Set<string>[] | null;
  topics(scope?: Scope, minDocuments?: number): Topic[];
  complete(partial: string, scope?: Scope, limit?: number): Topic[];
  suggest(query: string, scope?: Scope, limit?: number): string[];
}

export class MemoryIndex implements DocumentIndex {
  private readonly docs = new Map<string, AnalyzedDocument>();
  private readonly entities = new Map<string, KnownEntity>();
  /** compact key ("globex") → entity keys written that way ("globex", "glo bex"). */
  private readonly byCompact = new Map<string, Set<string>>();
  /** single word → entity keys containing it ("globex" → "globex holdings"). */
  private readonly byWord = new Map<string, Set<string>>();
  /** one-deletion variants of compact keys, for typo-tolerant lookup. */
  private readonly byDeletion = new Map<string, Set<string>>();
  private readonly acronyms = new Map<string, Set<string>>();
  /** Bumped on every change, so caches keyed by it never serve stale briefs. */
  version = 0;

  get size(): number {
    return this.docs.size;
  }

  add(doc: SourceDocument): AnalyzedDocument {
    const analyzed = analyzeDocument(doc);
    this.addAnalyzed(analyzed);
    return analyzed;
  }

  addAnalyzed(analyzed: AnalyzedDocument): void {
    if (this.docs.has(analyzed.doc.id)) this.remove(analyzed.doc.id);
    this.docs.set(analyzed.doc.id, analyzed);
    for (const stat of analyzed.entities.values()) {
      if (stat.key.length > MAX_ENTITY_KEY_CHARS) continue;
      let entity = this.entities.get(stat.key);
      if (!entity) {
        entity = { key: stat.key, name: stat.name, documents: new Map(), mentions: 0, person: false };
        this.entities.set(stat.key, entity);
        this.indexKey(stat.key);
      }
      const weight = stat.count + (stat.inTitle ? 3 : 0);
      entity.documents.set(analyzed.doc.id, weight);
      entity.mentions += stat.count;
      entity.person ||= stat.person;
      if (stat.count > 0 && /\p{Lu}/u.test(stat.name)) entity.name = stat.name;
    }
    for (const [short, long] of analyzed.acronyms) {
      this.addTo(this.acronyms, short, long);
      this.addTo(this.acronyms, long, short);
    }
    this.version++;
  }

  remove(id: string): boolean {
    const analyzed = this.docs.get(id);
    if (!analyzed) return false;
    this.docs.delete(id);
    for (const key of analyzed.entities.keys()) {
      const entity = this.entities.get(key);
      if (!entity) continue;
      entity.mentions -= analyzed.entities.get(key)?.count ?? 0;
      entity.documents.delete(id);
      // Lookup tables keep the key; an entity with no documents simply matches nothing.
    }
    this.version++;
    return true;
  }

  get(id: string): AnalyzedDocument | undefined {
    return this.docs.get(id);
  }

  *documents(scope: Scope = {}): Iterable<AnalyzedDocument> {
    for (const analyzed of this.docs.values()) if (inScope(analyzed.doc.owner, scope)) yield analyzed;
  }

  entity(key: string): KnownEntity | undefined {
    return this.entities.get(key);
  }

  private addTo(map: Map<string, Set<string>>, key: string, value: string): void {
    const set = map.get(key);
    if (set) set.add(value);
    else map.set(key, new Set([value]));
  }

  private indexKey(key: string): void {
    const compact = compactKey(key);
    this.addTo(this.byCompact, compact, key);
    for (const word of key.split(" ")) if (word !== key) this.addTo(this.byWord, word, key);
    if (compact.length >= 4 && compact.length <= MAX_FUZZY_CHARS)
      for (const variant of deletionVariants(compact)) this.addTo(this.byDeletion, variant, compact);
  }

  /** Documents in scope that mention any of `keys`, with the summed weight of those mentions. */
  weights(keys: Iterable<string>, scope: Scope): Map<string, number> {
    const out = new Map<string, number>();
    for (const key of keys) {
      for (const [id, weight] of this.entities.get(key)?.documents ?? []) {
        const owner = this.docs.get(id)?.doc.owner;
        if (owner && inScope(owner, scope)) out.set(id, (out.get(id) ?? 0) + weight);
      }
    }
    return out;
  }

  private readonly lookup: TermLookup = {
    byCompact: (compact) => this.byCompact.get(compact) ?? [],
    byWord: (word) => this.byWord.get(word) ?? [],
    byDeletion: (variant) => this.byDeletion.get(variant) ?? [],
    hasCompact: (compact) => this.byCompact.has(compact),
    aliases: (key) => this.acronyms.get(key) ?? [],
    documentCount: (key) => this.entities.get(key)?.documents.size ?? 0,
  };

  resolveTopic(topic: string): Set<string>[] | null {
    return resolveTopic(this.lookup, topic);
  }

  private topicCache: { version: number; entries: Map<string, Topic[]> } = {
    version: -1,
    entries: new Map(),
  };

  /** Entities worth offering as topics: named in a title or in at least `minDocuments` documents. */
  topics(scope: Scope = {}, minDocuments = 2): Topic[] {
    if (this.topicCache.version !== this.version)
      this.topicCache = { version: this.version, entries: new Map() };
    const cacheKey = `${scope.guild ?? ""}:${minDocuments}`;
    const cached = this.topicCache.entries.get(cacheKey);
    if (cached) return cached;
    const out: Topic[] = [];
    for (const entity of this.entities.values()) {
      let documents = 0;
      let titled = false;
      for (const [id, weight] of entity.documents) {
        const analyzed = this.docs.get(id);
        if (!analyzed || !inScope(analyzed.doc.owner, scope)) continue;
        documents++;
        titled ||= weight >= 3 && analyzed.entities.get(entity.key)?.inTitle === true;
      }
      if (documents >= minDocuments || (documents > 0 && titled)) {
        out.push({ key: entity.key, name: entity.name, documents, person: entity.person });
      }
    }
    out.sort((a, b) => b.documents - a.documents || a.name.localeCompare(b.name));
    this.topicCache.entries.set(cacheKey, out);
    return out;
  }

  /**
   * Completions for a partly typed topic: names with a word starting with it first, then near spellings.
   * Never throws; an empty input lists the most covered topics.
   */
  complete(partial: string, scope: Scope = {}, limit = 25): Topic[] {
    const typed = nameKey(partial);
    const compact = compactKey(partial);
    const topics = this.topics(scope, 1);
    if (!typed) return topics.slice(0, limit);
    const prefix = topics.filter(
      (t) => compactKey(t.key).startsWith(compact) || t.key.split(" ").some((w) => w.startsWith(typed)),
    );
    if (prefix.length >= limit || compact.length < 3) return prefix.slice(0, limit);
    const seen = new Set(prefix.map((t) => t.key));
    const near = topics
      .filter((t) => !seen.has(t.key))
      .map((t) => ({ t, d: editDistance(compactKey(t.key).slice(0, compact.length + 1), compact) }))
      .filter((x) => x.d <= (compact.length >= 6 ? 2 : 1))
      .sort((a, b) => a.d - b.d || b.t.documents - a.t.documents)
      .map((x) => x.t);
    return [...prefix, ...near].slice(0, limit);
  }

  /** Known topics closest to what was typed: prefix matches first, then by edit distance. */
  suggest(query: string, scope: Scope = {}, limit = 5): string[] {
    return closestTopics(this.topics(scope, 1), compactKey(query), limit);
  }
}

/** `new DocumentIndex()` keeps working for front ends and tests that want the in-memory index. */
export const DocumentIndex = MemoryIndex;
