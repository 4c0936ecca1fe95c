// The one error type the store raises for a store that cannot be used: unreachable server, wrong kind of
// server, unsupported URL, corrupt SQLite file. Each carries one line for a person, naming DOCKET_STORE_URL
// (password hidden) and what was tried, so front ends print it as it is and callers can fall back (a
// seeds-only brief needs no store).
import { UserError } from "../core/errors.js";

export type StoreProblem = "unsupported" | "unreachable" | "timeout" | "corrupt" | "failed";

export class StoreError extends UserError {
  override readonly name = "StoreError";
  constructor(
    readonly problem: StoreProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super("store", message, options);
  }
}

/** The URL with any password replaced by ***, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === "") return url;
    parsed.password = "***";
    return parsed.toString();
  } catch {
    // Not parseable: hide whatever sits between "//user:" and "@".
    return url.replace(/(\/\/[^:/@]*:)[^@/]*@/, "$1***@");
  }
}

/** The file a sqlite:// URL names, or null for other backends and :memory:. */
export function sqliteFile(url: string): string | null {
  if (!url.startsWith("sqlite://")) return null;
  const file = url.slice("sqlite://".length);
  return file === ":memory:" ? null : file;
}

function codeOf(error: unknown): string {
  if (typeof error === "object" && error !== null && "code" in error) return String(error.code);
  return "";
}

function reasonOf(error: unknown): string {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  // One line: drivers sometimes put the stack or server details on further lines.
  const line = message.split("\n")[0]?.trim() ?? "";
  if (line !== "") return line.length > 200 ? `${line.slice(0, 200)}…` : line;
  return code !== "" ? code : "unknown error";
}

/** SQLite's own codes for a file that is not (or no longer) a database. */
export function isSqliteCorruption(error: unknown): boolean {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : "";
  return (
    code === "SQLITE_CORRUPT" ||
    code === "SQLITE_NOTADB" ||
    /SQLITE_(CORRUPT|NOTADB)|malformed|not a database/i.test(message)
  );
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The error for a corrupt SQLite store: names the file and the command that moves it (and its WAL) aside. */
export function corruptSqlite(url: string, error: unknown): StoreError {
  const file = sqliteFile(url) ?? url;
  const q = shellQuote(file);
  const aside = shellQuote(`${file}.corrupt`);
  return new StoreError(
    "corrupt",
    `DOCKET_STORE_URL=${redactUrl(url)}: ${file} is not a usable SQLite database (${reasonOf(error)}). ` +
      `Move it aside to start an empty store: mv ${q} ${aside} && rm -f ${shellQuote(`${file}-wal`)} ${shellQuote(`${file}-shm`)}`,
    { cause: error },
  );
}

/**
 * Turns a driver error into a StoreError naming the URL and what was tried; a StoreError passes through.
 * `tried` says what was being done ("connecting to Redis at 127.0.0.1:6390").
 */
export function storeErrorFrom(error: unknown, url: string, tried: string): StoreError {
  if (error instanceof StoreError) return error;
  if (url.startsWith("sqlite://") && isSqliteCorruption(error)) return corruptSqlite(url, error);
  const code = codeOf(error);
  const unreachable = ["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ECONNRESET", "EAI_AGAIN"].includes(code);
  return new StoreError(
    unreachable ? "unreachable" : "failed",
    `DOCKET_STORE_URL=${redactUrl(url)}: ${tried} failed: ${reasonOf(error)}`,
    { cause: error },
  );
}

/** Runs `work`, failing with a StoreError naming the URL when it takes longer than `ms`. */
export async function withTimeout<T>(
  work: Promise<T>,
  ms: number,
  url: string,
  tried: string,
  onTimeout: () => void = () => undefined,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(
        new StoreError(
          "timeout",
          `DOCKET_STORE_URL=${redactUrl(url)}: ${tried} got no answer within ${(ms / 1000).toFixed(1)} s; ` +
            `is it the right host, port and kind of server?`,
        ),
      );
    }, ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } catch (error) {
    throw storeErrorFrom(error, url, tried);
  } finally {
    clearTimeout(timer);
  }
}
