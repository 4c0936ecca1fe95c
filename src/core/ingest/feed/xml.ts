// Parses feed XML into a small namespace-aware tree with fast-xml-parser, entity expansion off.
// The DOCTYPE is cut out before parsing, so no declared entity (billion laughs, quadratic blowup, an
// external SYSTEM entity) is ever read, let alone expanded; references to them stay literal text.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { decodeEntities } from "./entities.js";
import { FeedError } from "./errors.js";
import { localName, type Prolog } from "./prolog.js";

export interface XmlElement {
  /** Qualified name as written. */
  name: string;
  local: string;
  /** Namespace URI, "" for none. */
  ns: string;
  attrs: ReadonlyMap<string, string>;
  children: XmlNode[];
}
/** Text (entities decoded) and CDATA (as written) are both plain strings. */
export type XmlNode = XmlElement | string;

export const NS = {
  atom: "http://www.w3.org/2005/Atom",
  atom03: "http://purl.org/atom/ns#",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  rss1: "http://purl.org/rss/1.0/",
  rss090: "http://my.netscape.com/rdf/simple/0.9/",
  content: "http://purl.org/rss/1.0/modules/content/",
  dc: "http://purl.org/dc/elements/1.1/",
  dcterms: "http://purl.org/dc/terms/",
  xml: "http://www.w3.org/XML/1998/namespace",
} as const;

/** Prefixes feeds often use without declaring them. */
const UNDECLARED: ReadonlyMap<string, string> = new Map([
  ["xml", NS.xml],
  ["atom", NS.atom],
  ["rdf", NS.rdf],
  ["content", NS.content],
  ["dc", NS.dc],
  ["dcterms", NS.dcterms],
]);

/** Real feeds nest a few levels (plus whatever inline XHTML brings); anything deeper is refused. */
const MAX_DEPTH = 128;

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  allowBooleanAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: "#cdata",
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_DEPTH,
});

type Scope = ReadonlyMap<string, string>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function textParts(value: unknown): string {
  if (!Array.isArray(value)) return typeof value === "string" ? value : "";
  let out = "";
  for (const part of value as unknown[]) if (isRecord(part)) out += textParts(part["#text"]);
  return out;
}

function resolveName(qualified: string, scope: Scope): { local: string; ns: string } {
  const colon = qualified.indexOf(":");
  if (colon === -1) return { local: qualified, ns: scope.get("") ?? "" };
  const prefix = qualified.slice(0, colon);
  return {
    local: qualified.slice(colon + 1),
    ns: scope.get(prefix) ?? UNDECLARED.get(prefix) ?? `${prefix}:`,
  };
}

function convert(nodes: unknown, scope: Scope, depth: number): XmlNode[] {
  if (depth > MAX_DEPTH) throw new FeedError("The feed is nested too deeply to read");
  if (!Array.isArray(nodes)) return [];
  const out: XmlNode[] = [];
  for (const node of nodes as unknown[]) {
    if (!isRecord(node)) continue;
    const key = Object.keys(node).find((k) => k !== ":@");
    if (key === undefined) continue;
    if (key === "#text") {
      out.push(decodeEntities(textParts(node[key])));
      continue;
    }
    if (key === "#cdata") {
      out.push(textParts(node[key]));
      continue;
    }
    if (key.startsWith("?") || key.startsWith("!") || key.startsWith("#")) continue;
    const attrs = new Map<string, string>();
    const rawAttrs = node[":@"];
    if (isRecord(rawAttrs)) {
      for (const [name, value] of Object.entries(rawAttrs)) {
        attrs.set(name, decodeEntities(typeof value === "string" ? value : ""));
      }
    }
    let inner: Map<string, string> | null = null;
    for (const [name, value] of attrs) {
      if (name !== "xmlns" && !name.startsWith("xmlns:")) continue;
      inner ??= new Map(scope);
      inner.set(name === "xmlns" ? "" : name.slice(6), value.trim());
    }
    const elementScope = inner ?? scope;
    out.push({
      name: key,
      ...resolveName(key, elementScope),
      attrs,
      children: convert(node[key], elementScope, depth + 1),
    });
  }
  return out;
}

function xmlProblem(message: string, line?: number, col?: number): FeedError {
  const where =
    line === undefined ? "" : col === undefined ? ` (line ${line})` : ` (line ${line}, column ${col})`;
  return new FeedError(`The feed is not valid XML: ${message.replace(/\.$/, "")}${where}`);
}

/** Parses a whole document and returns its root element; throws FeedError when it is not well-formed XML. */
export function parseXml(body: string, prolog: Prolog): XmlElement {
  let text = body;
  if (prolog.doctype) {
    const [start, end] = prolog.doctype;
    // Keep the line count so the validator's line numbers still point at the original text.
    text = body.slice(0, start) + body.slice(start, end).replace(/[^\n]/g, "") + body.slice(end);
  }
  // Deprecated in favour of the separate fast-xml-validator package; this bundled copy is the same validator
  // (XMLParser.parse runs it internally) and saves a second dependency.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const verdict = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (verdict !== true) throw xmlProblem(verdict.err.msg, verdict.err.line, verdict.err.col);
  let raw: unknown;
  try {
    raw = parser.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/nested tags/i.test(message)) throw new FeedError("The feed is nested too deeply to read");
    throw xmlProblem(message);
  }
  const root = convert(raw, new Map(), 0).find((node): node is XmlElement => typeof node !== "string");
  if (!root) throw xmlProblem("it has no root element");
  return root;
}

export function isElement(node: XmlNode): node is XmlElement {
  return typeof node !== "string";
}

function matches(el: XmlElement, local: string, namespaces: readonly string[]): boolean {
  return el.local === local && namespaces.includes(el.ns);
}

export function childElements(el: XmlElement, local: string, namespaces: readonly string[]): XmlElement[] {
  return el.children.filter((c): c is XmlElement => isElement(c) && matches(c, local, namespaces));
}

export function childElement(
  el: XmlElement,
  local: string,
  namespaces: readonly string[],
): XmlElement | null {
  return el.children.find((c): c is XmlElement => isElement(c) && matches(c, local, namespaces)) ?? null;
}

/** All the text inside an element, descendants included. */
export function textOf(el: XmlElement): string {
  let out = "";
  for (const child of el.children) out += typeof child === "string" ? child : textOf(child);
  return out;
}

/** The trimmed text of the first matching child, or null when it is absent or blank. */
export function childText(el: XmlElement, local: string, namespaces: readonly string[]): string | null {
  const child = childElement(el, local, namespaces);
  const text = child ? textOf(child).trim() : "";
  return text === "" ? null : text;
}

/** An attribute by qualified name, or by local name with any prefix ("about" finds "rdf:about"). */
export function attr(el: XmlElement, name: string): string | null {
  const exact = el.attrs.get(name);
  if (exact !== undefined) return exact;
  if (name.includes(":")) return null;
  for (const [key, value] of el.attrs) if (localName(key) === name && key.includes(":")) return value;
  return null;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const VOID = new Set(["area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"]);

/** Re-serialises inline XHTML (Atom type="xhtml") as HTML for the HTML-to-text step. */
export function serializeHtml(nodes: readonly XmlNode[]): string {
  let out = "";
  for (const node of nodes) {
    if (typeof node === "string") {
      out += escapeHtml(node);
      continue;
    }
    let attrs = "";
    for (const [name, value] of node.attrs) {
      if (name === "xmlns" || name.startsWith("xmlns:") || !/^[A-Za-z_:][\w.:-]*$/.test(name)) continue;
      attrs += ` ${localName(name)}="${escapeHtml(value)}"`;
    }
    out += VOID.has(node.local)
      ? `<${node.local}${attrs}>`
      : `<${node.local}${attrs}>${serializeHtml(node.children)}</${node.local}>`;
  }
  return out;
}
