// The document index in PostgreSQL, shared by every process that uses the same store: what the SQLite index
// answers (documents by entity and alias, topic counts per scope, prefix and typo-tolerant completion,
// stored analysis per document, a change counter and meta facts), as async queries. Typo tolerance is
// pg_trgm similarity over names' compact spellings; full text is a tsvector over each document's words.
import pg from "pg";
import { analyzeDocument, type AnalyzedDocument } from "../../core/analyze/analyzeDocument.js";
import { compactKey, nameKey } from "../../core/analyze/entities.js";
import { ANALYZER_VERSION } from "../../core/index/analysisVersion.js";
import type { Scope, Topic } from "../../core/index/docIndex.js";
import { closestTopics, editDistance } from "../../core/index/fuzzy.js";
import type { SourceDocument } from "../../core/ingest/document.js";
import { decodeEntities, decodeRest, encodeAnalysis, type EncodedAnalysis } from "./codec.js";
import { migratePg, quoteSchema } from "./pgSchema.js";
import { PG_BATCH, PgIndexWriter } from "./pgWriter.js";

/** Prefix lookups read this many rows past the limit, to order ties on coverage as the in-memory index does. */
const PREFIX_SLACK = 50;

function owners(scope: Scope): [string, string] {
  // A guild's own documents plus the global ones; outside a guild, only the global ones (twice).
  return ["global", scope.guild === undefined ? "global" : `guild:${scope.guild}`];
}

interface TopicRow {
  key: string;
  name: string;
  person: number;
  n: string | number;
}

function ranked(rows: TopicRow[], limit: number): Topic[] {
  return rows
    .map((r) => ({ key: r.key, name: r.name, documents: Number(r.n), person: r.person === 1 }))
    .sort((a, b) => b.documents - a.documents || a.name.localeCompare(b.name))
    .slice(0, limit);
}

export interface PgIndexOptions {
  /** One schema per index (per seed set), as SQLite keeps one file per seed set. */
  schema: string;
  /** Connections this process may hold; each add takes one for its transaction. */
  max?: number;
}

export class PgIndex {
  readonly schema: string;
  private readonly s: string;

  /** The schema name quoted for SQL, for the modules that query this index's tables (pgResolve.ts). */
  get quotedSchema(): string {
    return this.s;
  }
  private readonly writer: PgIndexWriter;

  private constructor(
    readonly pool: pg.Pool,
    schema: string,
    /** The server it was opened on: the brief pool's worker threads open the same index with it. */
    readonly url: string,
  ) {
    this.schema = schema;
    this.s = quoteSchema(schema);
    this.writer = new PgIndexWriter(pool, schema);
  }

  /** Connects and migrates; several processes may open the same schema at once. */
  static async open(url: string, options: PgIndexOptions): Promise<PgIndex> {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.max ?? 4,
      connectionTimeoutMillis: 10_000,
      // One dropped or doubled letter in six typed leaves about half the trigrams; the default (0.6) misses
      // it. Set at connect, so it is in place before any query.
      options: "-c pg_trgm.word_similarity_threshold=0.3",
    });
    try {
      await migratePg(pool, options.schema);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PgIndex(pool, options.schema, url);
  }

  private async rows<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query<T>(sql, params)).rows;
  }

  /** Moves on every add or remove by any process: caches keyed by it never serve stale briefs. */
  async version(): Promise<number> {
    const [row] = await this.rows<{ last_value: string; is_called: boolean }>(
      `SELECT last_value, is_called FROM ${this.s}.changes`,
    );
    return row?.is_called === true ? Number(row.last_value) : 0;
  }

  async size(): Promise<number> {
    const [row] = await this.rows<{ n: string }>(`SELECT count(*) AS n FROM ${this.s}.docs`);
    return Number(row?.n ?? 0);
  }

  /** Whether the document is stored for this owner with the current analysis. */
  async has(id: string, owner?: string): Promise<boolean> {
    const [row] = await this.rows<{ analyzer: number; owner: string }>(
      `SELECT analyzer, owner FROM ${this.s}.docs WHERE id = $1`,
      [id],
    );
    return row?.analyzer === ANALYZER_VERSION && (owner === undefined || row.owner === owner);
  }

  /** The documents not stored for their owner with the current analysis, in one query for them all. */
  async missing(docs: readonly SourceDocument[]): Promise<SourceDocument[]> {
    if (docs.length === 0) return [];
    const rows = await this.rows<{ id: string; owner: string }>(
      `SELECT id, owner FROM ${this.s}.docs WHERE id = ANY($1::text[]) AND analyzer = $2`,
      [docs.map((d) => d.id), ANALYZER_VERSION],
    );
    const held = new Map(rows.map((r) => [r.id, r.owner]));
    return docs.filter((d) => held.get(d.id) !== d.owner);
  }

  async heldIds(): Promise<Set<string>> {
    return new Set((await this.rows<{ id: string }>(`SELECT id FROM ${this.s}.docs`)).map((r) => r.id));
  }

  async meta(key: string): Promise<string | null> {
    const [row] = await this.rows<{ value: string }>(`SELECT value FROM ${this.s}.meta WHERE key = $1`, [
      key,
    ]);
    return row?.value ?? null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.s}.meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = $2`,
      [key, value],
    );
  }

  /** Analyses and stores a document unless it is stored already (one transaction). */
  async add(doc: SourceDocument): Promise<void> {
    if (await this.has(doc.id, doc.owner)) return;
    await this.addAnalyzed(analyzeDocument(doc));
  }

  async addAnalyzed(analyzed: AnalyzedDocument): Promise<void> {
    await this.writer.add(encodeAnalysis(analyzed), ANALYZER_VERSION);
  }

  /**
   * Stores encoded analyses (from the worker pool), PG_BATCH documents per transaction, `parallel` batches at
   * once (at most the pool's connections); a later document with an id replaces an earlier one.
   */
  async addEncoded(
    encoded: readonly EncodedAnalysis[],
    analyzer = ANALYZER_VERSION,
    parallel = 1,
  ): Promise<void> {
    const batches: EncodedAnalysis[][] = [];
    for (let i = 0; i < encoded.length; i += PG_BATCH) batches.push(encoded.slice(i, i + PG_BATCH));
    // Batches running at once may share no id: a later one must not be overtaken by an earlier one.
    const step = new Set(encoded.map((d) => d.id)).size === encoded.length ? parallel : 1;
    for (let i = 0; i < batches.length; i += step)
      await Promise.all(batches.slice(i, i + step).map((batch) => this.writer.addMany(batch, analyzer)));
  }

  async remove(id: string): Promise<boolean> {
    return this.writer.remove(id);
  }

  /** A stored document with its analysis, decoded in full. */
  async get(id: string): Promise<AnalyzedDocument | undefined> {
    const [row] = await this.rows<{ entities: string; analysis: Buffer }>(
      `SELECT entities, analysis FROM ${this.s}.docs WHERE id = $1`,
      [id],
    );
    if (!row) return undefined;
    return { ...decodeRest(row.analysis), entities: decodeEntities(row.entities) };
  }

  /** Ids of the documents in scope, in the order they were added. */
  async ids(scope: Scope = {}): Promise<string[]> {
    const rows = await this.rows<{ id: string }>(
      `SELECT id FROM ${this.s}.docs WHERE owner IN ($1, $2) ORDER BY seq`,
      owners(scope),
    );
    return rows.map((r) => r.id);
  }

  /** Documents in scope that mention any of `keys` (an entity or its aliases), with summed weights. */
  async weights(keys: Iterable<string>, scope: Scope): Promise<Map<string, number>> {
    const rows = await this.rows<{ doc: string; w: string }>(
      `SELECT doc, sum(weight) AS w, min(seq) AS first FROM ${this.s}.mentions
       WHERE key = ANY($1::text[]) AND owner IN ($2, $3) GROUP BY doc ORDER BY first`,
      [[...keys], ...owners(scope)],
    );
    return new Map(rows.map((r) => [r.doc, Number(r.w)]));
  }

  /** Entity keys a topic names: by compact spelling, by acronym either way. */
  async keysFor(topic: string): Promise<string[]> {
    const compact = compactKey(topic);
    const rows = await this.rows<{ key: string }>(
      `WITH k AS (SELECT key FROM ${this.s}.entities WHERE compact COLLATE "C" = $1)
       SELECT key FROM k
       UNION SELECT long FROM ${this.s}.acronyms WHERE short IN (SELECT key FROM k)
       UNION SELECT short FROM ${this.s}.acronyms WHERE long IN (SELECT key FROM k)`,
      [compact],
    );
    return rows.map((r) => r.key);
  }

  /** Documents in scope whose words match a plain-text query, best first. */
  async search(query: string, scope: Scope = {}, limit = 20): Promise<string[]> {
    const rows = await this.rows<{ id: string }>(
      `SELECT id FROM ${this.s}.docs, plainto_tsquery('simple', $1) q
       WHERE body @@ q AND owner IN ($2, $3) ORDER BY ts_rank(body, q) DESC, seq LIMIT $4`,
      [query, ...owners(scope), limit],
    );
    return rows.map((r) => r.id);
  }

  /** Entities worth offering as topics: named in a title or in at least `minDocuments` documents in scope. */
  async topics(scope: Scope = {}, minDocuments = 2): Promise<Topic[]> {
    const rows = await this.rows<TopicRow>(
      `SELECT t.key, e.name, e.person, sum(t.documents) AS n
       FROM ${this.s}.topic_counts t JOIN ${this.s}.entities e ON e.key = t.key
       WHERE t.owner IN ($1, $2) AND t.documents > 0
       GROUP BY t.key, e.name, e.person HAVING sum(t.documents) >= $3 OR sum(t.titled) > 0`,
      [...owners(scope), minDocuments],
    );
    return ranked(rows, Number.MAX_SAFE_INTEGER);
  }

  private async prefixTopics(partial: string, scope: Scope, limit: number): Promise<Topic[]> {
    const compact = compactKey(partial);
    const typed = nameKey(partial);
    if (!compact) return [];
    const rows = await this.rows<TopicRow>(
      `SELECT t.key, e.name, e.person, sum(t.documents) AS n
       FROM (
         SELECT key FROM ${this.s}.entities WHERE compact LIKE $1 || '%' AND documents > 0
         UNION SELECT key FROM ${this.s}.entity_words WHERE word LIKE $2 || '%'
       ) p
       JOIN ${this.s}.topic_counts t ON t.key = p.key AND t.owner IN ($3, $4)
       JOIN ${this.s}.entities e ON e.key = p.key
       GROUP BY t.key, e.name, e.person HAVING sum(t.documents) > 0
       ORDER BY n DESC, e.name LIMIT $5`,
      [likeSafe(compact), likeSafe(typed), ...owners(scope), limit + PREFIX_SLACK],
    );
    return ranked(rows, limit);
  }

  /**
   * Names spelled close to what was typed, within the edit budget of MemoryIndex. Candidates come from the
   * trigram index by word similarity (the typed text against the best-matching stretch of a name's compact
   * spelling, so a misspelt start of a long name is found); edit distance then decides, as in memory.
   */
  private async nearTopics(partial: string, scope: Scope, exclude: ReadonlySet<string>): Promise<Topic[]> {
    const compact = compactKey(partial);
    const rows = await this.rows<TopicRow & { compact: string }>(
      `SELECT t.key, e.name, e.person, e.compact, sum(t.documents) AS n
       FROM ${this.s}.entities e JOIN ${this.s}.topic_counts t ON t.key = e.key AND t.owner IN ($2, $3)
       WHERE $1 <% e.compact AND e.documents > 0
       GROUP BY t.key, e.name, e.person, e.compact HAVING sum(t.documents) > 0
       ORDER BY word_similarity($1, e.compact) DESC LIMIT 200`,
      [compact, ...owners(scope)],
    );
    const budget = compact.length >= 6 ? 2 : 1;
    return rows
      .filter((r) => !exclude.has(r.key))
      .map((r) => ({
        t: { key: r.key, name: r.name, documents: Number(r.n), person: r.person === 1 },
        d: editDistance(r.compact.slice(0, compact.length + 1), compact),
      }))
      .filter((x) => x.d <= budget)
      .sort((a, b) => a.d - b.d || b.t.documents - a.t.documents)
      .map((x) => x.t);
  }

  /** Completions for a partly typed topic: names with a word starting with it first, then near spellings. */
  async complete(partial: string, scope: Scope = {}, limit = 25): Promise<Topic[]> {
    if (!nameKey(partial)) {
      const rows = await this.rows<TopicRow>(
        `SELECT t.key, e.name, e.person, sum(t.documents) AS n
         FROM ${this.s}.topic_counts t JOIN ${this.s}.entities e ON e.key = t.key
         WHERE t.owner IN ($1, $2) AND t.documents > 0
         GROUP BY t.key, e.name, e.person ORDER BY n DESC, e.name LIMIT $3`,
        [...owners(scope), limit + PREFIX_SLACK],
      );
      return ranked(rows, limit);
    }
    const prefix = await this.prefixTopics(partial, scope, limit);
    if (prefix.length >= limit || compactKey(partial).length < 3) return prefix.slice(0, limit);
    const near = await this.nearTopics(partial, scope, new Set(prefix.map((t) => t.key)));
    return [...prefix, ...near].slice(0, limit);
  }

  /**
   * Known topics closest to what was typed, scored as the in-memory and SQLite indexes score them (prefix
   * first, then edit distance relative to length), over candidates found by queries: names starting with the
   * query, names the query starts with ("acmecorp" → Acme), names starting with one of its words, near spellings.
   */
  async suggest(query: string, scope: Scope = {}, limit = 5): Promise<string[]> {
    const compact = compactKey(query);
    const heads: string[] = [];
    for (let length = compact.length - 1; length >= 3; length--) heads.push(compact.slice(0, length));
    const words = nameKey(query)
      .split(" ")
      .filter((w) => w.length >= 3);
    const found = await Promise.all([
      this.prefixTopics(query, scope, 100),
      this.nearTopics(query, scope, new Set()),
      heads.length === 0
        ? []
        : this.rows<TopicRow>(
            `SELECT t.key, e.name, e.person, sum(t.documents) AS n
             FROM ${this.s}.entities e JOIN ${this.s}.topic_counts t ON t.key = e.key AND t.owner IN ($2, $3)
             WHERE e.compact COLLATE "C" = ANY($1::text[])
             GROUP BY t.key, e.name, e.person HAVING sum(t.documents) > 0`,
            [heads, ...owners(scope)],
          ).then((rows) => ranked(rows, Number.MAX_SAFE_INTEGER)),
      ...words.map((w) => this.prefixTopics(w, scope, 20)),
    ]);
    const candidates = new Map<string, Topic>();
    for (const list of found) for (const t of list) candidates.set(t.key, t);
    return closestTopics(candidates.values(), compact, limit);
  }

  /** Drops every table of this index (tests, and `docket` resets): the schema and all in it. */
  async drop(): Promise<void> {
    await this.pool.query(`DROP SCHEMA IF EXISTS ${this.s} CASCADE`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** LIKE treats % and _ as wildcards; typed text must match literally. */
function likeSafe(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
