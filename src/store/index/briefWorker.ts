// Worker-thread side of the brief pool: opens the index as a reader and builds grounded briefs and story lists
// there, so the bot's event loop only sends a topic and receives plain data. An index file's reader sees every
// commit (SQLite WAL); its caches are keyed by the database's data_version, so a brief asked for right after
// an add includes the new document. The PostgreSQL index is read through views loaded from the database, keyed
// by its change counter, which every process's add moves.
import { groundedBrief } from "../../core/brief/buildBrief.js";
import type { Brief } from "../../core/brief/schema.js";
import {
  inProcessBriefs,
  viewBriefs,
  type BriefSource,
  type StoryList,
} from "../../core/brief/briefSource.js";
import { EmptyTopicError, UnknownTopicError } from "../../core/errors.js";
import type { Scope } from "../../core/index/docIndex.js";
// Imported at the top: the worker loader (tsx in tests) does not resolve a dynamic import here.
import { PgIndex } from "./pgIndex.js";
import { pgAsyncIndex } from "./pgView.js";
import { SqliteIndex } from "./sqliteIndex.js";

/** Where the index is: an SQLite file, or a schema in a PostgreSQL database. */
export type IndexAt = { file: string } | { url: string; schema: string };

export type BriefTask =
  | { kind: "brief"; at: IndexAt; topic: string; scope: Scope; maxQuotes?: number | undefined }
  | { kind: "stories"; at: IndexAt; scope: Scope }
  | { kind: "open"; at: IndexAt };

/** Errors cross the thread boundary as data: a structured clone would lose their class. */
export type BriefOutcome =
  | { kind: "brief"; brief: Brief }
  | { kind: "stories"; list: StoryList }
  | { kind: "unknown"; topic: string; suggestions: string[] }
  | { kind: "empty" }
  | { kind: "opened" };

const indexes = new Map<string, SqliteIndex>();
const shared = new Map<string, Promise<BriefSource>>();

function reader(file: string): SqliteIndex {
  let index = indexes.get(file);
  if (!index) {
    index = new SqliteIndex(file, { readonly: true });
    indexes.set(file, index);
  }
  return index;
}

/** The thread's connection pool to a shared index: two connections, as a view loads in parallel rounds. */
function sharedReader(url: string, schema: string): Promise<BriefSource> {
  const id = `${schema}\u0000${url}`;
  let source = shared.get(id);
  if (!source) {
    source = PgIndex.open(url, { schema, max: 2 }).then((index) => viewBriefs(pgAsyncIndex(index)));
    // A failed open is tried again by the next task rather than remembered.
    source.catch(() => shared.delete(id));
    shared.set(id, source);
  }
  return source;
}

/** The index a task names: a file is read synchronously (as before); a shared index through its views. */
async function open(at: IndexAt): Promise<{ file: SqliteIndex | null; source: BriefSource }> {
  if ("file" in at) {
    const file = reader(at.file);
    return { file, source: inProcessBriefs(file) };
  }
  return { file: null, source: await sharedReader(at.url, at.schema) };
}

export default async function run(task: BriefTask): Promise<BriefOutcome> {
  const { file, source } = await open(task.at);
  if (task.kind === "open") return { kind: "opened" };
  if (task.kind === "stories") return { kind: "stories", list: await source.stories(task.scope) };
  try {
    const options =
      task.maxQuotes === undefined ? { scope: task.scope } : { scope: task.scope, maxQuotes: task.maxQuotes };
    const brief = file ? groundedBrief(file, task.topic, options) : await source.brief(task.topic, options);
    return { kind: "brief", brief };
  } catch (error) {
    if (error instanceof UnknownTopicError)
      return { kind: "unknown", topic: error.topic, suggestions: error.suggestions };
    if (error instanceof EmptyTopicError) return { kind: "empty" };
    throw error;
  }
}
