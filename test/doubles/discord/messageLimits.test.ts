// Discord's form-body limits on the double: message bodies, interaction replies under data.*, and
// autocomplete results, each rejected with 50035 at the failing field.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  CHANNEL,
  assertDiscordError,
  assertFormError,
  callbackPath,
  connectedDouble,
  dig,
  rest,
  startDouble,
  type RestResult,
} from "./doubleTestKit.js";

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
