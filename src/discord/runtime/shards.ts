// Sharding (DOCKET_SHARDS): this process becomes discord.js's ShardingManager and forks the bot entry once per
// shard; each child serves only the guilds Discord routes to its shard (guild_id >> 22 % count) and shares the
// store with the others. The manager opens no store and no index: it asks /gateway/bot how many shards
// (`auto`) and how many may identify at once, starts them in waves Discord allows, and stops them on a signal.
import type { ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult, type Shard } from "discord.js";
import type { Logger } from "pino";
import type { Config } from "../../app/config.js";
import { UserError } from "../../core/errors.js";
import { DEFAULT_LOGIN_RETRY, LoginError, loginWithRetry } from "./login.js";
import { restBase } from "./rest.js";

/** Discord allows `max_concurrency` identifies per 5 s (one per rate-limit key, id % max_concurrency). */
const IDENTIFY_SPACING_MS = 5_500;
/** Longest a shard may take from fork to gateway READY (index, store, login retries) before the start fails. */
const SPAWN_TIMEOUT_MS = 180_000;
/** How long a shard gets to stop cleanly after SIGTERM (a digest fan-out finishing) before it is killed. */
const STOP_TIMEOUT_MS = 30_000;

export interface ShardPlan {
  count: number;
  /** session_start_limit.max_concurrency: shards that may identify together. */
  maxConcurrency: number;
}

/** A shard process exited before it was ready; its own error line is already on stderr. */
export class ShardStartError extends UserError {
  override readonly name = "ShardStartError";
  constructor(
    readonly shard: number,
    readonly exitCode: number | null,
    reason: string,
  ) {
    super("store", `Shard ${shard} did not start (${reason}); the shard's own message is above.`);
  }
}

/** The ids of each identify wave: wave w holds one shard per rate-limit key, so keys identify 5 s apart. */
export function identifyWaves(count: number, maxConcurrency: number): number[][] {
  const size = Math.max(1, maxConcurrency);
  const waves: number[][] = [];
  for (let first = 0; first < count; first += size)
    waves.push(Array.from({ length: Math.min(size, count - first) }, (_, i) => first + i));
  return waves;
}

/** How many shards to run, from DOCKET_SHARDS and the API's /gateway/bot (which also checks the token). */
export async function planShards(
  config: Config & { DISCORD_TOKEN: string },
  logger: Logger,
): Promise<ShardPlan> {
  const api = restBase(config.DISCORD_API_URL);
  const rest = new REST({ api }).setToken(config.DISCORD_TOKEN);
  let info: RESTGetAPIGatewayBotResult | undefined;
  try {
    await loginWithRetry(
      async () => {
        info = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
      },
      {
        retry: {
          ...DEFAULT_LOGIN_RETRY,
          attempts: config.DOCKET_LOGIN_ATTEMPTS,
          firstDelayMs: config.DOCKET_LOGIN_BACKOFF_MS,
        },
        logger,
        api,
      },
    );
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
  if (!info) throw new LoginError(`No answer from ${api}/gateway/bot`);
  const count = config.DOCKET_SHARDS === "auto" ? info.shards : (config.DOCKET_SHARDS ?? 1);
  const limit = info.session_start_limit;
  if (limit.remaining < count)
    throw new LoginError(
      `Discord allows ${limit.remaining} more gateway session starts now (the limit resets in ` +
        `${Math.ceil(limit.reset_after / 60_000)} min), and ${count} shards need ${count}.`,
    );
  return { count, maxConcurrency: limit.max_concurrency };
}

export interface RunningShards {
  plan: ShardPlan;
  /** Stops every shard (SIGTERM, then SIGKILL after 30 s) without respawning them. */
  stop(): Promise<void>;
}

/** Exit codes of shards whose process ended, for the start error (discord.js drops the process object). */
const lastExit = new WeakMap<Shard, number | null>();

/** Starts one shard's process and waits for its gateway READY; a shard that exits first fails the start. */
async function startShard(manager: ShardingManager, id: number, logger: Logger): Promise<void> {
  const shard = manager.createShard(id);
  watch(shard, logger);
  try {
    await shard.spawn(SPAWN_TIMEOUT_MS);
  } catch (error) {
    const code = shard.process?.exitCode ?? lastExit.get(shard) ?? null;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ShardStartError(id, code, code === null ? reason : `exit code ${code}`);
  }
}

function watch(shard: Shard, logger: Logger): void {
  const log = logger.child({ shard: shard.id });
  shard.on("spawn", (child) => {
    log.info({ pid: "pid" in child ? child.pid : undefined }, "shard process started");
  });
  shard.on("ready", () => {
    log.info("shard ready");
  });
  shard.on("death", (child) => {
    const code = "exitCode" in child ? child.exitCode : null;
    lastExit.set(shard, code);
    log.warn(
      { exitCode: code, respawn: shard.manager.respawn },
      shard.manager.respawn ? "shard process exited; starting it again" : "shard process exited",
    );
  });
  // A respawn that fails is reported on the shard; unheard, the 'error' event would end the manager.
  shard.on("error", (error) => {
    log.error({ err: error }, "shard error");
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => {
      resolve();
    });
  });
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/**
 * Runs the bot as `plan.count` shard processes of `file` (the entry this process runs, with its Node options),
 * in identify waves; resolves once every shard is READY. Shards that die later are started again.
 */
export async function runShards(
  config: Config & { DISCORD_TOKEN: string },
  logger: Logger,
  entry: { file: string; execArgv: readonly string[] },
): Promise<RunningShards> {
  const plan = await planShards(config, logger);
  const ids = Array.from({ length: plan.count }, (_, i) => i);
  // No respawns while starting: a shard that cannot start (store down, token refused) would loop forever.
  const manager = new ShardingManager(entry.file, {
    totalShards: plan.count,
    shardList: ids,
    mode: "process",
    respawn: false,
    execArgv: [...entry.execArgv],
    token: config.DISCORD_TOKEN,
  });
  const stop = async (): Promise<void> => {
    manager.respawn = false;
    await Promise.all(
      manager.shards.map((shard) => (shard.process ? stopProcess(shard.process) : Promise.resolve())),
    );
  };
  logger.info({ shards: plan.count, maxConcurrency: plan.maxConcurrency }, "starting shards");
  const waves = identifyWaves(plan.count, plan.maxConcurrency);
  try {
    for (const [index, wave] of waves.entries()) {
      if (index > 0) await sleep(IDENTIFY_SPACING_MS);
      await Promise.all(wave.map((id) => startShard(manager, id, logger)));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  manager.respawn = true;
  logger.info({ shards: plan.count }, "every shard is ready");
  return { plan, stop };
}
