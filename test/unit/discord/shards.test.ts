// Sharding's decisions before any process is forked: DOCKET_SHARDS read and checked with the configuration,
// how many shards to run (a number, or `auto` from the API's /gateway/bot, against the Discord double), and
// the identify waves that keep shards with one rate-limit key 5 s apart.
import assert from "node:assert/strict";
import { test } from "node:test";
import { pino } from "pino";
import { ConfigError, parseConfig } from "../../../src/app/config.js";
import { LoginError } from "../../../src/discord/runtime/login.js";
import { identifyWaves, planShards } from "../../../src/discord/runtime/shards.js";
import { DiscordDouble } from "../../doubles/discord/discordDouble.js";

const problems = (env: Record<string, string>): string[] => {
  try {
    parseConfig(env);
    return [];
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
};

test("DOCKET_SHARDS: a number from 1 to 1024 or auto; anything else, or an in-memory store, is named", () => {
  assert.equal(parseConfig({ DOCKET_SHARDS: "2" }).DOCKET_SHARDS, 2);
  assert.equal(parseConfig({ DOCKET_SHARDS: "auto" }).DOCKET_SHARDS, "auto");
  assert.equal(parseConfig({ DOCKET_SHARDS: "" }).DOCKET_SHARDS, undefined);
  for (const bad of ["0", "many", "1.5", "2000"])
    assert.match(problems({ DOCKET_SHARDS: bad }).join("\n"), /^DOCKET_SHARDS: /, bad);
  assert.match(
    problems({ DOCKET_SHARDS: "2", DOCKET_STORE_URL: "sqlite://:memory:" }).join("\n"),
    /DOCKET_SHARDS: shard processes cannot share sqlite:\/\/:memory:/,
  );
  // Each shard process shares an SQLite file on one host (WAL, atomic id sets, leases): allowed.
  assert.deepEqual(problems({ DOCKET_SHARDS: "2", DOCKET_STORE_URL: "sqlite:///srv/docket.sqlite" }), []);
  assert.match(problems({ SHARDS: "2", SHARD_COUNT: "2" }).join("\n"), /SHARDS: shard 2 does not exist/);
});

test("identify waves: one shard per rate-limit key in each wave", () => {
  assert.deepEqual(identifyWaves(3, 1), [[0], [1], [2]]);
  assert.deepEqual(identifyWaves(5, 2), [[0, 1], [2, 3], [4]]);
  assert.deepEqual(identifyWaves(2, 16), [[0, 1]]);
});

test("planShards: a number is taken as given, auto asks /gateway/bot; a refused token is one error", async (t) => {
  const discord = await DiscordDouble.start({ sharding: { recommended: 3, maxConcurrency: 4 } });
  t.after(() => discord.close());
  const logger = pino({ level: "silent" });
  const config = (env: Record<string, string>) => ({
    ...parseConfig({ DISCORD_API_URL: discord.apiUrl, DOCKET_LOGIN_BACKOFF_MS: "0", ...env }),
    DISCORD_TOKEN: env.DISCORD_TOKEN ?? discord.token,
  });
  assert.deepEqual(await planShards(config({ DOCKET_SHARDS: "2" }), logger), { count: 2, maxConcurrency: 4 });
  assert.deepEqual(await planShards(config({ DOCKET_SHARDS: "auto" }), logger), {
    count: 3,
    maxConcurrency: 4,
  });
  await assert.rejects(
    planShards(config({ DOCKET_SHARDS: "2", DISCORD_TOKEN: "wrong" }), logger),
    (error) => {
      assert.ok(error instanceof LoginError);
      assert.match(error.userMessage, /401: Unauthorized\. Check DISCORD_TOKEN/);
      return true;
    },
  );
  const asked = discord.requests.filter((r) => r.path === "/gateway/bot");
  assert.equal(asked.length, 3, "the refused token was not retried");
});
