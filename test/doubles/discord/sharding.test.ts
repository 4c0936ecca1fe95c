// The Discord double with a sharded bot: IDENTIFY's `shard: [id, count]` is checked, each shard is READY with
// its own guilds only (guild_id >> 22 modulo the count), an interaction goes out on the connection of the shard
// that owns its guild, and GET /gateway/bot answers the shard count and identify concurrency it is given.
import assert from "node:assert/strict";
import { test } from "node:test";
import { GatewayIntentBits } from "discord.js";
import { RawGateway, dig, rest, startDouble } from "./doubleTestKit.js";
import { shardOfGuild } from "./sharding.js";

// Ids whose shard among two differ: (id >> 22) is even for the first pair and odd for the second.
const GUILDS = [
  { id: String(10n << 22n), name: "Even A", channels: [{ id: "810000000000000001", name: "a" }] },
  { id: String((12n << 22n) | 5n), name: "Even B", channels: [{ id: "810000000000000002", name: "b" }] },
  { id: String(11n << 22n), name: "Odd A", channels: [{ id: "810000000000000003", name: "c" }] },
  { id: String((13n << 22n) | 7n), name: "Odd B", channels: [{ id: "810000000000000004", name: "d" }] },
];

const identify = (gateway: RawGateway, token: string, shard: unknown): void => {
  gateway.send(2, {
    token,
    intents: GatewayIntentBits.Guilds,
    properties: { os: "linux", browser: "test", device: "test" },
    shard,
  });
};

test("sharding: each shard is READY with its own guilds, and each guild's interactions go to its shard only", async (t) => {
  assert.deepEqual(
    GUILDS.map((g) => shardOfGuild(g.id, 2)),
    [0, 0, 1, 1],
  );
  const double = await startDouble(t, { guilds: GUILDS });
  const zero = await RawGateway.connect(t, double);
  const one = await RawGateway.connect(t, double);
  identify(zero, double.token, [0, 2]);
  const readyZero = await zero.dispatch("READY");
  let ready = false;
  void double.waitForReady().then(() => (ready = true));
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(ready, false, "one shard of two is not a ready bot");
  identify(one, double.token, [1, 2]);
  const readyOne = await one.dispatch("READY");
  await double.waitForReady();

  assert.deepEqual(dig(readyZero.d, "shard"), [0, 2]);
  assert.deepEqual(dig(readyOne.d, "shard"), [1, 2]);
  const ids = (payload: unknown): unknown[] =>
    (dig(payload, "guilds") as Array<{ id: string }>).map((g) => g.id);
  assert.deepEqual(ids(readyZero.d), [GUILDS[0]?.id, GUILDS[1]?.id]);
  assert.deepEqual(ids(readyOne.d), [GUILDS[2]?.id, GUILDS[3]?.id]);
  await one.waitFor((p) => p.t === "GUILD_CREATE" && dig(p.d, "id") === GUILDS[3]?.id);
  const creates = (gateway: RawGateway): unknown[] =>
    gateway.payloads.filter((p) => p.t === "GUILD_CREATE").map((p) => dig(p.d, "id"));
  assert.deepEqual(creates(zero), [GUILDS[0]?.id, GUILDS[1]?.id]);
  assert.deepEqual(creates(one), [GUILDS[2]?.id, GUILDS[3]?.id]);

  for (const [index, guild] of GUILDS.entries()) {
    const handle = double.chatInput({ name: "deal", guildId: guild.id });
    const owner = index < 2 ? zero : one;
    const other = index < 2 ? one : zero;
    await owner.waitFor((p) => p.t === "INTERACTION_CREATE" && dig(p.d, "id") === handle.id);
    assert.equal(handle.shard, index < 2 ? 0 : 1);
    assert.ok(
      !other.payloads.some((p) => p.t === "INTERACTION_CREATE" && dig(p.d, "id") === handle.id),
      "the other shard never sees it",
    );
  }
  // Direct messages belong to shard 0, as on Discord.
  const dm = double.chatInput({ name: "deal", dm: true });
  await zero.waitFor((p) => p.t === "INTERACTION_CREATE" && dig(p.d, "id") === dm.id);
  assert.equal(dm.shard, 0);
});

test("sharding: a shard outside its count is closed with 4010, and /gateway/bot answers what it is given", async (t) => {
  const double = await startDouble(t, { guilds: GUILDS, sharding: { recommended: 3, maxConcurrency: 16 } });
  for (const bad of [[2, 2], [0, 0], [-1, 2], "0,1", [0]]) {
    const gateway = await RawGateway.connect(t, double);
    identify(gateway, double.token, bad);
    assert.equal(await gateway.closed, 4010, JSON.stringify(bad));
  }
  const info = await rest(double, "GET", "/gateway/bot");
  assert.equal(dig(info.body, "shards"), 3);
  assert.equal(dig(info.body, "session_start_limit", "max_concurrency"), 16);
});
