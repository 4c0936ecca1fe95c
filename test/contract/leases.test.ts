// Leases on each store backend (SQLite file, Redis, PostgreSQL): two handles on one store — two processes, as
// far as the database can tell — race for the same leases, and exactly one wins each; the winner renews, the
// loser waits for the lease to run out. This is what lets several bot processes poll each feed once.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { openStore, type Store } from "../../src/store/openStore.js";
import { POSTGRES_URL, REDIS_URL, reachable, skipUnless } from "../support/services.js";

const dir = mkdtempSync(path.join(tmpdir(), "docket-leases-"));
const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

function leaseContract(backend: string, url: string, problem: string | null): void {
  describe(`leases: ${backend}`, { skip: skipUnless(backend, problem) }, () => {
    const run = `t${randomUUID().slice(0, 8)}`;

    async function pair(): Promise<[Store, Store]> {
      return [await openStore(url), await openStore(url)];
    }

    test("two holders racing for 50 leases: exactly one wins each", async () => {
      const [a, b] = await pair();
      try {
        const names = Array.from({ length: 50 }, (_, i) => `${run}-race-${i}`);
        const results = await Promise.all(
          names.map((name) => Promise.all([a.lease(name, 60_000), b.lease(name, 60_000)])),
        );
        for (const [i, [wonA, wonB]] of results.entries())
          assert.equal(Number(wonA) + Number(wonB), 1, `${names[i] ?? ""}: one winner, not ${wonA}/${wonB}`);
      } finally {
        await a.close();
        await b.close();
      }
    });

    test("the holder renews; the other waits until the lease runs out, then takes it", async () => {
      const [a, b] = await pair();
      try {
        const name = `${run}-expiry`;
        assert.equal(await a.lease(name, 400), true, "free lease taken");
        assert.equal(await b.lease(name, 400), false, "held by another");
        assert.equal(await a.lease(name, 400), true, "renewed by its holder");
        assert.equal(await b.lease(name, 400), false, "still held after the renewal");
        await sleep(700);
        assert.equal(await b.lease(name, 60_000), true, "taken once it ran out");
        assert.equal(await a.lease(name, 60_000), false, "the first holder lost it");
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
}

const [redisProblem, postgresProblem] = await Promise.all([reachable(REDIS_URL), reachable(POSTGRES_URL)]);
leaseContract("sqlite", `sqlite://${path.join(dir, "leases.sqlite")}`, null);
leaseContract("redis", REDIS_URL, redisProblem);
leaseContract("postgres", POSTGRES_URL, postgresProblem);

after(() => {
  rmSync(dir, { recursive: true, force: true });
});
