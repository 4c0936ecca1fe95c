// Every slash command the bot serves and registers, in one list.
import { deal } from "../../commands/deal.js";
import { source } from "../../commands/source.js";
import { topics } from "../../commands/topics.js";
import type { Command } from "./command.js";

export const COMMANDS: readonly Command[] = [deal, topics, source];
