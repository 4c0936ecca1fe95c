// Opens the key-value store (Keyv) that Docket keeps its state in: embedded SQLite by default, so a user
// needs no server; Redis or PostgreSQL through their Keyv adapters when DOCKET_STORE_URL names one.
import { mkdirSync } from "node:fs";
import path from "node:path";
import KeyvPostgres from "@keyv/postgres";
import KeyvRedis from "@keyv/redis";
import KeyvSqlite from "@keyv/sqlite";
import Keyv, { type KeyvStoreAdapter } from "keyv";

export interface Store {
  /** A Keyv for one kind of data; namespaces keep kinds apart inside one database. */
  namespace<T>(name: string): Keyv<T>;
  /** Which backend, for logs: "sqlite", "redis" or "postgres". */
  readonly backend: string;
  close(): Promise<void>;
}

type Backend = { name: string; connect(namespace: string): KeyvStoreAdapter; prepare?(): Promise<void> };

function backendFor(url: string): Backend {
  if (url.startsWith("sqlite://")) {
    const file = url.slice("sqlite://".length);
    if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const open = (): KeyvSqlite => new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 5000 });
    return {
      name: "sqlite",
      connect: open,
      // WAL lets the bot read while a writer (an import, a digest run) holds the database.
      async prepare() {
        if (file === ":memory:") return;
        const first = open();
        await first.query("PRAGMA journal_mode=WAL");
        await first.disconnect();
      },
    };
  }
  if (url.startsWith("redis://") || url.startsWith("rediss://")) {
    return { name: "redis", connect: (namespace) => new KeyvRedis(url, { namespace }) };
  }
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    return { name: "postgres", connect: () => new KeyvPostgres({ uri: url, table: "docket" }) };
  }
  throw new Error(`unsupported store URL ${url}: expected sqlite://PATH, redis://… or postgres://…`);
}

export async function openStore(url: string): Promise<Store> {
  const backend = backendFor(url);
  await backend.prepare?.();
  // One adapter per namespace: Keyv adapters carry the namespace they serve.
  const open: Keyv[] = [];
  return {
    backend: backend.name,
    namespace<T>(name: string): Keyv<T> {
      // A failed read must throw, not look like a missing key: the index shards would be overwritten.
      const keyv = new Keyv<T>({ store: backend.connect(name), namespace: name, throwOnErrors: true });
      keyv.on("error", () => undefined);
      open.push(keyv);
      return keyv;
    },
    async close() {
      await Promise.all(open.map((k) => k.disconnect().catch(() => undefined)));
    },
  };
}
