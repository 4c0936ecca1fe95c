// The reply flow with an LLM configured, end to end: real discord.js bot, Discord double, real openai SDK
// against the OpenAI double. The grounded brief is on screen inside the 3-second window; the phrased one
// replaces it when it arrives and keeps the invariants; a failing model leaves the grounded brief in place.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { RunningBot } from "../../src/discord/runtime/startBot.js";
import { startTestBot } from "../support/testBot.js";
import { DiscordDouble } from "../doubles/discord/discordDouble.js";
import { OpenAIDouble } from "../doubles/openaiDouble.js";
import { command } from "../support/factories.js";

const GUILD = "100000000000000001";
const CHANNEL = "200000000000000001";
const dir = mkdtempSync(path.join(tmpdir(), "docket-llm-e2e-"));
let discord: DiscordDouble;
let llm: OpenAIDouble;
let bot: RunningBot;

before(async () => {
  discord = await DiscordDouble.start({
    guilds: [{ id: GUILD, name: "Policy", channels: [{ id: CHANNEL, name: "general" }] }],
  });
  llm = await OpenAIDouble.start("faithful");
  bot = await startTestBot(discord, {
    storeUrl: `sqlite://${dir}/docket.sqlite`,
    env: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_MODEL: "double", DOCKET_LLM_TIMEOUT_MS: "2000" },
  });
});

after(async () => {
  await bot.stop();
  await llm.close();
  await discord.close();
  rmSync(dir, { recursive: true, force: true });
});

const deal = (topic: string) =>
  discord.chatInput(command("deal", { topic }, { guildId: GUILD, channelId: CHANNEL }));

// Failures first: accepted phrasings are cached by evidence, so after the faithful run the model is not asked.
const TOPICS = {
  hang: "tik tok",
  "server-error": "bytedance",
  "invalid-json": "Tik-Tok",
  hostile: "TitTok",
} as const;

for (const behaviour of ["hang", "server-error", "invalid-json", "hostile"] as const) {
  test(`model that answers ${behaviour}: the grounded brief is answered in time and stays correct`, async () => {
    llm.behaviour = behaviour;
    // A different spelling each time: the in-memory brief cache is keyed by what was typed.
    const handle = deal(TOPICS[behaviour]);
    const callback = await handle.callback();
    assert.ok([4, 5].includes(callback.type));
    assert.ok((handle.ackedAt() ?? Infinity) - handle.sentAt < 3000);
    const message = await handle.waitForOriginal((m) => Array.isArray(m.embeds) && m.embeds.length > 0);
    // Give the phraser its whole timeout: nothing may replace the grounded brief with an unchecked one.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const final = handle.original() as Record<string, unknown>;
    if (behaviour === "hostile") {
      // Free text in the answer's extra fields never reaches the screen.
      assert.doesNotMatch(
        JSON.stringify(final),
        /has cleared the deal|\$99 billion|provisional report is final/,
      );
    } else {
      assert.deepEqual(final.embeds, message.embeds);
    }
  });
}

test("faithful model: the grounded brief answers at once, then the checked phrasing replaces it", async () => {
  llm.behaviour = "faithful";
  const handle = deal("tiktok");
  const callback = await handle.callback();
  assert.equal(callback.type, 4);
  assert.ok((handle.ackedAt() ?? Infinity) - handle.sentAt < 3000);
  const phrased = await handle.waitForOriginal(
    (m) => JSON.stringify(m).includes("shortened by an LLM"),
    6000,
  );
  assert.match(
    JSON.stringify(phrased),
    /Microsoft fully appreciates the importance of addressing the President’s concerns/,
  );
});
