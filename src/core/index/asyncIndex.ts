// The index as a long-running front end (the bot) uses it: every answer by promise, so one contract covers an
// index in this process (SQLite, memory) and one shared by several processes in a database (PostgreSQL).
// Briefs, story lists and digests run on the synchronous kernel over a *view*: a DocumentIndex holding what
// that one answer reads, loaded first (for an in-process index, the index itself).
import type { SourceDocument } from "../ingest/document.js";
import type { DocumentIndex, Scope, Topic } from "./docIndex.js";

/** What a digest for one window reads: the documents added in (since, until], and its topics resolved. */
export interface DigestWindow {
  scope: Scope;
  since: number;
  until: number;
  topics: readonly string[];
}

export interface AsyncIndex {
  /** Moves on every add or remove (by any process sharing the index): caches keyed by it never go stale. */
  version(): Promise<number>;
  size(): Promise<number>;
  /** What a brief on `topic` in `scope` reads, for groundedBrief(view, topic, { scope }). */
  briefView(topic: string, scope: Scope): Promise<DocumentIndex>;
  /** What listing the stories in `scope` reads (every document in scope); briefs on the labels need briefView. */
  storiesView(scope: Scope): Promise<DocumentIndex>;
  /** What a digest for `window` reads, for buildDigest(view, …) with the same scope, window and topics. */
  digestView(window: DigestWindow): Promise<DocumentIndex>;
  topics(scope?: Scope, minDocuments?: number): Promise<Topic[]>;
  complete(partial: string, scope?: Scope, limit?: number): Promise<Topic[]>;
  suggest(query: string, scope?: Scope, limit?: number): Promise<string[]>;
  /** Analyses and stores a document (replacing one with its id); settled once every reader can see it. */
  add(doc: SourceDocument): Promise<void>;
  remove(id: string): Promise<boolean>;
}

/** An index in this process, as an AsyncIndex: every view is the index itself, so answers are unchanged. */
export function inProcessIndex(index: DocumentIndex): AsyncIndex {
  return {
    version: () => Promise.resolve(index.version),
    size: () => Promise.resolve(index.size),
    briefView: () => Promise.resolve(index),
    storiesView: () => Promise.resolve(index),
    digestView: () => Promise.resolve(index),
    topics: (scope, minDocuments) => attempt(() => index.topics(scope, minDocuments)),
    complete: (partial, scope, limit) => attempt(() => index.complete(partial, scope, limit)),
    suggest: (query, scope, limit) => attempt(() => index.suggest(query, scope, limit)),
    add: (doc) =>
      attempt(() => {
        index.add(doc);
      }),
    remove: (id) => attempt(() => index.remove(id)),
  };
}

/** A synchronous call as a promise: a throw becomes a rejection, as it would from a database. */
function attempt<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** True for an AsyncIndex (services take either kind, so tests and the CLI keep passing a DocumentIndex). */
export function isAsyncIndex(index: DocumentIndex | AsyncIndex): index is AsyncIndex {
  return "briefView" in index;
}

/** Either kind of index as an AsyncIndex. */
export function asAsyncIndex(index: DocumentIndex | AsyncIndex): AsyncIndex {
  return isAsyncIndex(index) ? index : inProcessIndex(index);
}
