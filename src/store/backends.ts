// The three store backends behind openStore: embedded SQLite (default), Redis and PostgreSQL. Each gives
// Keyv adapters for plain keyed state and an IdSet whose add/remove are single atomic operations in the
// backend itself (SQLite INSERT OR IGNORE, Redis SADD/SREM, PostgreSQL INSERT … ON CONFLICT), so several
// processes writing one store never lose each other's ids — an in-process lock could not promise that.
import { mkdirSync } from "node:fs";
import path from "node:path";
import KeyvSqlite from "@keyv/sqlite";
import {
  LEASES_TABLE,
  SET_VERSIONS_TABLE,
  SETS_TABLE,
  TAKE_LEASE,
  type Backend,
  type BackendOptions,
} from "./backend.js";
import { StoreError, redactUrl, sqliteFile } from "./storeError.js";

/** Waiting this long for SQLite's write lock covers a long import in another process. */
const SQLITE_BUSY_MS = 15_000;

/**
 * Each set's change counter, bumped by triggers in the statement that adds or removes a member, so no writer
 * (this build's or any other that writes the table) can change a set without moving it. The epoch is random
 * per set and store, so a counter of another (or a re-created) store never matches a mark taken here.
 */
const VERSION_TRIGGERS = (["INSERT", "DELETE"] as const).map((event) => {
  const row = event === "INSERT" ? "NEW" : "OLD";
  return `CREATE TRIGGER IF NOT EXISTS ${SETS_TABLE}_${event.toLowerCase()} AFTER ${event} ON ${SETS_TABLE} BEGIN
    INSERT INTO ${SET_VERSIONS_TABLE}(name, epoch, version) VALUES (${row}.name, lower(hex(randomblob(8))), 1)
    ON CONFLICT(name) DO UPDATE SET version = version + 1;
  END`;
});

type Run = (sql: string, ...params: unknown[]) => Promise<Array<Record<string, unknown>>>;

/** A set's mark: its epoch and change counter. */
async function setVersion(run: Run, name: string): Promise<string> {
  const read = `SELECT epoch || ':' || version AS mark FROM ${SET_VERSIONS_TABLE} WHERE name = ?`;
  let rows = await run(read, name);
  if (rows.length === 0) {
    // A set not changed since the triggers exist (empty, or filled by an older Docket): give it an epoch now,
    // so its mark is this store's own and not one that another store's unchanged set would share.
    await run(
      `INSERT INTO ${SET_VERSIONS_TABLE}(name, epoch, version) VALUES (?, lower(hex(randomblob(8))), 0) ON CONFLICT(name) DO NOTHING`,
      name,
    );
    rows = await run(read, name);
  }
  return String(rows[0]?.mark);
}

function sqliteBackend(url: string): Backend {
  const file = url.slice("sqlite://".length);
  if (sqliteFile(url) !== null) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const open = (): KeyvSqlite => new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: SQLITE_BUSY_MS });
  const control = open();
  // The adapter emits its connection error and also rejects the query; the rejection is what we report.
  control.on("error", () => undefined);
  const ready = (async () => {
    // WAL lets the bot read while a writer (an import, a digest run) holds the database. On a file that is
    // not a database this is the first statement to fail, with SQLITE_NOTADB.
    if (sqliteFile(url) !== null) await control.query("PRAGMA journal_mode=WAL");
    await control.query(
      `CREATE TABLE IF NOT EXISTS ${SETS_TABLE}(name TEXT NOT NULL, member TEXT NOT NULL, PRIMARY KEY(name, member)) WITHOUT ROWID`,
    );
    await control.query(
      `CREATE TABLE IF NOT EXISTS ${LEASES_TABLE}(name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at INTEGER NOT NULL)`,
    );
    await control.query(
      `CREATE TABLE IF NOT EXISTS ${SET_VERSIONS_TABLE}(name TEXT PRIMARY KEY, epoch TEXT NOT NULL, version INTEGER NOT NULL)`,
    );
    for (const trigger of VERSION_TRIGGERS) await control.query(trigger);
    // Reading a row of each table finds most damage past the header without scanning the whole file.
    await control.query("SELECT key FROM keyv LIMIT 1");
    await control.query(`SELECT member FROM ${SETS_TABLE} LIMIT 1`);
  })();
  ready.catch(() => undefined);
  const run: Run = async (sql, ...params) => {
    await ready;
    return (await control.query(sql, ...params)) as Array<Record<string, unknown>>;
  };
  return {
    name: "sqlite",
    tried: `opening the SQLite file ${file}`,
    prepare: () => ready,
    adapter: () => {
      const adapter = open();
      return adapter;
    },
    idSet: (name) => ({
      // One statement each: SQLite runs it as its own transaction, taking the write lock (waiting up to
      // busyTimeout for another process) before it reads, so no insert is lost.
      async add(ids) {
        if (ids.length > 0)
          await run(
            `INSERT OR IGNORE INTO ${SETS_TABLE}(name, member) SELECT ?, value FROM json_each(?)`,
            name,
            JSON.stringify(ids),
          );
      },
      async remove(ids) {
        if (ids.length > 0)
          await run(
            `DELETE FROM ${SETS_TABLE} WHERE name = ? AND member IN (SELECT value FROM json_each(?))`,
            name,
            JSON.stringify(ids),
          );
      },
      async members() {
        const rows = await run(`SELECT member FROM ${SETS_TABLE} WHERE name = ?`, name);
        return rows.map((r) => String(r.member));
      },
      async clear() {
        await run(`DELETE FROM ${SETS_TABLE} WHERE name = ?`, name);
      },
      version: () => setVersion(run, name),
    }),
    leases: {
      async take(name, holder, now, until) {
        const rows = await run(
          TAKE_LEASE(() => "?"),
          name,
          holder,
          until,
          now,
        );
        return rows.length > 0;
      },
    },
    close: () => control.disconnect(),
  };
}

/**
 * The backend for a store URL. Redis and PostgreSQL drivers are imported here, when their URL asks for them:
 * loading them costs a CLI call on the default SQLite store a noticeable part of its start.
 */
export async function backendFor(url: string, options: BackendOptions): Promise<Backend> {
  if (url.startsWith("sqlite://")) return sqliteBackend(url);
  if (url.startsWith("redis://") || url.startsWith("rediss://"))
    return (await import("./redisBackend.js")).redisBackend(url, options);
  if (url.startsWith("postgres://") || url.startsWith("postgresql://"))
    return (await import("./postgresBackend.js")).postgresBackend(url, options);
  throw new StoreError(
    "unsupported",
    `DOCKET_STORE_URL=${redactUrl(url)} is not a supported store URL: expected sqlite://PATH, redis://HOST:PORT or postgres://USER@HOST:PORT/DB`,
  );
}
