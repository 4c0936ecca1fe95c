// `docket digest [--since DATE] [--seeds DIR]`: what a digest would contain for the documents the other
// commands read (the app's index of the seed folders and, without --seeds, the stored sources), a seed file's
// modification time standing for when it was added; as text (rendered in renderText.ts) or JSON.
import type { AnalyzedDocument } from "../core/analyze/analyzeDocument.js";
import { buildDigest } from "../core/digest/buildDigest.js";
import { UserError } from "../core/errors.js";
import type { DocumentIndex, Scope } from "../core/index/docIndex.js";
import { localIndex, type BriefContext } from "./briefCommands.js";
import { renderDigestText } from "./renderText.js";

const DAY = 24 * 60 * 60 * 1000;
export const DEFAULT_DIGEST_DAYS = 7;

/** Milliseconds since the epoch, or null when the text is not a date. */
export function parseSince(text: string, now = Date.now()): number | null {
  const trimmed = text.trim();
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const local = new Date(year, month - 1, date);
    // new Date rolls 2024-02-31 over to March; a date that does not exist is not a date.
    if (local.getFullYear() !== year || local.getMonth() !== month - 1 || local.getDate() !== date)
      return null;
    return local.getTime();
  }
  const relative = /^(\d{1,4})d$/.exec(trimmed);
  if (relative) return now - Number(relative[1]) * DAY;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(trimmed)) return null;
  const parsed = Date.parse(trimmed);
  return Number.isNaN(parsed) ? null : parsed;
}

/** The analysis with the document's added time set; its parts are the same objects (read, never copied). */
function withAddedAt(analyzed: AnalyzedDocument, addedAt: number): AnalyzedDocument {
  const { paragraphs, sentences, quotes, entities, published, acronyms } = analyzed;
  return { doc: { ...analyzed.doc, addedAt }, paragraphs, sentences, quotes, entities, published, acronyms };
}

/**
 * The index as a digest reads it: a seed document, which carries no time of its own, counts as added when
 * its file was last modified; a stored document keeps the time it was added.
 */
function addedAtFileTimes(index: DocumentIndex, modified: ReadonlyMap<string, number>): DocumentIndex {
  function* documents(scope?: Scope): Iterable<AnalyzedDocument> {
    for (const analyzed of index.documents(scope)) {
      const at = analyzed.doc.addedAt === undefined ? modified.get(analyzed.doc.id) : undefined;
      yield at === undefined ? analyzed : withAddedAt(analyzed, at);
    }
  }
  return new Proxy(index, {
    get(target, key) {
      if (key === "documents") return documents;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? (value as () => unknown).bind(target) : value;
    },
  });
}

/** Prints the digest; exit code 0. A date that is not a date is a usage error (exit 2). */
export async function digestCommand(since: string | undefined, ctx: BriefContext): Promise<number> {
  const until = Date.now();
  const from = since === undefined ? until - DEFAULT_DIGEST_DAYS * DAY : parseSince(since, until);
  if (from === null) {
    // Not UsageError: the one line says what --since takes; the whole usage would bury it.
    throw new UserError(
      "usage",
      `--since takes a date (YYYY-MM-DD), an ISO date-time or a number of days (7d), not "${since ?? ""}"`,
    );
  }
  // The digest reads every document in scope in process: it stays on the index file for now.
  const index = await localIndex(ctx);
  const { modified } = await ctx.app.index();
  const digest = buildDigest(addedAtFileTimes(index, modified), {
    scope: ctx.guild ? { guild: ctx.guild } : {},
    since: from,
    until,
  });
  ctx.out.write(ctx.json ? `${JSON.stringify(digest, null, 2)}\n` : `${renderDigestText(digest)}\n`);
  return 0;
}
