// The safe fetcher's public option and result shapes, and the settled options every module reads.
import type { LookupFn } from "./guard.js";
import type { FetchKind } from "./limits.js";

export interface FetchOptions {
  kind: FetchKind;
  /**
   * Host names or IP literals an operator allows although they are private (self-hosters on a LAN;
   * tests use it for their loopback servers). A name matches the host as typed; an IP (any spelling)
   * or CIDR block ("192.168.0.0/16") matches the address connected to. Default none.
   */
  allowPrivateHosts?: readonly string[];
  /** Injected DNS for tests; default node:dns/promises lookup with all: true. */
  lookup?: LookupFn;
  /** Per connection: DNS, then TCP and TLS setup. Default 5000. */
  connectTimeoutMs?: number;
  /** The whole fetch, every hop and the body included. Default 20000. */
  totalTimeoutMs?: number;
  /** Redirects followed, each re-checked from scratch. Default 4. */
  maxRedirects?: number;
  /** Cap on the body, counted after decompression. Default: feed 5 MiB, page 2 MiB. */
  maxBytes?: number;
  /** Sent back verbatim as If-None-Match. */
  etag?: string | null;
  /** Sent back verbatim as If-Modified-Since. */
  lastModified?: string | null;
  /** Default DEFAULT_USER_AGENT ("DocketBot/0.1 (…)"). */
  userAgent?: string;
}

export interface FetchResult {
  status: number;
  /** Final URL after redirects. */
  url: string;
  notModified: boolean;
  contentType: string | null;
  /** The response's validator; on a 304 without one, the validator that was sent. */
  etag: string | null;
  lastModified: string | null;
  /** Body decoded as text (charset from BOM, Content-Type or the document), invalid bytes as U+FFFD. */
  text: string;
  bytes: number;
  /** For 429/503: the Retry-After in ms if given (seconds or HTTP date). */
  retryAfterMs: number | null;
}

/** FetchOptions with every default filled in and the validators made safe to send. */
export type Settings = Required<Omit<FetchOptions, "allowPrivateHosts" | "etag" | "lastModified">> & {
  etag: string | null;
  lastModified: string | null;
};
