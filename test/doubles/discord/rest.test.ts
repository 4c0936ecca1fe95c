// The Discord double over REST: a real discord.js client logs in; tokens, routes, rate-limit buckets and
// injected failures (failNext) answer like Discord.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Client, Events, GatewayIntentBits } from "discord.js";

import {
  CHANNEL,
  GUILD,
  OTHER_CHANNEL,
  assertDiscordError,
  dig,
  rest,
  startDouble,
  type RestResult,
} from "./doubleTestKit.js";

test("a real discord.js Client logs in, caches the guild, and answers /ping with pong", async (t) => {
  const double = await startDouble(t);
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: double.apiUrl } });
  t.after(() => client.destroy());
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand() && interaction.commandName === "ping")
      void interaction.reply("pong");
  });
  const ready = new Promise<void>((resolve) => {
    client.once(Events.ClientReady, () => {
      resolve();
    });
  });
  await client.login(double.token);
  await Promise.all([ready, double.waitForReady()]);
  // GUILD_CREATE carried enough for discord.js to cache the guild, its channels and the bot's own member.
  const guild = client.guilds.cache.get(GUILD);
  assert.equal(guild?.name, "Test Guild");
  assert.equal(guild.channels.cache.get(CHANNEL)?.name, "general");
  assert.equal(guild.members.me?.id, double.applicationId);

  const handle = double.chatInput({ name: "ping" });
  const callback = await handle.callback();
  assert.equal(callback.type, 4);
  assert.equal(callback.data?.content, "pong");
  assert.equal(handle.original()?.content, "pong");
  await client.destroy();
  await double.close();
});

// ---------------------------------------------------------------------------------------------------------
// REST basics
// ---------------------------------------------------------------------------------------------------------

test("REST: bot routes need the Bot token, unknown routes are 404, and answers carry rate-limit headers", async (t) => {
  const double = await startDouble(t);
  assertDiscordError(await rest(double, "GET", "/gateway/bot", { auth: false }), 401, 0, "401: Unauthorized");
  const gateway = await rest(double, "GET", "/gateway/bot");
  assert.deepEqual(gateway.body, {
    url: double.gatewayUrl,
    shards: 1,
    session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
  });

  const me = await rest(double, "GET", "/users/@me");
  assert.equal(dig(me.body, "id"), double.applicationId);
  assert.equal(dig(me.body, "bot"), true);
  for (const path of ["/applications/@me", "/oauth2/applications/@me"]) {
    const app = await rest(double, "GET", path);
    assert.equal(app.status, 200);
    assert.equal(dig(app.body, "id"), double.applicationId);
  }
  assert.equal(dig((await rest(double, "GET", `/channels/${CHANNEL}`)).body, "name"), "general");
  assertDiscordError(await rest(double, "GET", "/channels/1"), 404, 10003, "Unknown Channel");
  assertDiscordError(await rest(double, "GET", "/nothing/here"), 404, 0, "404: Not Found");
  assertDiscordError(await rest(double, "DELETE", "/users/@me"), 405, 0, "405: Method Not Allowed");

  const first = await rest(double, "GET", "/users/@me");
  const second = await rest(double, "GET", "/users/@me");
  for (const header of ["limit", "remaining", "reset", "reset-after", "bucket"])
    assert.ok(second.headers.get(`x-ratelimit-${header}`), header);
  assert.equal(
    Number(second.headers.get("x-ratelimit-remaining")),
    Number(first.headers.get("x-ratelimit-remaining")) - 1,
  );
  assert.equal(second.headers.get("x-ratelimit-bucket"), first.headers.get("x-ratelimit-bucket"));

  const logged = double.requests.find((r) => r.path === "/gateway/bot");
  assert.equal(logged?.status, 401);
  assert.equal(double.requests.at(-1)?.status, 200);
});

test("REST: a bucket that runs out answers 429 until it resets; other major parameters are separate", async (t) => {
  const double = await startDouble(t, { rateLimit: { limit: 2, windowMs: 300 } });
  const post = (channel: string): Promise<RestResult> =>
    rest(double, "POST", `/channels/${channel}/messages`, { body: { content: "hi" } });
  assert.equal((await post(CHANNEL)).status, 200);
  const last = await post(CHANNEL);
  assert.equal(last.headers.get("x-ratelimit-remaining"), "0");
  const limited = await post(CHANNEL);
  assert.equal(limited.status, 429);
  assert.equal(dig(limited.body, "message"), "You are being rate limited.");
  assert.equal(dig(limited.body, "global"), false);
  assert.ok(Number(dig(limited.body, "retry_after")) > 0);
  assert.equal(limited.headers.get("x-ratelimit-scope"), "user");
  assert.equal(limited.headers.get("retry-after"), "1");
  assert.equal((await post(OTHER_CHANNEL)).status, 200);
  await new Promise((resolve) => setTimeout(resolve, 320));
  assert.equal((await post(CHANNEL)).status, 200);
  assert.equal(double.channelMessages.get(CHANNEL)?.length, 3);
});

test("failNext: route and global 429s with Discord's body and headers, then plain 5xx, for N requests", async (t) => {
  const double = await startDouble(t);
  double.failNext({ method: "GET", path: /^\/users\/@me$/ }, { status: 429, retryAfter: 0.25 }, 2);
  for (let i = 0; i < 2; i += 1) {
    const limited = await rest(double, "GET", "/users/@me");
    assert.equal(limited.status, 429);
    assert.deepEqual(limited.body, {
      message: "You are being rate limited.",
      retry_after: 0.25,
      global: false,
    });
    // The header is whole seconds, rounded up; the float is only in the body.
    assert.equal(limited.headers.get("retry-after"), "1");
    assert.equal(limited.headers.get("x-ratelimit-scope"), "user");
    assert.equal(limited.headers.get("x-ratelimit-global"), null);
    assert.equal(limited.headers.get("x-ratelimit-remaining"), "0");
  }
  assert.equal((await rest(double, "GET", "/users/@me")).status, 200);

  double.failNext({ path: /\/gateway\/bot$/ }, { status: 429, retryAfter: 1.5, global: true });
  const global = await rest(double, "GET", "/gateway/bot");
  assert.equal(global.status, 429);
  assert.deepEqual(global.body, { message: "You are being rate limited.", retry_after: 1.5, global: true });
  assert.equal(global.headers.get("retry-after"), "2");
  assert.equal(global.headers.get("x-ratelimit-global"), "true");
  assert.equal(global.headers.get("x-ratelimit-scope"), "global");

  double.failNext({ method: "POST", path: /\/messages$/ }, { status: 502 });
  const outage = await rest(double, "POST", `/channels/${CHANNEL}/messages`, { body: { content: "x" } });
  assert.equal(outage.status, 502);
  assert.equal(typeof outage.body, "string");
  assert.match(outage.headers.get("content-type") ?? "", /^text\/plain/);
  assert.equal(double.channelMessages.get(CHANNEL)?.length, 0, "a failed request must not have an effect");
  assert.deepEqual(
    double.requests.map((r) => r.status),
    [429, 429, 200, 429, 502],
  );
});

// ---------------------------------------------------------------------------------------------------------
// Gateway
