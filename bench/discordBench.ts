// Discord round trip benchmark: the real bot (startBot, as `npm start` runs it, template phraser, seeds/ index)
// against the loopback Discord double, over real HTTP and WebSocket. Measures, per /deal interaction, the time
// from the double dispatching INTERACTION_CREATE to the bot's callback arriving, and for briefs to the final
// message (the reply with its embeds). Times are on the double's clock (Date.now): millisecond resolution.
import { fileURLToPath } from "node:url";
import { CHANNEL, GUILD, withBenchBot } from "./benchBot.js";
import type { MessageRecord } from "../test/doubles/discord/types.js";

const SEEDS = fileURLToPath(new URL("../seeds/", import.meta.url));
const STRING_OPTION = 3;
const TOPICS = ["tiktok", "microsoft", "bytedance", "tik tok"] as const;
const UNKNOWN_TOPIC = "zzzz";
/** Callback types 4 (reply) and 5 (defer, filled in later by editing @original). */
const REPLIED = 4;
const DEFERRED = 5;

export interface LatencyStats {
  p50: number;
  p99: number;
  max: number;
  n: number;
}

export interface InteractionBench extends LatencyStats {
  /** INTERACTION_CREATE → the final message with its embeds, for the interactions that got a brief. */
  final: LatencyStats;
  /** How many interactions the bot deferred (type 5) rather than answered at once (type 4). */
  deferred: number;
  /** Documents in the bot's index (seeds/). */
  documents: number;
}

/** Nearest-rank percentiles, as bench.ts computes them. */
function stats(samples: readonly number[]): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
  return { p50: rank(0.5), p99: rank(0.99), max: sorted.at(-1) ?? Number.NaN, n: sorted.length };
}

/** Topic i: the known topics in turn, and the unknown one every 10th interaction. */
function topicFor(i: number): string {
  return i % 10 === 9 ? UNKNOWN_TOPIC : (TOPICS[i % TOPICS.length] ?? "tiktok");
}

const hasEmbeds = (m: MessageRecord): boolean => Array.isArray(m.embeds) && m.embeds.length > 0;

/**
 * Starts a DiscordDouble and the bot, sends `n` /deal chat-input interactions one after another and returns the
 * latency to the callback for all of them (p50/p99/max in ms), plus `final` for the ones answered with a brief.
 */
export async function benchInteractions(n = 200): Promise<InteractionBench> {
  return withBenchBot({ DOCKET_SEEDS: SEEDS }, async (discord, bot) => {
    const toCallback: number[] = [];
    const toFinal: number[] = [];
    let deferred = 0;
    for (let i = 0; i < n; i++) {
      const topic = topicFor(i);
      const handle = discord.chatInput({
        name: "deal",
        options: [{ name: "topic", type: STRING_OPTION, value: topic }],
        guildId: GUILD,
        channelId: CHANNEL,
      });
      // The double checks waiters as it stores or edits a message, so this predicate sees the embeds land.
      let finalAt: number | undefined;
      const final =
        topic === UNKNOWN_TOPIC
          ? Promise.resolve(undefined) // the ephemeral "no documents mention…" reply: the callback is the answer
          : handle.waitForOriginal((m) => {
              if (!hasEmbeds(m)) return false;
              finalAt ??= discord.now();
              return true;
            });
      const [callback] = await Promise.all([handle.callback(), final]);
      const ackedAt = handle.ackedAt();
      if (ackedAt === undefined) throw new Error(`interaction ${i} (${topic}): callback without ackedAt`);
      if (callback.type !== REPLIED && callback.type !== DEFERRED)
        throw new Error(`interaction ${i} (${topic}): unexpected callback type ${callback.type}`);
      if (callback.type === DEFERRED) deferred++;
      toCallback.push(ackedAt - handle.sentAt);
      if (finalAt !== undefined) toFinal.push(finalAt - handle.sentAt);
    }
    return { ...stats(toCallback), final: stats(toFinal), deferred, documents: await bot.index.size() };
  });
}
