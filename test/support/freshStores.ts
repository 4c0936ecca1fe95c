// A store of its own for one test run, per backend: a fresh SQLite file, an empty Redis database number, a new
// PostgreSQL database; dispose() empties or drops it again. Runs never see each other's keys, nor other suites'.
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import path from "node:path";
import { createClient } from "@keyv/redis";
import { openStore } from "../../src/store/openStore.js";
import { POSTGRES_URL, REDIS_URL } from "./services.js";

export interface FreshStore {
  url: string;
  dispose(): Promise<void>;
}

const fresh: Record<string, (work: string) => Promise<FreshStore>> = {
  sqlite: (work) => {
    const dir = mkdtempSync(path.join(work, "sqlite-"));
    return Promise.resolve({
      url: `sqlite://${path.join(dir, "store.sqlite")}`,
      dispose: () => Promise.resolve(),
    });
  },
  redis: async () => {
    // Database numbers 1-15 are unused by the other suites (they use 0 with prefixes); take an empty one.
    const admin = createClient({ url: REDIS_URL });
    await admin.connect();
    try {
      for (let db = 15; db >= 1; db--) {
        await admin.select(db);
        if ((await admin.dbSize()) === 0) {
          await admin.set("docket-concurrency-test", "claimed");
          const url = `${REDIS_URL.replace(/\/\d*$/, "")}/${db}`;
          return {
            url,
            dispose: async () => {
              const c = createClient({ url });
              await c.connect();
              await c.flushDb();
              await c.close();
            },
          };
        }
      }
      throw new Error("no empty Redis database number between 1 and 15");
    } finally {
      await admin.close();
    }
  },
  postgres: async () => {
    const name = `docket_conc_${randomUUID().slice(0, 8)}`;
    const admin = await openStore(POSTGRES_URL);
    const run = async (sql: string): Promise<void> => {
      const probe = admin.namespace("concurrency-admin");
      const adapter = probe.store as { query(sql: string): Promise<unknown> };
      await adapter.query(sql);
    };
    await run(`CREATE DATABASE ${name}`);
    await admin.close();
    const url = POSTGRES_URL.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
    return {
      url,
      dispose: async () => {
        const again = await openStore(POSTGRES_URL);
        const adapter = again.namespace("concurrency-admin").store as {
          query(sql: string): Promise<unknown>;
        };
        await adapter.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await again.close();
      },
    };
  },
};

/** A fresh store on `backend` (sqlite, redis or postgres); SQLite files go under `work`. */
export function freshStore(backend: string, work: string): Promise<FreshStore> {
  const open = fresh[backend];
  if (!open) return Promise.reject(new Error(`no such backend: ${backend}`));
  return open(work);
}
