// Atom 1.0 (and the Atom 0.3 that some old feeds still serve).
import type { PendingFeed, PendingItem } from "./types.js";
import { htmlToText, oneLine, parseDate, plainToText, resolveLink } from "./text.js";
import {
  attr,
  childElement,
  childElements,
  childText,
  NS,
  serializeHtml,
  textOf,
  type XmlElement,
} from "./xml.js";

/** Some feeds forget the namespace on <feed>; their children then have none either. */
const ATOM = [NS.atom, NS.atom03, ""];

/** Resolves xml:base, which Atom lets any element set for the links inside it. */
function baseOf(el: XmlElement, parent: string): string {
  return resolveLink(attr(el, "xml:base"), parent) ?? parent;
}

/** An Atom text construct (type text|html|xhtml, or Atom 0.3's mode) as plain text; null when unreadable. */
function textConstruct(el: XmlElement | null): string | null {
  if (!el || attr(el, "src") !== null) return null;
  const type = (attr(el, "type") ?? "text").trim().toLowerCase();
  const mode = (attr(el, "mode") ?? "").trim().toLowerCase();
  if (mode === "base64") return null;
  if (type === "xhtml" || type === "application/xhtml+xml") {
    const div = el.children.find((c): c is XmlElement => typeof c !== "string" && c.local === "div");
    return htmlToText(serializeHtml(div ? div.children : el.children));
  }
  if (type === "html" || type === "text/html" || mode === "escaped") return htmlToText(textOf(el));
  if (type === "text" || type.startsWith("text/")) return plainToText(textOf(el));
  return null;
}

function alternateLink(el: XmlElement, base: string): string | null {
  const links = childElements(el, "link", ATOM);
  const alternate =
    links.find(
      (l) => (attr(l, "rel") ?? "alternate").trim() === "alternate" && attr(l, "type")?.includes("html"),
    ) ?? links.find((l) => (attr(l, "rel") ?? "alternate").trim() === "alternate");
  return alternate ? resolveLink(attr(alternate, "href"), baseOf(alternate, base)) : null;
}

function authorName(el: XmlElement): string | null {
  const author = childElement(el, "author", ATOM);
  return author ? (childText(author, "name", ATOM) ?? null) : null;
}

function atomEntry(el: XmlElement, parentBase: string, feedAuthor: string | null): PendingItem {
  const base = baseOf(el, parentBase);
  const content = childElement(el, "content", ATOM);
  const summary = childElement(el, "summary", ATOM);
  return {
    guid: childText(el, "id", ATOM),
    link: alternateLink(el, base),
    title: oneLine(textConstruct(childElement(el, "title", ATOM)) ?? ""),
    published:
      parseDate(childText(el, "published", ATOM)) ??
      parseDate(childText(el, "issued", ATOM)) ??
      parseDate(childText(el, "created", ATOM)),
    updated: parseDate(childText(el, "updated", ATOM)) ?? parseDate(childText(el, "modified", ATOM)),
    author: authorName(el) ?? feedAuthor,
    text: () => textConstruct(content) || textConstruct(summary) || "",
  };
}

export function parseAtom(root: XmlElement, feedUrl: string): PendingFeed {
  const base = baseOf(root, feedUrl);
  const feedAuthor = authorName(root);
  return {
    format: "atom",
    title: oneLine(textConstruct(childElement(root, "title", ATOM)) ?? ""),
    link: alternateLink(root, base),
    items: childElements(root, "entry", ATOM).map((entry) => atomEntry(entry, base, feedAuthor)),
  };
}
