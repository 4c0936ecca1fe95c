// Opens the store Docket keeps its state in: embedded SQLite by default, so a user needs no server; Redis or
// PostgreSQL when DOCKET_STORE_URL names one. Opening is bounded in time and checks the server answers as
// the expected kind, so a wrong URL is one clear StoreError instead of a hang or a driver stack trace.
import { randomUUID } from "node:crypto";
import Keyv, { type KeyvStoreAdapter } from "keyv";
import type { IdSet } from "./backend.js";
import { backendFor } from "./backends.js";
import { isSqliteCorruption, storeErrorFrom, withTimeout } from "./storeError.js";

export interface Store {
  /** A Keyv for one kind of data; namespaces keep kinds apart inside one database. */
  namespace<T>(name: string): Keyv<T>;
  /** A set of ids whose add/remove are atomic in the backend (safe with several writing processes). */
  idSet(name: string): IdSet;
  /**
   * Takes (or renews) a named lease for this store handle for `ttlMs` from `now`: true for one holder at a
   * time across every process sharing the store, so work such as polling one feed is done once.
   */
  lease(name: string, ttlMs: number, now?: number): Promise<boolean>;
  /** Which backend, for logs: "sqlite", "redis" or "postgres". */
  readonly backend: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Upper bound on opening (connect + first answer), in ms; the message names the URL when it is hit. */
  timeoutMs?: number;
}

/** Well under the 10 s a person waits before deciding something hangs, process start-up included. */
export const DEFAULT_OPEN_TIMEOUT_MS = 5000;

const ADAPTER_METHODS = new Set(["get", "getMany", "set", "setMany", "delete", "deleteMany", "clear", "has"]);

/**
 * An adapter whose failures on a corrupt SQLite file become the StoreError that names the file and how to
 * move it aside; damage deep in a file is only found when a read reaches it, long after opening.
 */
function namingCorruption(adapter: KeyvStoreAdapter, url: string): KeyvStoreAdapter {
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop !== "string" || !ADAPTER_METHODS.has(prop) || typeof value !== "function") return value;
      return async (...args: unknown[]): Promise<unknown> => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (error) {
          throw isSqliteCorruption(error) ? storeErrorFrom(error, url, "reading the store") : error;
        }
      };
    },
  });
}

export async function openStore(url: string, options: OpenOptions = {}): Promise<Store> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_OPEN_TIMEOUT_MS;
  const backend = await backendFor(url, { connectTimeoutMs: Math.max(500, Math.floor(timeoutMs * 0.6)) });
  try {
    await withTimeout(backend.prepare(), timeoutMs, url, backend.tried);
  } catch (error) {
    // Leave no socket or timer behind: the CLI must be able to exit with its message.
    await backend.close().catch(() => undefined);
    throw error;
  }
  const open: Keyv[] = [];
  // One holder per opened store: a process that opens the store twice competes with itself, as it should.
  const holder = randomUUID();
  return {
    backend: backend.name,
    namespace<T>(name: string): Keyv<T> {
      const store =
        backend.name === "sqlite" ? namingCorruption(backend.adapter(name), url) : backend.adapter(name);
      // A failed read must throw, not look like a missing key: callers would overwrite what they missed.
      const keyv = new Keyv<T>({ store, namespace: name, throwOnErrors: true });
      keyv.on("error", () => undefined);
      open.push(keyv);
      return keyv;
    },
    idSet(name: string): IdSet {
      const set = backend.idSet(name);
      if (backend.name !== "sqlite") return set;
      const wrap =
        <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
        async (...a: A): Promise<R> => {
          try {
            return await fn(...a);
          } catch (error) {
            throw isSqliteCorruption(error) ? storeErrorFrom(error, url, "reading the store") : error;
          }
        };
      return {
        add: wrap((ids: readonly string[]) => set.add(ids)),
        remove: wrap((ids: readonly string[]) => set.remove(ids)),
        members: wrap(() => set.members()),
        clear: wrap(() => set.clear()),
        version: wrap(() => set.version()),
      };
    },
    async lease(name, ttlMs, now = Date.now()) {
      try {
        return await backend.leases.take(name, holder, now, now + ttlMs);
      } catch (error) {
        throw isSqliteCorruption(error) ? storeErrorFrom(error, url, "reading the store") : error;
      }
    },
    async close() {
      // SQLite adapters hold one connection each; Redis and PostgreSQL adapters share the backend's.
      if (backend.name === "sqlite")
        await Promise.all(open.map((k) => k.disconnect().catch(() => undefined)));
      await backend.close().catch(() => undefined);
    },
  };
}
