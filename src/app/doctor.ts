// The checks behind `docket doctor`: configuration, store, seed folders, and (when configured) the LLM server
// and the Discord API. Each check is bounded in time, never throws, and ends in one line a person can act
// on; a check whose variable is invalid is skipped and says so, since the config check already named it.
import { existsSync } from "node:fs";
import { access, constants } from "node:fs/promises";
import path from "node:path";
import { ConfigError, ConfigSchema, parseConfig, type Config } from "./config.js";
import { checkModels } from "../llm/modelsCheck.js";
import { networkReason } from "../core/networkReason.js";
import { loadFolder } from "../core/ingest/loadFolder.js";
import { checkStore } from "../store/health.js";
import { redactUrl, sqliteFile } from "../store/storeError.js";
import { folderProblem, type SeedFolders } from "./seedFolders.js";

export type CheckStatus = "ok" | "fail" | "skip";

export interface Check {
  name: "config" | "store" | "seeds" | "llm" | "discord";
  status: CheckStatus;
  message: string;
}

/** Each network check's bound: a person waits ~10 s before deciding something hangs. */
export const DOCTOR_TIMEOUT_MS = 5000;

const ok = (name: Check["name"], message: string): Check => ({ name, status: "ok", message });
const fail = (name: Check["name"], message: string): Check => ({ name, status: "fail", message });
const skip = (name: Check["name"], message: string): Check => ({ name, status: "skip", message });

export interface ConfigCheck {
  checks: Check[];
  /** The configuration with every invalid variable left at its default; the other checks run on it. */
  config: Config;
  /** Variables whose value is invalid. */
  invalid: Set<string>;
}

/** One failed check per invalid variable (zod names each problem), and a configuration for the rest. */
export function checkConfig(env: Record<string, string | undefined>): ConfigCheck {
  try {
    return { checks: [ok("config", "configuration is valid")], config: parseConfig(env), invalid: new Set() };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const invalid = new Set<string>();
    for (const key of Object.keys(ConfigSchema.shape)) {
      try {
        parseConfig({ [key]: env[key] });
      } catch {
        invalid.add(key);
      }
    }
    const rest = Object.fromEntries(Object.entries(env).filter(([key]) => !invalid.has(key)));
    return {
      checks: error.problems.map((p) => fail("config", p)),
      config: parseConfig(rest),
      invalid,
    };
  }
}

export async function checkStoreHealth(
  config: Config,
  invalid: ReadonlySet<string>,
  timeoutMs: number,
): Promise<Check> {
  if (invalid.has("DOCKET_STORE_URL"))
    return skip("store", "skipped: DOCKET_STORE_URL is invalid (see above)");
  const url = config.DOCKET_STORE_URL;
  const file = sqliteFile(url);
  if (file !== null && !existsSync(file)) {
    // Opening would create it; the doctor only looks. The nearest existing folder must take the new file.
    let dir = path.dirname(path.resolve(file));
    while (!existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    try {
      await access(dir, constants.W_OK);
      return ok("store", `store not created yet: ${file} will be created on first use (${dir} is writable)`);
    } catch {
      return fail("store", `DOCKET_STORE_URL=${url}: ${file} does not exist and ${dir} is not writable`);
    }
  }
  const health = await checkStore(url, { timeoutMs });
  return health.ok ? ok("store", health.message) : fail("store", health.message);
}

export async function checkSeeds(seeds: SeedFolders): Promise<Check[]> {
  if (seeds.folders.length === 0) return [fail("seeds", `${seeds.origin}: no folder given`)];
  return Promise.all(
    seeds.folders.map(async (folder): Promise<Check> => {
      const problem = await folderProblem(folder);
      if (problem) return fail("seeds", `${problem} (from ${seeds.origin})`);
      try {
        const { documents, notes } = await loadFolder(folder);
        const skipped =
          notes.length > 0 ? `; ${notes.length} note(s), docket topics --verbose shows them` : "";
        if (documents.length === 0)
          return fail("seeds", `${folder} holds no .txt, .md or .html documents${skipped}`);
        return ok("seeds", `${folder}: ${documents.length} document(s)${skipped}`);
      } catch (error) {
        return fail("seeds", `${folder} cannot be read (${networkReason(error)})`);
      }
    }),
  );
}

export async function checkLlm(
  config: Config,
  invalid: ReadonlySet<string>,
  timeoutMs: number,
): Promise<Check> {
  const bad = ["OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_MODEL"].filter((k) => invalid.has(k));
  if (bad.length > 0) return skip("llm", `skipped: ${bad.join(", ")} invalid (see above)`);
  if (config.DOCKET_LLM === "off") return skip("llm", "switched off (DOCKET_LLM=off): template phrasing");
  if (!config.OPENAI_BASE_URL && !config.OPENAI_API_KEY)
    return skip("llm", "not configured (no OPENAI_BASE_URL or OPENAI_API_KEY): template phrasing");
  const where = config.OPENAI_BASE_URL
    ? `OPENAI_BASE_URL=${redactUrl(config.OPENAI_BASE_URL)}`
    : "api.openai.com";
  const result = await checkModels({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.OPENAI_MODEL,
    where,
    timeoutMs,
  });
  return result.ok ? ok("llm", result.message) : fail("llm", result.message);
}

export async function checkDiscord(
  config: Config,
  invalid: ReadonlySet<string>,
  timeoutMs: number,
): Promise<Check> {
  if (invalid.has("DISCORD_API_URL"))
    return skip("discord", "skipped: DISCORD_API_URL is invalid (see above)");
  const token = config.DISCORD_TOKEN;
  if (!token) return skip("discord", "not configured (no DISCORD_TOKEN): the CLI works without it");
  // The REST base without a version suffix, as discord.js takes it (the edge's restBase, not importable here).
  const api = config.DISCORD_API_URL.replace(/\/+$/, "").replace(/\/v\d+$/, "");
  const where = `DISCORD_API_URL=${api}`;
  try {
    const response = await fetch(`${api}/v10/users/@me`, {
      headers: { Authorization: `Bot ${token}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status === 401)
      return fail(
        "discord",
        `${where} refused DISCORD_TOKEN (401): reset the bot token in the Developer Portal`,
      );
    if (!response.ok)
      return fail("discord", `${where} answered the token check with HTTP ${response.status}`);
    const user = (await response.json()) as { id?: unknown; username?: unknown };
    const name = typeof user.username === "string" ? user.username : "the bot";
    const id = typeof user.id === "string" ? ` (${user.id})` : "";
    return ok("discord", `DISCORD_TOKEN is valid: logged in as ${name}${id} at ${api}`);
  } catch (error) {
    if (error instanceof Error && error.name === "TimeoutError")
      return fail("discord", `${where} did not answer within ${timeoutMs} ms`);
    return fail("discord", `cannot reach ${where} (${networkReason(error)})`);
  }
}

export interface DoctorOptions {
  env: Record<string, string | undefined>;
  /** Folders given with --seeds; otherwise DOCKET_SEEDS or the bundled seeds. */
  seeds: (config: Config) => SeedFolders;
  timeoutMs?: number;
}

/** Every check, in a fixed order; the slow ones run at the same time. */
export async function runChecks(options: DoctorOptions): Promise<Check[]> {
  const timeoutMs = options.timeoutMs ?? DOCTOR_TIMEOUT_MS;
  const { checks, config, invalid } = checkConfig(options.env);
  const [store, seeds, llm, discord] = await Promise.all([
    checkStoreHealth(config, invalid, timeoutMs),
    invalid.has("DOCKET_SEEDS")
      ? Promise.resolve([skip("seeds", "skipped: DOCKET_SEEDS is invalid (see above)")])
      : checkSeeds(options.seeds(config)),
    checkLlm(config, invalid, timeoutMs),
    checkDiscord(config, invalid, timeoutMs),
  ]);
  return [...checks, store, ...seeds, llm, discord];
}
