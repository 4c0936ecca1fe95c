// The document index's tables in SQLite, as numbered migrations run at open. A database written by a newer
// Docket (a migration this build does not know) is refused rather than misread.
import type Database from "better-sqlite3";

const MIGRATIONS: string[] = [
  // 1: documents with their stored analysis, entities and the lookups that resolve a topic.
  `
  CREATE TABLE docs (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    owner TEXT NOT NULL,
    added_at INTEGER NOT NULL,
    analyzer INTEGER NOT NULL,
    -- [key, name, count, inTitle, person] per entity: all that choosing a story needs
    entities TEXT NOT NULL,
    -- the document and the rest of its analysis (sentences, quotes, dates): deflated JSON
    analysis BLOB NOT NULL
  );
  CREATE INDEX docs_owner_added ON docs (owner, added_at);
  CREATE INDEX docs_analyzer ON docs (analyzer);
  CREATE TABLE entities (
    key TEXT PRIMARY KEY,
    compact TEXT NOT NULL,
    name TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    documents INTEGER NOT NULL,
    person INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX entities_compact ON entities (compact);
  CREATE TABLE entity_words (word TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (word, key)) WITHOUT ROWID;
  CREATE TABLE deletions (variant TEXT NOT NULL, compact TEXT NOT NULL, PRIMARY KEY (variant, compact)) WITHOUT ROWID;
  -- seq is the document's rowid: a key's mentions come back in the order their documents were added
  CREATE TABLE mentions (
    key TEXT NOT NULL,
    seq INTEGER NOT NULL,
    doc TEXT NOT NULL,
    owner TEXT NOT NULL,
    weight INTEGER NOT NULL,
    PRIMARY KEY (key, seq)
  ) WITHOUT ROWID;
  CREATE TABLE topic_counts (
    key TEXT NOT NULL,
    owner TEXT NOT NULL,
    documents INTEGER NOT NULL,
    titled INTEGER NOT NULL,
    PRIMARY KEY (key, owner)
  ) WITHOUT ROWID;
  CREATE INDEX topic_counts_owner ON topic_counts (owner, documents);
  CREATE TABLE acronyms (short TEXT NOT NULL, long TEXT NOT NULL, PRIMARY KEY (short, long)) WITHOUT ROWID;
  CREATE INDEX acronyms_long ON acronyms (long);
  `,
  // 2: small facts about the index itself, such as the store's mark when its documents were last all indexed.
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the database to SCHEMA_VERSION, one transaction per migration. */
export function migrate(db: Database.Database, file: string): void {
  const current = Number(db.pragma("user_version", { simple: true }));
  if (current > SCHEMA_VERSION)
    throw new Error(
      `${file}: the document index was written by a newer Docket (schema ${current}, this build knows ${SCHEMA_VERSION})`,
    );
  for (let v = current; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      // Another process opening the same file may have applied it since the read above: the version is read
      // again under the write lock that `immediate` takes, so two starting shards migrate once.
      if (Number(db.pragma("user_version", { simple: true })) > v) return;
      db.exec(MIGRATIONS[v] ?? "");
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}
