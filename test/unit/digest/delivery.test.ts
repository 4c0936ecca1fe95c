// Digest delivery: a missed digest within the grace period, exactly once across lost replies and crashes
// (same nonces), pausing on a deleted channel or lost permission, and when_empty:nothing.
import assert from "node:assert/strict";

import { type ComposeDigest } from "../../../src/digest/content.js";
import { digestNonce, noncePrefix } from "../../../src/digest/nonce.js";
import type { DigestMessage } from "../../../src/digest/outlet.js";
import { type DigestSubscription } from "../../../src/digest/subscriptions.js";
import { test } from "node:test";

import { MIN, OTHER_SHARD_GUILD, at, iso, run, subscription, world } from "./scheduleWorld.js";

test("downtime: a missed digest is sent once at start within the grace period, and skipped with a log line outside it", async () => {
  const created = at("2026-01-11T12:00:00Z");
  const w = world(at("2026-01-11T23:00:00Z"));
  // 09:00 Berlin (08:00Z in winter) and 02:00 Berlin (01:00Z).
  await w.subscriptions.put(subscription({ id: "late", channelId: "3", createdAt: created }));
  await w.subscriptions.put(subscription({ id: "later", channelId: "4", at: "02:00", createdAt: created }));
  // The bot runs until 00:30Z, is down over 01:00Z and 08:00Z, and restarts at 10:00Z.
  const before = w.start();
  await before.started;
  await run(w, before, at("2026-01-11T23:00:00Z"), at("2026-01-12T00:30:01Z"), 10 * MIN);
  await before.stop();
  assert.equal(w.discord.messages.length, 0);
  w.clock.now = at("2026-01-12T10:00:00Z");
  const after = w.start();
  const first = await after.started;
  assert.deepEqual(first?.events.map((e) => [e.subscription, e.outcome, e.period]).sort(), [
    ["late", "sent", "2026-01-12T08:00:00.000Z"],
    ["later", "skipped", "2026-01-12T01:00:00.000Z"],
  ]);
  assert.equal(w.discord.in("3").length, 1, "2 hours late: within the 6-hour grace, sent once");
  assert.equal(w.discord.in("4").length, 0, "9 hours late: skipped");
  const skip = w.log.lines.find(
    (l) => String(l.msg).startsWith("digest skipped") && l.subscription === "later",
  );
  assert.ok(skip, "a log line says the digest was skipped");
  assert.equal(skip.period, "2026-01-12T01:00:00.000Z");
  assert.equal(skip.level, 40);
  await run(w, after, at("2026-01-12T10:00:00Z"), at("2026-01-13T00:00:00Z"), 30 * MIN);
  await after.stop();
  // Restarted once more: the sent one is not sent again, the skipped one is not sent late.
  const third = w.start();
  await third.started;
  assert.equal(w.discord.in("3").length, 1);
  assert.equal(w.discord.in("4").length, 0);
  // The skipped period's news is not lost: the next digest covers everything since the subscription began.
  w.clock.now = at("2026-01-13T01:00:00Z");
  await third.tick();
  await third.stop();
  assert.equal(w.discord.in("4").length, 1);
  const window = w.windows.filter((x) => x.subscription === "later").at(-1);
  assert.deepEqual(window && [iso(window.since), iso(window.until)], [
    "2026-01-11T12:00:00.000Z",
    "2026-01-13T01:00:00.000Z",
  ]);
});

test("exactly once: a reply lost after Discord stored the message, and a crash mid-digest, are retried with the same nonces", async () => {
  // 09:00 Berlin in May is 07:00Z.
  const w = world(at("2026-05-04T06:59:00Z"));
  const three: ComposeDigest = (sub, request) => ({
    messages: [0, 1, 2].map((i): DigestMessage => ({
      content: `${sub.id} ${iso(request.until)} part ${i + 1}/3`,
      embeds: [],
      components: [],
      allowed_mentions: { parse: [] },
    })),
    memory: { questions: [] },
    empty: false,
  });
  await w.subscriptions.put(subscription({ id: "lost", channelId: "5" }));
  await w.subscriptions.put(subscription({ id: "crash", channelId: "6" }));
  // Channel 5: Discord stores the first message but its reply is lost (a reset connection).
  w.discord.failures.set("5", ["lost"]);
  const digests = w.start(three);
  await digests.started;
  w.clock.now = at("2026-05-04T07:00:00Z");
  const firstTry = await digests.tick();
  assert.deepEqual(firstTry.events.map((e) => [e.subscription, e.outcome]).sort(), [
    ["crash", "sent"],
    ["lost", "retrying"],
  ]);
  assert.equal(w.discord.in("5").length, 1, "Discord kept the first message although its reply was lost");
  w.clock.now += MIN;
  await digests.tick();
  assert.equal(w.discord.in("5").length, 3, "the retry reused the nonce: no second copy of part 1");
  assert.deepEqual(
    w.discord.requests.filter((r) => r.channel === "5").map((r) => r.nonce),
    [0, 0, 1, 2].map((i) => digestNonce(noncePrefix("lost", "2026-05-04T07:00:00.000Z"), i)),
  );
  await digests.stop();

  // Next day, channel 6: Discord stores part 1, and the process dies before it reads the reply.
  w.discord.failures.set("6", ["hang"]);
  const posted = w.discord.in("6").length;
  const dying = w.start(three);
  await dying.started;
  w.clock.now = at("2026-05-05T07:00:00Z");
  void dying.tick(); // never finishes, like a process killed mid-request
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(w.discord.in("6").length, posted + 1);
  w.clock.now = at("2026-05-05T07:02:00Z");
  const restarted = w.start(three);
  const resumed = await restarted.started;
  await restarted.stop();
  assert.deepEqual(
    resumed?.events.filter((e) => e.subscription === "crash").map((e) => e.outcome),
    ["sent"],
  );
  assert.deepEqual(
    w.discord
      .in("6")
      .slice(posted)
      .map((m) => String(m.body.content)),
    [1, 2, 3].map((i) => `crash 2026-05-05T07:00:00.000Z part ${i}/3`),
    "each part once, in order",
  );
  assert.ok(w.log.lines.some((l) => l.msg === "resuming a digest delivery with its original nonces"));
});

test("a deleted channel or a lost permission pauses that subscription, tells its creator, and the others go out", async () => {
  const w = world(at("2026-06-01T07:00:00Z"));
  await w.subscriptions.put(subscription({ id: "gone", channelId: "7", createdBy: "300000000000000007" }));
  await w.subscriptions.put(subscription({ id: "muted", channelId: "8" }));
  await w.subscriptions.put(subscription({ id: "fine", channelId: "9" }));
  await w.subscriptions.put(subscription({ id: "shard2", channelId: "10", guild: OTHER_SHARD_GUILD }));
  w.discord.failures.set("7", [{ code: 10003, status: 404 }]);
  w.discord.failures.set("8", [{ code: 50013, status: 403 }]);
  w.discord.dmFails = false;
  const digests = w.start();
  await digests.started;
  const report = await digests.tick();
  assert.deepEqual(report.events, [], "nothing due twice");
  const gone = (await w.subscriptions.byId("gone")) as DigestSubscription;
  assert.equal(gone.status, "paused");
  assert.match(String(gone.pausedReason), /deleted/);
  assert.equal((await w.subscriptions.byId("muted"))?.status, "paused");
  assert.match(String((await w.subscriptions.byId("muted"))?.pausedReason), /not allowed to post/);
  assert.equal(w.discord.in("9").length, 1);
  assert.equal(w.discord.in("10").length, 0, "a guild this shard does not have is left to its own shard");
  const dm = w.discord.dms.find((d) => d.user === "300000000000000007");
  assert.ok(dm, "the creator got a DM");
  assert.match(dm.content, /paused the digest `gone`.*channel was deleted/);
  assert.match(dm.content, /\/digest resume subscription:gone/);
  // Paused subscriptions are not retried, the next day neither.
  w.clock.now = at("2026-06-02T07:00:00Z");
  w.discord.dmFails = true;
  await digests.tick();
  assert.equal(w.discord.requests.filter((r) => r.channel === "7").length, 1);
  assert.equal(w.discord.in("9").length, 2);
  // A DM that cannot be delivered falls back to a log line carrying the notice.
  await w.subscriptions.put(subscription({ id: "gone2", channelId: "11" }));
  w.discord.failures.set("11", [{ code: 50001, status: 403 }]);
  w.clock.now = at("2026-06-03T07:00:00Z");
  await digests.tick();
  await digests.stop();
  const fallback = w.log.lines.find((l) => l.subscription === "gone2" && typeof l.notice === "string");
  assert.ok(fallback);
  assert.match(String(fallback.notice), /can no longer see the channel/);
});

test("when_empty:nothing posts nothing for an empty digest but still records the period", async () => {
  const w = world(at("2026-07-01T07:00:00Z"));
  await w.subscriptions.put(subscription({ id: "quiet", channelId: "12", whenEmpty: "nothing" }));
  const digests = w.start();
  const report = await digests.started;
  await digests.stop();
  assert.deepEqual(
    report?.events.map((e) => e.outcome),
    ["empty"],
  );
  assert.equal(w.discord.messages.length, 0);
  const quiet = (await w.subscriptions.byId("quiet")) as DigestSubscription;
  assert.equal(quiet.lastSentPeriod, "2026-07-01T07:00:00.000Z");
  assert.equal(quiet.coveredUntil, at("2026-07-01T07:00:00Z"));
});
