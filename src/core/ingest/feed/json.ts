// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1).
import { FeedError } from "./errors.js";
import type { PendingFeed, PendingItem } from "./types.js";
import { htmlToText, oneLine, parseDate, plainToText, resolveLink } from "./text.js";

type Json = Record<string, unknown>;

const VERSION = /^https?:\/\/jsonfeed\.org\/version\/1(\.\d+)?\/?$/;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

export function isJsonFeed(value: unknown): value is Json {
  return isObject(value) && typeof value.version === "string" && VERSION.test(value.version.trim());
}

function authorOf(item: Json, feed: Json): string | null {
  for (const source of [item, feed]) {
    const authors = Array.isArray(source.authors) ? (source.authors as unknown[]) : [source.author];
    for (const author of authors) {
      const name = isObject(author) ? str(author.name) : null;
      if (name) return name.trim();
    }
  }
  return null;
}

function jsonItem(item: Json, feed: Json, base: string): PendingItem {
  const html = str(item.content_html);
  const plain = str(item.content_text) ?? str(item.summary);
  return {
    guid: str(item.id)?.trim() ?? null,
    link: resolveLink(str(item.url), base) ?? resolveLink(str(item.external_url), base),
    title: oneLine(str(item.title) ?? ""),
    published: parseDate(str(item.date_published)),
    updated: parseDate(str(item.date_modified)),
    author: authorOf(item, feed),
    text: () => (html !== null ? htmlToText(html) : plain !== null ? plainToText(plain) : ""),
  };
}

export function parseJsonFeed(body: string, base: string): PendingFeed {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new FeedError(
      `The feed is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!isJsonFeed(value)) {
    throw new FeedError("That address returned JSON, but not a JSON Feed (it has no jsonfeed.org version)");
  }
  const items = Array.isArray(value.items) ? (value.items as unknown[]) : [];
  return {
    format: "json",
    title: oneLine(str(value.title) ?? ""),
    link: resolveLink(str(value.home_page_url), base),
    items: items.filter(isObject).map((item) => jsonItem(item, value, base)),
  };
}
