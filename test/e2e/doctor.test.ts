// `docket doctor` as an operator runs it: a healthy setup (a real store, the bundled seeds, an OpenAI-compatible
// server and a Discord API, both doubles on loopback), then each broken one alone: one ✗ line saying what is
// wrong, the other checks still run, exit code 1.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { openStore } from "../../src/store/openStore.js";
import { DiscordDouble } from "../doubles/discord/discordDouble.js";
import { OpenAIDouble } from "../doubles/openaiDouble.js";
import { refusedPort } from "../support/ports.js";
import { runDocket } from "../support/runCli.js";

let dir: string;
let llm: OpenAIDouble;
let discord: DiscordDouble;
let healthy: Record<string, string>;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "docket-doctor-"));
  llm = await OpenAIDouble.start("faithful");
  discord = await DiscordDouble.start();
  const storeUrl = `sqlite://${path.join(dir, "store.sqlite")}`;
  const store = await openStore(storeUrl);
  await store.namespace<string>("sources").set("x", "y");
  await store.close();
  healthy = {
    DOCKET_STORE_URL: storeUrl,
    OPENAI_BASE_URL: llm.baseUrl,
    OPENAI_MODEL: "gpt-4o-mini",
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
  };
});

after(async () => {
  await llm.close();
  await discord.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Line {
  mark: string;
  name: string;
  text: string;
}

async function doctor(env: Record<string, string>) {
  const started = Date.now();
  const result = await runDocket(["doctor"], env);
  const lines: Line[] = result.stdout
    .trimEnd()
    .split("\n")
    .slice(0, -1)
    .map((l) => {
      const m = /^([✓✗–]) (\w+): (.+)$/.exec(l);
      assert.ok(m, `a check line: ${l}`);
      return { mark: m[1] ?? "", name: m[2] ?? "", text: m[3] ?? "" };
    });
  return { ...result, lines, ms: Date.now() - started };
}

const failures = (lines: Line[]) => lines.filter((l) => l.mark === "✗");

test("a healthy setup: every check passes, exit 0", async () => {
  const { code, lines, stdout, stderr } = await doctor(healthy);
  assert.equal(code, 0, stdout + stderr);
  assert.deepEqual(
    lines.map((l) => `${l.mark} ${l.name}`),
    ["✓ config", "✓ store", "✓ seeds", "✓ llm", "✓ discord"],
  );
  assert.match(stdout, /store ok: sqlite/);
  assert.match(stdout, /seeds: .*seeds: 1 document/);
  assert.match(stdout, /model gpt-4o-mini is available/);
  assert.match(stdout, /DISCORD_TOKEN is valid: logged in as Double Bot/);
  assert.ok(!stdout.includes(discord.token), "the token is never printed");
  assert.match(stdout, /All checks passed\.\n$/);
});

test("each broken setup: exactly one ✗ line naming what is wrong, exit 1", async (t) => {
  const corrupt = path.join(dir, "corrupt.sqlite");
  writeFileSync(corrupt, "this is not a database ".repeat(400));
  const dead = await refusedPort();
  const cases: Array<[string, Record<string, string>, string, RegExp]> = [
    [
      "bad store URL (Redis on a port that refuses)",
      { DOCKET_STORE_URL: `redis://127.0.0.1:${dead}` },
      "store",
      new RegExp(`DOCKET_STORE_URL=redis://127\\.0\\.0\\.1:${dead}.*(refused|ECONNREFUSED)`),
    ],
    [
      "corrupt store",
      { DOCKET_STORE_URL: `sqlite://${corrupt}` },
      "store",
      /is not a usable SQLite database .*mv '.*corrupt\.sqlite' '.*corrupt\.sqlite\.corrupt'/,
    ],
    [
      "missing seeds folder",
      { DOCKET_SEEDS: "/nonexistent/seeds" },
      "seeds",
      /\/nonexistent\/seeds does not exist \(from DOCKET_SEEDS\)/,
    ],
    [
      "unreachable LLM",
      { OPENAI_BASE_URL: `http://127.0.0.1:${dead}/v1` },
      "llm",
      new RegExp(`cannot reach OPENAI_BASE_URL=http://127\\.0\\.0\\.1:${dead}/v1 \\(connection refused\\)`),
    ],
    [
      "a model the server does not have",
      { OPENAI_MODEL: "no-such-model" },
      "llm",
      /OPENAI_MODEL=no-such-model is not among its models \(gpt-4o-mini\)/,
    ],
    [
      "a Discord token the API refuses",
      { DISCORD_TOKEN: "not.the.token" },
      "discord",
      /refused DISCORD_TOKEN \(401\)/,
    ],
    [
      "an unreachable Discord API",
      { DISCORD_API_URL: `http://127.0.0.1:${dead}/api` },
      "discord",
      /cannot reach DISCORD_API_URL=.*\(connection refused\)/,
    ],
  ];
  const healthyMs = (await doctor(healthy)).ms;
  t.diagnostic(`healthy: ${healthyMs} ms`);
  for (const [label, change, name, expected] of cases) {
    const { code, lines, stdout, stderr, ms } = await doctor({ ...healthy, ...change });
    t.diagnostic(`${label}: ${ms} ms`);
    assert.equal(code, 1, `${label}: ${stdout}${stderr}`);
    const failed = failures(lines);
    assert.equal(failed.length, 1, `${label}: ${stdout}`);
    assert.equal(failed[0]?.name, name, label);
    assert.match(failed[0]?.text ?? "", expected, label);
    assert.equal(lines.length, 5, `${label}: every check still runs`);
    assert.match(stdout, /1 check\(s\) failed\.\n$/);
    // The checks are bounded at 5 s each and run together; starting Node and tsx on a busy machine can take
    // longer than that, so the bound is over a healthy run's time, measured alongside.
    assert.ok(ms - healthyMs < 10_000, `${label}: ${ms} ms, a healthy run ${healthyMs} ms`);
  }
});

test("configuration problems: one ✗ line each; the checks that need an invalid variable say they are skipped", async () => {
  const { code, lines } = await doctor({
    ...healthy,
    LOG_LEVEL: "loud",
    DOCKET_MAX_QUOTES: "0",
    DOCKET_STORE_URL: "mysql://db/docket",
  });
  assert.equal(code, 1);
  const config = lines.filter((l) => l.name === "config");
  assert.deepEqual(
    config.map((l) => l.mark),
    ["✗", "✗", "✗"],
  );
  assert.ok(config.some((l) => l.text.startsWith("LOG_LEVEL")));
  assert.ok(config.some((l) => l.text.startsWith("DOCKET_MAX_QUOTES")));
  assert.ok(config.some((l) => l.text.startsWith("DOCKET_STORE_URL")));
  assert.deepEqual(
    lines.filter((l) => l.name !== "config").map((l) => `${l.mark} ${l.name}`),
    ["– store", "✓ seeds", "✓ llm", "✓ discord"],
  );
});

test("nothing optional configured: the LLM and Discord are not configured, which is no failure", async () => {
  const { code, lines } = await doctor({});
  assert.equal(code, 0);
  assert.deepEqual(
    lines.map((l) => `${l.mark} ${l.name}`),
    ["✓ config", "✓ store", "✓ seeds", "– llm", "– discord"],
  );
  assert.match(lines[1]?.text ?? "", /not created yet/);
});

test("--json: the same checks as data, and the same exit code", async () => {
  const { code, stdout } = await runDocket(["doctor", "--json"], {
    ...healthy,
    DOCKET_SEEDS: "/nonexistent/seeds",
  });
  assert.equal(code, 1);
  const report = JSON.parse(stdout) as { ok: boolean; checks: Array<{ name: string; status: string }> };
  assert.equal(report.ok, false);
  assert.deepEqual(
    report.checks.map((c) => `${c.status} ${c.name}`),
    ["ok config", "ok store", "fail seeds", "ok llm", "ok discord"],
  );
});
