#!/usr/bin/env node
// `npm start`: runs the bot until SIGINT or SIGTERM, then shuts down cleanly.
import { ConfigError, loadConfig } from "../../config.js";
import { createLogger } from "../../log.js";
import { startBot } from "./startBot.js";

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const token = config.DISCORD_TOKEN;
  if (!token) {
    process.stderr.write(
      "DISCORD_TOKEN is not set, so the bot cannot log in to Discord.\n" +
        "Set it in .env (see .env.example), or try Docket without Discord:  npx docket deal tiktok\n",
    );
    return 1;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const bot = await startBot({ ...config, DISCORD_TOKEN: token }, logger);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  logger.info("shutting down");
  await bot.stop();
  return 0;
}

process.exitCode = await main();
