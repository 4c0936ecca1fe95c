// Persistence of sources, their documents and each feed's seen item ids, on the Keyv store.
import type Keyv from "keyv";
import { asAsyncIndex, type AsyncIndex } from "../core/index/asyncIndex.js";
import type { DocumentIndex } from "../core/index/docIndex.js";
import { canonicalLink } from "../core/ingest/feed/identity.js";
import { type FeedItem } from "../core/ingest/feed/types.js";
import type { Store } from "../store/openStore.js";
import { collection, type Collection } from "../store/collection.js";
import type { Source, StoredDocument } from "./types.js";

export interface LastItems {
  links: string[];
  titles: string[];
}

export function titleKey(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** A feed's seen ids are trimmed to the newest this many; older items are long gone from any feed. */
const MAX_SEEN = 5000;

export class SourceStore {
  readonly sources: Collection<Source>;
  readonly documents: Collection<StoredDocument>;
  private readonly seen: Keyv<string[]>;
  private readonly last: Keyv<LastItems>;
  readonly previews: Keyv<unknown>;

  constructor(store: Store) {
    this.sources = collection<Source>(store, "sources");
    this.documents = collection<StoredDocument>(store, "documents");
    this.seen = store.namespace<string[]>("seen");
    this.last = store.namespace<LastItems>("last-fetch");
    this.previews = store.namespace<unknown>("previews");
  }

  async seenIds(sourceId: string): Promise<Set<string>> {
    return new Set((await this.seen.get(sourceId)) ?? []);
  }

  async markSeen(sourceId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const current = (await this.seen.get(sourceId)) ?? [];
    const merged = [...current.filter((id) => !ids.includes(id)), ...ids];
    await this.seen.set(sourceId, merged.slice(-MAX_SEEN));
  }

  /** Links and titles of the last successful fetch, to tell a feed that re-keyed its items from one that moved on. */
  async lastItems(sourceId: string): Promise<LastItems> {
    return (await this.last.get(sourceId)) ?? { links: [], titles: [] };
  }

  async setLastItems(sourceId: string, items: readonly FeedItem[]): Promise<void> {
    await this.last.set(sourceId, {
      links: items.flatMap((i) => (i.link ? [canonicalLink(i.link)] : [])),
      titles: items.map((i) => titleKey(i.title)),
    });
  }

  /** Loads every stored document into an index (at start, after a restart). */
  async loadInto(index: DocumentIndex | AsyncIndex): Promise<{ documents: number; ms: number }> {
    const started = performance.now();
    const docs = await this.documents.values();
    const into = asAsyncIndex(index);
    for (const doc of docs) await into.add(doc);
    return { documents: docs.length, ms: Math.round(performance.now() - started) };
  }

  async forget(sourceId: string): Promise<void> {
    await this.seen.delete(sourceId);
    await this.last.delete(sourceId);
  }
}
