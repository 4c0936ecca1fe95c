// The bot as `npm start` runs it when Discord cannot be reached (a loopback port that refuses connections;
// never the real Discord): a log line per attempt, bounded waits, then one clear line and exit code 1.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { refusedPort } from "../support/ports.js";
import { runBot as runBotProcess } from "../support/runBot.js";
import { SEEDS } from "../support/shared.js";

const dir = mkdtempSync(path.join(tmpdir(), "docket-unreachable-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The bot with a well-formed (never valid) token, the bundled seeds and a store of its own. */
const runBot = (env: Record<string, string>) =>
  runBotProcess({
    DISCORD_TOKEN: "MTAwMDAwMDAwMDAwMDAwMDAw.aaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
    DOCKET_SEEDS: SEEDS,
    DOCKET_STORE_URL: `sqlite://${path.join(dir, "store.sqlite")}`,
    ...env,
  });

test("Discord unreachable: N attempts with a log line each, then one clear error and exit 1", async (t) => {
  const port = await refusedPort();
  const api = `http://127.0.0.1:${port}/api`;
  const run = await runBot({
    DISCORD_API_URL: api,
    DOCKET_LOGIN_ATTEMPTS: "3",
    DOCKET_LOGIN_BACKOFF_MS: "200",
  });
  t.diagnostic(`3 attempts against a refused port: ${run.ms} ms`);
  assert.equal(run.code, 1, run.stderr);
  assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
  const lines = run.stderr.trim().split("\n");
  const attempts = lines
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as { msg: string })
    .filter((l) => l.msg.startsWith("Discord login failed"))
    .map((l) => l.msg);
  assert.deepEqual(attempts, [
    "Discord login failed (attempt 1 of 3: connection refused); retrying in 0.2 s",
    "Discord login failed (attempt 2 of 3: connection refused); retrying in 0.4 s",
    "Discord login failed (attempt 3 of 3: connection refused); giving up",
  ]);
  const last = lines.at(-1) ?? "";
  assert.match(
    last,
    new RegExp(
      `^Cannot reach Discord at DISCORD_API_URL=http://127\\.0\\.0\\.1:${port}/api: connection refused \\(3 attempts over [\\d.]+ s\\)`,
    ),
  );
  assert.ok(run.ms < 60_000, `finished in ${run.ms} ms`);
});

test("DOCKET_LOGIN_ATTEMPTS must be a small whole number", async () => {
  const run = await runBot({ DOCKET_LOGIN_ATTEMPTS: "0" });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /DOCKET_LOGIN_ATTEMPTS/);
});
