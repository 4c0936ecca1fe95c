// The store check behind `docket doctor`: open (bounded), write a probe key, read it back, delete it, and on
// SQLite run SQLite's own integrity check; one typed result with one line for a person. It never throws.
import { randomUUID } from "node:crypto";
import { DEFAULT_OPEN_TIMEOUT_MS, openStore, type Store } from "./openStore.js";
import {
  StoreError,
  corruptSqlite,
  redactUrl,
  storeErrorFrom,
  withTimeout,
  type StoreProblem,
} from "./storeError.js";

export interface StoreHealth {
  ok: boolean;
  backend: "sqlite" | "redis" | "postgres" | "unknown";
  /** Why it failed; absent when ok. */
  problem?: StoreProblem;
  /** One line: what works, or what is wrong and what to do. */
  message: string;
  ms: number;
}

/** Probe keys expire by themselves should the delete never run. */
const PROBE_TTL_MS = 60_000;

export async function checkStore(url: string, options: { timeoutMs?: number } = {}): Promise<StoreHealth> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_OPEN_TIMEOUT_MS;
  const elapsed = (): number => Math.round(performance.now() - started);
  let store: Store | undefined;
  let backend: StoreHealth["backend"] = "unknown";
  try {
    store = await openStore(url, { timeoutMs });
    backend = store.backend as StoreHealth["backend"];
    const opened = store;
    await withTimeout(
      (async () => {
        const probes = opened.namespace<string>("doctor");
        const key = `probe-${randomUUID()}`;
        const value = `written ${new Date().toISOString()}`;
        await probes.set(key, value, PROBE_TTL_MS);
        const back = await probes.get(key);
        await probes.delete(key);
        if (back !== value) throw new Error(`a probe key read back as ${JSON.stringify(back)}`);
        if (backend === "sqlite") await integrity(opened, url);
      })(),
      timeoutMs,
      url,
      "writing and reading a probe key",
    );
    return {
      ok: true,
      backend,
      message: `store ok: ${backend} at ${redactUrl(url)} (opened, wrote, read and deleted a probe key in ${elapsed()} ms)`,
      ms: elapsed(),
    };
  } catch (error) {
    const named = error instanceof StoreError ? error : storeErrorFrom(error, url, "checking the store");
    return { ok: false, backend, problem: named.problem, message: named.message, ms: elapsed() };
  } finally {
    await store?.close().catch(() => undefined);
  }
}

/** SQLite's quick_check reads every page, so damage no query has reached yet is found too. */
async function integrity(store: Store, url: string): Promise<void> {
  const adapter = store.namespace("doctor").store as { query?: (sql: string) => Promise<unknown> };
  if (typeof adapter.query !== "function") return;
  const rows = (await adapter.query("PRAGMA quick_check")) as Array<Record<string, unknown>>;
  const first = rows[0] ? String(Object.values(rows[0])[0]) : "no answer";
  if (first !== "ok") throw corruptSqlite(url, new Error(`integrity check: ${first}`));
}
