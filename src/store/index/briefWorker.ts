// Worker-thread side of the brief pool: opens the index file as a reader and builds grounded briefs and
// story lists there, so the bot's event loop only sends a topic and receives plain data. A reader sees
// every commit (SQLite WAL); its caches are keyed by the database's data_version, so a brief asked for
// right after an add includes the new document.
import { groundedBrief } from "../../core/brief/buildBrief.js";
import type { Brief } from "../../core/brief/schema.js";
import { inProcessBriefs, type StoryList } from "../../core/brief/briefSource.js";
import { EmptyTopicError, UnknownTopicError } from "../../core/errors.js";
import type { Scope } from "../../core/index/docIndex.js";
import { SqliteIndex } from "./sqliteIndex.js";

export type BriefTask =
  | { kind: "brief"; file: string; topic: string; scope: Scope; maxQuotes?: number | undefined }
  | { kind: "stories"; file: string; scope: Scope }
  | { kind: "open"; file: string };

/** Errors cross the thread boundary as data: a structured clone would lose their class. */
export type BriefOutcome =
  | { kind: "brief"; brief: Brief }
  | { kind: "stories"; list: StoryList }
  | { kind: "unknown"; topic: string; suggestions: string[] }
  | { kind: "empty" }
  | { kind: "opened" };

const indexes = new Map<string, SqliteIndex>();

function reader(file: string): SqliteIndex {
  let index = indexes.get(file);
  if (!index) {
    index = new SqliteIndex(file, { readonly: true });
    indexes.set(file, index);
  }
  return index;
}

export default async function run(task: BriefTask): Promise<BriefOutcome> {
  const index = reader(task.file);
  if (task.kind === "open") return { kind: "opened" };
  if (task.kind === "stories")
    return { kind: "stories", list: await inProcessBriefs(index).stories(task.scope) };
  try {
    const options =
      task.maxQuotes === undefined ? { scope: task.scope } : { scope: task.scope, maxQuotes: task.maxQuotes };
    return { kind: "brief", brief: groundedBrief(index, task.topic, options) };
  } catch (error) {
    if (error instanceof UnknownTopicError)
      return { kind: "unknown", topic: error.topic, suggestions: error.suggestions };
    if (error instanceof EmptyTopicError) return { kind: "empty" };
    throw error;
  }
}
