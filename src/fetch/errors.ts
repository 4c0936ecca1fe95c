// The one error the safe fetcher throws: FetchRefused, with a machine reason and a sentence for people.
// Callers show `userMessage` to a server admin in Discord as it is, so it never carries resolved IP
// addresses or other internals (that would leak the bot's network layout); those go in `message`.
// asRefusal maps whatever else can fail (undici, sockets, TLS, the total timeout) onto a refusal.
import { UserError } from "../core/errors.js";

export type RefusalReason =
  | "bad-url"
  | "scheme"
  | "credentials"
  | "private-address"
  | "dns"
  | "redirects"
  | "too-large"
  | "content-type"
  | "timeout"
  | "connect"
  | "http-status";

export interface FetchRefusedOptions {
  cause?: unknown;
  /** The HTTP status, for "http-status" refusals (so a caller can treat 410 Gone as final). */
  status?: number;
  /** Details for logs; defaults to the user message. May name addresses: never show it to users. */
  detail?: string;
}

export class FetchRefused extends UserError {
  override readonly name = "FetchRefused";
  readonly status: number | null;

  constructor(
    readonly reason: RefusalReason,
    userMessage: string,
    options?: FetchRefusedOptions,
  ) {
    super("fetch", userMessage, {
      detail: `${reason}: ${options?.detail ?? userMessage}`,
      ...(options?.cause === undefined ? {} : { cause: options.cause }),
    });
    this.status = options?.status ?? null;
  }
}

/** The FetchRefused somewhere in an error's cause chain (undici may wrap what a connector threw). */
export function findRefusal(error: unknown): FetchRefused | null {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof FetchRefused) return e;
  }
  return null;
}

/** "5 MB", "1.5 MB", "512 KB": sizes as a person reads them (MiB-based, written MB like most apps). */
export function formatSize(bytes: number): string {
  const mib = bytes / 1024 / 1024;
  if (mib >= 1) return `${Number(mib.toFixed(1))} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const CERT_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/;
const TLS_CODES = /^(ERR_TLS|ERR_SSL|EPROTO)/;

/** Any failure as a FetchRefused with a sentence for people; the original stays as the cause. */
export function asRefusal(error: unknown, timedOut: boolean, totalTimeoutMs: number): FetchRefused {
  const refusal = findRefusal(error);
  if (refusal) return refusal;
  const seconds = Math.round(totalTimeoutMs / 100) / 10;
  if (timedOut) {
    return new FetchRefused("timeout", `The site took too long to answer (over ${seconds} seconds).`, {
      cause: error,
    });
  }
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  const make = (reason: RefusalReason, message: string): FetchRefused =>
    new FetchRefused(reason, message, { cause: error, detail: `${code} ${String(error)}` });
  if (code === "UND_ERR_CONNECT_TIMEOUT")
    return make("timeout", "The site did not accept a connection in time.");
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    return make("timeout", "The site took too long to answer.");
  }
  if (code === "ECONNREFUSED") return make("connect", "The site refused the connection.");
  if (CERT_CODES.test(code)) {
    return make("connect", "The site's TLS certificate is not valid, so Docket will not trust it.");
  }
  if (TLS_CODES.test(code))
    return make("connect", "Docket could not set up a secure (TLS) connection to the site.");
  return make("connect", "Docket could not connect to that site.");
}
