// The one place the environment is read: a zod schema, loaded once with dotenv, every problem listed.
import path from "node:path";
import { config as loadDotenv } from "dotenv";
import { z } from "zod";
import { UserError } from "../core/errors.js";
import { DATA_DIR } from "./paths.js";

const LogLevel = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

const Snowflake = z.string().regex(/^\d{15,21}$/, "must be a Discord id (15 to 21 digits)");

export const ConfigSchema = z.object({
  LOG_LEVEL: LogLevel.default("info"),
  /** Folders of seed documents, separated by the platform's path delimiter; defaults to the bundled seeds/. */
  DOCKET_SEEDS: z.string().min(1).optional(),
  /** Briefs carry at most this many quotes; front ends page through them. */
  DOCKET_MAX_QUOTES: z.coerce.number().int().min(1).max(200).default(40),
  /** The bot's token; without it `npm start` explains how to try the CLI instead. */
  DISCORD_TOKEN: z.string().min(1).optional(),
  DISCORD_APPLICATION_ID: Snowflake.optional(),
  /** Register commands to this one server while developing (instant), instead of globally. */
  DISCORD_GUILD_ID: Snowflake.optional(),
  /** REST base; the gateway address then comes from this API's /gateway/bot, as with real Discord. */
  DISCORD_API_URL: z.url({ protocol: /^https?$/ }).default("https://discord.com/api"),
  /** The official SDK's own variables; with neither set, Docket phrases with templates only. */
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  OPENAI_MODEL: z.string().min(1).default("gpt-4o-mini"),
  /** `off` keeps the LLM out even when a server is configured. */
  DOCKET_LLM: z.enum(["auto", "off"]).default("auto"),
  /** Bounds a whole phrasing call, retries included; far below Discord's 15-minute token. */
  DOCKET_LLM_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120000).default(20000),
  /**
   * Host names or IPs that Docket may fetch although they are private (self-hosters with feeds on their
   * LAN), comma-separated. Everything private stays refused unless listed here.
   */
  DOCKET_ALLOW_PRIVATE_HOSTS: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((h) => h.trim())
        .filter(Boolean),
    ),
  /** Attempts at logging in to Discord before the bot gives up with one clear error (the first included). */
  DOCKET_LOGIN_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** Wait after the first failed login; each next wait doubles, capped at 30 s. */
  DOCKET_LOGIN_BACKOFF_MS: z.coerce.number().int().min(0).max(60000).default(1000),
  /**
   * Worker threads that build the bot's briefs off its event loop; unset = one fewer than the cores (at
   * least one), 0 = build them on the event loop (as the CLI does).
   */
  DOCKET_BRIEF_WORKERS: z.coerce.number().int().min(0).max(64).optional(),
  /**
   * Where Docket keeps its state: embedded SQLite by default, or a Redis or PostgreSQL server. The default
   * file is in the package's data/ folder, as the seeds are in its seeds/: run from any directory, Docket
   * finds the same store.
   */
  DOCKET_STORE_URL: z
    .string()
    .regex(
      /^(sqlite:\/\/.+|rediss?:\/\/.+|postgres(ql)?:\/\/.+)$/,
      "must be sqlite://PATH, redis://… or postgres://…",
    )
    .default(`sqlite://${path.join(DATA_DIR, "docket.sqlite")}`),
  /**
   * Sharding: `N` (1–1024) or `auto` (Discord's recommendation from /gateway/bot) runs the bot as that many
   * shard processes under discord.js's ShardingManager, all sharing DOCKET_STORE_URL; unset, one process.
   */
  DOCKET_SHARDS: z
    .union([z.literal("auto"), z.coerce.number().int().min(1).max(1024)], {
      error: "must be a number of shards from 1 to 1024, or auto",
    })
    .optional(),
  /**
   * Set by discord.js's ShardingManager in each shard process it forks (the shard's id and the shard count),
   * never by hand: a process that has them is a shard, not a manager.
   */
  SHARDS: z.coerce.number().int().min(0).optional(),
  SHARD_COUNT: z.coerce.number().int().min(1).optional(),
});

export type Config = z.infer<typeof ConfigSchema>;

/**
 * Problems between variables, which the per-variable schema cannot see: shards are separate processes, so
 * they cannot share an in-memory SQLite store (each would have one of its own).
 */
function crossProblems(config: Config): string[] {
  const problems: string[] = [];
  if (config.DOCKET_SHARDS !== undefined && config.DOCKET_STORE_URL === "sqlite://:memory:")
    problems.push(
      "DOCKET_SHARDS: shard processes cannot share sqlite://:memory:; use a file, redis://… or postgres://…",
    );
  if (config.SHARDS !== undefined && config.SHARD_COUNT !== undefined && config.SHARDS >= config.SHARD_COUNT)
    problems.push(`SHARDS: shard ${config.SHARDS} does not exist among ${config.SHARD_COUNT}`);
  return problems;
}

export class ConfigError extends UserError {
  override readonly name = "ConfigError";
  constructor(readonly problems: string[]) {
    super("config", `Configuration problems:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Parses an environment; throws one ConfigError naming every problem, not just the first. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // Deploy tools export `VAR=` for variables they leave unset, and .env files hold `VAR=` placeholders:
  // an empty (or blank) value means unset, for every variable, so the default or "not configured" applies.
  const set = Object.fromEntries(
    Object.keys(ConfigSchema.shape)
      .map((key) => [key, env[key]] as const)
      .filter(([, value]) => value !== undefined && value.trim() !== ""),
  );
  const result = ConfigSchema.safeParse(set);
  if (result.success) {
    const problems = crossProblems(result.data);
    if (problems.length === 0) return result.data;
    throw new ConfigError(problems);
  }
  throw new ConfigError(
    result.error.issues.map((issue) => `${issue.path.join(".") || "(environment)"}: ${issue.message}`),
  );
}

let loaded: Config | undefined;

/** Loads .env (without overriding real environment variables) once, then validates. */
export function loadConfig(): Config {
  if (!loaded) {
    const path = process.env.DOTENV_CONFIG_PATH;
    loadDotenv(path ? { quiet: true, path } : { quiet: true });
    loaded = parseConfig(process.env);
  }
  return loaded;
}
