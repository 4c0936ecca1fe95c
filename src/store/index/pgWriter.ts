// Writes to the PostgreSQL document index: one document per transaction, with its stored analysis,
// mentions and the counts topics read. Counts are upserts (ON CONFLICT … DO UPDATE), so two processes adding
// at once never lose each other's updates; rows are touched in key order, so two writers never deadlock.
import type pg from "pg";
import { compactKey } from "../../core/analyze/entities.js";
import { MAX_ENTITY_KEY_CHARS } from "../../core/index/docIndex.js";
import { deletionVariants } from "../../core/index/fuzzy.js";
import { MAX_FUZZY_CHARS } from "../../core/index/resolve.js";
import { decodeEntities, decodeRest, type EncodedAnalysis } from "./codec.js";
import { quoteSchema } from "./pgSchema.js";

/** Title mentions weigh as three more mentions, as in the in-memory index. */
const TITLE_WEIGHT = 3;
/** PostgreSQL's codes for a deadlock and a serialization failure: the transaction is simply run again. */
const RETRY_CODES = new Set(["40P01", "40001"]);

type Client = pg.PoolClient;

/** Text for the full-text column: the title and the document's own words. */
export function searchText(encoded: EncodedAnalysis): string {
  const { doc } = decodeRest(encoded.analysis);
  return `${doc.title}\n${doc.raw}`;
}

export class PgIndexWriter {
  private readonly s: string;

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

  /** Adds (or replaces) one document in its own transaction. */
  async add(doc: EncodedAnalysis, analyzer: number): Promise<void> {
    const text = searchText(doc);
    await this.transaction(async (c) => {
      await this.lockDoc(c, doc.id);
      await this.unwrite(c, doc.id);
      await this.write(c, doc, analyzer, text);
    });
  }

  async remove(id: string): Promise<boolean> {
    return this.transaction(async (c) => {
      await this.lockDoc(c, id);
      return this.unwrite(c, id);
    });
  }

  /** Two writers of the same id queue here: the second sees the first's row and replaces it. */
  private async lockDoc(c: Client, id: string): Promise<void> {
    await c.query("SELECT pg_advisory_xact_lock(hashtext('docket-doc'), hashtext($1))", [id]);
  }

  private async write(c: Client, doc: EncodedAnalysis, analyzer: number, text: string): Promise<void> {
    const s = this.s;
    const inserted = await c.query<{ seq: string }>(
      `INSERT INTO ${s}.docs (id, owner, added_at, analyzer, entities, analysis, body)
       VALUES ($1, $2, $3, $4, $5, $6, to_tsvector('simple', $7)) RETURNING seq`,
      [doc.id, doc.owner, doc.addedAt, analyzer, JSON.stringify(doc.entities), doc.analysis, text],
    );
    const seq = inserted.rows[0]?.seq;
    // As in the in-memory index: a run of capitalised words this long is no name to look up. Sorted, so
    // concurrent writers take row locks in the same order.
    const rows = doc.entities
      .filter(([key]) => key.length <= MAX_ENTITY_KEY_CHARS)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    if (rows.length === 0) {
      await this.acronyms(c, doc);
      await c.query(`SELECT nextval('${s}.changes')`);
      return;
    }
    const keys = rows.map((r) => r[0]);
    const words: [string[], string[]] = [[], []];
    const deletions: [string[], string[]] = [[], []];
    for (const key of keys) {
      for (const word of key.split(" ")) {
        if (word === key) continue;
        words[0].push(word);
        words[1].push(key);
      }
      const compact = compactKey(key);
      if (compact.length < 4 || compact.length > MAX_FUZZY_CHARS) continue;
      for (const variant of deletionVariants(compact)) {
        deletions[0].push(variant);
        deletions[1].push(compact);
      }
    }
    await c.query(
      `INSERT INTO ${s}.entity_words (word, key) SELECT * FROM unnest($1::text[], $2::text[]) AS u(w, k)
       ORDER BY w, k ON CONFLICT DO NOTHING`,
      words,
    );
    await c.query(
      `INSERT INTO ${s}.deletions (variant, compact) SELECT * FROM unnest($1::text[], $2::text[]) AS u(v, c)
       ORDER BY v, c ON CONFLICT DO NOTHING`,
      deletions,
    );
    // The latest capitalised spelling names the entity, as in the in-memory index.
    const renames = rows.map(([, name, count]) => (count > 0 && /\p{Lu}/u.test(name) ? name : null));
    await c.query(
      `INSERT INTO ${s}.entities (key, compact, name, mentions, documents, person)
       SELECT k, c, coalesce(r, n), m, 1, p
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::text[]) AS u(k, c, n, m, p, r)
       ORDER BY k
       ON CONFLICT (key) DO UPDATE SET mentions = entities.mentions + excluded.mentions,
         documents = entities.documents + 1, person = greatest(entities.person, excluded.person),
         name = CASE WHEN excluded.name IS NOT NULL AND excluded.name <> '' AND excluded.name ~ '[[:upper:]]'
           AND excluded.mentions > 0 THEN excluded.name ELSE entities.name END`,
      [
        keys,
        keys.map(compactKey),
        rows.map((r) => r[1]),
        rows.map((r) => r[2]),
        rows.map((r) => r[4]),
        renames,
      ],
    );
    await c.query(
      `INSERT INTO ${s}.mentions (key, seq, doc, owner, weight)
       SELECT k, $2, $3, $4, w FROM unnest($1::text[], $5::int[]) AS u(k, w)`,
      [keys, seq, doc.id, doc.owner, rows.map((r) => r[2] + r[3] * TITLE_WEIGHT)],
    );
    await c.query(
      `INSERT INTO ${s}.topic_counts (key, owner, documents, titled)
       SELECT k, $2, 1, t FROM unnest($1::text[], $3::int[]) AS u(k, t) ORDER BY k
       ON CONFLICT (key, owner) DO UPDATE SET documents = topic_counts.documents + 1,
         titled = topic_counts.titled + excluded.titled`,
      [keys, doc.owner, rows.map((r) => r[3])],
    );
    await this.acronyms(c, doc);
    await c.query(`SELECT nextval('${s}.changes')`);
  }

  private async acronyms(c: Client, doc: EncodedAnalysis): Promise<void> {
    if (doc.acronyms.length === 0) return;
    const pairs = [...doc.acronyms].sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1));
    await c.query(
      `INSERT INTO ${this.s}.acronyms (short, long) SELECT * FROM unnest($1::text[], $2::text[])
       ON CONFLICT DO NOTHING`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
  }

  private async unwrite(c: Client, id: string): Promise<boolean> {
    const s = this.s;
    const found = await c.query<{ seq: string; owner: string; entities: string }>(
      `SELECT seq, owner, entities FROM ${s}.docs WHERE id = $1`,
      [id],
    );
    const row = found.rows[0];
    if (!row) return false;
    const stats = [...decodeEntities(row.entities).values()]
      .filter((stat) => stat.key.length <= MAX_ENTITY_KEY_CHARS)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const keys = stats.map((stat) => stat.key);
    await c.query(
      `UPDATE ${s}.entities e SET mentions = e.mentions - u.m, documents = e.documents - 1
       FROM unnest($1::text[], $2::int[]) AS u(k, m) WHERE e.key = u.k`,
      [keys, stats.map((stat) => stat.count)],
    );
    await c.query(`DELETE FROM ${s}.mentions WHERE seq = $1 AND key = ANY($2::text[])`, [row.seq, keys]);
    await c.query(
      `UPDATE ${s}.topic_counts t SET documents = t.documents - 1, titled = t.titled - u.t
       FROM unnest($1::text[], $2::int[]) AS u(k, t) WHERE t.key = u.k AND t.owner = $3`,
      [keys, stats.map((stat) => (stat.inTitle ? 1 : 0)), row.owner],
    );
    await c.query(`DELETE FROM ${s}.docs WHERE id = $1`, [id]);
    await c.query(`SELECT nextval('${s}.changes')`);
    return true;
  }
}
