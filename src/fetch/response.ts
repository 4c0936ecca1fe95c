// One HTTP response into a FetchResult: status handling (304, 429/503, errors), then the type and
// size checks before a single body byte is read, then the capped, decompressed, decoded body.
import type { Dispatcher } from "undici";
import { decodeBody } from "./decode.js";
import { checkContentLength, readBody } from "./limits.js";
import { ACCEPT, checkContentType, httpStatusRefusal, parseRetryAfter } from "./policy.js";
import type { FetchResult, Settings } from "./types.js";

/** A header value undici would reject (CR, LF, NUL) is dropped rather than failing the fetch. */
export const headerSafe = (value: string | null | undefined): string | null =>
  value != null && /^[\t\x20-\x7e\x80-\xff]+$/.test(value) ? value : null;

export function header(headers: Dispatcher.ResponseData["headers"], name: string): string | null {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** Drops a body we will not read; undici reports the abort as an error event, which is expected here. */
export function discard(response: Dispatcher.ResponseData): void {
  response.body.on("error", () => undefined);
  response.body.destroy();
}

/**
 * Headers for every hop, built fresh each time: Docket never sends Authorization or Cookie, so a
 * cross-origin redirect has no credentials to leak and none are ever added.
 */
export function requestHeaders(settings: Settings): Record<string, string> {
  const headers: Record<string, string> = {
    "user-agent": settings.userAgent,
    accept: ACCEPT[settings.kind],
    "accept-encoding": "gzip, deflate, br",
  };
  if (settings.etag !== null) headers["if-none-match"] = settings.etag;
  if (settings.lastModified !== null) headers["if-modified-since"] = settings.lastModified;
  return headers;
}

/** The result for a final (non-redirect) response; throws FetchRefused for error statuses and limits. */
export async function finish(
  response: Dispatcher.ResponseData,
  url: URL,
  settings: Settings,
  signal: AbortSignal,
): Promise<FetchResult> {
  const status = response.statusCode;
  const result: FetchResult = {
    status,
    url: url.href,
    notModified: status === 304,
    contentType: header(response.headers, "content-type"),
    etag: header(response.headers, "etag"),
    lastModified: header(response.headers, "last-modified"),
    text: "",
    bytes: 0,
    retryAfterMs: null,
  };
  if (status === 304) {
    discard(response);
    // Many servers omit validators on a 304; the ones sent still hold, so hand them back.
    return {
      ...result,
      etag: result.etag ?? settings.etag,
      lastModified: result.lastModified ?? settings.lastModified,
    };
  }
  if (status === 429 || status === 503) {
    discard(response); // an error page: the caller only needs to know when to come back
    return { ...result, retryAfterMs: parseRetryAfter(header(response.headers, "retry-after")) };
  }
  if (status < 200 || status >= 300) {
    discard(response);
    throw httpStatusRefusal(status, settings.kind);
  }
  const limits = { kind: settings.kind, maxBytes: settings.maxBytes, signal };
  try {
    // Refuse before reading a byte: wrong type or a declared size over the cap.
    checkContentType(settings.kind, result.contentType);
    checkContentLength(header(response.headers, "content-length"), limits);
    const body = await readBody(response.body, header(response.headers, "content-encoding"), limits);
    return { ...result, text: decodeBody(body, result.contentType), bytes: body.length };
  } catch (error) {
    discard(response);
    throw error;
  }
}
