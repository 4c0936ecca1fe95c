#!/usr/bin/env node
// `npm start`: runs the bot until SIGINT or SIGTERM, then shuts down cleanly. The entry hands the command
// list (commands/) to the Discord edge, so the edge never imports the commands that build on it.
import { COMMANDS } from "../../commands/list.js";
import { loadConfig } from "../app/config.js";
import { reportUserError } from "../app/failure.js";
import { createLogger } from "../app/log.js";
import { startBot } from "../discord/runtime/startBot.js";

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    const code = reportUserError(error, process.stderr);
    if (code === null) throw error;
    return code;
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
  let bot;
  try {
    bot = await startBot({ ...config, DISCORD_TOKEN: token }, logger, { commands: COMMANDS });
  } catch (error) {
    // A store that cannot be opened, or Discord unreachable after the last login attempt: one line naming
    // the variable and what was tried, not a stack trace.
    const code = reportUserError(error, process.stderr);
    if (code === null) throw error;
    return code;
  }
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  logger.info("shutting down");
  await bot.stop();
  return 0;
}

process.exitCode = await main();
