// Feeds (RSS, Atom, RDF, JSON Feed) as a document source: sniffing, parsing, item identity, documents.
// Pure functions: fetching and scheduling live with the caller.
export { feedItemToDocument } from "./feed/document.js";
export { FeedError } from "./feed/errors.js";
export { canonicalLink, itemIdentities } from "./feed/identity.js";
export { parseFeed, sniffContent } from "./feed/parse.js";
export {
  MAX_FEED_CHARS,
  MAX_FEED_ITEMS,
  MAX_ITEM_TEXT_BYTES,
  type FeedItem,
  type ParsedFeed,
} from "./feed/types.js";
