// A feed item as a SourceDocument Docket can index.
import { documentId, isoDate, type Owner, type SourceDocument } from "../document.js";
import { cutText, limitDocument, MAX_TITLE_CHARS } from "../limits.js";
import { itemIdentities } from "./identity.js";
import type { FeedItem } from "./types.js";

function firstLine(text: string): string {
  const line =
    text
      .split("\n")
      .find((l) => l.trim() !== "")
      ?.trim() ?? "";
  return line.length > 120 ? `${line.slice(0, 119).trimEnd()}…` : line;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

/**
 * Raw text is the headline, a blank line, then the item's text (the headline alone is not repeated when the
 * text already opens with it), so the analyzers see a headline. The id hashes that raw text, as for files:
 * the same item fetched again, or re-stamped with a new date, gets the same id.
 */
export function feedItemToDocument(
  item: FeedItem,
  feed: { title: string; url: string },
  owner: Owner,
  /** Receives one line per limit the item was cut to, naming the item. */
  notes: string[] = [],
): SourceDocument {
  const fullHeadline = item.title.replace(/\s+/g, " ").trim();
  // Cut before the headline is written into the text, so an oversized one is not kept there either.
  const headline = cutText(fullHeadline, MAX_TITLE_CHARS);
  const text = item.text.trim();
  const raw =
    headline === "" || text.startsWith(headline)
      ? text || headline
      : text
        ? `${headline}\n\n${text}`
        : headline;
  const [identity] = itemIdentities([item]);
  const location = item.link ?? `${feed.url}#${identity ?? ""}`;
  if (headline !== fullHeadline)
    notes.push(
      `${location}: title is ${fullHeadline.length} characters, cut to the ${MAX_TITLE_CHARS}-character limit`,
    );
  const limited = limitDocument({
    id: documentId(raw),
    title: headline || firstLine(text) || feed.title.trim() || "Untitled feed item",
    url: item.link,
    published: isoDate(item.published ?? item.updated),
    outlet: feed.title.trim() || hostOf(feed.url),
    location,
    owner,
    raw,
  });
  notes.push(...limited.notes);
  return limited.document;
}
