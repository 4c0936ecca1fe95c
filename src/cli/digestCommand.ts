// `docket digest [--since DATE] [--seeds DIR]`: what a digest would contain for the documents in the folders,
// a file's modification time standing for when it was indexed. Text (stories, bullets with [n], quote,
// changes, numbered sources) or JSON.
import { stat } from "node:fs/promises";
import path from "node:path";
import { buildDigest } from "../core/digest/buildDigest.js";
import { type Digest } from "../core/digest/types.js";
import { DocumentIndex } from "../core/index/docIndex.js";
import { loadFolder } from "../core/ingest/loadFolder.js";

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

const stamp = (ms: number): string => new Date(ms).toISOString().replace(/:\d{2}\.\d{3}Z$/, "Z");
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const CHANGE_LABELS = { development: "New:", "new-question": "New question:", answered: "" } as const;

export function renderDigestText(digest: Digest): string {
  const number = new Map(digest.sources.map((s, i) => [s.id, i + 1]));
  const cite = (ids: readonly string[]): string =>
    [...new Set(ids.map((id) => `[${number.get(id) ?? "?"}]`))].join("");
  const window = `${stamp(digest.since)} to ${stamp(digest.until)}`;
  if (digest.empty) return `Nothing new: no documents were added ${window}.`;
  const newDocuments = digest.stories.reduce((sum, s) => sum + s.newDocuments, 0);
  const lines = [
    `Digest of documents added ${window} — ${plural(digest.stories.length, "story", "stories")} from ${plural(newDocuments, "new document")}`,
  ];
  digest.stories.forEach((story, i) => {
    lines.push("", `${i + 1}. ${story.headline} (${plural(story.newDocuments, "new document")})`);
    for (const b of story.bullets) lines.push(`   • ${b.text} ${cite(b.sources)}`);
    if (story.quote)
      lines.push(
        `   “${story.quote.text}” — ${story.quote.speaker ?? "unattributed"} ${cite([story.quote.source])}`,
      );
    if (story.changes.length > 0) {
      lines.push("   What changed:");
      for (const c of story.changes) {
        const label = CHANGE_LABELS[c.kind];
        const step = c.date ? `(${[c.label, c.date].filter(Boolean).join(", ")}) ` : "";
        lines.push(`     + ${label ? `${label} ` : ""}${step}${c.text} ${cite([c.source])}`);
      }
    }
  });
  lines.push("", "Sources");
  digest.sources.forEach((s, i) => {
    const meta = [s.outlet, s.published].filter(Boolean).join(", ");
    lines.push(`  [${i + 1}] ${s.title}${meta ? ` (${meta})` : ""}`, `      ${s.url ?? s.location}`);
  });
  return lines.join("\n");
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
