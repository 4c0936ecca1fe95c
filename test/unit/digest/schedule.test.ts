// Digest scheduling with an injected clock and an in-memory store: DST, weekly days, downtime and grace,
// exactly once across lost replies and restarts, pausing on a deleted channel, and subscription validation.
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import Keyv from "keyv";
import { pino } from "pino";
import { digestCommandData } from "../../../commands/digest.js";
import { UserError } from "../../../src/core/errors.js";
import { DocumentIndex } from "../../../src/core/index/docIndex.js";
import { discordDigestOutlet, type DiscordDigestClient } from "../../../src/discord/delivery/digestOutlet.js";
import { contentComposer, type ComposeDigest, type ComposeRequest } from "../../../src/digest/content.js";
import { digestNonce, noncePrefix } from "../../../src/digest/nonce.js";
import type { DigestMessage } from "../../../src/digest/outlet.js";
import { startDigests, type RunningDigests } from "../../../src/digest/scheduler.js";
import {
  SubscriptionStore,
  validateSubscription,
  type DigestSubscription,
  type SubscribeInput,
} from "../../../src/digest/subscriptions.js";

const GUILD = "100000000000000001";
const OTHER_SHARD_GUILD = "100000000000000009";
const MIN = 60_000;
const at = (iso: string): number => Date.parse(iso);

/** A Store of Map-backed Keyv namespaces; the same object is "the database" across restarts. */
function memoryStore() {
  const spaces = new Map<string, Keyv>();
  const sets = new Map<string, Set<string>>();
  return {
    namespace<T>(name: string): Keyv<T> {
      let keyv = spaces.get(name);
      if (!keyv) {
        keyv = new Keyv({ namespace: name });
        spaces.set(name, keyv);
      }
      return keyv as Keyv<T>;
    },
    idSet(name: string) {
      const set = sets.get(name) ?? new Set<string>();
      sets.set(name, set);
      return {
        add: (ids: readonly string[]): Promise<void> => {
          for (const id of ids) set.add(id);
          return Promise.resolve();
        },
        remove: (ids: readonly string[]): Promise<void> => {
          for (const id of ids) set.delete(id);
          return Promise.resolve();
        },
        members: (): Promise<string[]> => Promise.resolve([...set]),
        clear: (): Promise<void> => {
          set.clear();
          return Promise.resolve();
        },
      };
    },
  };
}

interface Posted {
  channel: string;
  id: string;
  nonce: string;
  body: Record<string, unknown>;
  at: number;
}

/** What the scheduler sees of Discord: channel posts with nonce dedupe (like Discord), DMs, a guild cache. */
class FakeDiscord implements DiscordDigestClient {
  readonly messages: Posted[] = [];
  readonly requests: Array<{ channel: string; nonce: string }> = [];
  readonly dms: Array<{ user: string; content: string }> = [];
  /** Per channel: make the next posts fail (an API error object, or "lost": stored, but the reply is lost). */
  readonly failures = new Map<string, Array<{ code: number; status: number } | "lost" | "hang" | "5xx">>();
  dmFails = false;
  private next = 1;
  readonly guildIds = new Set([GUILD]);
  readonly guilds = { cache: { has: (id: string) => this.guildIds.has(id) } };

  constructor(private readonly clock: () => number) {}

  readonly rest = {
    post: (route: `/${string}`, options: { body: unknown }): Promise<unknown> => {
      const channel = /^\/channels\/(\d+)\/messages$/.exec(route)?.[1];
      assert.ok(channel, `unexpected route ${route}`);
      const body = options.body as Record<string, unknown>;
      const nonce = String(body.nonce);
      assert.equal(body.enforce_nonce, true);
      assert.ok(nonce.length <= 25, `nonce ${nonce} longer than 25`);
      this.requests.push({ channel, nonce });
      const failure = this.failures.get(channel)?.shift();
      if (failure !== undefined && typeof failure === "object")
        return Promise.reject(Object.assign(new Error("Discord API error"), failure));
      if (failure === "5xx") return Promise.reject(new Error("503 Service Unavailable"));
      const existing = this.messages.find((m) => m.nonce === nonce && this.clock() - m.at <= 5 * MIN);
      const message =
        existing ??
        (() => {
          const created = { channel, id: String(this.next++), nonce, body, at: this.clock() };
          this.messages.push(created);
          return created;
        })();
      // Discord stored it; the reply never arrives (lost) or the process dies before it is read (hang).
      if (failure === "lost") return Promise.reject(new Error("socket hang up"));
      if (failure === "hang") return new Promise(() => undefined);
      return Promise.resolve({ id: message.id, channel_id: channel, nonce });
    },
  };

  readonly users = {
    send: (user: string, options: { content: string }): Promise<unknown> => {
      if (this.dmFails) return Promise.reject(new Error("Cannot send messages to this user"));
      this.dms.push({ user, content: options.content });
      return Promise.resolve({});
    },
  };

  in(channel: string): Posted[] {
    return this.messages.filter((m) => m.channel === channel);
  }
}

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level: "info" },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split("\n").filter(Boolean))
          lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    }),
  );
  return { logger, lines };
}

function subscription(
  fields: Partial<DigestSubscription> & { id: string; channelId: string },
): DigestSubscription {
  return {
    guild: GUILD,
    every: "day",
    at: "09:00",
    timezone: "Europe/Berlin",
    topics: [],
    whenEmpty: "line",
    createdBy: "300000000000000001",
    createdAt: at("2026-03-20T00:00:00Z"),
    status: "active",
    pausedReason: null,
    lastSentPeriod: null,
    lastSentAt: null,
    coveredUntil: null,
    pendingPeriod: null,
    memory: null,
    ...fields,
  };
}

interface World {
  store: ReturnType<typeof memoryStore>;
  discord: FakeDiscord;
  subscriptions: SubscriptionStore;
  windows: Array<ComposeRequest & { subscription: string }>;
  log: ReturnType<typeof capture>;
  clock: { now: number };
  start(compose?: ComposeDigest): RunningDigests;
}

function world(start: number): World {
  const clock = { now: start };
  const store = memoryStore();
  const discord = new FakeDiscord(() => clock.now);
  const windows: World["windows"] = [];
  const log = capture();
  // The real content: buildDigest on an (empty) index and renderDigest; only the windows are noted.
  const outlet = discordDigestOutlet(discord);
  const real = contentComposer(new DocumentIndex(), (digest, request) => outlet.render(digest, request));
  return {
    store,
    discord,
    subscriptions: new SubscriptionStore(store, () => clock.now),
    windows,
    log,
    clock,
    start(compose = real) {
      return startDigests({
        store,
        index: new DocumentIndex(),
        outlet: discordDigestOutlet(discord),
        logger: log.logger,
        now: () => clock.now,
        tickMs: 0,
        compose: (sub, request) => {
          windows.push({ ...request, subscription: sub.id });
          return compose(sub, request);
        },
      });
    },
  };
}

/** Steps the clock from `from` to `to` (exclusive) and ticks at every step. */
async function run(w: World, digests: RunningDigests, from: number, to: number, step: number): Promise<void> {
  for (let t = from; t < to; t += step) {
    w.clock.now = t;
    await digests.tick();
  }
}

const iso = (ms: number): string => new Date(ms).toISOString();
const text = (m: Posted): string => JSON.stringify(m.body);

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

const input = (fields: Partial<SubscribeInput>): SubscribeInput => ({
  guild: GUILD,
  channelId: "1",
  every: "day",
  at: "09:00",
  timezone: "Europe/Berlin",
  createdBy: "1",
  ...fields,
});
const NOW = at("2026-03-01T00:00:00Z");
const rejects = (fields: Partial<SubscribeInput>, message: RegExp): void => {
  assert.throws(
    () => validateSubscription(input(fields), NOW),
    (error: unknown) => error instanceof UserError && message.test(error.message),
  );
};

test("subscriptions are validated with clear errors", () => {
  rejects({ timezone: "Europe/Berln" }, /"Europe\/Berln" is not a time zone.*did you mean Europe\/Berlin\?/);
  rejects({ timezone: "+01:00" }, /not a time zone/);
  rejects({ at: "9am" }, /24-hour time like 09:00/);
  rejects({ at: "24:00" }, /24-hour time/);
  rejects({ every: "week" }, /weekly digest needs a weekday/);
  rejects({ weekday: 2 }, /weekday only applies to weekly/);
  rejects({ every: "week", weekday: 7 }, /weekday must be 0 \(Sunday\) to 6/);
  rejects({ cron: "61 9 * * *" }, /not a valid 5-field cron pattern/);
  rejects({ cron: "0 9 * *" }, /not a valid 5-field cron pattern/);
  rejects({ cron: "*/5 * * * *" }, /more than once an hour/);
  rejects({ whenEmpty: "sometimes" }, /when_empty must be "line" or "nothing"/);
  rejects({ topics: Array.from({ length: 11 }, (_, i) => `t${i}`) }, /At most 10 topics/);
  // Several problems at once are all listed.
  rejects({ at: "9am", timezone: "Nowhere" }, /- at must be.*\n- "Nowhere" is not a time zone/s);

  assert.deepEqual(
    validateSubscription(
      input({ at: "9:05", timezone: "europe/berlin", topics: "TikTok, oracle ,tiktok," }),
      NOW,
    ),
    { every: "day", at: "09:05", timezone: "Europe/Berlin", topics: ["TikTok", "oracle"], whenEmpty: "line" },
  );
  assert.deepEqual(validateSubscription(input({ every: "week", weekday: 0, whenEmpty: "nothing" }), NOW), {
    every: "week",
    at: "09:00",
    weekday: 0,
    timezone: "Europe/Berlin",
    topics: [],
    whenEmpty: "nothing",
  });
  assert.equal(validateSubscription(input({ cron: "30 8 * * 1-5" }), NOW).cron, "30 8 * * 1-5");
});

test("nonces fit Discord's 25 characters and differ per subscription, period and message", () => {
  const a = noncePrefix("0123456789", "2026-03-29T07:00:00.000Z");
  const b = noncePrefix("0123456789", "2026-03-30T07:00:00.000Z");
  assert.notEqual(a, b);
  assert.ok(digestNonce(a, 999).length <= 25);
  assert.notEqual(digestNonce(a, 0), digestNonce(a, 1));
});

test("/digest's definition keeps Discord's limits", () => {
  const json = JSON.stringify(digestCommandData);
  assert.ok(json.length < 4000, `${json.length} characters`);
  const check = (options: readonly unknown[] | undefined, depth: number): void => {
    assert.ok(depth <= 2);
    let optional = false;
    for (const option of options ?? []) {
      const o = option as {
        name: string;
        description: string;
        required?: boolean;
        type: number;
        options?: unknown[];
      };
      assert.match(o.name, /^[-_a-z0-9]{1,32}$/);
      assert.ok(o.description.length >= 1 && o.description.length <= 100, o.description);
      if (o.type > 2) {
        if (o.required) assert.ok(!optional, `required ${o.name} after an optional option`);
        else optional = true;
      }
      check(o.options, depth + 1);
    }
  };
  check(digestCommandData.options, 0);
});
