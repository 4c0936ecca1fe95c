// Starts the real bot (startBot, the entry `npm start` uses) against a Discord double, with the seeds,
// a store of the test's own and whatever else the test sets; and captures structured log lines.
import { Writable } from "node:stream";
import { pino, type Logger } from "pino";
import { COMMANDS } from "../../commands/list.js";
import { startBot, type BotOptions, type RunningBot } from "../../src/discord/runtime/startBot.js";
import { parseConfig } from "../../src/app/config.js";
import type { DiscordDouble } from "../doubles/discord/discordDouble.js";
import { SEEDS } from "./shared.js";

export interface TestBotOptions {
  storeUrl: string;
  /** More environment, e.g. OPENAI_BASE_URL or DOCKET_ALLOW_PRIVATE_HOSTS. */
  env?: Record<string, string>;
  logger?: Logger;
  /** What to swap; the commands are commands/list.ts's unless given. */
  overrides?: Partial<BotOptions>;
}

export function startTestBot(discord: DiscordDouble, options: TestBotOptions): Promise<RunningBot> {
  const config = parseConfig({
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    DOCKET_SEEDS: SEEDS,
    DOCKET_STORE_URL: options.storeUrl,
    ...options.env,
  });
  return startBot({ ...config, DISCORD_TOKEN: discord.token }, options.logger ?? pino({ level: "silent" }), {
    commands: COMMANDS,
    ...options.overrides,
  });
}

/** A logger whose JSON lines land in `lines`, so a test can find the line matching what a user saw. */
export function captureLogs(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level: "info" },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split("\n").filter(Boolean)) {
          lines.push(JSON.parse(line) as Record<string, unknown>);
        }
        done();
      },
    }),
  );
  return { logger, lines };
}
