// What one batch of writes to the PostgreSQL index changes, summed in JS before anything is written: each
// name's mentions and documents, each (name, owner)'s topic counts, and the mention rows that leave with a
// replaced or removed document. The writer (pgWriter.ts) then writes one row per name, whatever the batch size.
import { MAX_ENTITY_KEY_CHARS } from "../../core/index/docIndex.js";
import { decodeEntities, type EncodedAnalysis } from "./codec.js";

/** Title mentions weigh as three more mentions, as in the in-memory index. */
const TITLE_WEIGHT = 3;

/** A name's change within one batch: added documents count up, replaced or removed ones down. */
export interface EntityDelta {
  /** The spelling of its first mention in the batch (null if only taken away), used only for a new row. */
  name: string | null;
  /** The latest capitalised spelling in the batch, which names the entity, as in the in-memory index. */
  rename: string | null;
  mentions: number;
  documents: number;
  person: number;
}

export interface TopicDelta {
  key: string;
  owner: string;
  documents: number;
  titled: number;
}

export interface StoredRow {
  id: string;
  seq: string;
  owner: string;
  entities: string;
}

/** Everything a batch changes, summed over its documents. */
export class BatchTotals {
  readonly entities = new Map<string, EntityDelta>();
  readonly topics = new Map<string, TopicDelta>();
  /** Mention rows to delete, as (key, seq) of the documents replaced or removed. */
  readonly unmention: [string[], string[]] = [[], []];

  private entity(key: string): EntityDelta {
    let d = this.entities.get(key);
    if (!d) {
      d = { name: null, rename: null, mentions: 0, documents: 0, person: 0 };
      this.entities.set(key, d);
    }
    return d;
  }

  private topic(key: string, owner: string, documents: number, titled: number): void {
    const id = `${owner}\u0000${key}`;
    const t = this.topics.get(id) ?? { key, owner, documents: 0, titled: 0 };
    t.documents += documents;
    t.titled += titled;
    this.topics.set(id, t);
  }

  /** Takes a stored document's counts away (it is being replaced or removed). */
  remove(row: StoredRow): void {
    for (const stat of decodeEntities(row.entities).values()) {
      // Keys this long were never counted (see add).
      if (stat.key.length > MAX_ENTITY_KEY_CHARS) continue;
      const d = this.entity(stat.key);
      d.mentions -= stat.count;
      d.documents -= 1;
      this.topic(stat.key, row.owner, -1, stat.inTitle ? -1 : 0);
      this.unmention[0].push(stat.key);
      this.unmention[1].push(row.seq);
    }
  }

  /** Adds a document's counts; returns its keys' mention weights. */
  add(doc: EncodedAnalysis): Array<[key: string, weight: number]> {
    const out: Array<[string, number]> = [];
    for (const [key, name, count, inTitle, person] of doc.entities) {
      // As in the in-memory index: a run of capitalised words this long is no name to look up.
      if (key.length > MAX_ENTITY_KEY_CHARS) continue;
      const d = this.entity(key);
      d.name ??= name;
      d.mentions += count;
      d.documents += 1;
      d.person = Math.max(d.person, person);
      if (count > 0 && /\p{Lu}/u.test(name)) d.rename = name;
      this.topic(key, doc.owner, 1, inTitle);
      out.push([key, count + inTitle * TITLE_WEIGHT]);
    }
    return out;
  }
}

/** The last occurrence of each id, in batch order: adding an id twice leaves the later document. */
export function lastOfEach(docs: readonly EncodedAnalysis[]): EncodedAnalysis[] {
  const last = new Map<string, number>();
  docs.forEach((d, i) => last.set(d.id, i));
  return docs.filter((d, i) => last.get(d.id) === i);
}
