// The PostgreSQL backend: Keyv adapters sharing one pg pool, id sets and leases as single statements
// (INSERT … ON CONFLICT). Imported only when the store URL is postgres://, so other stores never load pg.
import KeyvPostgres from "@keyv/postgres";
import {
  hostPort,
  LEASES_TABLE,
  SETS_TABLE,
  TAKE_LEASE,
  type Backend,
  type BackendOptions,
} from "./backend.js";

export function postgresBackend(url: string, options: BackendOptions): Backend {
  const open = (): KeyvPostgres =>
    new KeyvPostgres({
      uri: url,
      table: "docket",
      // Handed to pg.Pool: a wrong port or a server of another kind fails instead of waiting forever.
      connectionTimeoutMillis: options.connectTimeoutMs,
    });
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
      // No change counter kept here yet: readers list the members.
      version: () => Promise.resolve(null),
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
