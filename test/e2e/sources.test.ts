// Admin sources end to end: real discord.js bot, Discord double, a feed on a loopback HTTP server.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { RunningBot } from "../../src/discord/runtime/startBot.js";
import { startTestBot } from "../support/testBot.js";
import { DiscordDouble } from "../doubles/discord/discordDouble.js";
import { FeedServer, zephyrixItems } from "../doubles/feedServer.js";
import { command } from "../support/factories.js";

const GUILD = "100000000000000001";
const OTHER = "100000000000000002";
const CHANNEL = "200000000000000001";
const NO_PERMISSIONS = "0";
const STRING = 3;
const SUBCOMMAND = 1;

const dir = mkdtempSync(path.join(tmpdir(), "docket-sources-"));
let discord: DiscordDouble;
let feed: FeedServer;
let bot: RunningBot;

before(async () => {
  feed = await FeedServer.start();
  feed.items = zephyrixItems(feed.port, 8);
  discord = await DiscordDouble.start({
    guilds: [
      { id: GUILD, name: "Admins", channels: [{ id: CHANNEL, name: "general" }] },
      { id: OTHER, name: "Elsewhere", channels: [{ id: "200000000000000002", name: "general" }] },
    ],
  });
  bot = await startTestBot(discord, {
    storeUrl: `sqlite://${dir}/docket.sqlite`,
    // Tests reach their own loopback feed server only through the documented allow-list.
    env: { DOCKET_ALLOW_PRIVATE_HOSTS: "127.0.0.1" },
    overrides: { pollEveryMs: 0 },
  });
});

after(async () => {
  await bot.stop();
  await discord.close();
  await feed.close();
  rmSync(dir, { recursive: true, force: true });
});

const sourceAdd = (url: string, permissions?: string) =>
  discord.chatInput({
    name: "source",
    options: [{ name: "add", type: SUBCOMMAND, options: [{ name: "url", type: STRING, value: url }] }],
    guildId: GUILD,
    channelId: CHANNEL,
    ...(permissions ? { permissions } : {}),
  });

const text = (m: unknown): string => JSON.stringify(m);

test("a non-admin's /source add is refused, privately", async () => {
  const handle = sourceAdd(feed.url, NO_PERMISSIONS);
  const callback = await handle.callback();
  const data = callback.data as Record<string, unknown>;
  assert.equal(Number(data.flags) & 64, 64);
  assert.match(text(data), /Manage Server/);
  assert.equal(feed.requests.length, 0, "nothing was fetched for a refused request");
});

test("an admin adds a feed: preview, import the latest items, then /deal cites them; another server does not see them", async () => {
  const add = sourceAdd(feed.url);
  const preview = await add.waitForOriginal(
    (m) => Array.isArray(m.components) && m.components.length > 0,
    8000,
  );
  assert.match(text(preview), /Policy Wire/);
  assert.match(text(preview), /8 item/);
  const rows = preview.components as Array<{ components: Array<{ custom_id: string; label: string }> }>;
  const importLatest = rows.flatMap((r) => r.components).find((b) => /import the 5 latest/.test(b.label));
  assert.ok(importLatest, text(rows));
  const press = discord.button({
    customId: importLatest.custom_id,
    guildId: GUILD,
    channelId: CHANNEL,
    messageId: preview.id,
  });
  await press.callback();
  const done = await press.waitForOriginal((m) => /Added the feed/.test(text(m)), 8000);
  assert.match(text(done), /5 item\(s\) imported/);

  const deal = discord.chatInput(
    command("deal", { topic: "zephyrix" }, { guildId: GUILD, channelId: CHANNEL }),
  );
  const brief = await deal.waitForOriginal((m) => Array.isArray(m.embeds) && m.embeds.length > 0, 8000);
  assert.match(text(brief), /Policy Wire/, "the feed's outlet among the sources");
  assert.match(text(brief), new RegExp(`127\\.0\\.0\\.1:${feed.port}/news/7`), "cites the newest item");
  assert.doesNotMatch(text(brief), /news\/0\b/, "older items were not imported");

  const elsewhere = discord.chatInput(
    command("deal", { topic: "zephyrix" }, { guildId: OTHER, channelId: "200000000000000002" }),
  );
  const refused = await elsewhere.callback();
  assert.equal(
    Number((refused.data as Record<string, unknown>).flags) & 64,
    64,
    "unknown topic in the other server",
  );
});

test("/source list shows status, item count and last fetch; refresh fetches now and imports only new items", async () => {
  feed.items = [...zephyrixItems(feed.port, 2, 8), ...feed.items];
  feed.etag = '"v2"';
  const [source] = await bot.sources.list(GUILD);
  assert.ok(source);
  const refresh = discord.chatInput({
    name: "source",
    options: [
      { name: "refresh", type: SUBCOMMAND, options: [{ name: "source", type: STRING, value: source.id }] },
    ],
    guildId: GUILD,
    channelId: CHANNEL,
  });
  const refreshed = await refresh.waitForOriginal((m) => /Fetched/.test(text(m)), 8000);
  assert.match(text(refreshed), /2 new item/);
  const list = discord.chatInput({
    name: "source",
    options: [{ name: "list", type: SUBCOMMAND }],
    guildId: GUILD,
    channelId: CHANNEL,
  });
  const listed = await list.callback();
  assert.match(text(listed.data), /7 item\(s\)/);
  assert.match(text(listed.data), /active/);
});
