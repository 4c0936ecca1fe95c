// Bulk-registers slash command definitions, to one server (instant, for development) or globally; run by
// `npm run deploy-commands` (src/bin/deployCommands.ts) when commands change, never on every start.
import { REST, Routes, type RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";
import { restBase } from "./rest.js";

export async function deployCommands(options: {
  token: string;
  applicationId: string;
  guildId?: string | undefined;
  api: string;
  /** The definitions (commands/list.ts's COMMAND_DATA). */
  body: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[];
}): Promise<number> {
  const rest = new REST({ api: restBase(options.api) }).setToken(options.token);
  const body = options.body;
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const result = (await rest.put(route, { body })) as unknown[];
  return result.length;
}
