// The in-memory index of analyzed documents: add and remove at runtime, scope by owner, and find the
// documents a topic is about by entity and alias (never by raw substring: "arm" finds Arm, not "harm").
import { analyzeDocument, type AnalyzedDocument } from "../analyze/analyzeDocument.js";
import { compactKey, nameKey } from "../analyze/entities.js";
import type { Owner, SourceDocument } from "../ingest/document.js";
import { deletionVariants, editDistance } from "./fuzzy.js";

/** Which documents a query may see: the global seeds plus, inside a server, that server's own. */
export interface Scope {
  guild?: string | undefined;
}

export function inScope(owner: Owner, scope: Scope): boolean {
  return owner === "global" || (scope.guild !== undefined && owner === `guild:${scope.guild}`);
}

export interface Topic {
  key: string;
  name: string;
  documents: number;
  person: boolean;
}

export interface KnownEntity {
  key: string;
  name: string;
  /** Documents that mention it, by id. */
  documents: Map<string, number>;
  mentions: number;
  person: boolean;
}

/**
 * Typo-tolerant lookup indexes every one-deletion variant of a name: a name of n characters costs n
 * strings of n - 1 characters, so unbounded names made index memory grow with the square of their length
 * (a 20,000-character "name" cost over 500 MB). Real names are far shorter; longer ones match exactly only.
 */
export const MAX_FUZZY_CHARS = 40;
/** Longer "names" are runs of capitalised words, not names; they are not offered as topics or labels. */
export const MAX_ENTITY_KEY_CHARS = 120;

/** Query words that describe the story rather than name a party in it. */
const QUERY_NOISE = new Set([
  "deal",
  "deals",
  "the",
  "and",
  "vs",
  "v",
  "with",
  "of",
  "to",
  "buy",
  "sale",
  "merger",
  "acquisition",
  "ban",
]);

export class DocumentIndex {
  private readonly docs = new Map<string, AnalyzedDocument>();
  private readonly entities = new Map<string, KnownEntity>();
  /** compact key ("tiktok") → entity keys written that way ("tiktok", "tik tok"). */
  private readonly byCompact = new Map<string, Set<string>>();
  /** single word → entity keys containing it ("activision" → "activision blizzard"). */
  private readonly byWord = new Map<string, Set<string>>();
  /** one-deletion variants of compact keys, for typo-tolerant lookup. */
  private readonly byDeletion = new Map<string, Set<string>>();
  private readonly acronyms = new Map<string, Set<string>>();
  /** Bumped on every change, so caches keyed by it never serve stale briefs. */
  version = 0;

  get size(): number {
    return this.docs.size;
  }

  add(doc: SourceDocument): AnalyzedDocument {
    const analyzed = analyzeDocument(doc);
    this.addAnalyzed(analyzed);
    return analyzed;
  }

  addAnalyzed(analyzed: AnalyzedDocument): void {
    if (this.docs.has(analyzed.doc.id)) this.remove(analyzed.doc.id);
    this.docs.set(analyzed.doc.id, analyzed);
    for (const stat of analyzed.entities.values()) {
      if (stat.key.length > MAX_ENTITY_KEY_CHARS) continue;
      let entity = this.entities.get(stat.key);
      if (!entity) {
        entity = { key: stat.key, name: stat.name, documents: new Map(), mentions: 0, person: false };
        this.entities.set(stat.key, entity);
        this.indexKey(stat.key);
      }
      const weight = stat.count + (stat.inTitle ? 3 : 0);
      entity.documents.set(analyzed.doc.id, weight);
      entity.mentions += stat.count;
      entity.person ||= stat.person;
      if (stat.count > 0 && /\p{Lu}/u.test(stat.name)) entity.name = stat.name;
    }
    for (const [short, long] of analyzed.acronyms) {
      this.addTo(this.acronyms, short, long);
      this.addTo(this.acronyms, long, short);
    }
    this.version++;
  }

  remove(id: string): boolean {
    const analyzed = this.docs.get(id);
    if (!analyzed) return false;
    this.docs.delete(id);
    for (const key of analyzed.entities.keys()) {
      const entity = this.entities.get(key);
      if (!entity) continue;
      entity.mentions -= analyzed.entities.get(key)?.count ?? 0;
      entity.documents.delete(id);
      // Lookup tables keep the key; an entity with no documents simply matches nothing.
    }
    this.version++;
    return true;
  }

  get(id: string): AnalyzedDocument | undefined {
    return this.docs.get(id);
  }

  *documents(scope: Scope = {}): Iterable<AnalyzedDocument> {
    for (const analyzed of this.docs.values()) if (inScope(analyzed.doc.owner, scope)) yield analyzed;
  }

  entity(key: string): KnownEntity | undefined {
    return this.entities.get(key);
  }

  private addTo(map: Map<string, Set<string>>, key: string, value: string): void {
    const set = map.get(key);
    if (set) set.add(value);
    else map.set(key, new Set([value]));
  }

  private indexKey(key: string): void {
    const compact = compactKey(key);
    this.addTo(this.byCompact, compact, key);
    for (const word of key.split(" ")) if (word !== key) this.addTo(this.byWord, word, key);
    if (compact.length >= 4 && compact.length <= MAX_FUZZY_CHARS)
      for (const variant of deletionVariants(compact)) this.addTo(this.byDeletion, variant, compact);
  }

  /** Documents in scope that mention any of `keys`, with the summed weight of those mentions. */
  weights(keys: Iterable<string>, scope: Scope): Map<string, number> {
    const out = new Map<string, number>();
    for (const key of keys) {
      for (const [id, weight] of this.entities.get(key)?.documents ?? []) {
        const owner = this.docs.get(id)?.doc.owner;
        if (owner && inScope(owner, scope)) out.set(id, (out.get(id) ?? 0) + weight);
      }
    }
    return out;
  }

  private documentCount(keys: Iterable<string>): number {
    let n = 0;
    for (const key of keys) n += this.entities.get(key)?.documents.size ?? 0;
    return n;
  }

  /** Entity keys a single term names: exact spellings, names containing it, acronyms, rare typos of it. */
  private resolveTerm(term: string): Set<string> {
    const compact = compactKey(term);
    const keys = new Set<string>();
    const add = (key: string): void => {
      if ((this.entities.get(key)?.documents.size ?? 0) === 0) return;
      keys.add(key);
      for (const alias of this.acronyms.get(key) ?? []) if (this.entities.has(alias)) keys.add(alias);
    };
    for (const key of this.byCompact.get(compact) ?? []) add(key);
    if (!term.includes(" ")) for (const key of this.byWord.get(nameKey(term)) ?? []) add(key);
    const known = this.documentCount(keys);
    // A near spelling counts when it is either all we have or much rarer (the seed's "TitTok" for TikTok).
    const near = this.nearCompacts(compact).map((c) => ({
      c,
      n: this.documentCount(this.byCompact.get(c) ?? []),
    }));
    if (known === 0 && near.length > 0) {
      const best = near.sort((a, b) => b.n - a.n)[0];
      const nearKeys = best ? new Set(this.byCompact.get(best.c) ?? []) : new Set<string>();
      for (const key of nearKeys) for (const k of this.resolveTerm(key)) keys.add(k);
      for (const { c, n } of near)
        if (best && c !== best.c && n * 3 <= best.n) for (const k of this.byCompact.get(c) ?? []) add(k);
    } else {
      for (const { c, n } of near) if (n * 3 <= known) for (const k of this.byCompact.get(c) ?? []) add(k);
    }
    return keys;
  }

  private nearCompacts(compact: string): string[] {
    if (compact.length < 4 || compact.length > MAX_FUZZY_CHARS) return [];
    const found = new Set<string>();
    for (const variant of [compact, ...deletionVariants(compact)]) {
      for (const c of this.byDeletion.get(variant) ?? []) if (c !== compact) found.add(c);
      if (variant !== compact && this.byCompact.has(variant)) found.add(variant);
    }
    const limit = compact.length >= 8 ? 2 : 1;
    return [...found].filter((c) => editDistance(c, compact) <= limit);
  }

  /**
   * Resolves a topic to groups of entity keys: a document must match every group (one per named party).
   * Returns null when some part of the topic names nothing the index knows.
   */
  resolveTopic(topic: string): Set<string>[] | null {
    const whole = this.resolveTerm(topic);
    if (whole.size > 0) return [whole];
    const words = nameKey(topic)
      .split(" ")
      .filter((w) => w && !QUERY_NOISE.has(w));
    if (words.length <= 1) {
      const single = words[0] ? this.resolveTerm(words[0]) : new Set<string>();
      return single.size > 0 ? [single] : null;
    }
    const groups = words.map((w) => this.resolveTerm(w));
    return groups.every((g) => g.size > 0) ? groups : null;
  }

  private topicCache: { version: number; entries: Map<string, Topic[]> } = {
    version: -1,
    entries: new Map(),
  };

  /** Entities worth offering as topics: named in a title or in at least `minDocuments` documents. */
  topics(scope: Scope = {}, minDocuments = 2): Topic[] {
    if (this.topicCache.version !== this.version)
      this.topicCache = { version: this.version, entries: new Map() };
    const cacheKey = `${scope.guild ?? ""}:${minDocuments}`;
    const cached = this.topicCache.entries.get(cacheKey);
    if (cached) return cached;
    const out: Topic[] = [];
    for (const entity of this.entities.values()) {
      let documents = 0;
      let titled = false;
      for (const [id, weight] of entity.documents) {
        const analyzed = this.docs.get(id);
        if (!analyzed || !inScope(analyzed.doc.owner, scope)) continue;
        documents++;
        titled ||= weight >= 3 && analyzed.entities.get(entity.key)?.inTitle === true;
      }
      if (documents >= minDocuments || (documents > 0 && titled)) {
        out.push({ key: entity.key, name: entity.name, documents, person: entity.person });
      }
    }
    out.sort((a, b) => b.documents - a.documents || a.name.localeCompare(b.name));
    this.topicCache.entries.set(cacheKey, out);
    return out;
  }

  /**
   * Completions for a partly typed topic: names with a word starting with it first, then near spellings.
   * Never throws; an empty input lists the most covered topics.
   */
  complete(partial: string, scope: Scope = {}, limit = 25): Topic[] {
    const typed = nameKey(partial);
    const compact = compactKey(partial);
    const topics = this.topics(scope, 1);
    if (!typed) return topics.slice(0, limit);
    const prefix = topics.filter(
      (t) => compactKey(t.key).startsWith(compact) || t.key.split(" ").some((w) => w.startsWith(typed)),
    );
    if (prefix.length >= limit || compact.length < 3) return prefix.slice(0, limit);
    const seen = new Set(prefix.map((t) => t.key));
    const near = topics
      .filter((t) => !seen.has(t.key))
      .map((t) => ({ t, d: editDistance(compactKey(t.key).slice(0, compact.length + 1), compact) }))
      .filter((x) => x.d <= (compact.length >= 6 ? 2 : 1))
      .sort((a, b) => a.d - b.d || b.t.documents - a.t.documents)
      .map((x) => x.t);
    return [...prefix, ...near].slice(0, limit);
  }

  /** Known topics closest to what was typed: prefix matches first, then by edit distance. */
  suggest(query: string, scope: Scope = {}, limit = 5): string[] {
    const compact = compactKey(query);
    const scored = this.topics(scope, 1).map((t) => {
      const c = compactKey(t.key);
      const prefix =
        compact.length > 0 && (c.startsWith(compact) || t.key.split(" ").some((w) => w.startsWith(compact)));
      return {
        name: t.name,
        documents: t.documents,
        score: prefix ? 0 : editDistance(c, compact) / Math.max(c.length, compact.length, 1),
      };
    });
    return scored
      .filter((s) => s.score <= 0.5)
      .sort((a, b) => a.score - b.score || b.documents - a.documents)
      .slice(0, limit)
      .map((s) => s.name);
  }
}
