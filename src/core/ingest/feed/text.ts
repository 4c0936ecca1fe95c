// Turns item content into plain paragraphs (HTML via linkedom, scripts and styles dropped), caps its size,
// and reads the dates and links feeds write.
import { parseHTML } from "../dom.js";
import { decodeEntities } from "./entities.js";
import { MAX_ITEM_TEXT_BYTES } from "./types.js";

/** HTML beyond this is not parsed: ten times the text cap leaves room for markup. */
const MAX_HTML_CHARS = 10 * MAX_ITEM_TEXT_BYTES;

/** Titles longer than this are cut: a headline, not a body, belongs there. */
const MAX_TITLE_CHARS = 500;

const DROPPED = "script, style, noscript, template, iframe, object, embed, svg, canvas, head, link, meta";

// prettier-ignore
const BLOCKS = new Set([
  "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "figcaption",
  "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
  "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul",
]);

const CELLS = new Set(["td", "th"]);

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** HTML to paragraphs separated by blank lines: block elements and <br> break paragraphs. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return plainToText(html);
  const { document } = parseHTML(
    `<!doctype html><html><head></head><body>${html.slice(0, MAX_HTML_CHARS)}</body></html>`,
  );
  const root: Element = document.body ?? document.documentElement;
  for (const el of [...root.querySelectorAll(DROPPED)]) el.remove();
  const paragraphs: string[] = [];
  let current = "";
  const flush = (): void => {
    const text = collapse(current);
    if (text) paragraphs.push(text);
    current = "";
  };
  // Iterative walk: item HTML can be nested deeper than the call stack allows.
  const stack: { node: Node; leaving: boolean }[] = [{ node: root, leaving: false }];
  while (stack.length > 0) {
    const entry = stack.pop();
    if (!entry) break;
    const { node, leaving } = entry;
    if (node.nodeType === 3) {
      current += node.textContent ?? "";
      continue;
    }
    if (node.nodeType !== 1) continue;
    const tag = (node as Element).localName.toLowerCase();
    if (BLOCKS.has(tag)) flush();
    else if (CELLS.has(tag)) current += " ";
    if (leaving) continue;
    stack.push({ node, leaving: true });
    const children = [...node.childNodes];
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push({ node: child, leaving: false });
    }
  }
  flush();
  return paragraphs.join("\n\n");
}

/** Plain text keeps its own paragraph breaks; runs of spaces and blank lines are tidied. */
export function plainToText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((para) =>
      para
        .split("\n")
        .map((line) => line.replace(/[ \t\f\v\u00a0]+/g, " ").trim())
        .filter(Boolean)
        .join("\n"),
    )
    .filter(Boolean)
    .join("\n\n");
}

/** Cuts text to the byte cap at a paragraph, sentence or word boundary near the limit. */
export function capText(text: string, maxBytes = MAX_ITEM_TEXT_BYTES): string {
  if (text.length * 3 <= maxBytes || Buffer.byteLength(text) <= maxBytes) return text;
  const cut = new TextDecoder().decode(Buffer.from(text).subarray(0, maxBytes)).replace(/\uFFFD$/, "");
  const floor = Math.floor(cut.length * 0.8);
  const paragraph = cut.lastIndexOf("\n\n");
  if (paragraph >= floor) return cut.slice(0, paragraph).trimEnd();
  let sentence = -1;
  for (const match of cut.slice(floor).matchAll(/[.!?]["'”’)]?(?=\s)/g))
    sentence = floor + match.index + match[0].length;
  if (sentence !== -1) return cut.slice(0, sentence);
  const space = cut.search(/\s\S*$/);
  return (space >= floor ? cut.slice(0, space) : cut).trimEnd();
}

/** A title on one line; RSS titles are often escaped twice, so references left after parsing are decoded once more. */
export function oneLine(text: string, decodeAgain = false): string {
  const line = collapse(decodeAgain ? decodeEntities(text) : text);
  return line.length > MAX_TITLE_CHARS ? `${line.slice(0, MAX_TITLE_CHARS - 1).trimEnd()}…` : line;
}

/** RFC 822 (RSS), RFC 3339 (Atom, JSON Feed) and the usual variants → ISO 8601, or null. */
export function parseDate(value: string | null | undefined): string | null {
  const text = value?.trim();
  if (!text) return null;
  let time = Date.parse(text);
  // "Dienstag, 05 Mär 2024" and friends: drop a weekday V8 does not know and retry.
  if (Number.isNaN(time)) time = Date.parse(text.replace(/^[^\d,]+,\s*/, ""));
  if (Number.isNaN(time)) return null;
  const date = new Date(time);
  const year = date.getUTCFullYear();
  return year < 1900 || year > 9999 ? null : date.toISOString();
}

/** Resolves a link against a base; only http(s) links are kept. */
export function resolveLink(href: string | null | undefined, base: string): string | null {
  const text = href?.trim();
  if (!text) return null;
  try {
    const url = new URL(text, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}
