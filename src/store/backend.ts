// What every store backend provides (Keyv adapters, an atomic id set, leases) and the SQL the SQLite and
// PostgreSQL backends share. Its own module so each backend's driver is imported only by that backend's file.
import type { KeyvStoreAdapter } from "keyv";
import { redactUrl } from "./storeError.js";

/** A set of ids that several processes may change at once without losing updates. */
export interface IdSet {
  add(ids: readonly string[]): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
  members(): Promise<string[]>;
  clear(): Promise<void>;
  /**
   * A mark that changes whenever a member is added or removed, so a reader can tell "nothing changed" without
   * listing the members; null when the backend keeps none (the reader then lists them).
   */
  version(): Promise<string | null>;
}

/**
 * A named lease several processes compete for: `take` succeeds for one holder at a time, and again for the
 * same holder (a renewal), until `until` (ms since the epoch) passes; then anyone may take it. One atomic
 * statement per backend, so two processes can never both hold it.
 */
export interface Leases {
  take(name: string, holder: string, now: number, until: number): Promise<boolean>;
}

export interface Backend {
  readonly name: "sqlite" | "redis" | "postgres";
  /** What connecting means here, for messages ("connecting to Redis at 127.0.0.1:6390"). */
  readonly tried: string;
  /** Connects and checks the server (or file) answers as the expected kind; throws the driver's error. */
  prepare(): Promise<void>;
  adapter(namespace: string): KeyvStoreAdapter;
  idSet(name: string): IdSet;
  readonly leases: Leases;
  /** Tears down connections opened by prepare (after a failure or timeout too). */
  close(): Promise<void>;
}

/** Per-step connection timeout inside the overall bound openStore puts on opening. */
export interface BackendOptions {
  connectTimeoutMs: number;
}

export const SETS_TABLE = "docket_sets";
export const LEASES_TABLE = "docket_leases";
export const SET_VERSIONS_TABLE = "docket_set_versions";
/** Insert, or take over an expired lease or renew one's own; a row comes back only when the lease is ours. */
export const TAKE_LEASE = (p: (i: number) => string): string =>
  `INSERT INTO ${LEASES_TABLE}(name, holder, expires_at) VALUES (${p(1)}, ${p(2)}, ${p(3)})
   ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
   WHERE ${LEASES_TABLE}.expires_at <= ${p(4)} OR ${LEASES_TABLE}.holder = excluded.holder
   RETURNING holder`;

export function hostPort(url: string, defaultPort: number): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || "localhost"}:${parsed.port || String(defaultPort)}`;
  } catch {
    return redactUrl(url);
  }
}
