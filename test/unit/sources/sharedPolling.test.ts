// Two bot processes sharing one store poll the same feeds: each feed is fetched once per interval in total
// and each item imported once, whichever process gets there first. Two store handles on one SQLite file stand
// for the two processes (to the database they are two connections); the clock is simulated.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { feedClaim } from "../../../src/sources/runtime.js";
import { FeedServer, zephyrixItems } from "../../doubles/feedServer.js";
import { ThrottleProxy } from "../../doubles/throttleProxy.js";
import { pollingProcess, type PollingProcess } from "../../support/pollingProcess.js";

const MIN = 60_000;
const START = Date.UTC(2025, 4, 5, 8, 0, 0);
const dir = mkdtempSync(path.join(tmpdir(), "docket-shared-polling-"));
let now = START;
const clock = (): number => now;

/** One bot process: its own store handle on the shared file, claiming each feed before it polls it. */
const process = (file: string): Promise<PollingProcess> =>
  pollingProcess(file, clock, (store) => ({
    notify: () => Promise.resolve(),
    claim: feedClaim(store, clock),
  }));

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

test("two processes polling one store fetch each feed once per interval and import each item once", async (t) => {
  const feed = await FeedServer.start();
  const proxy = await ThrottleProxy.start(feed, clock);
  const file = path.join(dir, "shared.sqlite");
  const a = await process(file);
  const b = await process(file);
  try {
    feed.items = zephyrixItems(feed.port, 2).reverse();
    feed.etag = 'W/"v1"';
    const preview = await a.service.preview(proxy.url, "100000000000000001");
    const { source } = await a.service.confirmFeed(
      preview.id,
      { guild: "100000000000000001", user: "admin", channel: "200000000000000001" },
      2,
    );
    const interval = source.intervalMinutes * MIN;
    const steps = 48;
    let polledA = 0;
    let polledB = 0;
    for (let step = 1; step <= steps; step++) {
      now += 10 * MIN;
      // A new item every 4 hours, so imports happen under contention too.
      if (step % 24 === 0) {
        feed.items = [...zephyrixItems(feed.port, 1, 1 + step / 24), ...feed.items];
        feed.etag = `W/"v${step}"`;
      }
      const [byA, byB] = await Promise.all([a.poller.pollDue(), b.poller.pollDue()]);
      polledA += byA;
      polledB += byB;
    }
    const polls = proxy.requests.filter((r) => r.at > START);
    const expected = Math.floor((steps * 10 * MIN) / interval);
    t.diagnostic(
      `${polls.length} fetches over ${steps * 10} minutes (interval ${interval / MIN} min); A ${polledA}, B ${polledB}`,
    );
    assert.equal(polledA + polledB, polls.length, "every poll a process counted reached the feed once");
    assert.ok(
      polls.length >= expected - 1 && polls.length <= expected,
      `one fetch per interval in total (${expected}), got ${polls.length}`,
    );
    const ids = await a.sources.documents.ids();
    assert.equal(ids.length, 4, "two items at the start and two added later, each stored once");
    assert.equal(new Set(ids).size, ids.length);
  } finally {
    await a.store.close();
    await b.store.close();
    await proxy.close();
    await feed.close();
  }
});
