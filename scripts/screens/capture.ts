// Makes the README's pictures from the payloads the real bot sends: starts the bot against the loopback
// Discord double on ../shared/corpus-b (or the folder given), runs /deal, presses a button, runs /topics and
// previews a weekly digest, then draws each reply with headless Chromium (./shoot.ts) into docs/screens/.
// A review tool, not part of `npm test`: it needs Debian's chromium package (CHROMIUM_PATH to override).
//   npx tsx scripts/screens/capture.ts [seeds folder] [topic]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DiscordDouble } from "../../test/doubles/discord/discordDouble.js";
import type { MessageRecord, OptionInput } from "../../test/doubles/discord/types.js";
import { startTestBot } from "../../test/support/testBot.js";
import type { ShotMessage } from "./discordHtml.js";
import { DESKTOP, PHONE, shoot, type Shot } from "./shoot.js";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const seeds = path.resolve(process.argv[2] ?? path.join(REPO, "../shared/corpus-b"));
const topic = process.argv[3] ?? "figma";
const GUILD = "100000000000000001";
const CHANNEL = "200000000000000001";
const NEWS = "200000000000000002";
const [SUBCOMMAND, STRING, INTEGER, CHANNEL_OPTION] = [1, 3, 4, 7];

type Json = Record<string, unknown>;
const reply = (payload: Json, command: string, ephemeral = false): ShotMessage => ({
  invokedBy: "reader",
  command,
  ephemeral,
  payload,
});
const hasEmbeds = (m: MessageRecord) => Array.isArray(m.embeds) && m.embeds.length > 0;

const store = mkdtempSync(path.join(tmpdir(), "docket-screens-"));
const discord = await DiscordDouble.start({
  guilds: [
    {
      id: GUILD,
      name: "Policy nerds",
      channels: [
        { id: CHANNEL, name: "general" },
        { id: NEWS, name: "news" },
      ],
    },
  ],
});
// Seed documents count as added at time 0; the subscription is made before that, so the preview covers them.
let offset = -Date.now() - 24 * 3600 * 1000;
const bot = await startTestBot(discord, {
  storeUrl: `sqlite://${store}/docket.sqlite`,
  env: { DOCKET_SEEDS: seeds },
  overrides: { now: () => Date.now() + offset, digestTickMs: 0 },
});
try {
  const where = { guildId: GUILD, channelId: CHANNEL };
  const deal = discord.chatInput({
    name: "deal",
    options: [{ name: "topic", type: STRING, value: topic }],
    ...where,
  });
  const brief = await deal.waitForOriginal(hasEmbeds, 30000);
  const buttons = (
    (brief.components ?? []) as Array<{ components: Array<{ label?: string; custom_id?: string }> }>
  )
    .flatMap((r) => r.components)
    .filter((b) => b.custom_id);
  const more = buttons.find((b) => b.label === "More quotes") ?? buttons[0];
  const pressed = more?.custom_id
    ? await discord.button({ customId: more.custom_id, messageId: brief.id, ...where }).callback(30000)
    : undefined;

  const topics = discord.chatInput({ name: "topics", ...where });
  const listed = await topics.waitForOriginal(hasEmbeds, 30000);

  const digest = (sub: string, options: OptionInput[]) =>
    discord.chatInput({ name: "digest", options: [{ name: sub, type: SUBCOMMAND, options }], ...where });
  await digest("subscribe", [
    { name: "channel", type: CHANNEL_OPTION, value: NEWS },
    { name: "every", type: STRING, value: "week" },
    { name: "at", type: STRING, value: "09:00" },
    { name: "timezone", type: STRING, value: "UTC" },
    { name: "weekday", type: INTEGER, value: 1 },
  ]).callback(30000);
  offset = 0;
  const [subscription] = await bot.digests.service.list(GUILD);
  if (!subscription) throw new Error("the digest subscription was not made");
  const preview = digest("preview", [{ name: "subscription", type: STRING, value: subscription.id }]);
  const first = await preview.waitForOriginal(hasEmbeds, 60000);
  await new Promise((resolve) => setTimeout(resolve, 2000)); // the follow-ups of a long digest
  const digestMessages = [first, ...preview.followups()].map((m, i) =>
    i === 0 ? reply(m, "digest preview", true) : { ephemeral: true, payload: m },
  );

  const shots: Shot[] = [
    { file: `deal-${topic}.png`, width: DESKTOP, messages: [reply(brief, `deal topic:${topic}`)] },
    { file: `mobile-deal-${topic}.png`, width: PHONE, messages: [reply(brief, `deal topic:${topic}`)] },
    { file: "topics.png", width: DESKTOP, messages: [reply(listed, "topics")] },
    { file: "digest-weekly.png", width: DESKTOP, messages: digestMessages },
  ];
  if (pressed?.data)
    shots.splice(2, 0, {
      file: `button-${topic}-${(more?.label ?? "page").toLowerCase().replace(/\W+/gu, "-")}.png`,
      width: DESKTOP,
      // A button's reply has no "used /command" line: Discord shows only that it is private.
      messages: [{ ephemeral: true, payload: pressed.data }],
    });
  for (const { file, height } of await shoot(path.join(REPO, "docs/screens"), shots))
    console.log(`${path.relative(REPO, file)}: ${height} px`);
} finally {
  await bot.stop();
  await discord.close();
  rmSync(store, { recursive: true, force: true });
}
