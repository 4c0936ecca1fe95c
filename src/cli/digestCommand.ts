// `docket digest [--since DATE] [--seeds DIR]`: what a digest would contain for the documents in the folders,
// a file's modification time standing for when it was indexed; as text (rendered in renderText.ts) or JSON.
import { stat } from "node:fs/promises";
import path from "node:path";
import { buildDigest } from "../core/digest/buildDigest.js";
import { DocumentIndex } from "../core/index/docIndex.js";
import { loadFolder } from "../core/ingest/loadFolder.js";
import { renderDigestText } from "./renderText.js";

export interface DigestCommandArgs {
  /** A date (YYYY-MM-DD, local midnight) or an ISO date-time; absent: seven days ago. */
  since: string | undefined;
  folders: string[];
  json: boolean;
}

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

/** Exit code: 0 printed, 1 a folder could not be read, 2 the date is not a date (the reason on `err`). */
export async function digestCommand(
  args: DigestCommandArgs,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const until = Date.now();
  const since = args.since === undefined ? until - DEFAULT_DIGEST_DAYS * DAY : parseSince(args.since, until);
  if (since === null) {
    err.write(
      `--since takes a date (YYYY-MM-DD), an ISO date-time or a number of days (7d), not "${args.since ?? ""}"\n`,
    );
    return 2;
  }
  const index = new DocumentIndex();
  for (const folder of args.folders) {
    try {
      const { documents } = await loadFolder(folder);
      for (const doc of documents) {
        // The file's modification time stands for when it was indexed.
        const { mtimeMs } = await stat(path.join(folder, ...doc.location.split("/")));
        index.add({ ...doc, addedAt: Math.floor(mtimeMs) });
      }
    } catch (error) {
      err.write(`cannot read ${folder}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  }
  const digest = buildDigest(index, { scope: {}, since, until });
  out.write(args.json ? `${JSON.stringify(digest, null, 2)}\n` : `${renderDigestText(digest)}\n`);
  return 0;
}
