// When digests fire, with an injected clock: daily times across both DST changes, weekly days across the US
// change, and a new subscription first firing at its next slot.
import assert from "node:assert/strict";

import { test } from "node:test";
import { MIN, at, iso, run, subscription, text, world, type Posted } from "./scheduleWorld.js";

test("daily 09:00 Europe/Berlin fires at 08:00Z in winter and 07:00Z in summer, once per period, across both DST changes", async () => {
  const w = world(at("2026-03-27T00:00:00Z"));
  await w.subscriptions.put(subscription({ id: "berlin", channelId: "1" }));
  const digests = w.start();
  await digests.started;
  await run(w, digests, at("2026-03-27T00:00:00Z"), at("2026-03-31T00:00:00Z"), 5 * MIN);
  assert.deepEqual(
    w.discord.in("1").map((m) => iso(m.at)),
    [
      "2026-03-27T08:00:00.000Z",
      "2026-03-28T08:00:00.000Z",
      // 29 March 2026: Berlin moves to CEST (UTC+2) at 01:00Z; 09:00 local is now 07:00Z.
      "2026-03-29T07:00:00.000Z",
      "2026-03-30T07:00:00.000Z",
    ],
  );
  assert.match(text(w.discord.in("1")[2] as Posted), /Daily digest — 29 Mar 2026/);
  assert.match(text(w.discord.in("1")[2] as Posted), /Nothing new in the stories you follow\./);
  // Each digest covers the time since the previous one, ending at its own scheduled instant.
  assert.deepEqual(
    w.windows.map((x) => [iso(x.since), iso(x.until)]),
    [
      ["2026-03-20T00:00:00.000Z", "2026-03-27T08:00:00.000Z"],
      ["2026-03-27T08:00:00.000Z", "2026-03-28T08:00:00.000Z"],
      ["2026-03-28T08:00:00.000Z", "2026-03-29T07:00:00.000Z"],
      ["2026-03-29T07:00:00.000Z", "2026-03-30T07:00:00.000Z"],
    ],
  );

  // Back to CET on 25 October 2026 (01:00Z): 09:00 local is 07:00Z on the 24th and 08:00Z on the 25th.
  await run(w, digests, at("2026-10-24T00:00:00Z"), at("2026-10-26T12:00:00Z"), 10 * MIN);
  assert.deepEqual(
    w.discord
      .in("1")
      .slice(4)
      .map((m) => iso(m.at)),
    ["2026-10-24T07:00:00.000Z", "2026-10-25T08:00:00.000Z", "2026-10-26T08:00:00.000Z"],
  );
  // Between March and October the bot was "down": the periods then were never sent late (far past grace).
  assert.equal(w.discord.in("1").length, 7);
  assert.equal(
    new Set(w.discord.messages.map((m) => m.nonce)).size,
    7,
    "one nonce per message, never reused",
  );

  // Ticking the same instants again, in this process or a restarted one, sends nothing more.
  await run(w, digests, at("2026-10-26T08:00:00Z"), at("2026-10-26T09:00:00Z"), MIN);
  await digests.stop();
  const again = w.start();
  await again.started;
  await run(w, again, at("2026-10-26T08:00:00Z"), at("2026-10-26T12:00:00Z"), 7 * MIN);
  await again.stop();
  assert.equal(w.discord.in("1").length, 7);
});

test("a weekly digest fires on its weekday only, at the local time across the US DST change", async () => {
  const w = world(at("2026-03-01T00:00:00Z"));
  await w.subscriptions.put(
    subscription({
      id: "weekly",
      channelId: "2",
      every: "week",
      at: "18:30",
      weekday: 3,
      timezone: "America/New_York",
      createdAt: at("2026-02-28T00:00:00Z"),
    }),
  );
  const digests = w.start();
  await run(w, digests, at("2026-03-01T00:00:00Z"), at("2026-03-22T00:00:00Z"), 15 * MIN);
  await digests.stop();
  const sent = w.discord.in("2").map((m) => m.at);
  // New York moves to EDT on 8 March: 18:30 local is 23:30Z before, 22:30Z after.
  assert.deepEqual(sent.map(iso), [
    "2026-03-04T23:30:00.000Z",
    "2026-03-11T22:30:00.000Z",
    "2026-03-18T22:30:00.000Z",
  ]);
  const local = new Intl.DateTimeFormat("en-US", {
    weekday: "long",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: "America/New_York",
  });
  for (const ms of sent) assert.equal(local.format(ms), "Wednesday 18:30");
  assert.match(text(w.discord.in("2")[0] as Posted), /Weekly digest — 4 Mar 2026/);
});

test("a subscription made after today's time first fires tomorrow", async () => {
  const w = world(at("2026-07-01T07:30:00Z"));
  await w.subscriptions.put(
    subscription({ id: "new", channelId: "13", createdAt: at("2026-07-01T07:20:00Z") }),
  );
  const digests = w.start();
  await run(w, digests, at("2026-07-01T07:30:00Z"), at("2026-07-02T07:30:00Z"), 10 * MIN);
  await digests.stop();
  assert.deepEqual(
    w.discord.in("13").map((m) => iso(m.at)),
    ["2026-07-02T07:00:00.000Z"],
  );
});
