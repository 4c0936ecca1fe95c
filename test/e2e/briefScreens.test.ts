// Issue 13 acceptance over the shared corpora, on the payloads the real bot sends to the Discord double: the
// /deal first page reads on one screen (at most 1,800 characters a reader sees), leads with a dated status
// line when the story has one, shows every quote's speaker before it; every button press answers the presser
// alone (ephemeral) and leaves the public brief as it was; no disabled button is ever sent.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import type { Brief } from "../../src/core/brief/schema.js";
import { groundedBrief } from "../../src/core/brief/buildBrief.js";
import { indexFolders } from "../../src/core/index/corpus.js";
import { DiscordDouble } from "../doubles/discord/discordDouble.js";
import { DEV_CORPORA, SHARED } from "../support/shared.js";
import { startTestBot } from "../support/testBot.js";

const CORPORA = DEV_CORPORA;
const GUILD = "100000000000000001";
const CHANNEL = "200000000000000001";
const STRING = 3;
const EPHEMERAL = 64;
const SCREEN = 1800;

interface Embed {
  title?: string;
  description?: string;
  footer?: { text?: string };
  fields?: Array<{ name: string; value: string }>;
}
interface Button {
  type: number;
  style?: number;
  label?: string;
  custom_id?: string;
  disabled?: boolean;
}

/** What a reader sees of a line of Discord markdown (written here independently of the renderer). */
function seen(markdown: string): string {
  return markdown
    .replace(/(?<!\\)\[((?:\\.|[^\]\\])*)\]\(https?:\/\/[^)\s]+\)/gu, "$1")
    .replace(/\\(.)/gu, "$1")
    .replace(/\*\*/gu, "")
    .replace(/^ *(?:-#|-) /gmu, "")
    .replace(/\u200B/gu, "");
}

const embedOf = (m: Record<string, unknown>): Embed => (m.embeds as Embed[] | undefined)?.[0] ?? {};
const buttonsOf = (m: Record<string, unknown>): Button[] =>
  ((m.components as Array<{ components?: Button[] }> | undefined) ?? []).flatMap((r) => r.components ?? []);

function screenSize(m: Record<string, unknown>): number {
  const e = embedOf(m);
  const texts = [e.title ?? "", e.description ?? "", e.footer?.text ?? ""];
  for (const f of e.fields ?? []) texts.push(f.name, f.value);
  return texts.reduce((n, t) => n + Array.from(seen(t)).length, 0);
}

function checkFirstPage(message: Record<string, unknown>, brief: Brief, where: string): void {
  const description = embedOf(message).description ?? "";
  const state = (brief as { state?: { label: string; date: string } | null }).state;
  // A story with a dated step that has happened has a state, and the page leads with it.
  if (brief.timeline.some((e) => e.kind !== "deadline"))
    assert.ok(state, `${where}: the story has dates, so it has a status line`);
  if (state) {
    const first = seen(description.split("\n")[0] ?? "");
    assert.ok(first.startsWith(`${state.label} · `), `${where}: leads with the status line: ${first}`);
    assert.match(first, /\d{4}/u, `${where}: the status line is dated`);
    assert.match(description, /^\*\*[^*]+\*\* · /u, `${where}: the status is bold`);
  }
  // Every quote on the page: its speaker (when the brief names one) in bold before the opening mark.
  const quotes = description.split("\n").filter((l) => /^- (\*\*[^*]+:\*\* )?“/u.test(l));
  assert.ok(quotes.length > 0 || brief.quotes.length === 0, `${where}: key quotes shown`);
  for (const line of quotes) {
    const quote = brief.quotes.find((q) => seen(line).includes(`“${q.text.replace(/\s+/gu, " ").trim()}”`));
    assert.ok(quote, `${where}: a quote shown verbatim: ${line.slice(0, 80)}`);
    if (quote.speaker)
      assert.ok(line.startsWith(`- **${quote.speaker}:** “`), `${where}: speaker first: ${line}`);
    else assert.ok(line.startsWith("- “"), `${where}: no name where the brief has none`);
  }
}

function noDisabledButtons(message: Record<string, unknown>, where: string): void {
  for (const b of buttonsOf(message)) assert.notEqual(b.disabled, true, `${where}: disabled ${b.label}`);
}

for (const dir of CORPORA) {
  const name = path.basename(dir);
  const present = existsSync(path.join(dir, "gold.json"));
  test(
    `${name}: /deal first pages on one screen, status first, speakers first; private paging`,
    { skip: present ? false : `../shared/${name} not found at ${dir}: skipped` },
    async () => {
      const queries = (
        JSON.parse(readFileSync(path.join(dir, "gold.json"), "utf8")) as Array<{ query: string }>
      ).map((g) => g.query);
      const { index } = await indexFolders([dir]);
      const storeDir = mkdtempSync(path.join(tmpdir(), "docket-screens-"));
      const discord = await DiscordDouble.start({
        guilds: [{ id: GUILD, name: "Policy nerds", channels: [{ id: CHANNEL, name: "general" }] }],
      });
      const bot = await startTestBot(discord, {
        storeUrl: `sqlite://${storeDir}/docket.sqlite`,
        env: { DOCKET_SEEDS: dir },
      });
      const sizes: string[] = [];
      try {
        for (const query of queries) {
          const where = `${name} /deal ${query}`;
          const handle = discord.chatInput({
            name: "deal",
            options: [{ name: "topic", type: STRING, value: query }],
            guildId: GUILD,
            channelId: CHANNEL,
          });
          const message = await handle.waitForOriginal(
            (m) => Array.isArray(m.embeds) && m.embeds.length > 0,
            20000,
          );
          const size = screenSize(message);
          sizes.push(`${query}: ${size}`);
          assert.ok(size <= SCREEN, `${where}: ${size} characters on the first page`);
          assert.equal((message.flags ?? 0) & EPHEMERAL, 0, `${where}: the brief is public`);
          checkFirstPage(message, groundedBrief(index, query), where);
          noDisabledButtons(message, where);

          const before = JSON.stringify(handle.original());
          // The brief as the channel holds it, too: an edit by any route would show here.
          const posted = () =>
            JSON.stringify(discord.channelMessages.get(CHANNEL)?.find((m) => m.id === message.id));
          const postedBefore = posted();
          assert.ok(postedBefore, `${where}: the brief is in the channel`);
          for (const button of buttonsOf(message).filter((b) => b.custom_id)) {
            const press = discord.button({
              customId: button.custom_id ?? "",
              messageId: message.id,
              guildId: GUILD,
              channelId: CHANNEL,
            });
            const callback = await press.callback(10000);
            const at = `${where} [${button.label}]`;
            assert.equal(callback.type, 4, `${at}: a new reply, not an update of the brief`);
            assert.equal(Number(callback.data?.flags) & EPHEMERAL, EPHEMERAL, `${at}: ephemeral`);
            noDisabledButtons(callback.data ?? {}, at);
            // Turning a private page updates that page only.
            const page = press.original();
            const next = page ? buttonsOf(page).find((b) => b.label === "Next ▶") : undefined;
            if (page && next?.custom_id) {
              const turn = discord.button({
                customId: next.custom_id,
                messageId: page.id,
                guildId: GUILD,
                channelId: CHANNEL,
              });
              const turned = await turn.callback(10000);
              assert.equal(turned.type, 7, `${at}: the private page turns in place`);
              noDisabledButtons(turned.data ?? {}, `${at} next`);
            }
            assert.equal(JSON.stringify(handle.original()), before, `${at}: the public brief is unchanged`);
            assert.equal(posted(), postedBefore, `${at}: the channel's copy is unchanged`);
          }
        }
      } finally {
        await bot.stop();
        await discord.close();
        rmSync(storeDir, { recursive: true, force: true });
      }
      console.log(`# ${name} first-page characters: ${sizes.join(", ")}`);
    },
  );
}

const CORPUS_B = path.join(SHARED, "corpus-b");
test(
  "corpus-b: /topics lists its five stories with their states",
  { skip: existsSync(path.join(CORPUS_B, "gold.json")) ? false : `../shared/corpus-b not found: skipped` },
  async () => {
    const queries = (
      JSON.parse(readFileSync(path.join(CORPUS_B, "gold.json"), "utf8")) as Array<{ query: string }>
    ).map((g) => g.query);
    const { index } = await indexFolders([CORPUS_B]);
    const storeDir = mkdtempSync(path.join(tmpdir(), "docket-topics-"));
    const discord = await DiscordDouble.start({
      guilds: [{ id: GUILD, name: "Policy nerds", channels: [{ id: CHANNEL, name: "general" }] }],
    });
    const bot = await startTestBot(discord, {
      storeUrl: `sqlite://${storeDir}/docket.sqlite`,
      env: { DOCKET_SEEDS: CORPUS_B },
    });
    try {
      const handle = discord.chatInput({ name: "topics", guildId: GUILD, channelId: CHANNEL });
      const message = await handle.waitForOriginal(
        (m) => Array.isArray(m.embeds) && m.embeds.length > 0,
        20000,
      );
      const lines = (embedOf(message).description ?? "").split("\n");
      for (const query of queries) {
        const line = lines.find((l) => new RegExp(`^- \\*\\*[^*]*\\b${query}\\b`, "iu").test(l));
        assert.ok(line, `a story for ${query} in ${lines.join(" | ")}`);
        const brief = groundedBrief(index, query) as Brief & { state?: { label: string } | null };
        if (brief.state)
          assert.ok(seen(line).includes(` — ${brief.state.label}`), `${query}: its state: ${line}`);
        assert.match(line, / · \d+ sources?$/u, `${query}: its sources`);
      }
    } finally {
      await bot.stop();
      await discord.close();
      rmSync(storeDir, { recursive: true, force: true });
    }
  },
);
