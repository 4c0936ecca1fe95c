// The Discord double's gateway: HELLO, heartbeats, IDENTIFY checks, GUILD_CREATE, RESUME with replay, and
// close() dropping connections.
import assert from "node:assert/strict";
import { test } from "node:test";
import { GatewayIntentBits } from "discord.js";

import { RawGateway, connectedDouble, dig, startDouble } from "./doubleTestKit.js";

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

test("close() is idempotent and drops gateway connections", async (t) => {
  const { double, gateway } = await connectedDouble(t);
  await double.close();
  await double.close();
  assert.equal(await gateway.closed, 1006);
  await assert.rejects(double.waitForReady(10), /closed/);
});
