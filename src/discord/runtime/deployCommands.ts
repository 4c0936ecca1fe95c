#!/usr/bin/env node
// `npm run deploy-commands`: bulk-registers the slash commands, to one server (DISCORD_GUILD_ID, instant,
// for development) or globally. Run it when commands change, never on every start (Discord limits creations).
import { REST, Routes } from "discord.js";
import { loadConfig } from "../../app/config.js";
import { reportUserError } from "../../app/failure.js";
import { restBase } from "./rest.js";
import { COMMAND_DATA } from "./commandList.js";

export async function deployCommands(options: {
  token: string;
  applicationId: string;
  guildId?: string | undefined;
  api: string;
}): Promise<number> {
  const rest = new REST({ api: restBase(options.api) }).setToken(options.token);
  const body = COMMAND_DATA;
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const result = (await rest.put(route, { body })) as unknown[];
  return result.length;
}

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

if (process.argv[1]?.includes("deployCommands")) process.exitCode = await main();
