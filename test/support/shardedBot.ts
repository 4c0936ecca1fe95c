// The bot as `DOCKET_SHARDS=2 npm start` runs it — the built entry as a shard manager process forking one
// process per shard — for the sharding test: spawned with an environment of the test's choosing only (nothing inherited but PATH), its
// JSON log lines (the manager's and every shard's, all on one stderr) collected as they come.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pino } from "pino";
import { SourceService } from "../../src/sources/sourceService.js";
import { SourceStore } from "../../src/sources/sourceStore.js";
import { safeFetch } from "../../src/fetch/safeFetch.js";
import { SubscriptionStore } from "../../src/digest/subscriptions.js";
import { openStore } from "../../src/store/openStore.js";
import { digestSubscription } from "./factories.js";
import { REPO } from "./shared.js";

export type LogLine = Record<string, unknown>;

/** The built entry `npm start` runs; three processes start several times faster from it than through tsx. */
export const BUILT_BOT = path.join(REPO, "dist/src/bin/bot.js");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(file));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

/** Null when dist/ is built from the current sources, else why not (`npm ci` builds it; so does `npm run build`). */
export function builtBotProblem(): string | null {
  if (!existsSync(BUILT_BOT)) return "dist/ is not built: run npm run build";
  const sources = Math.max(newestSource(path.join(REPO, "src")), newestSource(path.join(REPO, "commands")));
  return statSync(BUILT_BOT).mtimeMs < sources ? "dist/ is older than src/: run npm run build" : null;
}

export interface ShardedBot {
  process: ChildProcess;
  lines: LogLine[];
  /** Everything written to stderr that was not a JSON log line (errors before the logger exists). */
  other: string[];
  /** The manager's exit code once it exited by itself or was stopped. */
  exited: Promise<number | null>;
  /** SIGTERM to the manager; resolves with its exit code once it and its shards have stopped. */
  stop(): Promise<number | null>;
}

export function startShardedBot(env: Record<string, string>): ShardedBot {
  const child = spawn(process.execPath, [BUILT_BOT], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? "", DOTENV_CONFIG_PATH: "/nonexistent", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const lines: LogLine[] = [];
  const other: string[] = [];
  let rest = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop() ?? "";
    for (const part of parts) {
      try {
        lines.push(JSON.parse(part) as LogLine);
      } catch {
        if (part.trim() !== "") other.push(part);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return {
    process: child,
    lines,
    other,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

const HOUR = 60 * 60_000;
const hhmm = (ms: number): string => new Date(ms).toISOString().slice(11, 16);

/**
 * What the store holds before the shards start, written as another process would: a feed of `feedGuild` that
 * is due now (added, then paused and resumed), and for every guild a daily digest whose time came an hour ago
 * (subscribed three hours ago), so each shard's first digest tick owes one digest per guild it serves.
 */
export async function prepareStore(
  url: string,
  feed: { url: string; guild: string; channel: string },
  guilds: ReadonlyArray<{ id: string; channel: string }>,
): Promise<void> {
  const store = await openStore(url);
  try {
    const service = new SourceService({
      sources: new SourceStore(store),
      fetch: safeFetch,
      now: Date.now,
      allowPrivateHosts: ["127.0.0.1"],
      logger: pino({ level: "silent" }),
    });
    const preview = await service.preview(feed.url, feed.guild);
    const who = { guild: feed.guild, user: "100000000000000009", channel: feed.channel };
    const { source } = await service.confirmFeed(preview.id, who, 0);
    await service.setPaused(feed.guild, source.id, true);
    await service.setPaused(feed.guild, source.id, false);
    const subscriptions = new SubscriptionStore(store);
    const now = Date.now();
    for (const guild of guilds)
      await subscriptions.put(
        digestSubscription({
          id: `digest-${guild.id}`,
          guild: guild.id,
          channelId: guild.channel,
          at: hhmm(now - HOUR),
          timezone: "UTC",
          createdBy: "100000000000000009",
          createdAt: now - 3 * HOUR,
        }),
      );
  } finally {
    await store.close();
  }
}
