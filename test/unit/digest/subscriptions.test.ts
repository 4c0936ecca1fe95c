// Digest subscriptions: validation with clear errors, nonces within Discord's 25 characters, and the /digest
// definition within Discord's limits.
import assert from "node:assert/strict";

import { digestCommandData } from "../../../commands/digest.js";
import { UserError } from "../../../src/core/errors.js";

import { digestNonce, noncePrefix } from "../../../src/digest/nonce.js";

import { validateSubscription, type SubscribeInput } from "../../../src/digest/subscriptions.js";
import { test } from "node:test";

import { GUILD, at } from "./scheduleWorld.js";

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
