// The safe fetcher for user-typed feed and article URLs: Docket's most dangerous operation, since an
// admin can type any address. Every hop of a redirect chain is vetted from scratch (URL shape, then
// the addresses its host resolves to), the socket itself only ever connects to an address the guard
// checked at connect time (see guard.ts), and the whole fetch is bounded in time and in size.
// undici's own Agent is used, never the global dispatcher: no proxy from the environment can route
// around the guard, and redirects are never followed by undici (its default for request()).
import { request } from "undici";
import { FetchRefused, asRefusal } from "./errors.js";
import { createGuardedAgent, defaultLookup, parseAllowList, resolveChecked } from "./guard.js";
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_TOTAL_TIMEOUT_MS,
} from "./limits.js";
import { checkUrl, httpStatusRefusal } from "./policy.js";
import { discard, finish, header, headerSafe, requestHeaders } from "./response.js";
import type { FetchOptions, FetchResult, Settings } from "./types.js";

export const DEFAULT_USER_AGENT = "DocketBot/0.1 (feed reader for Discord; +https://docket.invalid/bot)";

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Rejects when the total-timeout signal fires, for awaits (like DNS) that take no signal themselves. */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      reject(new Error("aborted"));
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  return Promise.race([work, aborted]).finally(() => {
    signal.removeEventListener("abort", onAbort);
  });
}

/**
 * Fetches a feed or page URL safely. Every failure rejects with FetchRefused; only a malformed
 * allowPrivateHosts entry (an operator's configuration error) is a TypeError instead.
 */
export async function safeFetch(url: string, options: FetchOptions): Promise<FetchResult> {
  const settings: Settings = {
    kind: options.kind,
    lookup: options.lookup ?? defaultLookup,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    totalTimeoutMs: options.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS,
    maxRedirects: options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES[options.kind],
    etag: headerSafe(options.etag),
    lastModified: headerSafe(options.lastModified),
    userAgent: headerSafe(options.userAgent) ?? DEFAULT_USER_AGENT,
  };
  const allow = parseAllowList(options.allowPrivateHosts);
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort();
  }, settings.totalTimeoutMs);
  const agent = createGuardedAgent({
    allow,
    lookup: settings.lookup,
    connectTimeoutMs: settings.connectTimeoutMs,
  });
  try {
    let current = checkUrl(url);
    for (let redirects = 0; ; redirects++) {
      // Fail fast, before any socket: the connector checks again on the address it really uses.
      await abortable(
        resolveChecked(current.hostname, allow, settings.lookup, settings.connectTimeoutMs),
        controller.signal,
      );
      const response = await request(current, {
        dispatcher: agent,
        method: "GET",
        headers: requestHeaders(settings),
        signal: controller.signal,
      });
      if (!REDIRECTS.has(response.statusCode))
        return await finish(response, current, settings, controller.signal);
      discard(response);
      const location = header(response.headers, "location");
      if (location === null) throw httpStatusRefusal(response.statusCode, settings.kind);
      if (redirects >= settings.maxRedirects) {
        throw new FetchRefused(
          "redirects",
          `That address redirects more than ${settings.maxRedirects} times, so Docket stopped following it.`,
        );
      }
      current = checkUrl(location, current);
    }
  } catch (error) {
    throw asRefusal(error, controller.signal.aborted, settings.totalTimeoutMs);
  } finally {
    clearTimeout(timer);
    await agent.destroy().catch(() => undefined);
  }
}
