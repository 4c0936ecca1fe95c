// Stable identities for feed items, so a re-fetch imports only what is new; and the re-keying check.
import { createHash } from "node:crypto";
import type { FeedItem } from "./types.js";

const TRACKING = new Set(["fbclid", "gclid", "ref", "mc_cid", "mc_eid"]);

function isTracking(key: string): boolean {
  const lower = key.toLowerCase();
  return lower.startsWith("utm_") || TRACKING.has(lower);
}

/**
 * The form of a link used for identity: https, lower-case host, no default port, credentials, fragment or
 * tracking parameters, remaining parameters sorted by name, no trailing slash. Not-a-URL input comes back trimmed.
 */
export function canonicalLink(url: string): string {
  const trimmed = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return trimmed;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    parsed.hash = "";
    return parsed.href;
  }
  // URL has already lower-cased the host and dropped the scheme's own default port.
  const host = parsed.hostname.replace(/\.$/, "");
  const port = parsed.port === "" || parsed.port === "443" ? "" : `:${parsed.port}`;
  const path = parsed.pathname.replace(/\/+$/, "") || "/";
  const params = [...parsed.searchParams].filter(([key]) => !isTracking(key));
  params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = new URLSearchParams(params).toString();
  return `https://${host}${port}${path}${query ? `?${query}` : ""}`;
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function contentHash(item: FeedItem): string {
  const squash = (s: string) => s.replace(/\s+/g, " ").trim();
  return hash(`${squash(item.title)}\n${squash(item.text)}`).slice(0, 32);
}

function guidKey(guid: string): string {
  return /^https?:\/\//i.test(guid) ? canonicalLink(guid) : guid;
}

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/**
 * One identity per item, in order, unique within the feed: the GUID, else the canonical link, else a hash of
 * title and text. Dates never enter it, so a feed that re-stamps its items keeps their identities. When the
 * feed repeats a GUID (or a link), those items add their canonical link (or content hash) to tell them apart.
 */
export function itemIdentities(items: readonly FeedItem[]): string[] {
  const links = items.map((item) => (item.link ? canonicalLink(item.link) : null));
  const guids = items.map((item) => item.guid?.trim() || null);
  const primary = items.map((item, i) => {
    const guid = guids[i];
    if (guid) return `guid:${guidKey(guid)}`;
    const link = links[i];
    return link ? `link:${link}` : `hash:${contentHash(item)}`;
  });
  const primaryCounts = countBy(primary);
  // Inside a group that shares a key, a link tells items apart only when no other item there has it too.
  const linkCounts = countBy(primary.map((key, i) => `${key}\n${links[i] ?? ""}`));
  const keys = primary.map((key, i) => {
    if ((primaryCounts.get(key) ?? 0) < 2) return key;
    const link = links[i];
    const item = items[i];
    if (key.startsWith("guid:") && link && (linkCounts.get(`${key}\n${link}`) ?? 0) < 2)
      return `${key}|link:${link}`;
    return item ? `${key}|hash:${contentHash(item)}` : key;
  });
  // Identical items: number the repeats in document order.
  const seen = new Map<string, number>();
  return keys.map((key) => {
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return hash(n === 1 ? key : `${key}#${n}`).slice(0, 32);
  });
}
