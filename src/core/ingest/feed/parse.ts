// Recognises a feed body and parses it: dispatch by format, newest-first order, item and text caps.
import { FeedError } from "./errors.js";
import { isJsonFeed, parseJsonFeed } from "./json.js";
import { localName, scanProlog, type Prolog } from "./prolog.js";
import { parseAtom } from "./atom.js";
import { parseRss } from "./rss.js";
import { capText } from "./text.js";
import { MAX_FEED_CHARS, MAX_FEED_ITEMS, type FeedItem, type ParsedFeed, type PendingItem } from "./types.js";
import { NS, parseXml } from "./xml.js";

const HTML_ROOTS = new Set(["html", "head", "body"]);

function isHtml(prolog: Prolog): boolean {
  return prolog.doctypeName === "html" || HTML_ROOTS.has((prolog.root ?? "").toLowerCase());
}

function isFeedRoot(root: string | null): boolean {
  if (root === null) return false;
  const local = localName(root);
  return local === "rss" || local === "feed" || (local === "RDF" && root.includes(":"));
}

/** Looks at a response body (and, when the body says nothing, its Content-Type) to tell a feed from a web page. */
export function sniffContent(body: string, contentType: string | null): "feed" | "html" | "unknown" {
  const text = body.replace(/^\uFEFF/, "").trimStart();
  if (text.startsWith("{")) {
    try {
      if (isJsonFeed(JSON.parse(text))) return "feed";
    } catch {
      // Not JSON: fall through to the Content-Type.
    }
  } else if (text.startsWith("<")) {
    const prolog = scanProlog(text);
    if (isHtml(prolog)) return "html";
    if (isFeedRoot(prolog.root)) return "feed";
  }
  const type = (contentType ?? "").toLowerCase();
  if (/\b(text\/html|application\/xhtml\+xml)\b/.test(type) && text.includes("<")) return "html";
  return "unknown";
}

function order(items: PendingItem[]): PendingItem[] {
  const dated = items.every((item) => (item.published ?? item.updated) !== null);
  if (!dated) return items;
  // ISO timestamps from toISOString() sort as strings; sort() is stable, so ties keep document order.
  return [...items].sort((a, b) => {
    const da = a.published ?? a.updated ?? "";
    const db = b.published ?? b.updated ?? "";
    return da < db ? 1 : da > db ? -1 : 0;
  });
}

function checkedBase(baseUrl: string): string {
  try {
    return new URL(baseUrl).href;
  } catch {
    throw new FeedError(`The feed address is not a valid URL: ${baseUrl}`);
  }
}

function parseMarkup(text: string, base: string) {
  const prolog = scanProlog(text);
  if (isHtml(prolog)) throw new FeedError("That address returned a web page, not a feed");
  let root;
  try {
    root = parseXml(text, prolog);
  } catch (error) {
    // Pages that open with something other than <html> (a stray <meta>, a script) are still pages.
    if (/<(html|body)[\s>]/i.test(text.slice(0, 64 * 1024))) {
      throw new FeedError("That address returned a web page, not a feed", { cause: error });
    }
    throw error;
  }
  if (root.local === "rss" && (root.ns === "" || root.ns === NS.rss1)) return parseRss(root, base);
  if (root.local === "RDF" && root.ns === NS.rdf) return parseRss(root, base);
  if (root.local === "feed" && (root.ns === NS.atom || root.ns === NS.atom03 || root.ns === "")) {
    return parseAtom(root, base);
  }
  if (root.local.toLowerCase() === "html")
    throw new FeedError("That address returned a web page, not a feed");
  throw new FeedError(
    `That address returned XML, but not an RSS, Atom or RDF feed (its root element is <${root.name.slice(0, 60)}>)`,
  );
}

/**
 * Parses an RSS 0.9x/1.0/2.0, Atom or JSON Feed body. Relative links resolve against `baseUrl` (the feed's
 * address). Throws FeedError, whose userMessage says what was wrong, for anything that is not a readable feed.
 */
export function parseFeed(body: string, baseUrl: string): ParsedFeed {
  const base = checkedBase(baseUrl);
  if (body.length > MAX_FEED_CHARS) {
    throw new FeedError(`The feed is too large to read (over ${MAX_FEED_CHARS / 1024 / 1024} MB)`);
  }
  const text = body.replace(/^\uFEFF/, "").trimStart();
  if (text === "") throw new FeedError("That address returned an empty response, not a feed");
  let pending;
  if (text.startsWith("{")) pending = parseJsonFeed(text, base);
  else if (text.startsWith("<")) pending = parseMarkup(text, base);
  else throw new FeedError("That address did not return a feed: the response is neither XML nor JSON");
  const items: FeedItem[] = [];
  for (const item of order(pending.items).slice(0, MAX_FEED_ITEMS)) {
    const { text: makeText, ...fields } = item;
    const itemText = capText(makeText());
    if (fields.title === "" && itemText === "" && fields.link === null) continue;
    items.push({ ...fields, text: itemText });
  }
  return {
    format: pending.format,
    title: pending.title || new URL(base).hostname,
    link: pending.link,
    items,
  };
}
