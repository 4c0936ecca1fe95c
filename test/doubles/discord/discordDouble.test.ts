// The Discord double itself: it must behave like Discord where bots break, or tests built on it prove nothing.
// Everything here talks to it with plain fetch and a `ws` socket, except one smoke test with the real discord.js.
import assert from "node:assert/strict";
import { test, type TestContext } from "node:test";
import { Client, Events, GatewayIntentBits } from "discord.js";
import { WebSocket, type RawData } from "ws";
import { DiscordDouble, type DoubleOptions, type InteractionHandle } from "./discordDouble.js";

const GUILD = "800000000000000001";
const CHANNEL = "800000000000000002";
const OTHER_CHANNEL = "800000000000000003";
const GUILDS: NonNullable<DoubleOptions["guilds"]> = [
  {
    id: GUILD,
    name: "Test Guild",
    channels: [
      { id: CHANNEL, name: "general" },
      { id: OTHER_CHANNEL, name: "random" },
    ],
  },
];
const EPHEMERAL = 64;
const LOADING = 128;

// ---------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------

async function startDouble(t: TestContext, options: DoubleOptions = {}): Promise<DiscordDouble> {
  const double = await DiscordDouble.start({ guilds: GUILDS, ...options });
  t.after(() => double.close());
  return double;
}

/** Walks into parsed JSON without casting at every step. */
function dig(value: unknown, ...keys: Array<string | number>): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

interface RestResult {
  status: number;
  body: unknown;
  headers: Headers;
}

async function rest(
  double: DiscordDouble,
  method: string,
  path: string,
  options: { body?: unknown; form?: FormData; auth?: boolean } = {},
): Promise<RestResult> {
  const headers: Record<string, string> = {};
  if (options.auth !== false) headers.authorization = `Bot ${double.token}`;
  let body: string | FormData | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`${double.apiUrl}/v10${path}`, { method, headers, ...(body ? { body } : {}) });
  const text = await response.text();
  const json = (response.headers.get("content-type") ?? "").startsWith("application/json");
  return {
    status: response.status,
    body: text === "" ? undefined : json ? (JSON.parse(text) as unknown) : text,
    headers: response.headers,
  };
}

function callbackPath(handle: InteractionHandle, query = ""): string {
  return `/interactions/${handle.id}/${handle.token}/callback${query}`;
}

function webhookPath(double: DiscordDouble, handle: InteractionHandle, rest = ""): string {
  return `/webhooks/${double.applicationId}/${handle.token}${rest}`;
}

/** Asserts Discord's form-body error shape with an error at `path` (optionally with that code). */
function assertFormError(result: RestResult, path: Array<string | number>, code?: string): void {
  assert.equal(result.status, 400, JSON.stringify(result.body));
  assert.equal(dig(result.body, "code"), 50035);
  assert.equal(dig(result.body, "message"), "Invalid Form Body");
  const errors = dig(result.body, "errors", ...path, "_errors");
  assert.ok(
    Array.isArray(errors) && errors.length > 0,
    `no error at ${path.join(".")}: ${JSON.stringify(result.body)}`,
  );
  if (code !== undefined)
    assert.ok(
      errors.some((e) => dig(e, "code") === code),
      `expected ${code} at ${path.join(".")}: ${JSON.stringify(errors)}`,
    );
}

function assertDiscordError(result: RestResult, status: number, code: number, message: string): void {
  assert.equal(result.status, status, JSON.stringify(result.body));
  assert.deepEqual(result.body, { message, code });
}

interface GatewayPayload {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

/** A bare gateway client: what a hand-rolled bot would see, without discord.js smoothing anything over. */
class RawGateway {
  readonly payloads: GatewayPayload[] = [];
  readonly closed: Promise<number>;
  private readonly listeners = new Set<() => void>();

  private constructor(readonly socket: WebSocket) {
    // Listen before the socket opens: HELLO can arrive in the same packet as the upgrade response.
    socket.on("message", (data: RawData) => {
      this.payloads.push(JSON.parse(rawText(data)) as GatewayPayload);
      for (const listener of [...this.listeners]) listener();
    });
    this.closed = new Promise((resolve) => {
      socket.on("close", (code: number) => {
        resolve(code);
      });
    });
  }

  static async connect(t: TestContext, double: DiscordDouble): Promise<RawGateway> {
    const gateway = new RawGateway(new WebSocket(`${double.gatewayUrl}?v=10&encoding=json`));
    t.after(() => {
      gateway.socket.terminate();
    });
    await new Promise<void>((resolve, reject) => {
      gateway.socket.once("open", () => {
        resolve();
      });
      gateway.socket.once("error", reject);
    });
    return gateway;
  }

  send(op: number, d: unknown): void {
    this.socket.send(JSON.stringify({ op, d }));
  }

  identify(token: string, intents: number = GatewayIntentBits.Guilds): void {
    this.send(2, { token, intents, properties: { os: "linux", browser: "test", device: "test" } });
  }

  /** The first payload (already received or still to come) that matches. */
  waitFor(predicate: (payload: GatewayPayload) => boolean, timeoutMs = 2_000): Promise<GatewayPayload> {
    const found = this.payloads.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const listener = (): void => {
        const match = this.payloads.find(predicate);
        if (!match) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(match);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no matching gateway payload in ${timeoutMs} ms: ${JSON.stringify(this.payloads)}`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }

  dispatch(t: string): Promise<GatewayPayload> {
    return this.waitFor((p) => p.op === 0 && p.t === t);
  }
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString("utf8");
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data).toString("utf8");
}

/** A double with a raw bot connected and READY, so interactions can be dispatched. */
async function connectedDouble(
  t: TestContext,
  options: DoubleOptions = {},
): Promise<{ double: DiscordDouble; gateway: RawGateway }> {
  const double = await startDouble(t, options);
  const gateway = await RawGateway.connect(t, double);
  gateway.identify(double.token);
  await double.waitForReady();
  return { double, gateway };
}

function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + 1_420_070_400_000n);
}

// ---------------------------------------------------------------------------------------------------------
// The real client
// ---------------------------------------------------------------------------------------------------------

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
// ---------------------------------------------------------------------------------------------------------

test("gateway: HELLO, heartbeat ACK, then IDENTIFY gets READY and a GUILD_CREATE per guild", async (t) => {
  const guilds = [
    { id: "900000000000000001", name: "One", channels: [{ id: "900000000000000011", name: "a" }] },
    { id: "900000000000000002", name: "Two" },
  ];
  const double = await startDouble(t, { guilds, heartbeatIntervalMs: 1000 });
  const gateway = await RawGateway.connect(t, double);
  const hello = await gateway.waitFor((p) => p.op === 10);
  assert.deepEqual(hello.d, { heartbeat_interval: 1000 });
  gateway.send(1, null);
  await gateway.waitFor((p) => p.op === 11);

  gateway.identify(double.token);
  const ready = await gateway.dispatch("READY");
  await double.waitForReady();
  assert.equal(ready.s, 1);
  assert.equal(dig(ready.d, "v"), 10);
  assert.deepEqual(dig(ready.d, "user", "id"), double.applicationId);
  assert.equal(dig(ready.d, "user", "bot"), true);
  assert.equal(dig(ready.d, "user", "discriminator"), "0");
  assert.deepEqual(
    dig(ready.d, "guilds"),
    guilds.map((g) => ({ id: g.id, unavailable: true })),
  );
  assert.equal(typeof dig(ready.d, "session_id"), "string");
  assert.equal(dig(ready.d, "resume_gateway_url"), double.gatewayUrl);
  assert.deepEqual(dig(ready.d, "shard"), [0, 1]);
  assert.equal(dig(ready.d, "application", "id"), double.applicationId);

  await gateway.waitFor((p) => p.t === "GUILD_CREATE" && dig(p.d, "id") === guilds[1]?.id);
  const creates = gateway.payloads.filter((p) => p.t === "GUILD_CREATE");
  assert.deepEqual(
    creates.map((p) => [p.s, dig(p.d, "name")]),
    [
      [2, "One"],
      [3, "Two"],
    ],
  );
  const first = creates[0]?.d;
  assert.equal(dig(first, "roles", 0, "id"), guilds[0]?.id, "@everyone's id is the guild id");
  assert.equal(dig(first, "roles", 0, "name"), "@everyone");
  assert.equal(dig(first, "channels", 0, "guild_id"), guilds[0]?.id);
  assert.equal(dig(first, "channels", 0, "type"), 0);
  assert.equal(dig(first, "members", 0, "user", "id"), double.applicationId);
  assert.deepEqual(dig(first, "features"), []);
  assert.equal(dig(double.gatewayReceived.find((p) => p.op === 2)?.d, "intents"), GatewayIntentBits.Guilds);
});

test("gateway: closes like Discord on a bad token, early payloads, bad JSON and disallowed intents", async (t) => {
  const double = await startDouble(t, { privilegedIntents: 0 });
  const badToken = await RawGateway.connect(t, double);
  badToken.identify("not-the-token");
  assert.equal(await badToken.closed, 4004);

  const early = await RawGateway.connect(t, double);
  early.send(3, { since: null, activities: [], status: "online", afk: false });
  assert.equal(await early.closed, 4003);

  const garbage = await RawGateway.connect(t, double);
  garbage.socket.send("{not json");
  assert.equal(await garbage.closed, 4002);

  const privileged = await RawGateway.connect(t, double);
  privileged.identify(double.token, GatewayIntentBits.Guilds | GatewayIntentBits.MessageContent);
  assert.equal(await privileged.closed, 4014);

  const twice = await RawGateway.connect(t, double);
  twice.identify(double.token);
  await twice.dispatch("READY");
  twice.identify(double.token);
  assert.equal(await twice.closed, 4005);
});

test("gateway: without the Guilds intent there is no GUILD_CREATE, and interactions still arrive", async (t) => {
  const double = await startDouble(t);
  const gateway = await RawGateway.connect(t, double);
  gateway.identify(double.token, 0);
  await double.waitForReady();
  double.chatInput({ name: "ping" });
  const interaction = await gateway.dispatch("INTERACTION_CREATE");
  assert.equal(interaction.s, 2, "READY was 1 and nothing came between");
  assert.equal(gateway.payloads.filter((p) => p.t === "GUILD_CREATE").length, 0);
});

test("gateway: a dropped session RESUMEs and gets what it missed; an unknown session gets op 9", async (t) => {
  const { double, gateway } = await connectedDouble(t);
  const ready = await gateway.dispatch("READY");
  const sessionId = String(dig(ready.d, "session_id"));
  await gateway.waitFor((p) => p.t === "GUILD_CREATE");
  const lastSeq = Math.max(...gateway.payloads.map((p) => p.s ?? 0));

  double.disconnect();
  assert.equal(await gateway.closed, 4000);
  // Dispatched while nobody is connected: Discord keeps it for the resume.
  const missed = double.chatInput({ name: "missed" });
  const resumed = double.waitForResumed();

  const again = await RawGateway.connect(t, double);
  await again.waitFor((p) => p.op === 10);
  again.send(6, { token: double.token, session_id: sessionId, seq: lastSeq });
  const replay = await again.dispatch("INTERACTION_CREATE");
  const done = await again.dispatch("RESUMED");
  await resumed;
  assert.equal(dig(replay.d, "id"), missed.id);
  assert.equal(replay.s, lastSeq + 1);
  assert.equal(done.s, lastSeq + 2);
  assert.equal(again.payloads.filter((p) => p.t === "READY").length, 0);
  await double.waitForReady();

  double.requestReconnect();
  await again.waitFor((p) => p.op === 7);

  const stranger = await RawGateway.connect(t, double);
  stranger.send(6, { token: double.token, session_id: "no-such-session", seq: 1 });
  const invalid = await stranger.waitFor((p) => p.op === 9);
  assert.equal(invalid.d, false);
});

// ---------------------------------------------------------------------------------------------------------
// Interaction payloads
// ---------------------------------------------------------------------------------------------------------

test("INTERACTION_CREATE for a chat input command has the fields discord.js reads", async (t) => {
  const { double, gateway } = await connectedDouble(t);
  const registered = await rest(
    double,
    "PUT",
    `/applications/${double.applicationId}/guilds/${GUILD}/commands`,
    {
      body: [
        {
          name: "brief",
          description: "Make a brief",
          options: [{ name: "who", description: "Who", type: 6 }],
        },
      ],
    },
  );
  const createdAt = Date.now() - 1000;
  const handle = double.chatInput({
    name: "brief",
    options: [
      { name: "who", type: 6, value: "123456789012345678" },
      { name: "topic", type: 3, value: "tiktok" },
    ],
    userId: "222222222222222222",
    permissions: "2048",
    createdAt,
  });
  const { d } = await gateway.dispatch("INTERACTION_CREATE");
  assert.equal(dig(d, "id"), handle.id);
  assert.equal(snowflakeTime(handle.id), createdAt, "the snowflake carries the creation time");
  assert.equal(dig(d, "token"), handle.token);
  assert.equal(dig(d, "application_id"), double.applicationId);
  assert.equal(dig(d, "type"), 2);
  assert.equal(dig(d, "version"), 1);
  assert.equal(dig(d, "data", "id"), dig(registered.body, 0, "id"), "the registered command's id");
  assert.equal(dig(d, "data", "name"), "brief");
  assert.equal(dig(d, "data", "type"), 1);
  assert.equal(dig(d, "data", "guild_id"), GUILD);
  assert.deepEqual(dig(d, "data", "options", 1), { name: "topic", type: 3, value: "tiktok" });
  assert.equal(dig(d, "data", "resolved", "users", "123456789012345678", "id"), "123456789012345678");
  assert.ok(dig(d, "data", "resolved", "members", "123456789012345678", "joined_at"));
  assert.equal(dig(d, "guild_id"), GUILD);
  assert.equal(dig(d, "channel_id"), CHANNEL);
  assert.equal(dig(d, "channel", "id"), CHANNEL);
  assert.equal(dig(d, "channel", "type"), 0);
  assert.equal(dig(d, "channel", "guild_id"), GUILD);
  assert.equal(dig(d, "channel", "name"), "general");
  assert.equal(dig(d, "member", "user", "id"), "222222222222222222");
  assert.deepEqual(dig(d, "member", "roles"), []);
  assert.equal(dig(d, "member", "permissions"), "2048");
  assert.equal(dig(d, "member", "deaf"), false);
  assert.equal(dig(d, "member", "mute"), false);
  assert.equal(dig(d, "member", "flags"), 0);
  assert.equal(typeof dig(d, "member", "joined_at"), "string");
  assert.equal(dig(d, "user"), undefined, "guild interactions carry member.user, not user");
  assert.equal(typeof dig(d, "app_permissions"), "string");
  assert.equal(dig(d, "locale"), "en-US");
  assert.equal(dig(d, "guild_locale"), "en-US");
  assert.deepEqual(dig(d, "entitlements"), []);
  assert.deepEqual(dig(d, "authorizing_integration_owners"), { "0": GUILD });
  assert.equal(dig(d, "context"), 0);
  assert.equal(typeof dig(d, "attachment_size_limit"), "number");
  assert.ok(handle.sentAt >= createdAt);
});

test("autocomplete, button and DM interactions have Discord's shapes", async (t) => {
  const { double, gateway } = await connectedDouble(t);
  assert.throws(
    () => double.autocomplete({ name: "brief", options: [{ name: "q", type: 3, value: "x" }] }),
    /focused/,
  );
  const auto = double.autocomplete({
    name: "brief",
    options: [{ name: "q", type: 3, value: "tik", focused: true }],
  });
  const autoPayload = await gateway.waitFor((p) => dig(p.d, "id") === auto.id);
  assert.equal(dig(autoPayload.d, "type"), 4);
  assert.deepEqual(dig(autoPayload.d, "data", "options", 0), {
    name: "q",
    type: 3,
    value: "tik",
    focused: true,
  });

  const button = double.button({ customId: "page:2", userId: "333333333333333333" });
  const buttonPayload = await gateway.waitFor((p) => dig(p.d, "id") === button.id);
  assert.equal(dig(buttonPayload.d, "type"), 3);
  assert.deepEqual(dig(buttonPayload.d, "data"), { custom_id: "page:2", component_type: 2 });
  assert.equal(dig(buttonPayload.d, "message", "channel_id"), CHANNEL);
  assert.equal(dig(buttonPayload.d, "message", "author", "id"), double.applicationId);
  assert.equal(dig(buttonPayload.d, "message", "components", 0, "components", 0, "custom_id"), "page:2");

  const dm = double.chatInput({ name: "brief", dm: true });
  const dmPayload = await gateway.waitFor((p) => dig(p.d, "id") === dm.id);
  assert.equal(dig(dmPayload.d, "guild_id"), undefined);
  assert.equal(dig(dmPayload.d, "member"), undefined);
  assert.equal(typeof dig(dmPayload.d, "user", "id"), "string");
  assert.equal(dig(dmPayload.d, "channel", "type"), 1);
  assert.equal(dig(dmPayload.d, "context"), 1);
});

// ---------------------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------------------

test("bulk overwrite stores commands with ids, keeps ids by name, and is readable back", async (t) => {
  const double = await startDouble(t);
  const globalPath = `/applications/${double.applicationId}/commands`;
  const first = await rest(double, "PUT", globalPath, {
    body: [
      { name: "brief", description: "Make a brief" },
      { name: "café", description: "Lower-case letters of any script are fine" },
      { name: "Report User", type: 2 },
    ],
  });
  assert.equal(first.status, 200);
  const briefId = dig(first.body, 0, "id");
  assert.equal(typeof briefId, "string");
  assert.equal(dig(first.body, 0, "application_id"), double.applicationId);
  assert.equal(dig(first.body, 0, "type"), 1);
  const second = await rest(double, "PUT", globalPath, { body: [{ name: "brief", description: "Changed" }] });
  assert.equal(dig(second.body, 0, "id"), briefId);
  assert.equal(double.commands.get("global")?.length, 1);
  assert.deepEqual(dig((await rest(double, "GET", globalPath)).body, 0, "description"), "Changed");

  const guildPath = `/applications/${double.applicationId}/guilds/${GUILD}/commands`;
  const guild = await rest(double, "PUT", guildPath, { body: [{ name: "local", description: "Here only" }] });
  assert.equal(dig(guild.body, 0, "guild_id"), GUILD);
  assert.equal(double.commands.get(GUILD)?.[0]?.name, "local");
  assertDiscordError(
    await rest(double, "PUT", `/applications/${double.applicationId}/guilds/1/commands`, { body: [] }),
    404,
    10004,
    "Unknown Guild",
  );
  assertDiscordError(
    await rest(double, "PUT", "/applications/1/commands", { body: [] }),
    403,
    50001,
    "Missing Access",
  );
});

test("command definitions are validated like Discord: names, descriptions, options and choices", async (t) => {
  const double = await startDouble(t);
  const put = (body: unknown): Promise<RestResult> =>
    rest(double, "PUT", `/applications/${double.applicationId}/commands`, { body });
  const option = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    name,
    description: "An option",
    type: 3,
    ...extra,
  });
  const cases: Array<[string, unknown, Array<string | number>, string?]> = [
    ["upper case", [{ name: "Brief", description: "d" }], [0, "name"], "APPLICATION_COMMAND_INVALID_NAME"],
    ["a space", [{ name: "make brief", description: "d" }], [0, "name"], "APPLICATION_COMMAND_INVALID_NAME"],
    ["33 characters", [{ name: "a".repeat(33), description: "d" }], [0, "name"], "BASE_TYPE_BAD_LENGTH"],
    ["empty description", [{ name: "brief", description: "" }], [0, "description"]],
    ["101-character description", [{ name: "brief", description: "d".repeat(101) }], [0, "description"]],
    [
      "26 options",
      [{ name: "brief", description: "d", options: Array.from({ length: 26 }, (_, i) => option(`o${i}`)) }],
      [0, "options"],
      "BASE_TYPE_MAX_LENGTH",
    ],
    [
      "26 choices",
      [
        {
          name: "brief",
          description: "d",
          options: [
            option("o", {
              choices: Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `${i}` })),
            }),
          ],
        },
      ],
      [0, "options", 0, "choices"],
    ],
    [
      "an invalid option name",
      [{ name: "brief", description: "d", options: [option("Topic")] }],
      [0, "options", 0, "name"],
    ],
    [
      "a required option after an optional one",
      [{ name: "brief", description: "d", options: [option("a"), option("b", { required: true })] }],
      [0, "options", 1, "required"],
    ],
    [
      "two commands with one name",
      [
        { name: "brief", description: "d" },
        { name: "brief", description: "e" },
      ],
      [1, "name"],
      "APPLICATION_COMMANDS_DUPLICATE_NAME",
    ],
  ];
  for (const [label, body, path, code] of cases) {
    await t.test(label, async () => {
      assertFormError(await put(body), path, code);
    });
  }
  assert.equal(double.commands.get("global"), undefined, "nothing invalid was stored");
  const fine = await put([
    {
      name: "brief",
      description: "d".repeat(100),
      options: Array.from({ length: 25 }, (_, i) => option(`o${i}`, i === 0 ? { required: true } : {})),
    },
  ]);
  assert.equal(fine.status, 200);
});

// ---------------------------------------------------------------------------------------------------------
// Interaction callbacks
// ---------------------------------------------------------------------------------------------------------

test("callbacks: one acknowledgement within 3 s; a second is 40060, a late one 10062", async (t) => {
  const { double } = await connectedDouble(t);
  const handle = double.chatInput({ name: "ping" });
  const reply = await rest(double, "POST", callbackPath(handle), {
    body: { type: 4, data: { content: "pong" } },
    auth: false,
  });
  assert.equal(reply.status, 204);
  assert.equal(reply.body, undefined);
  assert.deepEqual(await handle.callback(), { type: 4, data: { content: "pong" } });
  assert.ok((handle.ackedAt() ?? 0) >= handle.sentAt);
  const original = handle.original();
  assert.equal(original?.content, "pong");
  assert.equal(original?.type, 20);
  assert.equal(original?.webhook_id, double.applicationId);
  assert.equal(original?.interaction_metadata?.id, handle.id);
  assert.equal(double.channelMessages.get(CHANNEL)?.[0]?.id, original?.id);

  assertDiscordError(
    await rest(double, "POST", callbackPath(handle), { body: { type: 4, data: { content: "again" } } }),
    400,
    40060,
    "Interaction has already been acknowledged.",
  );
  assertDiscordError(
    await rest(double, "POST", callbackPath(handle), { body: { type: 5 } }),
    400,
    40060,
    "Interaction has already been acknowledged.",
  );

  const late = double.chatInput({ name: "slow" });
  double.advanceClock(3_001);
  assertDiscordError(
    await rest(double, "POST", callbackPath(late), { body: { type: 5 } }),
    404,
    10062,
    "Unknown interaction",
  );
  assert.equal(late.ackedAt(), undefined);

  const other = double.chatInput({ name: "ping" });
  assertDiscordError(
    await rest(double, "POST", `/interactions/${other.id}/wrong-token/callback`, { body: { type: 5 } }),
    404,
    10062,
    "Unknown interaction",
  );
  assertFormError(
    await rest(double, "POST", callbackPath(other), { body: { type: 8, data: { choices: [] } } }),
    ["type"],
  );
  assertFormError(await rest(double, "POST", callbackPath(other), { body: { data: {} } }), ["type"]);
  await assert.rejects(other.callback(30), /timed out after 30 ms/);
});

test("callbacks: ?with_response=true returns the InteractionCallbackResponse", async (t) => {
  const { double } = await connectedDouble(t);
  const handle = double.chatInput({ name: "ping" });
  const result = await rest(double, "POST", callbackPath(handle, "?with_response=true"), {
    body: { type: 4, data: { content: "secret", flags: EPHEMERAL } },
  });
  assert.equal(result.status, 200);
  const message = handle.original();
  assert.deepEqual(dig(result.body, "interaction"), {
    id: handle.id,
    type: 2,
    response_message_id: message?.id,
    response_message_loading: false,
    response_message_ephemeral: true,
  });
  assert.equal(dig(result.body, "resource", "type"), 4);
  assert.equal(dig(result.body, "resource", "message", "content"), "secret");
  assert.equal(dig(result.body, "resource", "message", "flags"), EPHEMERAL);
  assert.equal(double.channelMessages.get(CHANNEL)?.length, 0, "ephemeral replies are not in the channel");
});

test("callbacks accept multipart/form-data with payload_json and files", async (t) => {
  const { double } = await connectedDouble(t);
  const handle = double.chatInput({ name: "export" });
  const form = new FormData();
  form.append(
    "payload_json",
    JSON.stringify({ type: 4, data: { content: "here", attachments: [{ id: 0, filename: "brief.md" }] } }),
  );
  form.append("files[0]", new Blob(["# Brief"], { type: "text/markdown" }), "brief.md");
  const result = await rest(double, "POST", callbackPath(handle), { form });
  assert.equal(result.status, 204);
  assert.equal((await handle.callback()).data?.content, "here");
  assert.equal(handle.original()?.attachments[0]?.filename, "brief.md");
  assert.equal(handle.original()?.attachments[0]?.size, 7);
  assert.deepEqual(double.requests.at(-1)?.files, [
    { field: "files[0]", name: "brief.md", size: 7, contentType: "text/markdown" },
  ]);
});

test("message limits: Discord's 50035 errors at the failing field, and 50006 for empty messages", async (t) => {
  const double = await startDouble(t);
  const send = (body: Record<string, unknown>): Promise<RestResult> =>
    rest(double, "POST", `/channels/${CHANNEL}/messages`, { body });
  const field = (name: string, value: string): Record<string, string> => ({ name, value });
  const button = (customId: string, label = "Go"): Record<string, unknown> => ({
    type: 2,
    style: 1,
    label,
    custom_id: customId,
  });
  const row = (...components: Array<Record<string, unknown>>): Record<string, unknown> => ({
    type: 1,
    components,
  });
  const cases: Array<[string, Record<string, unknown>, Array<string | number>, string?]> = [
    ["content over 2000", { content: "x".repeat(2001) }, ["content"], "BASE_TYPE_MAX_LENGTH"],
    ["11 embeds", { embeds: Array.from({ length: 11 }, () => ({ title: "t" })) }, ["embeds"]],
    ["title over 256", { embeds: [{ title: "t".repeat(257) }] }, ["embeds", 0, "title"]],
    ["description over 4096", { embeds: [{ description: "d".repeat(4097) }] }, ["embeds", 0, "description"]],
    [
      "26 fields",
      { embeds: [{ fields: Array.from({ length: 26 }, (_, i) => field(`n${i}`, "v")) }] },
      ["embeds", 0, "fields"],
    ],
    [
      "field name over 256",
      { embeds: [{ fields: [field("n".repeat(257), "v")] }] },
      ["embeds", 0, "fields", 0, "name"],
    ],
    [
      "field value over 1024",
      { embeds: [{ fields: [field("n", "v".repeat(1025))] }] },
      ["embeds", 0, "fields", 0, "value"],
    ],
    ["an empty field value", { embeds: [{ fields: [field("n", "")] }] }, ["embeds", 0, "fields", 0, "value"]],
    [
      "footer over 2048",
      { embeds: [{ footer: { text: "f".repeat(2049) } }] },
      ["embeds", 0, "footer", "text"],
    ],
    ["author over 256", { embeds: [{ author: { name: "a".repeat(257) } }] }, ["embeds", 0, "author", "name"]],
    [
      "6001 characters across two embeds",
      { embeds: [{ description: "d".repeat(3000) }, { title: "t", description: "d".repeat(3000) }] },
      ["embeds"],
      "MAX_EMBED_SIZE_EXCEEDED",
    ],
    [
      "6 action rows",
      { components: Array.from({ length: 6 }, (_, i) => row(button(`b${i}`))) },
      ["components"],
      "BASE_TYPE_MAX_LENGTH",
    ],
    [
      "6 buttons in a row",
      { components: [row(...Array.from({ length: 6 }, (_, i) => button(`b${i}`)))] },
      ["components", 0, "components"],
    ],
    [
      "custom_id over 100",
      { components: [row(button("c".repeat(101)))] },
      ["components", 0, "components", 0, "custom_id"],
    ],
    [
      "label over 80",
      { components: [row(button("b", "l".repeat(81)))] },
      ["components", 0, "components", 0, "label"],
    ],
    [
      "a duplicated custom_id",
      { components: [row(button("same")), row(button("same"))] },
      ["components", 1, "components", 0, "custom_id"],
      "COMPONENT_CUSTOM_ID_DUPLICATED",
    ],
  ];
  for (const [label, body, path, code] of cases) {
    await t.test(label, async () => {
      assertFormError(await send(body), path, code);
    });
  }
  assertDiscordError(await send({}), 400, 50006, "Cannot send an empty message");
  assertDiscordError(await send({ content: "   ", embeds: [] }), 400, 50006, "Cannot send an empty message");
  assert.equal(double.channelMessages.get(CHANNEL)?.length, 0);

  // Exactly at the limits is fine.
  const atLimits = await send({
    content: "x".repeat(2000),
    embeds: [{ description: "d".repeat(3000) }, { description: "d".repeat(3000) }],
    components: Array.from({ length: 5 }, (_, r) =>
      row(...Array.from({ length: 5 }, (_, b) => button(`${r}-${b}`))),
    ),
  });
  assert.equal(atLimits.status, 200);
  assert.equal(dig(atLimits.body, "channel_id"), CHANNEL);
  assert.equal(dig(atLimits.body, "author", "id"), double.applicationId);
  assert.equal(typeof dig(atLimits.body, "timestamp"), "string");
  assert.equal(dig(atLimits.body, "embeds", 0, "type"), "rich");
  assertDiscordError(
    await rest(double, "POST", "/channels/1/messages", { body: { content: "x" } }),
    404,
    10003,
    "Unknown Channel",
  );
});

test("interaction replies get the same limits under data.*, and a rejected reply is not an acknowledgement", async (t) => {
  const { double } = await connectedDouble(t);
  const handle = double.chatInput({ name: "brief" });
  assertFormError(
    await rest(double, "POST", callbackPath(handle), {
      body: { type: 4, data: { content: "x".repeat(2001) } },
    }),
    ["data", "content"],
    "BASE_TYPE_MAX_LENGTH",
  );
  assertFormError(
    await rest(double, "POST", callbackPath(handle), {
      body: { type: 4, data: { embeds: [{ title: "t".repeat(257) }] } },
    }),
    ["data", "embeds", 0, "title"],
  );
  assertDiscordError(
    await rest(double, "POST", callbackPath(handle), { body: { type: 4, data: { content: "" } } }),
    400,
    50006,
    "Cannot send an empty message",
  );
  assert.equal(handle.ackedAt(), undefined);
  const ok = await rest(double, "POST", callbackPath(handle), {
    body: { type: 4, data: { content: "fine" } },
  });
  assert.equal(ok.status, 204);
  assert.equal((await handle.callback()).type, 4);
});

test("autocomplete results: only type 8, at most 25 choices, names of 1 to 100 characters", async (t) => {
  const { double } = await connectedDouble(t);
  const handle = double.autocomplete({
    name: "brief",
    options: [{ name: "q", type: 3, value: "t", focused: true }],
  });
  const choices = (n: number, name = (i: number): string => `choice ${i}`): unknown[] =>
    Array.from({ length: n }, (_, i) => ({ name: name(i), value: `${i}` }));
  assertFormError(
    await rest(double, "POST", callbackPath(handle), { body: { type: 4, data: { content: "x" } } }),
    ["type"],
  );
  assertFormError(
    await rest(double, "POST", callbackPath(handle), { body: { type: 8, data: { choices: choices(26) } } }),
    ["data", "choices"],
    "BASE_TYPE_MAX_LENGTH",
  );
  assertFormError(
    await rest(double, "POST", callbackPath(handle), {
      body: { type: 8, data: { choices: choices(1, () => "n".repeat(101)) } },
    }),
    ["data", "choices", 0, "name"],
  );
  const ok = await rest(double, "POST", callbackPath(handle), {
    body: { type: 8, data: { choices: choices(25) } },
  });
  assert.equal(ok.status, 204);
  const callback = await handle.callback();
  assert.equal(callback.type, 8);
  assert.equal((callback.data?.choices as unknown[]).length, 25);
  assert.equal(handle.original(), undefined, "autocomplete results are not messages");
});

// ---------------------------------------------------------------------------------------------------------
// Webhook edits and follow-ups
// ---------------------------------------------------------------------------------------------------------

test("@original is 10008 before acknowledgement; a deferred reply is filled by the first follow-up", async (t) => {
  const { double } = await connectedDouble(t);
  const handle = double.chatInput({ name: "brief" });
  const original = webhookPath(double, handle, "/messages/@original");
  assertDiscordError(
    await rest(double, "PATCH", original, { body: { content: "x" } }),
    404,
    10008,
    "Unknown Message",
  );
  assertDiscordError(await rest(double, "GET", original), 404, 10008, "Unknown Message");
  assertDiscordError(
    await rest(double, "POST", webhookPath(double, handle), { body: { content: "x" } }),
    404,
    10015,
    "Unknown Webhook",
  );

  await rest(double, "POST", callbackPath(handle), { body: { type: 5, data: { flags: EPHEMERAL } } });
  assert.equal(handle.original()?.flags, EPHEMERAL | LOADING, "the thinking message");
  assert.equal(handle.original()?.content, "");

  // A public follow-up after an ephemeral defer fills the thinking message and stays ephemeral.
  const first = await rest(double, "POST", webhookPath(double, handle), { body: { content: "done" } });
  assert.equal(first.status, 200);
  assert.equal(dig(first.body, "id"), handle.original()?.id);
  assert.equal(dig(first.body, "flags"), EPHEMERAL);
  assert.deepEqual(handle.followups(), []);

  const second = await rest(double, "POST", webhookPath(double, handle), { body: { content: "more" } });
  assert.notEqual(dig(second.body, "id"), handle.original()?.id);
  assert.equal(dig(second.body, "flags"), 0);
  assert.equal(handle.followups()[0]?.content, "more");
  assert.equal(double.channelMessages.get(CHANNEL)?.[0]?.content, "more");

  const edited = await rest(double, "PATCH", original, { body: { content: "edited", flags: 0 } });
  assert.equal(dig(edited.body, "content"), "edited");
  assert.equal(dig(edited.body, "flags"), EPHEMERAL, "an edit cannot make an ephemeral reply public");
  assert.equal(typeof dig(edited.body, "edited_timestamp"), "string");
  await handle.waitForOriginal((m) => m.content === "edited");

  const followupId = String(dig(second.body, "id"));
  const patched = await rest(double, "PATCH", webhookPath(double, handle, `/messages/${followupId}`), {
    body: { content: "more!" },
  });
  assert.equal(dig(patched.body, "content"), "more!");
  assert.equal(handle.followups()[0]?.content, "more!");

  assert.equal((await rest(double, "DELETE", original)).status, 204);
  assertDiscordError(await rest(double, "GET", original), 404, 10008, "Unknown Message");
  assert.equal(handle.original(), undefined);
});

test("a deferred reply is filled by PATCH @original, which waitForOriginal sees", async (t) => {
  const { double } = await connectedDouble(t);
  const handle = double.chatInput({ name: "brief" });
  await rest(double, "POST", callbackPath(handle), { body: { type: 5 } });
  const waiting = handle.waitForOriginal((m) => m.content === "the brief", 2_000);
  const patched = await rest(double, "PATCH", webhookPath(double, handle, "/messages/@original"), {
    body: { content: "the brief", embeds: [{ title: "Brief" }] },
  });
  assert.equal(patched.status, 200);
  const message = await waiting;
  assert.equal(message.flags, 0, "no longer loading");
  assert.equal(message.embeds[0]?.title, "Brief");
  assertFormError(
    await rest(double, "PATCH", webhookPath(double, handle, "/messages/@original"), {
      body: { embeds: [{ description: "d".repeat(4097) }] },
    }),
    ["embeds", 0, "description"],
  );
  await assert.rejects(
    handle.waitForOriginal((m) => m.content === "never", 30),
    /timed out after 30 ms waiting for @original/,
  );
});

test("webhook tokens expire 15 minutes after the interaction was created: 50027", async (t) => {
  const { double } = await connectedDouble(t);
  const handle = double.chatInput({ name: "brief", createdAt: Date.now() - 15 * 60_000 - 1_000 });
  // The acknowledgement window counts from dispatch, so the defer itself still works.
  assert.equal((await rest(double, "POST", callbackPath(handle), { body: { type: 5 } })).status, 204);
  const original = webhookPath(double, handle, "/messages/@original");
  assertDiscordError(
    await rest(double, "PATCH", original, { body: { content: "late" } }),
    401,
    50027,
    "Invalid Webhook Token",
  );
  assertDiscordError(
    await rest(double, "POST", webhookPath(double, handle), { body: { content: "late" } }),
    401,
    50027,
    "Invalid Webhook Token",
  );

  const fresh = double.chatInput({ name: "brief" });
  await rest(double, "POST", callbackPath(fresh), { body: { type: 5 } });
  double.advanceClock(15 * 60_000 + 1);
  assertDiscordError(
    await rest(double, "PATCH", webhookPath(double, fresh, "/messages/@original"), {
      body: { content: "x" },
    }),
    401,
    50027,
    "Invalid Webhook Token",
  );
});

test("buttons: type 7 updates the message the button is on; type 6 lets PATCH @original edit it", async (t) => {
  const { double, gateway } = await connectedDouble(t);
  const command = double.chatInput({ name: "brief" });
  await rest(double, "POST", callbackPath(command), {
    body: {
      type: 4,
      data: {
        content: "page 1",
        components: [{ type: 1, components: [{ type: 2, style: 1, label: "Next", custom_id: "next" }] }],
      },
    },
  });
  const messageId = command.original()?.id ?? "";

  const click = double.button({ customId: "next", messageId });
  const payload = await gateway.waitFor((p) => dig(p.d, "id") === click.id);
  assert.equal(dig(payload.d, "message", "id"), messageId);
  assert.equal(dig(payload.d, "message", "content"), "page 1");
  assertFormError(
    await rest(double, "POST", callbackPath(click), {
      body: { type: 7, data: { content: "x".repeat(2001) } },
    }),
    ["data", "content"],
  );
  const update = await rest(double, "POST", callbackPath(click), {
    body: { type: 7, data: { content: "page 2", components: [] } },
  });
  assert.equal(update.status, 204);
  assert.equal(click.original()?.id, messageId);
  assert.equal(command.original()?.content, "page 2", "the command's reply is the message that changed");
  assert.equal(double.channelMessages.get(CHANNEL)?.[0]?.content, "page 2");
  assert.equal(double.channelMessages.get(CHANNEL)?.length, 1);

  const quiet = double.button({ customId: "refresh" });
  await rest(double, "POST", callbackPath(quiet), { body: { type: 6 } });
  const edited = await rest(double, "PATCH", webhookPath(double, quiet, "/messages/@original"), {
    body: { content: "refreshed" },
  });
  assert.equal(edited.status, 200);
  assert.equal(quiet.original()?.content, "refreshed");

  const notAComponent = double.chatInput({ name: "brief" });
  assertFormError(await rest(double, "POST", callbackPath(notAComponent), { body: { type: 6 } }), ["type"]);
});

test("close() is idempotent and drops gateway connections", async (t) => {
  const { double, gateway } = await connectedDouble(t);
  await double.close();
  await double.close();
  assert.equal(await gateway.closed, 1006);
  await assert.rejects(double.waitForReady(10), /closed/);
});
