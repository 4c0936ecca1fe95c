// Starts the Discord bot: the index, store, phraser, sources and digests from the composition root (src/app),
// then logs in with minimal intents and serves the given commands through the dispatcher. `npm start`
// (src/bin/bot.ts) and the end-to-end tests both come through here. On a PostgreSQL store every command reads
// and writes the index shared in that database, so all shards and processes on the store serve one index.
import { Client, DefaultUserAgentAppendix, Events, GatewayIntentBits } from "discord.js";
import type { Logger } from "pino";
import { createApp, type App } from "../../app/app.js";
import type { Config } from "../../app/config.js";
import type { AsyncIndex } from "../../core/index/asyncIndex.js";
import type { Phraser } from "../../core/phrase/phraser.js";
import { templatePhraser } from "../../core/phrase/templatePhraser.js";
import { discordDigestOutlet } from "../delivery/digestOutlet.js";
import { downloadAttachment } from "./attachments.js";
import type { RunningDigests } from "../../digest/scheduler.js";
import type { Command } from "../interaction/commandModule.js";
import type { FeedPoller } from "../../sources/poller.js";
import type { SourceService } from "../../sources/sourceService.js";
import { createDispatcher, type Dispatcher } from "./dispatcher.js";
import { DEFAULT_LOGIN_RETRY, loginWithRetry } from "./login.js";
import { restBase } from "./rest.js";

export interface RunningBot {
  client: Client;
  /** The process's own index file, or the one shared in PostgreSQL. */
  index: AsyncIndex;
  sources: SourceService;
  poller: FeedPoller;
  digests: RunningDigests;
  stop(): Promise<void>;
}

/** What tests may swap: the grounded phraser (to make it slow), the clock and the background timers. */
export interface BotOverrides {
  groundedPhraser?: Phraser;
  /** The clock and the background timers, for tests that simulate weeks of polling and digests. */
  now?: () => number;
  pollEveryMs?: number;
  /** 0 = digests are checked only at start (tests call digests.tick()). */
  digestTickMs?: number;
}

export interface BotOptions extends BotOverrides {
  /** The slash commands to serve: commands/list.ts's COMMANDS (tests add a failing one). */
  commands: readonly Command[];
}

export async function startBot(
  config: Config & { DISCORD_TOKEN: string },
  logger: Logger,
  options: BotOptions,
): Promise<RunningBot> {
  // Everything but Discord comes from the composition root; whatever it opened is closed if the start fails.
  const app = createApp(config);
  try {
    return await serve(app, config, logger, options);
  } catch (error) {
    await app.close();
    throw error;
  }
}

async function serve(
  app: App,
  config: Config & { DISCORD_TOKEN: string },
  logger: Logger,
  options: BotOptions,
): Promise<RunningBot> {
  // The index is stored, so a start analyses only seed files it has not seen (by content hash).
  const { index, notes, analysed, ms, shared } = await app.liveIndex();
  for (const note of notes) logger.info({ note }, "seed note");
  logger.info({ documents: await index.size(), analysed, ms, shared }, "index ready");

  // A shard (forked by the manager, src/discord/runtime/shards.ts) takes its shard from discord.js's SHARDS /
  // SHARD_COUNT itself, and names it in its requests' User-Agent, so Discord-side logs tell the shards apart.
  const shard = config.SHARDS === undefined ? "" : ` docket-shard/${config.SHARDS}-of-${config.SHARD_COUNT}`;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: restBase(config.DISCORD_API_URL), userAgentAppendix: `${DefaultUserAgentAppendix}${shard}` },
  });
  // The brief workers load while the rest starts; they are awaited before the first interaction can come.
  const briefsReady = app.briefs(logger);
  briefsReady.catch(() => undefined);
  const chosen = await app.phraser(logger);
  logger.info({ phraser: chosen.phraser.name }, chosen.description);
  const notify = async (channelId: string, message: string): Promise<void> => {
    const channel = await client.channels.fetch(channelId);
    if (channel?.isSendable()) await channel.send({ content: message, allowedMentions: { parse: [] } });
  };
  const sources = await app.sources({
    logger,
    notify,
    ...(options.now ? { now: options.now } : {}),
    ...(options.pollEveryMs !== undefined ? { checkEveryMs: options.pollEveryMs } : {}),
  });
  await app.reanalyzeInBackground(logger);
  const digests = await app.digests({
    outlet: discordDigestOutlet(client),
    logger,
    ...(options.now ? { now: options.now } : {}),
    ...(options.digestTickMs !== undefined ? { tickMs: options.digestTickMs } : {}),
  });
  const briefs = await briefsReady;
  const dispatch = createDispatcher(options.commands, {
    index,
    briefs,
    groundedPhraser: options.groundedPhraser ?? templatePhraser,
    phraser: chosen.phraser,
    logger,
    maxQuotes: config.DOCKET_MAX_QUOTES,
    sources: sources.service,
    digests: digests.service,
    refreshSource: (guild, id) => sources.refresh(guild, id),
    downloadAttachment: (url, size) => downloadAttachment(url, size, config),
  });
  await logIn(client, dispatch, config, logger);
  logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, "bot ready");
  return {
    client,
    index,
    sources: sources.service,
    poller: sources.poller,
    digests,
    async stop() {
      await app.stopServices();
      await client.destroy();
      await app.close();
      logger.info("bot stopped");
    },
  };
}

/** Routes interactions to the dispatcher, logs client errors and rate limits, and logs in. */
async function logIn(
  client: Client,
  dispatch: Dispatcher,
  config: Config & { DISCORD_TOKEN: string },
  logger: Logger,
): Promise<void> {
  client.on(Events.InteractionCreate, (interaction) => {
    logger.debug({ interaction: interaction.id, guild: interaction.guildId }, "interaction received");
    dispatch(interaction).catch((error: unknown) => {
      logger.error({ err: error }, "dispatch failed");
    });
  });
  client.on(Events.Error, (error) => {
    logger.error({ err: error }, "client error");
  });
  client.rest.on("rateLimited", (info) => {
    logger.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, "rate limited");
  });
  const ready = new Promise<void>((resolve) =>
    client.once(Events.ClientReady, () => {
      resolve();
    }),
  );
  try {
    // Bounded retries with doubling waits and one log line each; startBot closes the app after the last.
    await loginWithRetry(() => client.login(config.DISCORD_TOKEN), {
      retry: {
        ...DEFAULT_LOGIN_RETRY,
        attempts: config.DOCKET_LOGIN_ATTEMPTS,
        firstDelayMs: config.DOCKET_LOGIN_BACKOFF_MS,
      },
      logger,
      api: restBase(config.DISCORD_API_URL),
      // A failed login leaves the client half-open (its REST queue, a gateway attempt): start clean.
      beforeRetry: () => client.destroy(),
    });
    await ready;
  } catch (error) {
    await client.destroy();
    throw error;
  }
}
