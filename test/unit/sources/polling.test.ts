// Feed polling over simulated weeks: an injected clock stepped every 10 minutes, the real safeFetch, a
// loopback feed whose content, validators and health the test changes as the days go by.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Source } from "../../../src/sources/types.js";
import { FeedServer, zephyrixItems, type FeedItemSpec } from "../../doubles/feedServer.js";
import { ThrottleProxy, type LoggedRequest } from "../../doubles/throttleProxy.js";
import { pollingProcess, type PollingProcess } from "../../support/pollingProcess.js";

const GUILD = "100000000000000001";
const CHANNEL = "200000000000000001";
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const STEP = 10 * MIN;
const START = Date.UTC(2025, 1, 3, 9, 0, 0);

const dir = mkdtempSync(path.join(tmpdir(), "docket-polling-"));

let now = START;
const clock = (): number => now;

interface World extends PollingProcess {
  feed: FeedServer;
  proxy: ThrottleProxy;
  notices: Array<{ channel: string; message: string }>;
}

const worlds: World[] = [];

async function world(name: string): Promise<World> {
  const feed = await FeedServer.start();
  const proxy = await ThrottleProxy.start(feed, clock);
  const notices: World["notices"] = [];
  const parts = await pollingProcess(path.join(dir, `${name}.sqlite`), clock, {
    notify: (channel, message) => {
      notices.push({ channel, message });
      return Promise.resolve();
    },
  });
  const w = { feed, proxy, ...parts, notices };
  worlds.push(w);
  return w;
}

/** Steps the clock by 10 minutes at a time up to `until`, polling due feeds at every step. */
async function runUntil(w: World, until: number, stop?: () => Promise<boolean>): Promise<void> {
  while (now < until) {
    now += STEP;
    await w.poller.pollDue();
    if (stop && (await stop())) return;
  }
}

async function sourceOf(w: World, id: string): Promise<Source> {
  const source = await w.sources.sources.get(id);
  assert.ok(source, `source ${id} is stored`);
  return source;
}

const minutes = (ms: number): number => ms / MIN;
const gaps = (requests: readonly LoggedRequest[]): number[] =>
  requests.slice(1).map((r, i) => minutes(r.at - (requests[i]?.at ?? r.at)));
const newestFirst = (items: FeedItemSpec[]): FeedItemSpec[] => [...items].reverse();

before(() => {
  now = START;
});

after(async () => {
  for (const w of worlds) {
    await w.store.close();
    await w.proxy.close();
    await w.feed.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

test("two simulated weeks of polling: conditional GETs, new items once, re-stamps ignored, backoff, pause, resume, Retry-After", async (t) => {
  const w = await world("weeks");
  const { feed, proxy, service, sources, index, notices } = w;
  const served = new Set<string>();
  const serve = (items: FeedItemSpec[], etag: string): void => {
    feed.items = items;
    feed.etag = etag;
    for (const item of items) served.add(item.guid);
  };
  const documentIds = async (): Promise<string[]> => sources.documents.ids();

  // Day 0: the admin previews the feed and imports its 3 items.
  serve(newestFirst(zephyrixItems(feed.port, 3)), 'W/"zx-v1"');
  const preview = await service.preview(proxy.url, GUILD);
  assert.equal(preview.kind, "feed");
  const { source, imported } = await service.confirmFeed(
    preview.id,
    { guild: GUILD, user: "admin", channel: CHANNEL },
    3,
  );
  assert.equal(imported, 3);
  assert.equal(source.etag, 'W/"zx-v1"', "the ETag of the preview is stored");
  assert.equal((await documentIds()).length, 3);

  // ---- Week 1: mostly unchanged; new items on day 1 and day 3; a re-stamp with https links on day 5.
  await runUntil(w, START + 1 * DAY);
  serve([...newestFirst(zephyrixItems(feed.port, 2, 3)), ...feed.items], 'W/"zx-v2"');
  await runUntil(w, START + 3 * DAY);
  assert.equal((await documentIds()).length, 5, "the two items added on day 1 were imported");
  serve([...newestFirst(zephyrixItems(feed.port, 1, 5)), ...feed.items], 'W/"zx-v3"');
  await runUntil(w, START + 5 * DAY);
  assert.equal((await documentIds()).length, 6, "the item added on day 3 was imported");
  serve(
    feed.items.map((item, i) => ({
      ...item,
      link: item.link.replace(/^http:/, "https:"),
      pubDate: new Date(now - i * MIN).toUTCString(),
    })),
    'W/"zx-v4"',
  );
  await runUntil(w, START + 7 * DAY);
  assert.equal((await documentIds()).length, 6, "re-stamped items with https links are not new documents");

  const week1 = proxy.requests.filter((r) => r.at > START && r.at <= START + 7 * DAY);
  t.diagnostic(`week 1: ${week1.length} feed requests over ${(7 * DAY) / STEP} clock steps`);
  assert.ok(
    week1.length >= 330 && week1.length <= 340,
    `about one poll per 30 minutes (336), got ${week1.length}`,
  );
  assert.deepEqual(
    [...new Set(gaps(week1))],
    [30],
    "a healthy feed is polled every 30 minutes, not every 10",
  );
  // Every poll is conditional: it sends back, verbatim, the ETag of the last full answer.
  const etags = ['W/"zx-v1"', 'W/"zx-v2"', 'W/"zx-v3"', 'W/"zx-v4"'];
  let version = 0;
  for (const [i, request] of week1.entries()) {
    const expected = etags[version];
    assert.equal(
      request.ifNoneMatch,
      expected,
      `week-1 request ${i} sends If-None-Match ${String(expected)}`,
    );
    if (request.status === 200) version++;
  }
  assert.equal(version, 3, "each of the 3 changes was fetched in full once");
  assert.equal(
    week1.filter((r) => r.status === 304).length,
    week1.length - 3,
    "all but the 3 changes answered 304",
  );
  assert.equal(week1.filter((r) => r.status === 200).length, 3);
  assert.equal(feed.requests.length, proxy.requests.length, "the proxy forwarded every request");

  // ---- Week 2: the server fails. Gaps double (60, 120, … minutes, capped at a day); paused after 10.
  feed.failing = true;
  const failingFrom = proxy.requests.length;
  await runUntil(w, START + 14 * DAY, async () => (await sourceOf(w, source.id)).status === "paused");
  const failures = proxy.requests.slice(failingFrom);
  assert.equal(failures.length, 10, "ten failed fetches, then the pause");
  assert.ok(failures.every((r) => r.status === 500));
  const failureGaps = gaps(failures);
  t.diagnostic(`gaps between failed fetches (minutes): ${failureGaps.join(", ")}`);
  assert.deepEqual(failureGaps, [60, 120, 240, 480, 960, 1440, 1440, 1440, 1440]);
  for (let i = 1; i < failureGaps.length; i++) {
    const previous = failureGaps[i - 1] ?? 0;
    assert.equal(failureGaps[i], Math.min(previous * 2, 24 * 60), "each gap doubles the last, up to a day");
  }
  const paused = await sourceOf(w, source.id);
  assert.equal(paused.status, "paused");
  assert.equal(paused.consecutiveFailures, 10);
  assert.equal(paused.nextFetchAt, null);
  assert.equal(notices.length, 1, "one notice for the pause");
  assert.equal(notices[0]?.channel, CHANNEL, "the notice goes to the channel the feed was added in");
  assert.match(notices[0]?.message ?? "", /Policy Wire/, "the notice names the feed");

  const pausedAt = now;
  const beforePause = proxy.requests.length;
  await runUntil(w, pausedAt + 12 * HOUR);
  assert.equal(proxy.requests.length, beforePause, "nothing is fetched while the feed is paused");
  assert.equal(notices.length, 1, "still one notice");

  // The site works again and an admin resumes the feed: polling restarts at once, then every 30 minutes.
  feed.failing = false;
  const resumedAt = now;
  const resumed = await service.setPaused(GUILD, source.id, false);
  assert.equal(resumed.status, "active");
  await runUntil(w, resumedAt + 2 * HOUR);
  const afterResume = proxy.requests.slice(beforePause);
  assert.equal(
    afterResume[0]?.at,
    resumedAt + STEP,
    "the first poll after resuming is at the next clock step",
  );
  assert.equal(afterResume[0]?.status, 304, "the ETag survived the failures");
  assert.equal(afterResume[0]?.ifNoneMatch, 'W/"zx-v4"');
  assert.deepEqual([...new Set(gaps(afterResume))], [30]);
  assert.equal((await sourceOf(w, source.id)).consecutiveFailures, 0);

  // A 429 with Retry-After: 2 hours. The next poll waits for it, then the 30-minute rhythm returns.
  proxy.throttle = { retryAfter: "7200", times: 1 };
  const throttledFrom = proxy.requests.length;
  await runUntil(w, START + 14 * DAY);
  const tail = proxy.requests.slice(throttledFrom);
  assert.equal(tail[0]?.status, 429);
  const retryGap = minutes((tail[1]?.at ?? 0) - (tail[0]?.at ?? 0));
  t.diagnostic(`after the 429: next poll ${retryGap} minutes later`);
  assert.ok(
    retryGap >= 120,
    `the poll after a 429 with Retry-After: 7200 waits 2 hours, waited ${retryGap} minutes`,
  );
  assert.ok(tail.length > 10, "polling went on after the throttle");
  assert.deepEqual([...new Set(gaps(tail.slice(1)))], [30]);
  assert.ok(
    tail.slice(1).every((r) => r.status === 304),
    "after the throttle the feed is unchanged",
  );

  // Every item served is stored and indexed exactly once.
  const ids = await documentIds();
  assert.equal(new Set(ids).size, ids.length, "no id is indexed twice");
  assert.equal(ids.length, served.size, `${served.size} distinct items were served`);
  const docs = await sources.documents.values();
  assert.equal(docs.length, served.size);
  assert.deepEqual(
    docs.map((d) => d.title).sort(),
    [...served].map((guid) => `Zephyrix bid for Quillon enters week ${Number(guid.slice(3)) + 1}`).sort(),
  );
  assert.equal(index.size, served.size, "the live index holds each document once");
  assert.equal((await sourceOf(w, source.id)).itemCount, served.size);
  t.diagnostic(`${proxy.requests.length} feed requests in total over 14 simulated days`);
});

test("a feed whose window slides on: the new items are imported, not taken for a re-keyed feed", async () => {
  now = START;
  const w = await world("window");
  const { feed, proxy, service, sources } = w;
  // A feed that lists its 10 newest items; 6 new ones appear between two polls (say after a day of backoff).
  feed.items = newestFirst(zephyrixItems(feed.port, 10));
  const preview = await service.preview(proxy.url, GUILD);
  const { source } = await service.confirmFeed(
    preview.id,
    { guild: GUILD, user: "admin", channel: CHANNEL },
    3,
  );
  feed.items = newestFirst(zephyrixItems(feed.port, 10, 6));
  feed.etag = '"v2"';
  now += 30 * MIN;
  const outcome = await w.poller.poll(await sourceOf(w, source.id));
  const ids = await sources.documents.ids();
  assert.deepEqual(outcome, { kind: "imported", count: 6 }, "the 6 items never seen before are imported");
  assert.equal(ids.length, 3 + 6);
});
