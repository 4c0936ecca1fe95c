// What Docket agrees to fetch, apart from addresses: URL shape (scheme, credentials, ports), content
// types per kind, and how HTTP statuses and Retry-After read. Each refusal says why in plain words.
import { STATUS_CODES } from "node:http";
import { FetchRefused } from "./errors.js";
import { MAX_URL_LENGTH, type FetchKind } from "./limits.js";

/**
 * Ports the Fetch standard forbids because other protocols listen there (SMTP, IRC, …): an HTTP
 * request aimed at them is a protocol-smuggling attack, never a feed.
 */
const BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
  109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** Parses and vets a URL typed by a user or named by a redirect; throws FetchRefused. */
export function checkUrl(text: string, base?: URL): URL {
  if (text.length > MAX_URL_LENGTH) {
    throw new FetchRefused("bad-url", `That web address is too long (over ${MAX_URL_LENGTH} characters).`);
  }
  let url: URL;
  try {
    url = new URL(text, base);
  } catch (error) {
    throw new FetchRefused("bad-url", "That is not a valid web address.", { cause: error });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    const scheme = url.protocol.replace(/:$/, "").slice(0, 20);
    throw new FetchRefused("scheme", `Docket only fetches http:// and https:// addresses, not ${scheme}:.`);
  }
  // Userinfo would be sent as Basic auth, possibly to whatever host a redirect names: refuse outright.
  if (url.username !== "" || url.password !== "") {
    throw new FetchRefused(
      "credentials",
      "That web address contains a user name or password; Docket will not send those.",
    );
  }
  if (url.port !== "" && BAD_PORTS.has(Number(url.port))) {
    throw new FetchRefused(
      "bad-url",
      `Docket does not fetch from port ${url.port}: it belongs to another kind of service.`,
    );
  }
  return url;
}

const ALLOWED_TYPES: Record<FetchKind, ReadonlySet<string>> = {
  feed: new Set([
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml", // RSS 1.0 feeds
    "application/x-rss+xml", // older servers' name for RSS
    "application/xml",
    "text/xml",
    "application/feed+json",
    "application/json",
    "text/html", // returned so the caller can say "not a feed" or find the feed link in it
    "text/plain",
  ]),
  page: new Set(["text/html", "application/xhtml+xml", "text/plain"]),
};

export const ACCEPT: Record<FetchKind, string> = {
  feed: "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.5, */*;q=0.1",
  page: "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5, */*;q=0.1",
};

/** The bare media type ("text/html") of a Content-Type header, lower case. */
export function mediaType(contentType: string | null): string | null {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "" ? null : type;
}

/**
 * Refuses content types a feed or page can't be. A missing Content-Type passes: many small feed hosts
 * omit it, and the body is size-capped and only ever decoded as text.
 */
export function checkContentType(kind: FetchKind, contentType: string | null): void {
  const type = mediaType(contentType);
  if (type === null || ALLOWED_TYPES[kind].has(type)) return;
  const what = kind === "feed" ? "a feed or web page" : "a web page";
  throw new FetchRefused("content-type", `That address serves ${describeType(type)}, not ${what}.`, {
    detail: `Content-Type ${type}`,
  });
}

function describeType(type: string): string {
  if (type.startsWith("image/")) return "an image";
  if (type.startsWith("video/")) return "a video";
  if (type.startsWith("audio/")) return "audio";
  if (type === "application/pdf") return "a PDF file";
  if (type === "application/octet-stream") return "a binary file";
  return `a file of type ${type.slice(0, 60)}`;
}

/** Retry-After in ms: delay-seconds or an HTTP date (past dates are 0); null when absent or garbled. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return null; // Date.parse would read bare numbers like "1.5" as dates
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Refusal for an error status, its meaning in words for the admin who typed the address. */
export function httpStatusRefusal(status: number, kind: FetchKind): FetchRefused {
  const code = `HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ""}`;
  const noun = kind === "feed" ? "feed" : "page";
  let sentence: string;
  if (status === 404 || status === 410)
    sentence = `The server says there is no ${noun} at that address (${code}).`;
  else if (status === 401 || status === 403)
    sentence = `The server refuses to give Docket that ${noun} (${code}).`;
  else if (status >= 500) sentence = `The server failed while answering (${code}); try again later.`;
  else if (status >= 400) sentence = `The server rejected the request (${code}).`;
  else sentence = `The server gave an answer Docket cannot use (${code}).`;
  return new FetchRefused("http-status", sentence, { status });
}
