// Every slash command the bot serves and registers, in one list.
import { digestCommandData } from "../../../commands/digest.js";
import { deal } from "../../../commands/deal.js";
import { source } from "../../../commands/source.js";
import { topics } from "../../../commands/topics.js";
import type { Command } from "../interaction/commandModule.js";

export const COMMANDS: readonly Command[] = [deal, topics, source];

/** Every definition Discord registers: the commands above plus /digest, which needs the running scheduler. */
export const COMMAND_DATA = [...COMMANDS.map((c) => c.data), digestCommandData];
