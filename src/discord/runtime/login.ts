// Logging in to Discord with bounded retries: a network that is briefly down (a restart of the host's
// network, a Discord outage) costs a few attempts with growing waits and one log line each, not a crash
// loop; after the last attempt one clear error says what was tried. A refused token is not retried.
import type { Logger } from "pino";
import { UserError } from "../../core/errors.js";
import { errorCode, NETWORK_WORDS } from "../../core/networkReason.js";

export interface LoginRetry {
  /** Attempts in all, the first included (DOCKET_LOGIN_ATTEMPTS). */
  attempts: number;
  /** Wait after the first failure; each next wait doubles (DOCKET_LOGIN_BACKOFF_MS). */
  firstDelayMs: number;
  /** No single wait is longer than this. */
  maxDelayMs: number;
}

export const DEFAULT_LOGIN_RETRY: LoginRetry = { attempts: 5, firstDelayMs: 1000, maxDelayMs: 30_000 };

/** The bot could not log in: one line naming the API and what happened, for the operator. */
export class LoginError extends UserError {
  override readonly name = "LoginError";
  constructor(message: string, options: { cause?: unknown } = {}) {
    // Reaching a service failed (exit code 1); the message names what to check.
    super("fetch", message, options);
  }
}

/** A token Discord refuses stays refused: retrying only delays the message the operator needs. */
function isPermanent(error: unknown): boolean {
  const code = errorCode(error);
  const status = typeof error === "object" && error !== null && "status" in error ? error.status : undefined;
  return (
    code === "TokenInvalid" ||
    code === "DisallowedIntents" ||
    code === "4004" ||
    code === "4014" ||
    status === 401 ||
    status === 403
  );
}

/** Plain words for why one attempt failed. */
export function loginFailureReason(error: unknown): string {
  const code = errorCode(error);
  if (NETWORK_WORDS[code]) return NETWORK_WORDS[code];
  if (code === "TokenInvalid" || code === "4004") return "Discord refused DISCORD_TOKEN";
  if (code === "DisallowedIntents" || code === "4014") return "the bot asks for intents it is not allowed";
  const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
  return message.length > 200 ? `${message.slice(0, 200)}…` : message || code || "unknown error";
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/**
 * Runs `login` until it succeeds, up to `retry.attempts` times, waiting firstDelayMs, then twice as long
 * each time (capped). `before` runs before every retry (discord.js wants its half-open client destroyed).
 */
export async function loginWithRetry(
  login: () => Promise<unknown>,
  options: {
    retry: LoginRetry;
    logger: Logger;
    /** Where the bot logs in, for messages: the API base. */
    api: string;
    beforeRetry?: () => Promise<void>;
    sleep?: (ms: number) => Promise<void>;
  },
): Promise<void> {
  const { retry, logger, api } = options;
  const attempts = Math.max(1, retry.attempts);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started = performance.now();
  let delay = retry.firstDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      await login();
      return;
    } catch (error) {
      const reason = loginFailureReason(error);
      if (isPermanent(error))
        throw new LoginError(
          `Cannot log in to Discord at DISCORD_API_URL=${api}: ${reason}. Check DISCORD_TOKEN (docket doctor checks it).`,
          { cause: error },
        );
      if (attempt >= attempts) {
        logger.error(
          { attempt, attempts, reason },
          `Discord login failed (attempt ${attempt} of ${attempts}: ${reason}); giving up`,
        );
        throw new LoginError(
          `Cannot reach Discord at DISCORD_API_URL=${api}: ${reason} (${attempts} attempt${attempts === 1 ? "" : "s"} over ${seconds(performance.now() - started)}). ` +
            "Check the network or DISCORD_API_URL; DOCKET_LOGIN_ATTEMPTS sets how often to try.",
          { cause: error },
        );
      }
      const wait = Math.min(delay, retry.maxDelayMs);
      logger.warn(
        { attempt, attempts, reason, retryInMs: wait },
        `Discord login failed (attempt ${attempt} of ${attempts}: ${reason}); retrying in ${seconds(wait)}`,
      );
      await options.beforeRetry?.();
      await sleep(wait);
      delay = Math.min(delay * 2, retry.maxDelayMs);
    }
  }
}
