// Interactions the Discord double sends (their shapes, as discord.js reads them) and the application
// commands it stores and validates like Discord.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  CHANNEL,
  GUILD,
  assertDiscordError,
  assertFormError,
  connectedDouble,
  dig,
  rest,
  snowflakeTime,
  startDouble,
  type RestResult,
} from "./doubleTestKit.js";

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
