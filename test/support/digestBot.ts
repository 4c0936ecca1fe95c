// A bot process for the digest end-to-end test: a real discord.js Client logged in to the Discord double, the
// store, and startDigests, which delivers what is due at start and then ticks. The test SIGKILLs it mid-way.
//
// Environment: DIGEST_BOT_API (the double's REST base), DIGEST_BOT_TOKEN, DIGEST_BOT_STORE (sqlite path),
// DIGEST_BOT_TICK_MS (default 200), and DIGEST_BOT_HANG_AFTER=n: after n messages were posted, every later
// post still reaches Discord but its reply is never handed back, so the process is killed exactly between
// Discord storing a message and Docket recording it. Logs are pino JSON lines on stdout.
import { Client, Events, GatewayIntentBits } from "discord.js";
import { pino } from "pino";
import { DocumentIndex } from "../../src/core/index/docIndex.js";
import { discordDigestOutlet, type DiscordDigestClient } from "../../src/discord/delivery/digestOutlet.js";
import { startDigests } from "../../src/digest/scheduler.js";
import { openStore } from "../../src/store/openStore.js";

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

const logger = pino({ level: "info", base: { pid: process.pid } }, pino.destination(1));
const client = new Client({
  intents: [GatewayIntentBits.Guilds],
  rest: { api: env("DIGEST_BOT_API").replace(/\/+$/, "") },
});
const ready = new Promise<void>((resolve) =>
  client.once(Events.ClientReady, () => {
    resolve();
  }),
);
await client.login(env("DIGEST_BOT_TOKEN"));
await ready;
const store = await openStore(`sqlite://${env("DIGEST_BOT_STORE")}`);

const hangAfter = Number(process.env.DIGEST_BOT_HANG_AFTER ?? 0);
let posted = 0;
const sender: DiscordDigestClient =
  hangAfter > 0
    ? {
        guilds: client.guilds,
        users: client.users,
        isReady: () => client.isReady(),
        rest: {
          async post(route, options) {
            const result = await client.rest.post(route, options);
            posted += 1;
            if (posted >= hangAfter) {
              logger.info({ posted }, "hanging after a post, waiting to be killed");
              await new Promise(() => undefined);
            }
            return result;
          },
        },
      }
    : client;

const digests = startDigests({
  store,
  index: new DocumentIndex(),
  outlet: discordDigestOutlet(sender),
  logger,
  tickMs: Number(process.env.DIGEST_BOT_TICK_MS ?? 200),
});
const first = await digests.started;
logger.info({ events: first?.events.length ?? 0 }, "first tick done");

process.once("SIGTERM", () => {
  void digests
    .stop()
    .then(() => client.destroy())
    .then(() => store.close())
    .finally(() => process.exit(0));
});
