// What a slash command module in commands/ provides: its definition as data and its handlers.
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { Logger } from "pino";
import type { BriefSource } from "../../core/brief/briefSource.js";
import type { AsyncIndex } from "../../core/index/asyncIndex.js";
import type { Phraser } from "../../core/phrase/phraser.js";
import type { DigestService } from "../../digest/service.js";
import type { SourceService } from "../../sources/sourceService.js";

/** What handlers get besides the interaction: the engine and the process's logger. */
export interface BotContext {
  /** The index, by promise: the process's own, or the one every shard shares in PostgreSQL. */
  index: AsyncIndex;
  /** Builds briefs and story lists: worker threads in the bot, so the event loop stays free. */
  briefs: BriefSource;
  /** Phrases the brief shown at once: the template phraser (tests may slow it down). */
  groundedPhraser: Phraser;
  /** Phrases the brief that replaces it when it arrives: the LLM phraser, or the same template phraser. */
  phraser: Phraser;
  logger: Logger;
  maxQuotes: number;
  /** Admin-added sources; absent when the bot runs without a store. */
  sources?: SourceService | undefined;
  /** Digest subscriptions (/digest); absent when the bot runs without digests. */
  digests?: DigestService | undefined;
  /** Fetches a feed now (the poller's work) and says what happened, in words. */
  refreshSource(guild: string, id: string): Promise<string>;
  /** Reads an uploaded attachment (Discord's CDN), within the 2 MB file limit. */
  downloadAttachment(url: string, size: number): Promise<string>;
}

export interface Command {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
  /** Buttons whose custom id starts with `${data.name}:` come here; all their state is in the id. */
  button?(interaction: ButtonInteraction, ctx: BotContext): Promise<void>;
}
