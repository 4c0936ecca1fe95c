// Plain words for a failed connection, shared by everything that reaches a server (doctor's checks, the LLM
// models check, the bot's login): the error's code, looked up through its causes, else its innermost message.

/** The first code on the error or its causes (Node's "ECONNREFUSED", discord.js's "TokenInvalid", 4004). */
export function errorCode(error: unknown): string {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (typeof e === "object" && "code" in e && (typeof e.code === "string" || typeof e.code === "number"))
      return String(e.code);
    e = typeof e === "object" && "cause" in e ? e.cause : undefined;
  }
  return "";
}

export const NETWORK_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  ETIMEDOUT: "timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  UND_ERR_SOCKET: "connection dropped",
};

/** Plain words for a failed connection: the code's words, a time-out, else the innermost cause's message. */
export function networkReason(error: unknown): string {
  const code = errorCode(error);
  const words = NETWORK_WORDS[code];
  if (words) return words;
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
    return "no answer in time";
  // "fetch failed" and "Connection error." say nothing: the innermost cause says what happened.
  let inner: unknown = error;
  for (let depth = 0; depth < 5 && inner instanceof Error && inner.cause instanceof Error; depth++)
    inner = inner.cause;
  const message = inner instanceof Error ? (inner.message.split("\n")[0] ?? "") : String(inner);
  return code ? `${code}: ${message}` : message || "unknown error";
}
