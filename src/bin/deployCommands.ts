#!/usr/bin/env node
// `npm run deploy-commands`: registers commands/list.ts's definitions, to one server (DISCORD_GUILD_ID,
// instant, for development) or globally. Run it when commands change, never on every start (Discord limits
// creations).
import { COMMAND_DATA } from "../../commands/list.js";
import { loadConfig } from "../app/config.js";
import { reportUserError } from "../app/failure.js";
import { deployCommands } from "../discord/runtime/deployCommands.js";

async function main(): Promise<number> {
  try {
    const config = loadConfig();
    if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
      process.stderr.write(
        "deploy-commands needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (see .env.example).\n",
      );
      return 1;
    }
    const count = await deployCommands({
      token: config.DISCORD_TOKEN,
      applicationId: config.DISCORD_APPLICATION_ID,
      guildId: config.DISCORD_GUILD_ID,
      api: config.DISCORD_API_URL,
      body: COMMAND_DATA,
    });
    process.stdout.write(
      `Registered ${count} commands ${config.DISCORD_GUILD_ID ? `to server ${config.DISCORD_GUILD_ID}` : "globally (may take up to an hour to appear)"}.\n`,
    );
    return 0;
  } catch (error) {
    const code = reportUserError(error, process.stderr);
    if (code === null) throw error;
    return code;
  }
}

process.exitCode = await main();
