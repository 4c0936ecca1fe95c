// Logging in with bounded retries: growing waits, one log line per failed attempt, a clear final error after
// the last one, and no retry for a token Discord refuses. The real client against a refused loopback port
// is in test/e2e/botUnreachable.test.ts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { LoginError, loginWithRetry } from "../../../src/discord/runtime/login.js";
import { captureLogs } from "../../support/testBot.js";

const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
const API = "http://127.0.0.1:1/api";

test("retries with doubling waits up to the cap, one warn line per attempt, then one clear LoginError", async () => {
  const { logger, lines } = captureLogs();
  const waits: number[] = [];
  let calls = 0;
  let destroyed = 0;
  await assert.rejects(
    loginWithRetry(
      () => {
        calls++;
        return Promise.reject(refused());
      },
      {
        retry: { attempts: 5, firstDelayMs: 1000, maxDelayMs: 3000 },
        logger,
        api: API,
        beforeRetry: () => {
          destroyed++;
          return Promise.resolve();
        },
        sleep: (ms) => {
          waits.push(ms);
          return Promise.resolve();
        },
      },
    ),
    (error: unknown) => {
      assert.ok(error instanceof LoginError);
      assert.match(
        error.message,
        /^Cannot reach Discord at DISCORD_API_URL=http:\/\/127\.0\.0\.1:1\/api: connection refused \(5 attempts over [\d.]+ s\)\./,
      );
      assert.ok(!error.message.includes("\n"), "one line");
      return true;
    },
  );
  assert.equal(calls, 5);
  assert.equal(destroyed, 4);
  assert.deepEqual(waits, [1000, 2000, 3000, 3000]);
  const messages = lines.map((l) => String(l.msg));
  assert.equal(messages.length, 5);
  assert.equal(messages[0], "Discord login failed (attempt 1 of 5: connection refused); retrying in 1 s");
  assert.equal(messages[4], "Discord login failed (attempt 5 of 5: connection refused); giving up");
  assert.deepEqual(
    lines.map((l) => l.level),
    [40, 40, 40, 40, 50],
  );
});

test("a login that succeeds on a later attempt returns; one line per failed attempt only", async () => {
  const { logger, lines } = captureLogs();
  let calls = 0;
  await loginWithRetry(() => (++calls < 3 ? Promise.reject(refused()) : Promise.resolve("token")), {
    retry: { attempts: 5, firstDelayMs: 10, maxDelayMs: 10 },
    logger,
    api: API,
    sleep: () => Promise.resolve(),
  });
  assert.equal(calls, 3);
  assert.equal(lines.length, 2);
});

test("a refused token is not retried", async () => {
  const { logger } = captureLogs();
  let calls = 0;
  const invalid = Object.assign(new Error("An invalid token was provided."), { code: "TokenInvalid" });
  await assert.rejects(
    loginWithRetry(
      () => {
        calls++;
        return Promise.reject(invalid);
      },
      {
        retry: { attempts: 5, firstDelayMs: 10, maxDelayMs: 10 },
        logger,
        api: API,
        sleep: () => Promise.resolve(),
      },
    ),
    /Discord refused DISCORD_TOKEN\. Check DISCORD_TOKEN/,
  );
  assert.equal(calls, 1);
});
