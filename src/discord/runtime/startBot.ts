// Starts the Discord bot: builds the index from the seeds, logs in with minimal intents and serves
// interactions through the dispatcher. `npm start` and the end-to-end tests both come through here.
import path from "node:path";
import { Client, Events, GatewayIntentBits } from "discord.js";
import type { Logger } from "pino";
import { restBase, type Config } from "../../config.js";
import { seedsIndexPath, syncFolders } from "../../store/index/openIndex.js";
import { SqliteIndex } from "../../store/index/sqliteIndex.js";
import type { DocumentIndex } from "../../core/index/docIndex.js";
import type { Phraser } from "../../core/phrase/phraser.js";
import { templatePhraser } from "../../core/phrase/templatePhraser.js";
import { choosePhraser } from "../../phrasing.js";
import { openStore } from "../../store/openStore.js";
import { startSources } from "../../sources/runtime.js";
import { downloadAttachment } from "./attachments.js";
import { createDigestCommand } from "../../../commands/digest.js";
import { startDigests, type RunningDigests } from "../../digest/scheduler.js";
import type { Command } from "../interaction/commandModule.js";
import type { FeedPoller } from "../../sources/poller.js";
import type { SourceService } from "../../sources/sourceService.js";
import { BUNDLED_SEEDS } from "../../paths.js";
import { COMMANDS } from "./commandList.js";
import { createDispatcher } from "./dispatcher.js";

export interface RunningBot {
  client: Client;
  index: DocumentIndex;
  sources: SourceService;
  poller: FeedPoller;
  digests: RunningDigests;
  stop(): Promise<void>;
}

/** What tests may swap: the command list (to add a failing one) and the grounded phraser (to make it slow). */
export interface BotOverrides {
  commands?: readonly Command[];
  groundedPhraser?: Phraser;
  /** The clock and the background timers, for tests that simulate weeks of polling and digests. */
  now?: () => number;
  pollEveryMs?: number;
  /** 0 = digests are checked only at start (tests call digests.tick()). */
  digestTickMs?: number;
}

export async function startBot(
  config: Config & { DISCORD_TOKEN: string },
  logger: Logger,
  overrides: BotOverrides = {},
): Promise<RunningBot> {
  const folders = config.DOCKET_SEEDS ? config.DOCKET_SEEDS.split(path.delimiter) : [BUNDLED_SEEDS];
  const started = performance.now();
  // The index is stored: a start opens it and analyses only seed files it has not seen (by content hash).
  const index = new SqliteIndex(seedsIndexPath(config.DOCKET_STORE_URL, folders));
  const synced = await syncFolders(index, folders);
  for (const note of synced.notes) logger.info({ note }, "seed note");
  logger.info(
    { documents: index.size, analysed: synced.analysed, ms: Math.round(performance.now() - started) },
    "index ready",
  );

  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: restBase(config.DISCORD_API_URL) },
  });
  const store = await openStore(config.DOCKET_STORE_URL);
  const chosen = choosePhraser(config, store, logger);
  logger.info({ phraser: chosen.phraser.name }, chosen.description);
  const notify = async (channelId: string, message: string): Promise<void> => {
    const channel = await client.channels.fetch(channelId);
    if (channel?.isSendable()) await channel.send({ content: message, allowedMentions: { parse: [] } });
  };
  const sources = await startSources({
    store,
    index,
    logger,
    allowPrivateHosts: config.DOCKET_ALLOW_PRIVATE_HOSTS,
    notify,
    ...(overrides.now ? { now: overrides.now } : {}),
    ...(overrides.pollEveryMs !== undefined ? { checkEveryMs: overrides.pollEveryMs } : {}),
  });
  const digests = startDigests({
    store,
    index,
    client,
    logger,
    ...(overrides.now ? { now: overrides.now } : {}),
    ...(overrides.digestTickMs !== undefined ? { tickMs: overrides.digestTickMs } : {}),
  });
  const commands = [...(overrides.commands ?? COMMANDS), createDigestCommand(digests.service)];
  const dispatch = createDispatcher(commands, {
    index,
    groundedPhraser: overrides.groundedPhraser ?? templatePhraser,
    phraser: chosen.phraser,
    logger,
    maxQuotes: config.DOCKET_MAX_QUOTES,
    sources: sources.service,
    refreshSource: (guild, id) => sources.refresh(guild, id),
    downloadAttachment: (url, size) => downloadAttachment(url, size, config),
  });
  client.on(Events.InteractionCreate, (interaction) => {
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
  await client.login(config.DISCORD_TOKEN);
  await ready;
  logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, "bot ready");
  return {
    client,
    index,
    sources: sources.service,
    poller: sources.poller,
    digests,
    async stop() {
      sources.stop();
      await digests.stop();
      await client.destroy();
      await store.close();
      index.close();
      logger.info("bot stopped");
    },
  };
}
