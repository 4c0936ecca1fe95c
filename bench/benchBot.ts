// The bot against a loopback Discord double, for the benchmarks that time interactions: one server with one
// channel, silent logs, the configuration from `env` on top of the double's address and token.
import { pino } from "pino";
import { COMMANDS } from "../commands/list.js";
import { parseConfig } from "../src/app/config.js";
import { startBot, type RunningBot } from "../src/discord/runtime/startBot.js";
import { DiscordDouble } from "../test/doubles/discord/discordDouble.js";

export const GUILD = "100000000000000001";
export const CHANNEL = "200000000000000001";

/** Starts the double and the bot, waits until the bot is ready, runs `work`, and stops both whatever happens. */
export async function withBenchBot<T>(
  env: Record<string, string>,
  work: (discord: DiscordDouble, bot: RunningBot) => Promise<T>,
): Promise<T> {
  const discord = await DiscordDouble.start({
    guilds: [{ id: GUILD, name: "Bench", channels: [{ id: CHANNEL, name: "general" }] }],
  });
  let bot: RunningBot | undefined;
  try {
    const config = parseConfig({
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      LOG_LEVEL: "silent",
      ...env,
    });
    bot = await startBot({ ...config, DISCORD_TOKEN: discord.token }, pino({ level: "silent" }), {
      commands: COMMANDS,
    });
    await discord.waitForReady();
    return await work(discord, bot);
  } finally {
    await bot?.stop();
    await discord.close();
  }
}
