// A named set of records: each record under its id in a Keyv namespace, and the ids in the store's IdSet,
// whose add/remove are atomic in the backend, because adapter iteration is not reliable across backends and
// a read-modify-write of an id list loses ids when two processes write at once.
import { createHash } from "node:crypto";
import type Keyv from "keyv";
import type { IdSet } from "./backend.js";

/** Older stores kept ids in 256 Keyv lists ("ids:00" … "ids:ff"); they are moved into the IdSet once. */
const LEGACY_SHARDS = Array.from({ length: 256 }, (_, i) => `ids:${i.toString(16).padStart(2, "0")}`);

export function legacyShardOf(id: string): string {
  return `ids:${createHash("sha1").update(id).digest("hex").slice(0, 2)}`;
}

export class Collection<T> {
  private migrated: Promise<void> | null = null;

  constructor(
    private readonly records: Keyv<T>,
    private readonly idSet: IdSet,
    private readonly legacy: Keyv<string[]>,
  ) {}

  get(id: string): Promise<T | undefined> {
    return this.records.get(id);
  }

  /** The record is written before its id is indexed: a crash in between leaves an orphan, never a dangling id. */
  async put(id: string, value: T): Promise<void> {
    await this.records.set(id, value);
    await this.idSet.add([id]);
  }

  /** The id is unindexed first, for the same reason. */
  async delete(id: string): Promise<void> {
    await this.migrateLegacy();
    await this.idSet.remove([id]);
    await this.records.delete(id);
  }

  async ids(): Promise<string[]> {
    await this.migrateLegacy();
    return this.idSet.members();
  }

  /**
   * A mark that changes whenever an id is added or removed (null when the backend keeps none): equal marks
   * mean the same ids, so a reader that has them all need not list them again.
   */
  async version(): Promise<string | null> {
    await this.migrateLegacy();
    return this.idSet.version();
  }

  /** Every record, read by the indexed ids in batches; a missing record (deleted meanwhile) is skipped. */
  async values(batch = 500): Promise<T[]> {
    const ids = await this.ids();
    const out: T[] = [];
    for (let i = 0; i < ids.length; i += batch) {
      const values = await this.records.getMany(ids.slice(i, i + batch));
      for (const v of values) if (v !== undefined) out.push(v);
    }
    return out;
  }

  /**
   * Moves ids from the old shard lists into the IdSet, once per process. Adding is idempotent and happens
   * before the shards are deleted, so two processes migrating at once lose nothing.
   */
  private migrateLegacy(): Promise<void> {
    this.migrated ??= (async () => {
      const lists = await this.legacy.getMany(LEGACY_SHARDS);
      const found = LEGACY_SHARDS.filter((_, i) => (lists[i]?.length ?? 0) > 0);
      if (found.length === 0) return;
      await this.idSet.add(lists.flatMap((list) => list ?? []));
      await this.legacy.deleteMany(found);
    })();
    // A failed migration is retried by the next call rather than remembered.
    this.migrated.catch(() => {
      this.migrated = null;
    });
    return this.migrated;
  }
}

export function collection<T>(
  store: { namespace<V>(name: string): Keyv<V>; idSet(name: string): IdSet },
  name: string,
): Collection<T> {
  return new Collection<T>(
    store.namespace<T>(name),
    store.idSet(name),
    store.namespace<string[]>(`${name}-index`),
  );
}
