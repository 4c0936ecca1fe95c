// One contract for the three store backends (SQLite file, Redis, PostgreSQL): the same assertions must give
// the same results on each. Every run uses namespaces with a random prefix and clears them at the end, so
// runs (and other suites on the same servers) never see each other's keys. A server that cannot be
// reached fails its suite in CI (CI=true) and skips it, with the reason, elsewhere.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, afterEach, before, describe, test } from "node:test";
import type Keyv from "keyv";
import { pino } from "pino";
import { DocumentIndex } from "../../src/core/index/docIndex.js";
import { safeFetch } from "../../src/fetch/safeFetch.js";
import { SourceService } from "../../src/sources/sourceService.js";
import { SourceStore } from "../../src/sources/sourceStore.js";
import type { StoredDocument } from "../../src/sources/types.js";
import { collection } from "../../src/store/collection.js";
import { openStore, type Store } from "../../src/store/openStore.js";
import { CI, POSTGRES_URL, REDIS_URL, reachable } from "../support/services.js";

const sqliteDir = mkdtempSync(path.join(tmpdir(), "docket-store-contract-"));

/** What each backend's suite observed, compared across backends at the end. */
const results = new Map<string, Record<string, unknown>>();

/**
 * The store as the app sees it, with every namespace name given this run's prefix: SourceStore's fixed
 * names ("documents", "seen", …) stay apart from other runs. Backend errors, which openStore swallows,
 * are recorded so a test can fail on them instead of on a puzzling `undefined`.
 */
interface TestStore extends Store {
  errors: unknown[];
}

function prefixed(store: Store, prefix: string, names: Set<string>): TestStore {
  const errors: unknown[] = [];
  return {
    backend: store.backend,
    errors,
    idSet(name: string) {
      names.add(name);
      return store.idSet(`${prefix}${name}`);
    },
    namespace<T>(name: string): Keyv<T> {
      names.add(name);
      const keyv = store.namespace<T>(`${prefix}${name}`);
      keyv.on("error", (error: unknown) => {
        errors.push(error);
      });
      return keyv;
    },
    lease: (name, ttlMs, now) => store.lease(`${prefix}${name}`, ttlMs, now),
    close: () => store.close(),
  };
}

const silent = pino({ level: "silent" });
const FIXED_NOW = Date.UTC(2025, 2, 1);

function service(
  store: Store,
  index = new DocumentIndex(),
): { service: SourceService; sources: SourceStore } {
  const sources = new SourceStore(store);
  return {
    sources,
    service: new SourceService({
      sources,
      index,
      fetch: safeFetch,
      now: () => FIXED_NOW,
      allowPrivateHosts: [],
      logger: silent,
    }),
  };
}

const sorted = (values: readonly string[]): string[] => [...values].sort();
const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

interface Item {
  n: number;
  text: string;
}

/**
 * The contract, for one backend. `storeUrl` gives the URL to open (each call must reach the same data);
 * `unavailable` is null when the server answered, else why not.
 */
function storeContract(backend: string, storeUrl: () => string, unavailable: string | null): void {
  const skip =
    unavailable !== null && !CI ? `${backend} not reachable (${unavailable}); skipped outside CI` : false;
  describe(`store contract: ${backend}`, { skip }, () => {
    const prefix = `t${randomUUID().slice(0, 8)}-`;
    const names = new Set<string>();
    const seen: Record<string, unknown> = {};
    const open: TestStore[] = [];

    /** Opens the store fresh, as a restarted process would; closed after the test. */
    const reopen = async (): Promise<TestStore> => {
      const store = prefixed(await openStore(storeUrl()), prefix, names);
      open.push(store);
      return store;
    };
    /** Closes every store opened by the test (on PostgreSQL, stores share one pool: close them together). */
    const closeAll = async (): Promise<void> => {
      const stores = open.splice(0);
      for (const store of stores) await store.close();
      const errors = stores.flatMap((s) => s.errors);
      assert.deepEqual(errors, [], `${backend} reported errors: ${errors.map(String).join("; ")}`);
    };

    before(() => {
      if (unavailable !== null) {
        throw new Error(`${backend} must be reachable in CI (CI=true) but is not: ${unavailable}`);
      }
    });
    afterEach(closeAll);
    after(async () => {
      if (unavailable !== null) return;
      // Clear every namespace this run used, then check nothing of the run is left.
      const store = await openStore(storeUrl());
      try {
        for (const name of names) {
          await store.namespace(`${prefix}${name}`).clear();
          await store.idSet(`${prefix}${name}`).clear();
        }
        const left = await collection<Item>(prefixed(store, prefix, new Set()), "crud").ids();
        assert.deepEqual(left, [], "cleanup removed this run's keys");
      } finally {
        await store.close();
      }
      results.set(backend, seen);
    });

    test("Collection put/get/delete/ids/values", async () => {
      const store = await reopen();
      const items = collection<Item>(store, "crud");
      assert.deepEqual(await items.ids(), [], "a new collection is empty");
      assert.deepEqual(await items.values(), []);
      await items.put("a", { n: 1, text: "alpha" });
      await items.put("b", { n: 2, text: "beta" });
      await items.put("c", { n: 3, text: "gamma ✓ ünïcode" });
      assert.deepEqual(await items.get("c"), { n: 3, text: "gamma ✓ ünïcode" });
      assert.equal(await items.get("missing"), undefined);
      assert.deepEqual(sorted(await items.ids()), ["a", "b", "c"]);
      // Writing an id again replaces the record and does not index it twice.
      await items.put("a", { n: 10, text: "alpha again" });
      assert.deepEqual(sorted(await items.ids()), ["a", "b", "c"]);
      assert.deepEqual(await items.get("a"), { n: 10, text: "alpha again" });
      await items.delete("b");
      await items.delete("never-there");
      assert.equal(await items.get("b"), undefined);
      assert.deepEqual(sorted(await items.ids()), ["a", "c"], "ids after delete");
      const values = (await items.values()).sort((x, y) => x.n - y.n);
      assert.deepEqual(values, [
        { n: 3, text: "gamma ✓ ünïcode" },
        { n: 10, text: "alpha again" },
      ]);
      seen.crud = { ids: sorted(await items.ids()), values };
    });

    test("values survive closing and reopening the store (a restart)", async () => {
      const first = await reopen();
      const items = collection<Item>(first, "restart");
      for (let n = 0; n < 20; n++) await items.put(`r${n}`, { n, text: `record ${n}` });
      await items.delete("r7");
      await closeAll();
      const second = await reopen();
      const again = collection<Item>(second, "restart");
      const ids = sorted(await again.ids());
      assert.equal(ids.length, 19);
      assert.ok(!ids.includes("r7"));
      const values = (await again.values()).sort((x, y) => x.n - y.n);
      assert.deepEqual(
        values.map((v) => v.n),
        Array.from({ length: 20 }, (_, n) => n).filter((n) => n !== 7),
      );
      assert.deepEqual(await again.get("r19"), { n: 19, text: "record 19" });
      seen.restart = { ids, values: values.length };
    });

    test("two namespaces are isolated", async () => {
      const store = await reopen();
      const left = collection<Item>(store, "left");
      const right = collection<Item>(store, "right");
      await left.put("same", { n: 1, text: "left" });
      await right.put("same", { n: 2, text: "right" });
      await left.put("only-left", { n: 3, text: "left" });
      assert.deepEqual(await left.get("same"), { n: 1, text: "left" });
      assert.deepEqual(await right.get("same"), { n: 2, text: "right" });
      assert.equal(await right.get("only-left"), undefined);
      assert.deepEqual(sorted(await left.ids()), ["only-left", "same"]);
      assert.deepEqual(await right.ids(), ["same"]);
      await right.delete("same");
      assert.deepEqual(
        await left.get("same"),
        { n: 1, text: "left" },
        "a delete in one leaves the other alone",
      );
      // Plain Keyv namespaces too, including clear().
      const a = store.namespace<string>("kv-a");
      const b = store.namespace<string>("kv-b");
      await a.set("k", "from a");
      await b.set("k", "from b");
      await b.clear();
      assert.equal(await a.get("k"), "from a", "clearing one namespace keeps the other");
      assert.equal(await b.get("k"), undefined);
      seen.isolation = { left: sorted(await left.ids()), right: await right.ids(), a: await a.get("k") };
    });

    test("1,000 puts issued concurrently are all present afterwards (no lost index updates)", async (t) => {
      const store = await reopen();
      const many = collection<Item>(store, "many");
      const started = performance.now();
      await Promise.all(Array.from({ length: 1000 }, (_, n) => many.put(`m${n}`, { n, text: `item ${n}` })));
      const putMs = Math.round(performance.now() - started);
      const ids = await many.ids();
      assert.equal(ids.length, 1000);
      assert.equal(new Set(ids).size, 1000, "no id is indexed twice");
      await closeAll();
      const reopened = collection<Item>(await reopen(), "many");
      const readStarted = performance.now();
      const values = await reopened.values();
      const readMs = Math.round(performance.now() - readStarted);
      assert.equal(values.length, 1000, "every record is there after a restart");
      assert.deepEqual(
        values.map((v) => v.n).sort((x, y) => x - y),
        Array.from({ length: 1000 }, (_, n) => n),
      );
      t.diagnostic(
        `${backend}: 1,000 concurrent puts ${putMs} ms; values() of 1,000 after reopen ${readMs} ms`,
      );
      seen.many = { ids: ids.length, values: values.length };
    });

    test("Keyv TTL: a value set with a ttl is gone after it", async () => {
      const store = await reopen();
      const kv = store.namespace<string>("ttl");
      await kv.set("short", "soon gone", 300);
      await kv.set("kept", "stays");
      assert.equal(await kv.get("short"), "soon gone", "readable before the ttl");
      await sleep(700);
      assert.equal(await kv.get("short"), undefined, "gone after the ttl");
      assert.equal(await kv.get("kept"), "stays");
      seen.ttl = { short: (await kv.get("short")) ?? null, kept: await kv.get("kept") };
    });

    test("SourceStore.markSeen/seenIds round trip, across a restart", async () => {
      const first = new SourceStore(await reopen());
      await first.markSeen("src-1", ["a", "b"]);
      await first.markSeen("src-1", ["b", "c"]);
      await first.markSeen("src-1", []);
      await first.markSeen("src-2", ["z"]);
      assert.deepEqual(sorted([...(await first.seenIds("src-1"))]), ["a", "b", "c"]);
      await closeAll();
      const second = new SourceStore(await reopen());
      assert.deepEqual(sorted([...(await second.seenIds("src-1"))]), ["a", "b", "c"]);
      assert.deepEqual([...(await second.seenIds("src-2"))], ["z"]);
      assert.equal((await second.seenIds("nobody")).size, 0);
      await second.forget("src-2");
      assert.equal((await second.seenIds("src-2")).size, 0);
      seen.seenIds = sorted([...(await second.seenIds("src-1"))]);
    });

    test("documents added with SourceService survive a restart into a fresh DocumentIndex", async (t) => {
      const before = service(await reopen());
      const who = { guild: "100000000000000001", user: "tester", channel: null };
      const md =
        "---\ntitle: Veltria review\n---\nVeltria regulators opened a review of the Marlow deal on Monday.\n";
      const txt = "Marlow said on Tuesday it would appeal the Veltria decision.\n";
      const file1 = await before.service.addFile("veltria.md", md, Buffer.byteLength(md), who);
      const file2 = await before.service.addFile("marlow.txt", txt, Buffer.byteLength(txt), who);
      // And a thousand more, written straight to the documents collection, to time the load.
      const bulk: StoredDocument[] = Array.from({ length: 1000 }, (_, n) => ({
        id: `bulk-${n}`,
        title: `Filing ${n}`,
        url: null,
        published: "2025-03-01",
        outlet: null,
        location: `bulk/${n}.md`,
        owner: "guild:100000000000000001",
        raw: `Filing ${n}\n\nVeltria regulators logged filing ${n} about the Marlow deal.`,
        sourceId: file1.source.id,
      }));
      await Promise.all(bulk.map((doc) => before.sources.documents.put(doc.id, doc)));
      await closeAll();

      const index = new DocumentIndex();
      const after = service(await reopen(), index);
      const loaded = await after.sources.loadInto(index);
      t.diagnostic(`${backend}: loadDocuments ${loaded.documents} documents in ${loaded.ms} ms`);
      assert.equal(loaded.documents, 1002);
      assert.equal(index.size, 1002);
      const docs = await after.sources.documents.values();
      const byId = new Map(docs.map((d) => [d.id, d]));
      assert.equal(byId.get(file1.document.id)?.raw, file1.document.raw);
      assert.equal(byId.get(file2.document.id)?.title, file2.document.title);
      const sources = await after.service.list("100000000000000001");
      assert.deepEqual(sorted(sources.map((s) => s.url)), ["marlow.txt", "veltria.md"]);
      assert.ok(sources.every((s) => s.kind === "file" && s.itemCount === 1));
      seen.documents = {
        loaded: loaded.documents,
        indexed: index.size,
        files: sorted([file1.document.id, file2.document.id]),
        titles: sorted([file1.document.title, file2.document.title]),
      };
    });
  });
}

const [redisProblem, postgresProblem] = await Promise.all([reachable(REDIS_URL), reachable(POSTGRES_URL)]);

storeContract("sqlite", () => `sqlite://${path.join(sqliteDir, "store.sqlite")}`, null);
storeContract("redis", () => REDIS_URL, redisProblem);
storeContract("postgres", () => POSTGRES_URL, postgresProblem);

test("every backend that ran gave the same results", (t) => {
  const ran = [...results.keys()];
  t.diagnostic(`compared: ${ran.join(", ")}`);
  if (ran.length < 2) {
    t.skip("fewer than two backends ran");
    return;
  }
  const [first, ...rest] = ran;
  for (const name of rest)
    assert.deepEqual(results.get(name), results.get(first ?? ""), `${name} vs ${String(first)}`);
});

after(() => {
  rmSync(sqliteDir, { recursive: true, force: true });
});
