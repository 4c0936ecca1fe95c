// Opens the key-value store (Keyv) that Docket keeps its state in: embedded SQLite by default, so a user
// needs no server. The adapter is the only part that knows which database is behind it.
import { mkdirSync } from "node:fs";
import path from "node:path";
import KeyvSqlite from "@keyv/sqlite";
import Keyv from "keyv";

export interface Store {
  /** A Keyv for one kind of data; namespaces keep kinds apart inside one database. */
  namespace<T>(name: string): Keyv<T>;
  close(): Promise<void>;
}

function sqlitePath(url: string): string {
  return url.replace(/^sqlite:\/\//, "");
}

/** `sqlite://data/docket.sqlite` (default) or `sqlite://:memory:`. */
export async function openStore(url: string): Promise<Store> {
  if (!url.startsWith("sqlite://")) throw new Error(`unsupported store URL ${url}: expected sqlite://PATH`);
  const file = sqlitePath(url);
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const connect = (): KeyvSqlite => new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 5000 });
  // WAL lets the bot read while a writer (an import, a digest run) holds the database.
  const first = connect();
  if (file !== ":memory:") await first.query("PRAGMA journal_mode=WAL");
  // One adapter per namespace: Keyv adapters carry the namespace they serve.
  const adapters: KeyvSqlite[] = [first];
  return {
    namespace<T>(name: string): Keyv<T> {
      const adapter = connect();
      adapters.push(adapter);
      return new Keyv<T>({ store: adapter, namespace: name });
    },
    async close() {
      await Promise.all(adapters.map((a) => a.disconnect()));
    },
  };
}
