// A named set of records on top of Keyv with its own index keys, because adapter iteration is not
// reliable across backends. Ids are kept in 256 shards so an import of thousands of records rewrites
// small lists, not one huge one.
import { createHash } from "node:crypto";
import type Keyv from "keyv";

const SHARDS = 256;

function shardOf(id: string): string {
  return createHash("sha1").update(id).digest("hex").slice(0, 2);
}

export class Collection<T> {
  /** Writes to the index are serialised in-process so two adds never lose each other's id. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly records: Keyv<T>,
    private readonly index: Keyv<string[]>,
  ) {}

  private serial<R>(work: () => Promise<R>): Promise<R> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  get(id: string): Promise<T | undefined> {
    return this.records.get(id);
  }

  /** The record is written before its id is indexed: a crash in between leaves an orphan, never a dangling id. */
  put(id: string, value: T): Promise<void> {
    return this.serial(async () => {
      await this.records.set(id, value);
      const shard = `ids:${shardOf(id)}`;
      const ids = (await this.index.get(shard)) ?? [];
      if (!ids.includes(id)) await this.index.set(shard, [...ids, id]);
    });
  }

  delete(id: string): Promise<void> {
    return this.serial(async () => {
      const shard = `ids:${shardOf(id)}`;
      const ids = (await this.index.get(shard)) ?? [];
      if (ids.includes(id))
        await this.index.set(
          shard,
          ids.filter((x) => x !== id),
        );
      await this.records.delete(id);
    });
  }

  async ids(): Promise<string[]> {
    const shards = Array.from({ length: SHARDS }, (_, i) => `ids:${i.toString(16).padStart(2, "0")}`);
    const lists = await this.index.getMany(shards);
    return lists.flatMap((list) => list ?? []);
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
}

export function collection<T>(store: { namespace<V>(name: string): Keyv<V> }, name: string): Collection<T> {
  return new Collection<T>(store.namespace<T>(name), store.namespace<string[]>(`${name}-index`));
}
