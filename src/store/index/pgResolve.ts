// Topic resolution over the PostgreSQL index, with the core's synchronous resolver unchanged: it runs against
// an in-process cache of lookups, the lookups it missed are fetched in one batched round of queries, and it
// runs again until nothing is missing (a topic of a few words needs two or three rounds). This is the first
// part of the in-process view a brief will need before the synchronous brief kernel can run on PostgreSQL.
import { resolveTopic, type TermLookup } from "../../core/index/resolve.js";
import type { PgIndex } from "./pgIndex.js";

type Kind = "byCompact" | "byWord" | "byDeletion" | "aliases" | "count";

/** Lookups answered so far, by kind and argument; a miss is recorded and answered as empty for this round. */
class LookupCache {
  readonly known = new Map<string, string[]>();
  readonly missing = new Map<string, { kind: Kind; arg: string }>();

  private read(kind: Kind, arg: string): string[] {
    const id = `${kind}\u0000${arg}`;
    const hit = this.known.get(id);
    if (hit) return hit;
    this.missing.set(id, { kind, arg });
    return [];
  }

  readonly lookup: TermLookup = {
    byCompact: (c) => this.read("byCompact", c),
    byWord: (w) => this.read("byWord", w),
    byDeletion: (v) => this.read("byDeletion", v),
    hasCompact: (c) => this.read("count", `compact:${c}`).length > 0,
    aliases: (k) => this.read("aliases", k),
    documentCount: (k) => Number(this.read("count", `key:${k}`)[0] ?? 0),
  };
}

const ROUNDS = 6;

/** What `resolveTopic` answers for this topic on the index's current data. */
export async function resolveTopicPg(index: PgIndex, topic: string): Promise<Set<string>[] | null> {
  const cache = new LookupCache();
  for (let round = 0; ; round++) {
    cache.missing.clear();
    const result = resolveTopic(cache.lookup, topic);
    if (cache.missing.size === 0 || round >= ROUNDS) return result;
    await fetchMissing(index, cache);
  }
}

async function fetchMissing(index: PgIndex, cache: LookupCache): Promise<void> {
  const wanted = (kind: Kind, prefix = ""): string[] =>
    [...cache.missing.values()]
      .filter((m) => m.kind === kind && m.arg.startsWith(prefix))
      .map((m) => m.arg.slice(prefix.length));
  const s = index.quotedSchema;
  const pairs = async (sql: string, args: string[]): Promise<Array<{ a: string; b: string }>> =>
    args.length === 0 ? [] : (await index.pool.query<{ a: string; b: string }>(sql, [args])).rows;
  const fill = (kind: Kind, args: string[], rows: Array<{ a: string; b: string }>, prefix = ""): void => {
    const out = new Map<string, string[]>(args.map((a) => [a, []]));
    for (const r of rows) out.get(r.a)?.push(r.b);
    for (const [a, list] of out) cache.known.set(`${kind}\u0000${prefix}${a}`, list);
  };
  const compacts = wanted("byCompact");
  const words = wanted("byWord");
  const variants = wanted("byDeletion");
  const aliasKeys = wanted("aliases");
  const hasCompacts = wanted("count", "compact:");
  const countKeys = wanted("count", "key:");
  const [c, w, d, al, hc, ck] = await Promise.all([
    pairs(
      `SELECT compact AS a, key AS b FROM ${s}.entities WHERE compact COLLATE "C" = ANY($1::text[])`,
      compacts,
    ),
    pairs(`SELECT word AS a, key AS b FROM ${s}.entity_words WHERE word = ANY($1::text[])`, words),
    pairs(`SELECT variant AS a, compact AS b FROM ${s}.deletions WHERE variant = ANY($1::text[])`, variants),
    pairs(
      `SELECT short AS a, long AS b FROM ${s}.acronyms WHERE short = ANY($1::text[])
       UNION SELECT long, short FROM ${s}.acronyms WHERE long = ANY($1::text[])`,
      aliasKeys,
    ),
    pairs(
      `SELECT DISTINCT compact AS a, '1' AS b FROM ${s}.entities WHERE compact COLLATE "C" = ANY($1::text[]) AND documents > 0`,
      hasCompacts,
    ),
    pairs(`SELECT key AS a, documents::text AS b FROM ${s}.entities WHERE key = ANY($1::text[])`, countKeys),
  ]);
  fill("byCompact", compacts, c);
  fill("byWord", words, w);
  fill("byDeletion", variants, d);
  fill("aliases", aliasKeys, al);
  fill("count", hasCompacts, hc, "compact:");
  fill("count", countKeys, ck, "key:");
}
