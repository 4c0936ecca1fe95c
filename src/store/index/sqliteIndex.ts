// The document index in an SQLite database (better-sqlite3: synchronous, so it serves the same interface
// as the in-memory index). Each document's analysis is computed once, when it is added, and stored with it;
// topic lookup, per-guild scoping and topic counts are queries; a brief loads only the documents it needs,
// through a bounded cache. Several processes may share the file: writes are transactions (WAL), and a
// change by another process invalidates this one's caches.
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { analyzeDocument, type AnalyzedDocument } from "../../core/analyze/analyzeDocument.js";
import { compactKey, nameKey } from "../../core/analyze/entities.js";
import { ANALYZER_VERSION } from "../../core/index/analysisVersion.js";
import type { DocumentIndex, EntityInfo, Scope, Topic } from "../../core/index/docIndex.js";
import { closestTopics, editDistance } from "../../core/index/fuzzy.js";
import { nearCompacts, resolveTopic, type TermLookup } from "../../core/index/resolve.js";
import type { SourceDocument } from "../../core/ingest/document.js";
import { decodeRest, encodeAnalysis, LazyAnalysis, type EncodedAnalysis } from "./codec.js";
import { Lru } from "./lru.js";
import { migrate } from "./schema.js";
import { IndexWriter } from "./writer.js";

/** Documents whose analysis stays in memory between briefs; a brief uses at most a few dozen. */
const DOCUMENT_CACHE = 2000;
/** Prefix lookups read this many rows past the limit, to order ties on coverage as the in-memory index does. */
const PREFIX_SLACK = 50;

function owners(scope: Scope): [string, string] {
  return ["global", scope.guild !== undefined ? `guild:${scope.guild}` : "global"];
}

export class SqliteIndex implements DocumentIndex {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly writer: IndexWriter;
  private readonly docsCache = new Lru<string, AnalyzedDocument>(DOCUMENT_CACHE);
  private readonly entityCache = new Lru<string, EntityInfo | null>(20000);
  private localChanges = 0;
  private seenDataVersion = -1;
  private count = -1;
  private readonly q;

  /**
   * `readonly` opens an existing index as a reader (the brief workers): no migration, no journal change; it
   * sees what writers commit, and its caches follow their commits as they follow another process's.
   */
  constructor(file: string, options: { readonly?: boolean } = {}) {
    this.file = file;
    const readonly = options.readonly === true;
    if (file !== ":memory:" && !readonly) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file, { timeout: 10_000, readonly, fileMustExist: readonly });
    if (!readonly) {
      this.db.pragma("journal_mode = WAL");
      this.db.pragma("synchronous = NORMAL");
    }
    this.db.pragma("cache_size = -65536");
    if (!readonly) migrate(this.db, file);
    this.writer = new IndexWriter(this.db);
    const db = this.db;
    this.q = {
      dataVersion: db.prepare("PRAGMA data_version").pluck(),
      count: db.prepare("SELECT count(*) FROM docs").pluck(),
      exists: db.prepare("SELECT analyzer FROM docs WHERE id = ?").pluck(),
      stored: db.prepare("SELECT analyzer, owner FROM docs WHERE id = ?"),
      held: db.prepare("SELECT id FROM docs").pluck(),
      entitiesOf: db.prepare("SELECT entities FROM docs WHERE id = ?").pluck(),
      restOf: db.prepare("SELECT analysis FROM docs WHERE id = ?").pluck(),
      entity: db.prepare("SELECT key, name, mentions, documents, person FROM entities WHERE key = ?"),
      byCompact: db.prepare("SELECT key FROM entities WHERE compact = ?").pluck(),
      hasCompact: db.prepare("SELECT 1 FROM entities WHERE compact = ? AND documents > 0 LIMIT 1").pluck(),
      byWord: db.prepare("SELECT key FROM entity_words WHERE word = ?").pluck(),
      byDeletion: db.prepare("SELECT compact FROM deletions WHERE variant = ?").pluck(),
      aliases: db
        .prepare("SELECT long FROM acronyms WHERE short = ? UNION SELECT short FROM acronyms WHERE long = ?")
        .pluck(),
      // In the order documents were added, as the in-memory index iterates them (ties in salience keep it).
      weights: db.prepare("SELECT doc, weight FROM mentions WHERE key = ? AND owner IN (?, ?) ORDER BY seq"),
      ids: db.prepare("SELECT id FROM docs WHERE owner IN (?, ?) ORDER BY seq").pluck(),
      topics: db.prepare(
        `SELECT t.key AS key, e.name AS name, e.person AS person, sum(t.documents) AS n, sum(t.titled) AS titled
         FROM topic_counts t JOIN entities e ON e.key = t.key
         WHERE t.owner IN (?, ?) AND t.documents > 0
         GROUP BY t.key HAVING n >= ? OR titled > 0
         ORDER BY n DESC, e.name`,
      ),
      // The most covered topics in scope, for an empty autocomplete box: a bounded read, not every topic.
      topTopics: db.prepare(
        `SELECT t.key AS key, e.name AS name, e.person AS person, sum(t.documents) AS n
         FROM topic_counts t JOIN entities e ON e.key = t.key
         WHERE t.owner IN (?, ?) AND t.documents > 0
         GROUP BY t.key
         ORDER BY n DESC, e.name
         LIMIT ?`,
      ),
      // Names (or a word of a name) starting with what was typed, with their document counts in scope, most
      // covered first: one query, however many names share a short prefix. CROSS JOIN keeps SQLite's planner
      // from scanning every topic of the scope and probing the prefix list (10× slower on a 10k index).
      prefixTopics: db.prepare(
        `SELECT t.key AS key, e.name AS name, e.person AS person, sum(t.documents) AS n
         FROM (
           SELECT key FROM entities WHERE compact >= ? AND compact < ? AND documents > 0
           UNION SELECT key FROM entity_words WHERE word >= ? AND word < ?
         ) p
         CROSS JOIN topic_counts t ON t.key = p.key AND t.owner IN (?, ?)
         CROSS JOIN entities e ON e.key = p.key
         GROUP BY t.key HAVING n > 0
         ORDER BY n DESC, e.name
         LIMIT ?`,
      ),
      scopedCount: db.prepare(
        "SELECT sum(documents) AS documents, sum(titled) AS titled FROM topic_counts WHERE key = ? AND owner IN (?, ?)",
      ),
      stale: db.prepare("SELECT id, analysis FROM docs WHERE analyzer < ? LIMIT ?"),
      meta: readonly ? null : db.prepare("SELECT value FROM meta WHERE key = ?").pluck(),
      setMeta: readonly ? null : db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"),
    };
  }

  /** Drops caches when another process changed the database since we last looked. */
  private fresh(): void {
    const v = Number(this.q.dataVersion.get());
    if (v !== this.seenDataVersion) {
      this.seenDataVersion = v;
      this.docsCache.clear();
      this.entityCache.clear();
      this.count = -1;
    }
  }

  get version(): number {
    this.fresh();
    return this.seenDataVersion * 1_000_000 + this.localChanges;
  }

  get size(): number {
    this.fresh();
    if (this.count < 0) this.count = Number(this.q.count.get());
    return this.count;
  }

  private changed(): void {
    this.localChanges++;
    this.docsCache.clear();
    this.entityCache.clear();
    this.count = -1;
    // Our own commit moves data_version only for other connections; remember where we are.
    this.seenDataVersion = Number(this.q.dataVersion.get());
  }

  /** Whether the document is stored for this owner with the current analysis (adding it again does nothing). */
  has(id: string, owner?: string): boolean {
    const row = this.q.stored.get(id) as { analyzer: number; owner: string } | undefined;
    return row?.analyzer === ANALYZER_VERSION && (owner === undefined || row.owner === owner);
  }

  /**
   * Ids of every document the index holds, whatever analyzer version analysed it (an older analysis keeps
   * serving until the background re-analysis replaces it): one query instead of one per id to check.
   */
  heldIds(): Set<string> {
    return new Set(this.q.held.all() as string[]);
  }

  /** A fact kept with the index (see `setMeta`), or null. Not for read-only handles, which skip migrations. */
  meta(key: string): string | null {
    const value = this.q.meta?.get(key);
    return typeof value === "string" ? value : null;
  }

  setMeta(key: string, value: string): void {
    this.q.setMeta?.run(key, value);
  }

  /** Up to `limit` documents stored by an older analyzer, for re-analysis off the main thread. */
  staleDocuments(limit: number): SourceDocument[] {
    const rows = this.q.stale.all(ANALYZER_VERSION, limit) as Array<{ id: string; analysis: Uint8Array }>;
    return rows.map((r) => decodeRest(r.analysis).doc);
  }

  /** Analyses and stores a document, unless it is stored already: a restart never analyses twice. */
  add(doc: SourceDocument): AnalyzedDocument {
    if (this.has(doc.id, doc.owner)) {
      const stored = this.get(doc.id);
      if (stored) return stored;
    }
    const analyzed = analyzeDocument(doc);
    this.addAnalyzed(analyzed);
    return analyzed;
  }

  addAnalyzed(analyzed: AnalyzedDocument): void {
    this.addEncoded([encodeAnalysis(analyzed)]);
  }

  /** Stores encoded analyses (from the worker pool) in one transaction: all of them are indexed, or none. */
  addEncoded(encoded: readonly EncodedAnalysis[], analyzer = ANALYZER_VERSION): void {
    if (encoded.length === 0) return;
    this.writer.addMany(encoded, analyzer);
    this.changed();
  }

  remove(id: string): boolean {
    const removed = this.writer.remove(id);
    if (removed) this.changed();
    return removed;
  }

  private readonly loader = {
    entities: (id: string): string => {
      const json = this.q.entitiesOf.get(id);
      return typeof json === "string" ? json : "[]";
    },
    rest: (id: string): Uint8Array => {
      const blob = this.q.restOf.get(id);
      if (!(blob instanceof Uint8Array))
        throw new Error(`document ${id} left the index while a brief read it`);
      return blob;
    },
  };

  // get and entity do not look for other processes' changes: a brief or command starts with `version`,
  // `resolveTopic` or a listing, which do, and one brief then reads one consistent view of its caches.
  get(id: string): AnalyzedDocument | undefined {
    const cached = this.docsCache.get(id);
    if (cached) return cached;
    if (this.q.exists.get(id) === undefined) return undefined;
    const lazy = new LazyAnalysis(id, this.loader);
    this.docsCache.set(id, lazy);
    return lazy;
  }

  *documents(scope: Scope = {}): Iterable<AnalyzedDocument> {
    const ids = this.q.ids.all(...owners(scope)) as string[];
    for (const id of ids) {
      const analyzed = this.get(id);
      if (analyzed) yield analyzed;
    }
  }

  entity(key: string): EntityInfo | undefined {
    const cached = this.entityCache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const row = this.q.entity.get(key) as
      { key: string; name: string; mentions: number; documents: number; person: number } | undefined;
    const info = row
      ? {
          key: row.key,
          name: row.name,
          mentions: row.mentions,
          person: row.person === 1,
          documents: { size: row.documents },
        }
      : null;
    this.entityCache.set(key, info);
    return info ?? undefined;
  }

  weights(keys: Iterable<string>, scope: Scope): Map<string, number> {
    const out = new Map<string, number>();
    const [a, b] = owners(scope);
    for (const key of keys) {
      for (const row of this.q.weights.iterate(key, a, b) as Iterable<{ doc: string; weight: number }>)
        out.set(row.doc, (out.get(row.doc) ?? 0) + row.weight);
    }
    return out;
  }

  private readonly lookup: TermLookup = {
    byCompact: (compact) => this.q.byCompact.all(compact) as string[],
    byWord: (word) => this.q.byWord.all(word) as string[],
    byDeletion: (variant) => this.q.byDeletion.all(variant) as string[],
    hasCompact: (compact) => this.q.hasCompact.get(compact) !== undefined,
    aliases: (key) => this.q.aliases.all(key, key) as string[],
    documentCount: (key) => this.entity(key)?.documents.size ?? 0,
  };

  resolveTopic(topic: string): Set<string>[] | null {
    this.fresh();
    return resolveTopic(this.lookup, topic);
  }

  topics(scope: Scope = {}, minDocuments = 2): Topic[] {
    this.fresh();
    const rows = this.q.topics.all(...owners(scope), minDocuments) as Array<{
      key: string;
      name: string;
      person: number;
      n: number;
    }>;
    // Ties in the order the in-memory index uses (locale order, which SQLite's binary collation is not).
    return rows
      .map((r) => ({ key: r.key, name: r.name, documents: r.n, person: r.person === 1 }))
      .sort((a, b) => b.documents - a.documents || a.name.localeCompare(b.name));
  }

  /** The topic for one key within a scope, or undefined when no document in scope names it. */
  private topicOf(key: string, scope: Scope): Topic | undefined {
    const entity = this.entity(key);
    if (!entity) return undefined;
    const row = this.q.scopedCount.get(key, ...owners(scope)) as { documents: number | null } | undefined;
    const documents = row?.documents ?? 0;
    if (documents <= 0) return undefined;
    return { key, name: entity.name, documents, person: entity.person };
  }

  /** Topics whose name, or a word of it, starts with what was typed, most covered first. */
  private prefixTopics(partial: string, scope: Scope, limit: number): Topic[] {
    const compact = compactKey(partial);
    const typed = nameKey(partial);
    if (!compact) return [];
    // A few rows beyond the limit, so names tied on count are ordered as the in-memory index orders them
    // (locale order, which SQLite's binary collation is not) before the list is cut.
    const rows = this.q.prefixTopics.all(
      compact,
      `${compact}\uffff`,
      typed,
      `${typed}\uffff`,
      ...owners(scope),
      limit + PREFIX_SLACK,
    );
    return this.ranked(rows, limit);
  }

  /** Topic rows most covered first, ties in locale order as the in-memory index has them, cut to `limit`. */
  private ranked(rows: unknown[], limit: number): Topic[] {
    return (rows as Array<{ key: string; name: string; person: number; n: number }>)
      .map((r) => ({ key: r.key, name: r.name, documents: r.n, person: r.person === 1 }))
      .sort((a, b) => b.documents - a.documents || a.name.localeCompare(b.name))
      .slice(0, limit);
  }

  /** Topics one or two edits away from what was typed (by their whole compact spelling). */
  private nearTopics(partial: string, scope: Scope, exclude: ReadonlySet<string>): Topic[] {
    const compact = compactKey(partial);
    const out: Array<{ t: Topic; d: number }> = [];
    for (const c of nearCompacts(this.lookup, compact)) {
      for (const key of this.lookup.byCompact(c)) {
        if (exclude.has(key)) continue;
        const t = this.topicOf(key, scope);
        if (t) out.push({ t, d: editDistance(c, compact) });
      }
    }
    return out.sort((a, b) => a.d - b.d || b.t.documents - a.t.documents).map((x) => x.t);
  }

  complete(partial: string, scope: Scope = {}, limit = 25): Topic[] {
    this.fresh();
    if (!nameKey(partial))
      return this.ranked(this.q.topTopics.all(...owners(scope), limit + PREFIX_SLACK), limit);
    const prefix = this.prefixTopics(partial, scope, limit);
    if (prefix.length >= limit || compactKey(partial).length < 3) return prefix.slice(0, limit);
    const near = this.nearTopics(partial, scope, new Set(prefix.map((t) => t.key)));
    return [...prefix, ...near].slice(0, limit);
  }

  /**
   * Known topics closest to what was typed, scored as the in-memory index scores them (prefix first, then
   * edit distance relative to length), over candidates found by queries: names starting with the query,
   * names the query starts with ("acmecorp" → Acme), names of its words, and near spellings.
   */
  suggest(query: string, scope: Scope = {}, limit = 5): string[] {
    this.fresh();
    const compact = compactKey(query);
    const candidates = new Map<string, Topic>();
    const consider = (t: Topic | undefined): void => {
      if (t) candidates.set(t.key, t);
    };
    this.prefixTopics(query, scope, 100).forEach(consider);
    this.nearTopics(query, scope, new Set()).forEach(consider);
    for (let length = compact.length - 1; length >= 3; length--)
      for (const key of this.lookup.byCompact(compact.slice(0, length))) consider(this.topicOf(key, scope));
    for (const word of nameKey(query).split(" "))
      if (word.length >= 3) this.prefixTopics(word, scope, 20).forEach(consider);
    return closestTopics(candidates.values(), compact, limit);
  }

  close(): void {
    this.db.close();
  }
}
