// What Docket remembers about an admin-added source, and the ports the source service needs.
import type { SourceDocument } from "../core/ingest/document.js";
import type { FetchOptions, FetchResult } from "../fetch/types.js";

export type SourceKind = "feed" | "article" | "file" | "folder";

export interface Source {
  id: string;
  guild: string;
  kind: SourceKind;
  /** The feed or article URL after redirects; the file name for files. */
  url: string;
  title: string;
  addedBy: string;
  /** Where it was added: failure notices go there. */
  channelId: string | null;
  createdAt: number;
  status: "active" | "paused";
  /** Why it is paused, in words a person understands. */
  pausedReason: string | null;
  intervalMinutes: number;
  lastFetchAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  consecutiveFailures: number;
  nextFetchAt: number | null;
  etag: string | null;
  lastModified: string | null;
  itemCount: number;
}

export interface StoredDocument extends SourceDocument {
  sourceId: string;
}

export type Fetcher = (url: string, options: FetchOptions) => Promise<FetchResult>;

/** Posts a short notice in a channel (the Discord edge implements it; tests record it). */
export type Notifier = (channelId: string, message: string) => Promise<void>;

export const DEFAULT_INTERVAL_MINUTES = 30;
export const MAX_FAILURES = 10;
