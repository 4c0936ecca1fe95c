// The document index's tables in PostgreSQL, as numbered migrations run at start. They mirror the SQLite
// index (src/store/index/schema.ts) in one schema per index, plus what PostgreSQL adds: trigram indexes
// (pg_trgm) for typo-tolerant topic lookup and a tsvector column for full text. Several processes may
// start at once: migrations run under a transaction-scoped advisory lock, so each runs exactly once.
import type pg from "pg";

const MIGRATIONS: string[] = [
  // 1: documents with their stored analysis, entities and the lookups that resolve a topic.
  `
  CREATE TABLE docs (
    seq BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    owner TEXT NOT NULL,
    added_at BIGINT NOT NULL,
    analyzer INTEGER NOT NULL,
    entities TEXT NOT NULL,
    analysis BYTEA NOT NULL,
    body TSVECTOR NOT NULL
  );
  CREATE INDEX docs_owner_added ON docs (owner, added_at);
  CREATE INDEX docs_analyzer ON docs (analyzer);
  CREATE INDEX docs_body ON docs USING gin (body);
  CREATE TABLE entities (
    key TEXT PRIMARY KEY,
    compact TEXT NOT NULL,
    name TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    documents INTEGER NOT NULL,
    person INTEGER NOT NULL
  );
  CREATE INDEX entities_compact ON entities (compact text_pattern_ops);
  CREATE INDEX entities_compact_trgm ON entities USING gin (compact gin_trgm_ops);
  CREATE TABLE entity_words (word TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (word, key));
  CREATE INDEX entity_words_prefix ON entity_words (word text_pattern_ops);
  CREATE TABLE deletions (variant TEXT NOT NULL, compact TEXT NOT NULL, PRIMARY KEY (variant, compact));
  CREATE TABLE mentions (
    key TEXT NOT NULL,
    seq BIGINT NOT NULL,
    doc TEXT NOT NULL,
    owner TEXT NOT NULL,
    weight INTEGER NOT NULL,
    PRIMARY KEY (key, seq)
  );
  CREATE TABLE topic_counts (
    key TEXT NOT NULL,
    owner TEXT NOT NULL,
    documents INTEGER NOT NULL,
    titled INTEGER NOT NULL,
    PRIMARY KEY (key, owner)
  );
  CREATE INDEX topic_counts_owner ON topic_counts (owner, documents);
  CREATE TABLE acronyms (short TEXT NOT NULL, long TEXT NOT NULL, PRIMARY KEY (short, long));
  CREATE INDEX acronyms_long ON acronyms (long);
  `,
  // 2: small facts about the index, and the change counter: a sequence, so writers never queue on one row.
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE SEQUENCE changes;
  `,
  // 3: exact lookups by compact spelling. The planner sends "compact = …" to the trigram index (it estimates it
  // cheap), which takes milliseconds per spelling on short ones; lookups compare under COLLATE "C" (equality
  // is the same for a deterministic collation) and this btree answers them in microseconds.
  `
  CREATE INDEX entities_compact_exact ON entities (compact COLLATE "C");
  `,
];

export const PG_SCHEMA_VERSION = MIGRATIONS.length;

/** A schema name safe to splice into SQL (identifiers cannot be bind parameters). */
export function quoteSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`not a usable schema name: ${schema}`);
  return `"${schema}"`;
}

/** Brings `schema` to PG_SCHEMA_VERSION; concurrent callers wait on the advisory lock and find it done. */
export async function migratePg(pool: pg.Pool, schema: string): Promise<void> {
  const s = quoteSchema(schema);
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // One lock for every index: CREATE EXTENSION itself races when two schemas migrate at once.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('docket-index'))");
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_trgm");
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${s}.schema_version (version INTEGER NOT NULL)`);
    const row = await client.query<{ version: number }>(`SELECT version FROM ${s}.schema_version`);
    const current = row.rows[0]?.version ?? 0;
    if (current > PG_SCHEMA_VERSION)
      throw new Error(
        `schema ${schema}: the document index was written by a newer Docket (schema ${current}, this build knows ${PG_SCHEMA_VERSION})`,
      );
    // Unqualified names in the migrations land in this schema; pg_trgm's operator classes stay visible.
    await client.query(`SET LOCAL search_path TO ${s}, public`);
    for (let v = current; v < PG_SCHEMA_VERSION; v++) await client.query(MIGRATIONS[v] ?? "");
    if (current === 0) await client.query(`INSERT INTO ${s}.schema_version VALUES ($1)`, [PG_SCHEMA_VERSION]);
    else if (current < PG_SCHEMA_VERSION)
      await client.query(`UPDATE ${s}.schema_version SET version = $1`, [PG_SCHEMA_VERSION]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
