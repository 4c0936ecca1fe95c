// Writes to the document index: a document, its stored analysis, its mentions and the counts topics and
// lookups read, all in one transaction, so two processes adding at once never lose each other's updates.
import type Database from "better-sqlite3";
import { compactKey } from "../../core/analyze/entities.js";
import { MAX_ENTITY_KEY_CHARS } from "../../core/index/docIndex.js";
import { deletionVariants } from "../../core/index/fuzzy.js";
import { MAX_FUZZY_CHARS } from "../../core/index/resolve.js";
import { decodeEntities, type EncodedAnalysis } from "./codec.js";

/** Title mentions weigh as three more mentions, as in the in-memory index. */
const TITLE_WEIGHT = 3;

export class IndexWriter {
  /** Entity keys whose lookup rows (words, deletion variants) exist, so each is written once. */
  private readonly known = new Set<string>();
  private readonly q;
  private readonly addTx: Database.Transaction<(docs: readonly EncodedAnalysis[], analyzer: number) => void>;
  private readonly removeTx: Database.Transaction<(id: string) => boolean>;

  constructor(db: Database.Database) {
    this.q = {
      doc: db.prepare("SELECT seq, owner, entities FROM docs WHERE id = ?"),
      insertDoc: db.prepare(
        "INSERT INTO docs (id, owner, added_at, analyzer, entities, analysis) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      deleteDoc: db.prepare("DELETE FROM docs WHERE id = ?"),
      entityExists: db.prepare("SELECT 1 FROM entities WHERE key = ?").pluck(),
      upsertEntity: db.prepare(
        `INSERT INTO entities (key, compact, name, mentions, documents, person)
         VALUES (@key, @compact, @name, @count, @docs, @person)
         ON CONFLICT (key) DO UPDATE SET mentions = mentions + @count, documents = documents + @docs,
           person = max(person, @person), name = coalesce(@rename, name)`,
      ),
      dropEntity: db.prepare(
        "UPDATE entities SET mentions = mentions - ?, documents = documents - 1 WHERE key = ?",
      ),
      word: db.prepare("INSERT OR IGNORE INTO entity_words (word, key) VALUES (?, ?)"),
      deletion: db.prepare("INSERT OR IGNORE INTO deletions (variant, compact) VALUES (?, ?)"),
      mention: db.prepare("INSERT INTO mentions (key, seq, doc, owner, weight) VALUES (?, ?, ?, ?, ?)"),
      unmention: db.prepare("DELETE FROM mentions WHERE key = ? AND seq = ?"),
      count: db.prepare(
        `INSERT INTO topic_counts (key, owner, documents, titled) VALUES (?, ?, ?, ?)
         ON CONFLICT (key, owner) DO UPDATE SET documents = documents + excluded.documents,
           titled = titled + excluded.titled`,
      ),
      uncount: db.prepare(
        "UPDATE topic_counts SET documents = documents - 1, titled = titled - ? WHERE key = ? AND owner = ?",
      ),
      acronym: db.prepare("INSERT OR IGNORE INTO acronyms (short, long) VALUES (?, ?)"),
    };
    this.addTx = db.transaction((docs: readonly EncodedAnalysis[], analyzer: number) => {
      const totals = new Totals();
      for (const doc of docs) this.write(doc, analyzer, totals);
      this.flush(totals);
    });
    this.removeTx = db.transaction((id: string) => this.unwrite(id));
  }

  addMany(docs: readonly EncodedAnalysis[], analyzer: number): void {
    // IMMEDIATE: take the write lock before reading, so a concurrent writer cannot slip in between.
    this.addTx.immediate(docs, analyzer);
  }

  remove(id: string): boolean {
    return this.removeTx.immediate(id);
  }

  private lookups(key: string): void {
    if (this.known.has(key)) return;
    this.known.add(key);
    if (this.q.entityExists.get(key) !== undefined) return;
    for (const word of key.split(" ")) if (word !== key) this.q.word.run(word, key);
    const compact = compactKey(key);
    if (compact.length >= 4 && compact.length <= MAX_FUZZY_CHARS)
      for (const variant of deletionVariants(compact)) this.q.deletion.run(variant, compact);
  }

  private write(doc: EncodedAnalysis, analyzer: number, totals: Totals): void {
    // Adding a stored document again replaces it (a re-analysis, or the same file from another folder).
    this.unwrite(doc.id);
    const seq = this.q.insertDoc.run(
      doc.id,
      doc.owner,
      doc.addedAt,
      analyzer,
      JSON.stringify(doc.entities),
      doc.analysis,
    ).lastInsertRowid;
    for (const [key, name, count, inTitle, person] of doc.entities) {
      // As in the in-memory index: a run of capitalised words this long is no name to look up.
      if (key.length > MAX_ENTITY_KEY_CHARS) continue;
      this.lookups(key);
      totals.entity(key, name, count, person);
      this.q.mention.run(key, seq, doc.id, doc.owner, count + inTitle * TITLE_WEIGHT);
      totals.topic(key, doc.owner, inTitle);
    }
    for (const [short, long] of doc.acronyms) this.q.acronym.run(short, long);
  }

  /** One upsert per name and per (name, owner) for the whole batch: popular names repeat in most documents. */
  private flush(totals: Totals): void {
    for (const [key, t] of totals.entities)
      this.q.upsertEntity.run({
        key,
        compact: compactKey(key),
        name: t.rename ?? t.name,
        count: t.count,
        docs: t.docs,
        person: t.person,
        rename: t.rename,
      });
    for (const t of totals.topics.values()) this.q.count.run(t.key, t.owner, t.docs, t.titled);
  }

  private unwrite(id: string): boolean {
    const row = this.q.doc.get(id) as { seq: number; owner: string; entities: string } | undefined;
    if (!row) return false;
    for (const stat of decodeEntities(row.entities).values()) {
      this.q.dropEntity.run(stat.count, stat.key);
      this.q.unmention.run(stat.key, row.seq);
      this.q.uncount.run(stat.inTitle ? 1 : 0, stat.key, row.owner);
    }
    this.q.deleteDoc.run(id);
    return true;
  }
}

/** What a batch adds to each name's counts, summed before writing. */
class Totals {
  readonly entities = new Map<
    string,
    { name: string; rename: string | null; count: number; docs: number; person: number }
  >();
  readonly topics = new Map<string, { key: string; owner: string; docs: number; titled: number }>();

  entity(key: string, name: string, count: number, person: number): void {
    const t = this.entities.get(key) ?? { name, rename: null, count: 0, docs: 0, person: 0 };
    t.count += count;
    t.docs += 1;
    t.person = Math.max(t.person, person);
    // The latest capitalised spelling names the entity, as in the in-memory index.
    if (count > 0 && /\p{Lu}/u.test(name)) t.rename = name;
    this.entities.set(key, t);
  }

  topic(key: string, owner: string, titled: number): void {
    const id = `${owner}\u0000${key}`;
    const t = this.topics.get(id) ?? { key, owner, docs: 0, titled: 0 };
    t.docs += 1;
    t.titled += titled;
    this.topics.set(id, t);
  }
}
