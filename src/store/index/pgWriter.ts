// Writes to the PostgreSQL document index in batches: up to a few hundred documents per transaction, with a
// fixed number of statements per batch (not per document), each a multi-row INSERT … SELECT FROM unnest(…).
// What a batch adds to (and what replacing or removing takes from) each name's counts is summed in JS first,
// then written as one upsert per row (ON CONFLICT … DO UPDATE with the delta), so two processes adding at once
// never lose each other's updates. Every statement touches its rows in key order, and the tables in one fixed
// order, so two writers never deadlock (a deadlock or serialization failure is still retried, to be safe).
import type pg from "pg";
import { compactKey } from "../../core/analyze/entities.js";
import { MAX_ENTITY_KEY_CHARS } from "../../core/index/docIndex.js";
import { deletionVariants } from "../../core/index/fuzzy.js";
import { MAX_FUZZY_CHARS } from "../../core/index/resolve.js";
import { decodeRest, type EncodedAnalysis } from "./codec.js";
import { BatchTotals, lastOfEach, type StoredRow } from "./pgBatch.js";
import { quoteSchema } from "./pgSchema.js";

/** PostgreSQL's codes for a deadlock and a serialization failure: the transaction is simply run again. */
const RETRY_CODES = new Set(["40P01", "40001"]);
/** Documents per transaction: large enough that popular names are upserted once for many documents. */
export const PG_BATCH = 256;

type Client = pg.PoolClient;

/** Text for the full-text column: the title and the document's own words. */
export function searchText(encoded: EncodedAnalysis): string {
  const { doc } = decodeRest(encoded.analysis);
  return `${doc.title}\n${doc.raw}`;
}

export class PgIndexWriter {
  private readonly s: string;
  /** Entity keys whose lookup rows (words, deletion variants) are committed, so each is written once. */
  private readonly known = new Set<string>();

  constructor(
    private readonly pool: pg.Pool,
    schema: string,
  ) {
    this.s = quoteSchema(schema);
  }

  /** Runs `work` in one transaction, again after a deadlock (which PostgreSQL resolves by aborting one). */
  async transaction<T>(work: (client: Client) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const client = await this.pool.connect();
      try {
        await client.query("BEGIN");
        const out = await work(client);
        await client.query("COMMIT");
        return out;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        const code = (error as { code?: unknown }).code;
        if (attempt < 5 && typeof code === "string" && RETRY_CODES.has(code)) continue;
        throw error;
      } finally {
        client.release();
      }
    }
  }

  /** Adds (or replaces) one document. */
  async add(doc: EncodedAnalysis, analyzer: number): Promise<void> {
    await this.addMany([doc], analyzer);
  }

  /** Adds (or replaces) documents, PG_BATCH per transaction; the batches run one after another. */
  async addMany(docs: readonly EncodedAnalysis[], analyzer: number): Promise<void> {
    for (let i = 0; i < docs.length; i += PG_BATCH) {
      const batch = lastOfEach(docs.slice(i, i + PG_BATCH));
      // Full text is computed outside the transaction: inflating the analysis holds no lock.
      const texts = batch.map(searchText);
      const ids = batch.map((d) => d.id);
      const fresh = await this.transaction(async (c) =>
        this.apply(c, await this.stored(c, ids), batch, analyzer, texts),
      );
      for (const key of fresh) this.known.add(key);
    }
  }

  async remove(id: string): Promise<boolean> {
    return this.transaction(async (c) => {
      const before = await this.stored(c, [id]);
      if (before.length === 0) return false;
      await this.apply(c, before, [], 0, []);
      return true;
    });
  }

  /**
   * Two writers of the same id queue on its advisory lock: the second sees the first's row and replaces it.
   * Locks are taken in hash order, so two batches sharing ids never wait on each other in a cycle.
   */
  private async stored(c: Client, ids: readonly string[]): Promise<StoredRow[]> {
    await c.query(
      `SELECT pg_advisory_xact_lock(hashtext('docket-doc'), h)
       FROM (SELECT DISTINCT hashtext(id) AS h FROM unnest($1::text[]) AS id ORDER BY h) AS l`,
      [ids],
    );
    const found = await c.query<StoredRow>(
      `SELECT id, seq::text AS seq, owner, entities FROM ${this.s}.docs WHERE id = ANY($1::text[])`,
      [ids],
    );
    return found.rows;
  }

  /** Replaces what is stored under the batch's ids (`before`) with `docs`; returns keys new to lookups. */
  private async apply(
    c: Client,
    before: readonly StoredRow[],
    docs: readonly EncodedAnalysis[],
    analyzer: number,
    texts: readonly string[],
  ): Promise<string[]> {
    const s = this.s;
    const totals = new BatchTotals();
    for (const row of before) totals.remove(row);
    if (before.length > 0) {
      await c.query(
        `DELETE FROM ${s}.mentions m USING unnest($1::text[], $2::bigint[]) AS u(k, q)
         WHERE m.key = u.k AND m.seq = u.q`,
        totals.unmention,
      );
      await c.query(`DELETE FROM ${s}.docs WHERE id = ANY($1::text[])`, [before.map((r) => r.id)]);
    }
    const weights = docs.map((d) => totals.add(d));
    const seqs = await this.insertDocs(c, docs, analyzer, texts);
    const fresh = await this.lookups(c, docs);
    await this.upsertEntities(c, totals);
    await this.insertMentions(c, docs, weights, seqs);
    await this.upsertTopics(c, totals);
    await this.acronyms(c, docs);
    await c.query(`SELECT nextval('${s}.changes')`);
    return fresh;
  }

  /** One INSERT for the batch's documents, in batch order (so `seq` keeps the order they were added in). */
  private async insertDocs(
    c: Client,
    docs: readonly EncodedAnalysis[],
    analyzer: number,
    texts: readonly string[],
  ): Promise<Map<string, string>> {
    if (docs.length === 0) return new Map();
    const inserted = await c.query<{ id: string; seq: string }>(
      `INSERT INTO ${this.s}.docs (id, owner, added_at, analyzer, entities, analysis, body)
       SELECT i, o, a, $4, e, b, to_tsvector('simple', t)
       FROM unnest($1::text[], $2::text[], $3::bigint[], $5::text[], $6::bytea[], $7::text[])
         WITH ORDINALITY AS u(i, o, a, e, b, t, n)
       ORDER BY n RETURNING id, seq::text AS seq`,
      [
        docs.map((d) => d.id),
        docs.map((d) => d.owner),
        docs.map((d) => d.addedAt),
        analyzer,
        docs.map((d) => JSON.stringify(d.entities)),
        docs.map((d) => d.analysis),
        texts,
      ],
    );
    return new Map(inserted.rows.map((r) => [r.id, r.seq]));
  }

  /**
   * Word and deletion-variant rows for names not seen before (by this process, nor in the table): a name's
   * lookup rows are committed with its entity row, so a name found there has them already.
   */
  private async lookups(c: Client, docs: readonly EncodedAnalysis[]): Promise<string[]> {
    const candidates = new Set<string>();
    for (const d of docs)
      for (const [key] of d.entities)
        if (key.length <= MAX_ENTITY_KEY_CHARS && !this.known.has(key)) candidates.add(key);
    if (candidates.size === 0) return [];
    const existing = await c.query<{ key: string }>(
      `SELECT key FROM ${this.s}.entities WHERE key = ANY($1::text[])`,
      [[...candidates]],
    );
    for (const r of existing.rows) {
      candidates.delete(r.key);
      this.known.add(r.key);
    }
    const words: [string[], string[]] = [[], []];
    const deletions = new Map<string, [string, string]>();
    for (const key of candidates) {
      for (const word of key.split(" ")) {
        if (word === key) continue;
        words[0].push(word);
        words[1].push(key);
      }
      const compact = compactKey(key);
      if (compact.length < 4 || compact.length > MAX_FUZZY_CHARS) continue;
      for (const variant of deletionVariants(compact))
        deletions.set(`${variant}\u0000${compact}`, [variant, compact]);
    }
    const del = [...deletions.values()];
    // ORDER BY in SQL (not JS): every writer then inserts, and so locks, in the database's own key order.
    await c.query(
      `INSERT INTO ${this.s}.entity_words (word, key)
       SELECT DISTINCT w, k FROM unnest($1::text[], $2::text[]) AS u(w, k) ORDER BY w, k ON CONFLICT DO NOTHING`,
      words,
    );
    await c.query(
      `INSERT INTO ${this.s}.deletions (variant, compact)
       SELECT v, k FROM unnest($1::text[], $2::text[]) AS u(v, k) ORDER BY v, k ON CONFLICT DO NOTHING`,
      [del.map((p) => p[0]), del.map((p) => p[1])],
    );
    return [...candidates];
  }

  /** One upsert per name with the batch's summed change; a rename is applied to rows this batch now holds. */
  private async upsertEntities(c: Client, totals: BatchTotals): Promise<void> {
    if (totals.entities.size === 0) return;
    const keys = [...totals.entities.keys()];
    const deltas = [...totals.entities.values()];
    await c.query(
      `INSERT INTO ${this.s}.entities AS e (key, compact, name, mentions, documents, person)
       SELECT k, c, n, m, d, p
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[]) AS u(k, c, n, m, d, p)
       ORDER BY k
       ON CONFLICT (key) DO UPDATE SET mentions = e.mentions + excluded.mentions,
         documents = e.documents + excluded.documents, person = greatest(e.person, excluded.person)`,
      [
        keys,
        keys.map(compactKey),
        // A key only taken away always has its row (the document it leaves wrote it), so its name is unused.
        keys.map((k, i) => deltas[i]?.rename ?? deltas[i]?.name ?? k),
        deltas.map((d) => d.mentions),
        deltas.map((d) => d.documents),
        deltas.map((d) => d.person),
      ],
    );
    const renamed = keys.filter((_, i) => deltas[i]?.rename != null);
    if (renamed.length === 0) return;
    // These rows are locked by the upsert above already: this statement waits on no other writer.
    await c.query(
      `UPDATE ${this.s}.entities AS e SET name = u.r FROM unnest($1::text[], $2::text[]) AS u(k, r)
       WHERE e.key = u.k AND e.name IS DISTINCT FROM u.r`,
      [renamed, renamed.map((k) => totals.entities.get(k)?.rename ?? null)],
    );
  }

  private async insertMentions(
    c: Client,
    docs: readonly EncodedAnalysis[],
    weights: ReadonlyArray<ReadonlyArray<[string, number]>>,
    seqs: ReadonlyMap<string, string>,
  ): Promise<void> {
    const cols: [string[], string[], string[], string[], number[]] = [[], [], [], [], []];
    docs.forEach((d, i) => {
      const seq = seqs.get(d.id);
      if (seq === undefined) throw new Error(`document ${d.id} was not inserted`);
      for (const [key, weight] of weights[i] ?? []) {
        cols[0].push(key);
        cols[1].push(seq);
        cols[2].push(d.id);
        cols[3].push(d.owner);
        cols[4].push(weight);
      }
    });
    if (cols[0].length === 0) return;
    await c.query(
      `INSERT INTO ${this.s}.mentions (key, seq, doc, owner, weight)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::int[])`,
      cols,
    );
  }

  private async upsertTopics(c: Client, totals: BatchTotals): Promise<void> {
    if (totals.topics.size === 0) return;
    const rows = [...totals.topics.values()];
    await c.query(
      `INSERT INTO ${this.s}.topic_counts AS t (key, owner, documents, titled)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[]) AS u(k, o, d, n) ORDER BY k, o
       ON CONFLICT (key, owner) DO UPDATE SET documents = t.documents + excluded.documents,
         titled = t.titled + excluded.titled`,
      [
        rows.map((r) => r.key),
        rows.map((r) => r.owner),
        rows.map((r) => r.documents),
        rows.map((r) => r.titled),
      ],
    );
  }

  private async acronyms(c: Client, docs: readonly EncodedAnalysis[]): Promise<void> {
    const pairs = new Map<string, [string, string]>();
    for (const d of docs)
      for (const [short, long] of d.acronyms) pairs.set(`${short}\u0000${long}`, [short, long]);
    if (pairs.size === 0) return;
    const list = [...pairs.values()];
    await c.query(
      `INSERT INTO ${this.s}.acronyms (short, long)
       SELECT * FROM unnest($1::text[], $2::text[]) AS u(s, l) ORDER BY s, l ON CONFLICT DO NOTHING`,
      [list.map((p) => p[0]), list.map((p) => p[1])],
    );
  }
}
