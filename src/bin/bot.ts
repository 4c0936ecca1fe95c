#!/usr/bin/env node
// `npm start`: runs the bot until SIGINT or SIGTERM, then shuts down cleanly. The entry hands the command
// list (commands/) to the Discord edge, so the edge never imports the commands that build on it. With
// DOCKET_SHARDS this process is the shard manager instead, and forks this same entry once per shard (discord.js
// tells each child its shard in SHARDS / SHARD_COUNT, so a child serves and never manages).
import { fileURLToPath } from "node:url";
import { COMMANDS } from "../../commands/list.js";
import { loadConfig, type Config } from "../app/config.js";
import { reportUserError } from "../app/failure.js";
import { createLogger } from "../app/log.js";
import { runShards } from "../discord/runtime/shards.js";
import { startBot } from "../discord/runtime/startBot.js";

/**
 * Resolves on SIGINT or SIGTERM; in a shard process also when the manager is gone (its IPC channel closed), so a
 * killed manager leaves no orphan serving a shard that a restarted manager would start a second time.
 */
function signalled(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
    if (process.send) process.once("disconnect", resolve);
  });
}

/** Starts the part this process plays (the shard manager, or a bot serving one shard or all guilds). */
async function serve(config: Config & { DISCORD_TOKEN: string }): Promise<() => Promise<void>> {
  const manager = config.DOCKET_SHARDS !== undefined && config.SHARDS === undefined;
  const logger = createLogger(
    config.LOG_LEVEL,
    manager
      ? { role: "shard-manager" }
      : config.SHARDS === undefined
        ? {}
        : { shard: config.SHARDS, shards: config.SHARD_COUNT },
  );
  if (manager) {
    // Listening from the start: a manager ended by a signal while its shards start must still stop them.
    const stopping = signalled();
    const shards = await runShards(config, logger, {
      file: fileURLToPath(import.meta.url),
      execArgv: process.execArgv,
    });
    await stopping;
    logger.info("stopping shards");
    return () => shards.stop();
  }
  const bot = await startBot(config, logger, { commands: COMMANDS });
  await signalled();
  logger.info("shutting down");
  return () => bot.stop();
}

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
  let stop;
  try {
    stop = await serve({ ...config, DISCORD_TOKEN: token });
  } catch (error) {
    // A store that cannot be opened, Discord unreachable after the last login attempt, a shard that could not
    // start: one line naming the variable and what was tried, not a stack trace.
    const code = reportUserError(error, process.stderr);
    if (code === null) throw error;
    return code;
  }
  await stop();
  return 0;
}

process.exitCode = await main();
// A shard's IPC channel to the manager would keep this process alive after everything else stopped (or after
// a start that failed), and the manager waits for it.
if (process.connected) process.disconnect();
