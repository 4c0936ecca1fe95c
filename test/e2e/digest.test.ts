// Digests end to end against the Discord double, over real HTTP and WebSocket: a bot process SIGKILLed in the
// middle of a 20-channel fan-out and restarted (every channel ends with exactly one digest), /digest driven
// through the real bot (startBot) with startDigests wired beside it, a deleted channel and a lost permission
// pausing only their subscriptions, and a 429 storm during a fan-out while an interaction is still answered.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { PermissionFlagsBits } from "discord.js";
import type { RunningBot } from "../../src/discord/runtime/startBot.js";
import type { RunningDigests } from "../../src/digest/scheduler.js";
import type { DeliveryRecord } from "../../src/digest/types.js";
import { SubscriptionStore, type DigestSubscription } from "../../src/digest/subscriptions.js";
import { openStore } from "../../src/store/openStore.js";
import { captureLogs, startTestBot } from "../support/testBot.js";
import { DiscordDouble } from "../doubles/discord/discordDouble.js";
import type { InteractionHandle } from "../doubles/discord/types.js";
import { digestSubscription } from "../support/factories.js";
import { REPO } from "../support/shared.js";

const GUILD = "100000000000000001";
const ADMIN = "100000000000000001"; // the double's default interaction user
const SUBCOMMAND = 1;
const STRING = 3;
const CHANNEL = 7;
const DAY = 24 * 60 * 60 * 1000;
const channelId = (n: number): string => `2000000000000${String(n).padStart(5, "0")}`;
const dir = mkdtempSync(path.join(tmpdir(), "docket-digest-"));

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** "HH:MM" of a moment in UTC: a daily digest at that time is due at the start of that minute. */
const hhmm = (ms: number): string => new Date(ms).toISOString().slice(11, 16);

function subscription(id: string, channel: string, now: number): DigestSubscription {
  return digestSubscription({
    id,
    guild: GUILD,
    channelId: channel,
    at: hhmm(now),
    timezone: "UTC",
    createdBy: ADMIN,
    createdAt: now - DAY,
  });
}

const channelPosts = (discord: DiscordDouble) =>
  discord.requests.filter((r) => r.method === "POST" && /^\/channels\/\d+\/messages$/.test(r.path));

function waitFor(probe: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return (async () => {
    while (!probe()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(10);
    }
  })();
}

// ---------------------------------------------------------------------------------------------------------
// A bot process killed mid-fan-out
// ---------------------------------------------------------------------------------------------------------

interface BotProcess {
  child: ChildProcess;
  lines: Array<Record<string, unknown>>;
  exited: Promise<void>;
}

function spawnBot(discord: DiscordDouble, storeFile: string, extra: Record<string, string> = {}): BotProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/digestBot.ts"], {
    cwd: REPO,
    env: {
      ...process.env,
      DIGEST_BOT_API: discord.apiUrl,
      DIGEST_BOT_TOKEN: discord.token,
      DIGEST_BOT_STORE: storeFile,
      DIGEST_BOT_TICK_MS: "200",
      ...extra,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: Array<Record<string, unknown>> = [];
  let buffered = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    for (const part of parts.filter(Boolean)) lines.push(JSON.parse(part) as Record<string, unknown>);
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      if (code !== 0 && code !== null && signal === null) process.stderr.write(`digest bot: ${stderr}\n`);
      resolve();
    });
  });
  return { child, lines, exited };
}

test("a bot SIGKILLed mid-way through a 20-channel fan-out and restarted leaves exactly one digest per channel", async () => {
  const channels = Array.from({ length: 20 }, (_, i) => ({ id: channelId(i + 1), name: `news-${i + 1}` }));
  const discord = await DiscordDouble.start({ guilds: [{ id: GUILD, name: "Fan-out", channels }] });
  const storeFile = path.join(dir, "killed.sqlite");
  try {
    const now = Date.now();
    const setup = await openStore(`sqlite://${storeFile}`);
    const subscriptions = new SubscriptionStore(setup);
    for (const [i, channel] of channels.entries())
      await subscriptions.put(subscription(`fan${String(i).padStart(2, "0")}`, channel.id, now));
    await setup.close();

    // The first process posts five digests, then hangs with replies unread; it is killed there.
    const first = spawnBot(discord, storeFile, { DIGEST_BOT_HANG_AFTER: "5" });
    const withMessages = (): number =>
      channels.filter((c) => (discord.channelMessages.get(c.id) ?? []).length > 0).length;
    await waitFor(() => withMessages() >= 5, 20_000, "five channels with their digest");
    await sleep(200);
    first.child.kill("SIGKILL");
    await first.exited;
    const beforeRestart = withMessages();
    assert.ok(beforeRestart >= 5 && beforeRestart < 20, `killed mid-way (${beforeRestart} of 20 channels)`);

    // The restarted process finishes the fan-out; a few more ticks must post nothing more.
    const second = spawnBot(discord, storeFile);
    await waitFor(
      () => second.lines.some((l) => l.msg === "first tick done"),
      20_000,
      "the restart's first tick",
    );
    const postsAfterFirstTick = channelPosts(discord).length;
    await sleep(800);
    assert.equal(channelPosts(discord).length, postsAfterFirstTick, "later ticks post nothing");
    second.child.kill("SIGTERM");
    await second.exited;

    for (const channel of channels)
      assert.equal(
        discord.channelMessages.get(channel.id)?.length,
        1,
        `exactly one digest in ${channel.name}`,
      );
    // The crash hit between Discord storing a message and Docket recording it: those were posted again with
    // the same nonce, and the double (like Discord) answered with the message it already had.
    const byNonce = new Map<string, number>();
    for (const request of channelPosts(discord)) {
      const nonce = String((request.body as { nonce?: unknown }).nonce);
      byNonce.set(nonce, (byNonce.get(nonce) ?? 0) + 1);
    }
    assert.ok(
      [...byNonce.values()].some((n) => n > 1),
      "some nonce was retried after the crash",
    );
    assert.equal(byNonce.size, 20, "one nonce per channel's digest");
    assert.ok(second.lines.some((l) => l.msg === "resuming a digest delivery with its original nonces"));

    const check = await openStore(`sqlite://${storeFile}`);
    try {
      const deliveries = check.namespace<DeliveryRecord>("digest-deliveries");
      for (const subscription of await new SubscriptionStore(check).all()) {
        assert.equal(subscription.pendingPeriod, null);
        assert.ok(subscription.lastSentPeriod);
        const record = await deliveries.get(`${subscription.id}|${subscription.lastSentPeriod}`);
        assert.equal(record?.state, "sent");
        assert.deepEqual(
          record.messageIds,
          discord.channelMessages.get(subscription.channelId)?.map((m) => m.id),
          "the recorded message is the one in the channel",
        );
      }
    } finally {
      await check.close();
    }
  } finally {
    await discord.close();
  }
});

// ---------------------------------------------------------------------------------------------------------
// The real bot with /digest and startDigests wired in
// ---------------------------------------------------------------------------------------------------------

const ADMIN_CHANNEL = channelId(100);
const DOOMED = channelId(101);
const MUTED = channelId(102);
const KEPT = [channelId(103), channelId(104)];
const STORM = Array.from({ length: 20 }, (_, i) => channelId(200 + i));

const { logger, lines: logLines } = captureLogs();

let discord: DiscordDouble;
let bot: RunningBot;
let digests: RunningDigests;
/** The scheduler's clock: the tests move it a day on instead of waiting for a scheduled time. */
let offset = 0;
const clock = (): number => Date.now() + offset;

before(async () => {
  discord = await DiscordDouble.start({
    guilds: [
      {
        id: GUILD,
        name: "Digest readers",
        channels: [ADMIN_CHANNEL, DOOMED, MUTED, ...KEPT, ...STORM].map((id, i) => ({ id, name: `c${i}` })),
      },
    ],
  });
  const storeUrl = `sqlite://${path.join(dir, "bot.sqlite")}`;
  bot = await startTestBot(discord, {
    storeUrl,
    logger,
    overrides: { pollEveryMs: 0, now: clock, digestTickMs: 0 },
  });
  digests = bot.digests;
  await digests.started;
});

after(async () => {
  await bot.stop();
  await discord.close();
});

const json = (value: unknown): string => JSON.stringify(value);

function digest(
  sub: string,
  options: Array<{ name: string; type: number; value?: string | number; focused?: boolean }> = [],
  permissions?: string,
): InteractionHandle {
  return discord.chatInput({
    name: "digest",
    options: [{ name: sub, type: SUBCOMMAND, options }],
    guildId: GUILD,
    channelId: ADMIN_CHANNEL,
    ...(permissions ? { permissions } : {}),
  });
}

const subscribeOptions = (channel: string, fields: Record<string, string> = {}) => [
  { name: "channel", type: CHANNEL, value: channel },
  { name: "every", type: STRING, value: "day" },
  { name: "at", type: STRING, value: fields.at ?? hhmm(clock()) },
  { name: "timezone", type: STRING, value: fields.timezone ?? "UTC" },
];

async function reply(handle: InteractionHandle): Promise<Record<string, unknown>> {
  const callback = await handle.callback();
  const data = callback.data ?? {};
  assert.equal(Number(data.flags) & 64, 64, "answered privately");
  return data;
}

test("/digest subscribe: admins only, clear errors, and never a channel Docket cannot post in", async () => {
  assert.match(json(await reply(digest("list", [], "0"))), /Manage Server/);

  const typo = await reply(digest("subscribe", subscribeOptions(DOOMED, { timezone: "Europe/Berln" })));
  assert.match(json(typo), /not a time zone.*did you mean Europe\/Berlin/);
  const badTime = await reply(digest("subscribe", subscribeOptions(DOOMED, { at: "25:00" })));
  assert.match(json(badTime), /24-hour time like 09:00/);

  discord.revokeBotPermission(MUTED);
  const muted = await reply(digest("subscribe", subscribeOptions(MUTED)));
  assert.match(json(muted), /cannot post in <#\d+>.*missing: Send Messages/);

  const zones = discord.autocomplete({
    name: "digest",
    options: [
      {
        name: "subscribe",
        type: SUBCOMMAND,
        options: [{ name: "timezone", type: STRING, value: "berl", focused: true }],
      },
    ],
    guildId: GUILD,
    channelId: ADMIN_CHANNEL,
  });
  const choices = ((await zones.callback()).data as { choices: Array<{ value: string }> }).choices;
  assert.equal(choices[0]?.value, "Europe/Berlin");

  for (const channel of [DOOMED, ...KEPT]) {
    const done = await reply(digest("subscribe", subscribeOptions(channel)));
    assert.match(json(done), /Subscribed <#\d+> to a digest daily at \d\d:\d\d UTC/);
  }
  const again = await reply(digest("subscribe", subscribeOptions(DOOMED)));
  assert.match(json(again), /already gets this digest/);
  const listed = json(await reply(digest("list")));
  assert.match(listed, /Digests \(3\)/);
  assert.match(listed, /active/);

  const [first] = await digests.service.list(GUILD);
  assert.ok(first);
  const preview = digest("preview", [{ name: "subscription", type: STRING, value: first.id }]);
  const shown = await preview.waitForOriginal((m) => /preview/.test(json(m)), 8000);
  assert.equal(Number(shown.flags) & 64, 64, "the preview is private");
  assert.match(json(shown), /Daily digest — .* \(preview\)/);
  assert.equal((discord.channelMessages.get(first.channelId) ?? []).length, 0, "nothing posted");
  assert.equal((await digests.service.get(GUILD, first.id)).lastSentPeriod, null, "nothing recorded");
});

test("a deleted channel and a lost permission pause only their subscriptions; the creator is told; the rest go out", async () => {
  const [doomed, kept, revoked] = await digests.service.list(GUILD);
  assert.ok(doomed && kept && revoked);
  assert.equal(doomed.channelId, DOOMED);
  discord.deleteChannel(DOOMED);
  discord.revokeBotPermission(revoked.channelId, PermissionFlagsBits.ViewChannel);
  offset = DAY; // a day later: every subscription is due
  const report = await digests.tick();
  const outcome = (id: string) => report.events.find((e) => e.subscription === id);
  assert.equal(outcome(doomed.id)?.outcome, "paused");
  assert.equal(outcome(kept.id)?.outcome, "sent");
  assert.equal(outcome(revoked.id)?.outcome, "paused");
  assert.equal(discord.channelMessages.get(kept.channelId)?.length, 1);

  const paused = await digests.service.get(GUILD, doomed.id);
  assert.equal(paused.status, "paused");
  assert.equal(paused.pausedReason, "the channel was deleted");
  assert.match(String((await digests.service.get(GUILD, revoked.id)).pausedReason), /Missing Access/);
  // The creator is DMed; the double has no DM channels, so the notice falls back to a log line.
  const dm = discord.requests.find((r) => r.method === "POST" && r.path === "/users/@me/channels");
  assert.deepEqual(dm?.body, { recipient_id: ADMIN });
  const notice = logLines.find((l) => l.subscription === doomed.id && typeof l.notice === "string");
  assert.match(String(notice?.notice), /paused the digest `\w+` for <#\d+>: the channel was deleted/);
  assert.match(json(await reply(digest("list"))), /paused — the channel was deleted/);

  // Not retried: the next tick does not touch the deleted channel again.
  const posts = channelPosts(discord).length;
  await digests.tick();
  assert.equal(channelPosts(discord).length, posts);
});

test("a 429 storm during a 20-channel fan-out: every digest still goes out once, and an interaction is answered meanwhile", async () => {
  const now = clock();
  for (const [i, channel] of STORM.entries())
    await digests.service.subscriptions.put(subscription(`storm${String(i).padStart(2, "0")}`, channel, now));
  discord.failNext(
    { method: "POST", path: /^\/channels\/\d+\/messages$/ },
    { status: 429, retryAfter: 0.3 },
    25,
  );
  const statusesBefore = channelPosts(discord).length;
  const ticking = digests.tick();
  await waitFor(
    () =>
      channelPosts(discord)
        .slice(statusesBefore)
        .some((r) => r.status === 429),
    10_000,
    "the first 429",
  );
  const meanwhile = digest("list");
  const callback = await meanwhile.callback(3000);
  assert.equal(callback.type, 4);
  assert.ok((meanwhile.ackedAt() ?? Infinity) - meanwhile.sentAt < 3000, "acknowledged within 3 s");
  const report = await ticking;
  const storm = report.events.filter((e) => e.subscription.startsWith("storm"));
  assert.equal(storm.length, 20);
  assert.ok(storm.every((e) => e.outcome === "sent"));
  for (const channel of STORM) assert.equal(discord.channelMessages.get(channel)?.length, 1);
  const limited = channelPosts(discord)
    .slice(statusesBefore)
    .filter((r) => r.status === 429).length;
  assert.equal(limited, 25, "the storm really happened");
  assert.ok(
    logLines.some((l) => l.msg === "rate limited"),
    "discord.js's queue waited the 429s out",
  );
});
