// Bounds an HTML page before any DOM is built: elements nested deeper than a limit, and elements past a
// count limit, lose their tags but keep their text; scripts, styles and comments are dropped. One linear
// pass over the string with no backtracking regex: linkedom's and htmlparser2's own parsing, and
// Readability's scoring, grow faster than linearly with nesting depth (100,000 nested <div>s take
// seconds to parse and overflow Readability's recursion), so they only ever see bounded input.

/** Real article pages nest 20–40 deep; deeper nesting only hides text, it never structures it. */
export const MAX_HTML_DEPTH = 64;
/** Elements kept per page; a 2 MB article page has a few tens of thousands. */
export const MAX_HTML_ELEMENTS = 40_000;
/** How far down the open-element stack a closing tag may look for its opening tag. */
const CLOSE_SEARCH = 32;

const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);
/** Elements whose content is never article text. */
const DROPPED_CONTENT = new Set(["script", "style", "noscript", "template", "svg", "math"]);
/** Elements a new sibling of the same name closes implicitly (`<li>a<li>b`). */
const SELF_CLOSING_SIBLINGS = new Set(["p", "li", "dt", "dd", "tr", "td", "th", "option"]);

export interface BoundedHtml {
  html: string;
  /** Deepest nesting seen in the input. */
  depth: number;
  elements: number;
  /** What was cut, in words for a note; empty when the page was within limits. */
  problems: string[];
}

interface Open {
  name: string;
  kept: boolean;
}

/** Index just past the `>` that ends a tag starting at `from`, honouring quoted attribute values; -1 if none. */
function tagEnd(html: string, from: number): number {
  let i = from;
  while (i < html.length) {
    const c = html[i];
    if (c === ">") return i + 1;
    if ((c === '"' || c === "'") && /=\s*$/.test(html.slice(Math.max(from, i - 8), i))) {
      const close = html.indexOf(c, i + 1);
      if (close < 0) return -1;
      i = close + 1;
      continue;
    }
    i++;
  }
  return -1;
}

export function boundHtml(html: string): BoundedHtml {
  const out: string[] = [];
  const stack: Open[] = [];
  let kept = 0;
  let elements = 0;
  let depth = 0;
  let deepDropped = 0;
  let countDropped = 0;
  /** A dropped tag becomes one space, so words either side stay apart; runs of them stay one space. */
  const space = (): void => {
    if (out.at(-1) !== " ") out.push(" ");
  };
  const nameAt = /\/?([a-zA-Z][a-zA-Z0-9:-]*)/y;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt < 0) {
      out.push(html.slice(i));
      break;
    }
    if (lt > i) out.push(html.slice(i, lt));
    if (html.startsWith("<!--", lt)) {
      const end = html.indexOf("-->", lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html[lt + 1] === "!" || html[lt + 1] === "?") {
      const end = html.indexOf(">", lt);
      if (end < 0) break;
      // The doctype decides the parsing mode; other declarations are dropped.
      if (/^<!doctype/i.test(html.slice(lt, lt + 9))) out.push(html.slice(lt, end + 1));
      i = end + 1;
      continue;
    }
    nameAt.lastIndex = lt + 1;
    const match = nameAt.exec(html);
    if (!match) {
      out.push("&lt;");
      i = lt + 1;
      continue;
    }
    const end = tagEnd(html, nameAt.lastIndex);
    // An unterminated tag: nothing after it can be read as markup, so the rest is dropped.
    if (end < 0) break;
    const tag = html.slice(lt, end);
    const name = (match[1] ?? "").toLowerCase();
    i = end;
    if (match[0].startsWith("/")) {
      let found = -1;
      for (let k = stack.length - 1; k >= Math.max(0, stack.length - CLOSE_SEARCH); k--) {
        if (stack[k]?.name === name) {
          found = k;
          break;
        }
      }
      if (found < 0) continue;
      const closed = stack[found];
      for (const open of stack.splice(found)) if (open.kept) kept--;
      if (closed?.kept) out.push(tag);
      else space();
      continue;
    }
    if (DROPPED_CONTENT.has(name) && !tag.endsWith("/>")) {
      const closeRe = new RegExp(`</${name}\\s*>`, "gi");
      closeRe.lastIndex = i;
      const close = closeRe.exec(html);
      i = close ? close.index + close[0].length : html.length;
      continue;
    }
    elements++;
    if (VOID.has(name) || tag.endsWith("/>")) {
      if (elements <= MAX_HTML_ELEMENTS) out.push(tag);
      else countDropped++;
      continue;
    }
    if (SELF_CLOSING_SIBLINGS.has(name)) {
      for (let k = stack.length - 1; k >= Math.max(0, stack.length - 3); k--) {
        if (stack[k]?.name !== name) continue;
        for (const open of stack.splice(k)) if (open.kept) kept--;
        break;
      }
    }
    const keep = kept < MAX_HTML_DEPTH && elements <= MAX_HTML_ELEMENTS;
    if (!keep) {
      if (kept >= MAX_HTML_DEPTH) deepDropped++;
      else countDropped++;
    }
    stack.push({ name, kept: keep });
    if (keep) kept++;
    depth = Math.max(depth, stack.length);
    if (keep) out.push(tag);
    else space();
  }
  const problems: string[] = [];
  if (deepDropped > 0)
    problems.push(
      `HTML nested ${depth} deep, over the ${MAX_HTML_DEPTH} limit; ${deepDropped} deeper elements read as plain text`,
    );
  if (countDropped > 0)
    problems.push(
      `HTML has ${elements} elements, over the ${MAX_HTML_ELEMENTS} limit; ${countDropped} read as plain text`,
    );
  return { html: out.join(""), depth, elements, problems };
}
