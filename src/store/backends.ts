// The three store backends behind openStore: embedded SQLite (default), Redis and PostgreSQL. Each gives
// Keyv adapters for plain keyed state and an IdSet whose add/remove are single atomic operations in the
// backend itself (SQLite INSERT OR IGNORE, Redis SADD/SREM, PostgreSQL INSERT … ON CONFLICT), so several
// processes writing one store never lose each other's ids — an in-process lock could not promise that.
import { mkdirSync } from "node:fs";
import path from "node:path";
import KeyvPostgres from "@keyv/postgres";
import KeyvRedis, { createClient } from "@keyv/redis";
import KeyvSqlite from "@keyv/sqlite";
import type { KeyvStoreAdapter } from "keyv";
import { StoreError, redactUrl, sqliteFile } from "./storeError.js";

/** A set of ids that several processes may change at once without losing updates. */
export interface IdSet {
  add(ids: readonly string[]): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
  members(): Promise<string[]>;
  clear(): Promise<void>;
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

/** Waiting this long for SQLite's write lock covers a long import in another process. */
const SQLITE_BUSY_MS = 15_000;
const SETS_TABLE = "docket_sets";
const LEASES_TABLE = "docket_leases";
/** Insert, or take over an expired lease or renew one's own; a row comes back only when the lease is ours. */
const TAKE_LEASE = (p: (i: number) => string): string =>
  `INSERT INTO ${LEASES_TABLE}(name, holder, expires_at) VALUES (${p(1)}, ${p(2)}, ${p(3)})
   ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
   WHERE ${LEASES_TABLE}.expires_at <= ${p(4)} OR ${LEASES_TABLE}.holder = excluded.holder
   RETURNING holder`;

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
    // Reading a row of each table finds most damage past the header without scanning the whole file.
    await control.query("SELECT key FROM keyv LIMIT 1");
    await control.query(`SELECT member FROM ${SETS_TABLE} LIMIT 1`);
  })();
  ready.catch(() => undefined);
  const run = async (sql: string, ...params: unknown[]): Promise<Array<Record<string, unknown>>> => {
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

function hostPort(url: string, defaultPort: number): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || "localhost"}:${parsed.port || String(defaultPort)}`;
  } catch {
    return redactUrl(url);
  }
}

function redisBackend(url: string, options: BackendOptions): Backend {
  let connected = false;
  const client = createClient({
    url,
    // node-redis queues commands while it reconnects: without this a wrong port hangs every call forever.
    // Before the first connection, one retry and then give up; once connected, retry with backoff so a
    // Redis restart does not take the bot down.
    socket: {
      connectTimeout: options.connectTimeoutMs,
      reconnectStrategy: (retries: number, cause: Error) => {
        if (!connected && retries >= 1) return cause;
        return Math.min(200 * 2 ** retries, 5000);
      },
    },
  });
  // Errors also reach the caller as rejected commands; without a listener node-redis would crash the process.
  client.on("error", () => undefined);
  const key = (name: string): string => `docket-set:${name}`;
  // GET and SET in one script: Redis runs it atomically, and the key's expiry ends an abandoned lease.
  const TAKE = `local h = redis.call('GET', KEYS[1])
    if (not h) or h == ARGV[1] then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
    return 0`;
  return {
    name: "redis",
    tried: `connecting to Redis at ${hostPort(url, 6379)}`,
    async prepare() {
      await client.connect();
      // A server of another kind may accept the connection; only a real Redis answers PONG.
      const pong = await client.ping();
      if (pong !== "PONG") throw new Error(`the server answered ${pong} instead of PONG`);
      connected = true;
    },
    adapter: (namespace) => new KeyvRedis(client, { namespace, throwOnConnectError: true }),
    idSet: (name) => ({
      async add(ids) {
        if (ids.length > 0) await client.sAdd(key(name), [...ids]);
      },
      async remove(ids) {
        if (ids.length > 0) await client.sRem(key(name), [...ids]);
      },
      members: () => client.sMembers(key(name)),
      async clear() {
        await client.del(key(name));
      },
    }),
    leases: {
      async take(name, holder, now, until) {
        const ttl = String(Math.max(1, Math.round(until - now)));
        const won = await client.eval(TAKE, { keys: [`docket-lease:${name}`], arguments: [holder, ttl] });
        return won === 1;
      },
    },
    async close() {
      if (!client.isOpen) return;
      // A client that never connected may still be retrying: stop it outright; else let queued replies finish.
      if (connected) await client.close();
      else client.destroy();
    },
  };
}

function postgresBackend(url: string, options: BackendOptions): Backend {
  const open = (): KeyvPostgres =>
    new KeyvPostgres({
      uri: url,
      table: "docket",
      // Handed to pg.Pool: a wrong port or a server of another kind fails instead of waiting forever.
      connectionTimeoutMillis: options.connectTimeoutMs,
    } as ConstructorParameters<typeof KeyvPostgres>[0]);
  const control = open();
  let problem: unknown;
  control.on("error", (error: unknown) => {
    problem ??= error;
  });
  const run = async (sql: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> => {
    try {
      return (await control.query(sql, params)) as Array<Record<string, unknown>>;
    } catch (error) {
      // After a failed first connection the adapter has no query function left; report why.
      throw problem ?? error;
    }
  };
  return {
    name: "postgres",
    tried: `connecting to PostgreSQL at ${hostPort(url, 5432)}`,
    async prepare() {
      await run("SELECT 1");
      try {
        await run(
          `CREATE TABLE IF NOT EXISTS ${SETS_TABLE}(name text NOT NULL, member text NOT NULL, PRIMARY KEY(name, member))`,
        );
        await run(
          `CREATE TABLE IF NOT EXISTS ${LEASES_TABLE}(name text PRIMARY KEY, holder text NOT NULL, expires_at bigint NOT NULL)`,
        );
      } catch (error) {
        // Two processes starting at once may both try to create it; one wins, the other sees 23505/42P07.
        const code = typeof error === "object" && error && "code" in error ? String(error.code) : "";
        if (code !== "23505" && code !== "42P07") throw error;
      }
    },
    adapter: () => open(),
    idSet: (name) => ({
      async add(ids) {
        if (ids.length > 0)
          await run(
            `INSERT INTO ${SETS_TABLE}(name, member) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
            [name, [...ids]],
          );
      },
      async remove(ids) {
        if (ids.length > 0)
          await run(`DELETE FROM ${SETS_TABLE} WHERE name = $1 AND member = ANY($2::text[])`, [
            name,
            [...ids],
          ]);
      },
      async members() {
        const rows = await run(`SELECT member FROM ${SETS_TABLE} WHERE name = $1`, [name]);
        return rows.map((r) => String(r.member));
      },
      async clear() {
        await run(`DELETE FROM ${SETS_TABLE} WHERE name = $1`, [name]);
      },
    }),
    leases: {
      async take(name, holder, now, until) {
        const rows = await run(
          TAKE_LEASE((i) => `$${i}`),
          [name, holder, until, now],
        );
        return rows.length > 0;
      },
    },
    // KeyvPostgres shares one pg pool per process; ending it closes every adapter's connections.
    close: () => control.disconnect(),
  };
}

export function backendFor(url: string, options: BackendOptions): Backend {
  if (url.startsWith("sqlite://")) return sqliteBackend(url);
  if (url.startsWith("redis://") || url.startsWith("rediss://")) return redisBackend(url, options);
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) return postgresBackend(url, options);
  throw new StoreError(
    "unsupported",
    `DOCKET_STORE_URL=${redactUrl(url)} is not a supported store URL: expected sqlite://PATH, redis://HOST:PORT or postgres://USER@HOST:PORT/DB`,
  );
}
