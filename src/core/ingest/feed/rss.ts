// RSS 0.9x/2.0 (<rss><channel><item>) and RSS 1.0/0.90 RDF (<rdf:RDF><channel/><item/>).
import type { PendingFeed, PendingItem } from "./types.js";
import { htmlToText, oneLine, parseDate, resolveLink } from "./text.js";
import { attr, childElement, childElements, childText, NS, textOf, type XmlElement } from "./xml.js";

/** RSS 2.0 elements have no namespace; RSS 1.0 and 0.90 have their own. */
const RSS = ["", NS.rss1, NS.rss090];
const ATOM = [NS.atom];

function alternateLink(el: XmlElement): string | null {
  for (const link of childElements(el, "link", ATOM)) {
    const rel = attr(link, "rel") ?? "alternate";
    if (rel === "alternate") return attr(link, "href");
  }
  return null;
}

function rssItem(el: XmlElement, base: string): PendingItem {
  const guidEl = childElement(el, "guid", RSS);
  const guid = guidEl ? textOf(guidEl).trim() || null : attr(el, "about")?.trim() || null;
  // A <guid> is a permalink unless it says isPermaLink="false".
  const guidIsLink =
    guidEl !== null && (attr(guidEl, "isPermaLink") ?? "true").trim().toLowerCase() !== "false";
  const link =
    resolveLink(childText(el, "link", RSS), base) ??
    resolveLink(alternateLink(el), base) ??
    (guidIsLink ? resolveLink(guid, base) : null);
  const published =
    parseDate(childText(el, "pubDate", RSS)) ??
    parseDate(childText(el, "date", [NS.dc])) ??
    parseDate(childText(el, "issued", [NS.dcterms])) ??
    parseDate(childText(el, "published", ATOM));
  const updated =
    parseDate(childText(el, "updated", ATOM)) ?? parseDate(childText(el, "modified", [NS.dcterms]));
  const html =
    childText(el, "encoded", [NS.content]) ??
    childText(el, "content", ATOM) ??
    childText(el, "description", RSS) ??
    childText(el, "summary", ATOM);
  return {
    guid,
    link,
    title: oneLine(childText(el, "title", RSS) ?? "", true),
    published,
    updated,
    author:
      childText(el, "creator", [NS.dc]) ??
      childText(el, "author", RSS) ??
      childText(el, "creator", [NS.dcterms]) ??
      null,
    text: () => (html === null ? "" : htmlToText(html)),
  };
}

export function parseRss(root: XmlElement, base: string): PendingFeed {
  const channel = childElement(root, "channel", RSS) ?? root;
  // RSS 2.0 nests items in the channel; RDF feeds put them beside it.
  const items = [
    ...childElements(channel, "item", RSS),
    ...(channel === root ? [] : childElements(root, "item", RSS)),
  ];
  return {
    format: "rss",
    title: oneLine(childText(channel, "title", RSS) ?? "", true),
    link: resolveLink(childText(channel, "link", RSS), base),
    items: items.map((item) => rssItem(item, base)),
  };
}
