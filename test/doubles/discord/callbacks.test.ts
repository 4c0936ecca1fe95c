// Acknowledging interactions on the Discord double: one callback within 3 s, with_response, multipart, and
// the webhook routes behind it (@original, follow-ups, 15-minute tokens, buttons).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  CHANNEL,
  EPHEMERAL,
  LOADING,
  assertDiscordError,
  assertFormError,
  callbackPath,
  connectedDouble,
  dig,
  rest,
  webhookPath,
} from "./doubleTestKit.js";

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
