// Every slash command the bot serves, in one list: registration (deploy-commands), dispatch and the tests
// all use exactly this. The edge never imports commands/; the bot's entry (src/bin/bot.ts) hands it this list.
import type { Command } from "../src/discord/interaction/commandModule.js";
import { deal } from "./deal.js";
import { digest } from "./digest.js";
import { source } from "./source.js";
import { topics } from "./topics.js";

export const COMMANDS: readonly Command[] = [deal, topics, source, digest];

/** Every definition Discord registers. */
export const COMMAND_DATA = COMMANDS.map((c) => c.data);
