// The shapes a parsed feed takes, whatever its format, and the limits every feed is held to.

export interface FeedItem {
  guid: string | null;
  link: string | null;
  title: string;
  /** Full ISO 8601 timestamp (UTC), or null when the item states no readable date. */
  published: string | null;
  updated: string | null;
  /** Plain text of the item: content:encoded / content / description / summary / JSON content_html|content_text, HTML converted to paragraphs of text. */
  text: string;
  author: string | null;
}

export interface ParsedFeed {
  format: "rss" | "atom" | "json";
  title: string;
  link: string | null;
  items: FeedItem[];
}

/** Items kept per feed: the newest ones when the feed dates them, else the first in document order. */
export const MAX_FEED_ITEMS = 500;
/** UTF-8 bytes of text kept per item. */
export const MAX_ITEM_TEXT_BYTES = 100 * 1024;
/** A feed body larger than this is refused before parsing. */
export const MAX_FEED_CHARS = 10 * 1024 * 1024;

/** An item before its text is built: the text is only converted for the items that survive the cap. */
export interface PendingItem {
  guid: string | null;
  link: string | null;
  title: string;
  published: string | null;
  updated: string | null;
  author: string | null;
  text: () => string;
}

export interface PendingFeed {
  format: ParsedFeed["format"];
  title: string;
  link: string | null;
  items: PendingItem[];
}
