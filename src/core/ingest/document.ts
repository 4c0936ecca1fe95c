// The shape of a source document once loaded, before analysis; shared by every ingest path.
import { createHash } from "node:crypto";

/** Who a document belongs to: the bundled seeds are global, admin-added sources belong to one server. */
export type Owner = "global" | `guild:${string}`;

export interface SourceDocument {
  /** Stable id: a hash of the raw content, so re-ingesting the same file yields the same id. */
  id: string;
  title: string;
  url: string | null;
  /** ISO date (YYYY-MM-DD) when the document states one. */
  published: string | null;
  outlet: string | null;
  /** The file's path relative to its folder, or the URL it came from. */
  location: string;
  owner: Owner;
  /** The original text (after HTML extraction), kept so every quote can be proven verbatim. */
  raw: string;
  /** When the document was indexed (ms since the epoch); digests pick documents by it. Absent (the bundled seeds) counts as 0. */
  addedAt?: number;
}

export function documentId(raw: string): string {
  return createHash("sha256").update(raw).digest("hex").slice(0, 16);
}

/** True when year, month and day name a real calendar day (no 2020-13-45, no February 30th). */
function realDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Normalises a date-ish value to YYYY-MM-DD, or null when it is not a real date. */
export function isoDate(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value !== "string" || value.trim() === "" || value.length > 100) return null;
  const direct = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (direct) {
    const [year, month, day] = [Number(direct[1]), Number(direct[2]), Number(direct[3])];
    return realDay(year, month, day) ? `${direct[1]}-${direct[2]}-${direct[3]}` : null;
  }
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString().slice(0, 10);
}

/** The address when it is an absolute http(s) URL; anything else (javascript:, data:, file:, junk) is null. */
export function webUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
}
