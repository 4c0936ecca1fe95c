// The store health check `docket doctor` uses: ok on each healthy backend, and one line naming
// DOCKET_STORE_URL with the kind of problem for a dead port, a wrong kind of server and a corrupt SQLite file.
import assert from "node:assert/strict";
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { checkStore } from "../../src/store/health.js";
import { collection } from "../../src/store/collection.js";
import { openStore } from "../../src/store/openStore.js";

const CI = Boolean(process.env.CI) && !/^(false|0)$/i.test(process.env.CI ?? "");
const REDIS_URL = process.env.DOCKET_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const POSTGRES_URL = process.env.DOCKET_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const work = mkdtempSync(path.join(tmpdir(), "docket-health-"));

after(() => {
  rmSync(work, { recursive: true, force: true });
});

async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return typeof address === "object" && address ? address.port : 1;
}

for (const [backend, url] of [
  ["sqlite", `sqlite://${path.join(work, "healthy.sqlite")}`],
  ["redis", REDIS_URL],
  ["postgres", POSTGRES_URL],
] as const) {
  test(`a healthy ${backend} store is ok in one line`, async (t) => {
    const health = await checkStore(url);
    if (!health.ok && !CI && backend !== "sqlite" && health.problem === "unreachable") {
      t.skip(`${backend} not reachable outside CI: ${health.message}`);
      return;
    }
    t.diagnostic(health.message);
    assert.equal(health.ok, true, health.message);
    assert.equal(health.backend, backend);
    assert.equal(health.message.split("\n").length, 1);
  });
}

test("a dead port is unreachable, named, with the password hidden", async () => {
  const url = `postgres://docket:secret@127.0.0.1:${await deadPort()}/test`;
  const health = await checkStore(url);
  assert.equal(health.ok, false);
  assert.equal(health.problem, "unreachable");
  assert.match(health.message, /^DOCKET_STORE_URL=postgres:\/\/docket:\*\*\*@127\.0\.0\.1:\d+\/test: /);
  assert.ok(!health.message.includes("secret"));
});

test("a Redis URL on the PostgreSQL port fails within the bound, naming what was tried", async () => {
  const health = await checkStore("redis://127.0.0.1:5432", { timeoutMs: 3000 });
  assert.equal(health.ok, false);
  assert.match(health.message, /DOCKET_STORE_URL=redis:\/\/127\.0\.0\.1:5432: connecting to Redis/);
  assert.ok(health.ms < 5000, `${health.ms} ms`);
});

test("an unsupported URL says which forms are accepted", async () => {
  const health = await checkStore("mysql://127.0.0.1/docket");
  assert.equal(health.problem, "unsupported");
  assert.match(health.message, /expected sqlite:\/\/PATH, redis:\/\/HOST:PORT or postgres:\/\//);
});

test("damage deep in a SQLite file that opening does not reach is found by the check", async () => {
  const file = path.join(work, "damaged.sqlite");
  const store = await openStore(`sqlite://${file}`);
  const items = collection<{ text: string }>(store, "items");
  for (let n = 0; n < 400; n++) await items.put(`i${n}`, { text: `record ${n} `.repeat(50) });
  await store.close();
  const size = statSync(file).size;
  const fd = openSync(file, "r+");
  // Junk over the last third of the file: later b-tree pages, away from page 1 and the schema.
  const from = Math.floor((size * 2) / 3 / 4096) * 4096;
  writeSync(fd, Buffer.alloc(size - from, 0x5a), 0, size - from, from);
  closeSync(fd);
  const health = await checkStore(`sqlite://${file}`);
  assert.equal(health.ok, false, health.message);
  assert.equal(health.problem, "corrupt");
  assert.ok(health.message.includes(`mv '${file}' '${file}.corrupt'`), health.message);
});
