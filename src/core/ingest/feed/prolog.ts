// Reads the prolog of a markup document (declaration, comments, DOCTYPE) up to its root element's name,
// without parsing the DOCTYPE: its position is returned so it can be cut out before the XML parser runs.

export interface Prolog {
  /** The root element's qualified name as written, or null when none was found. */
  root: string | null;
  /** The DOCTYPE's name ("html", "rss", …), lower-cased. */
  doctypeName: string | null;
  /** [start, end) of the DOCTYPE declaration, internal subset included. */
  doctype: readonly [number, number] | null;
}

const NAME_START = /[A-Za-z_:]/;

/** Index just past the DOCTYPE that starts at `start`, or -1 when it never ends. */
function doctypeEnd(body: string, start: number): number {
  let quote: string | null = null;
  let inSubset = false;
  for (let i = start + "<!DOCTYPE".length; i < body.length; i++) {
    const ch = body[i];
    if (quote !== null) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (inSubset && body.startsWith("<!--", i)) {
      const close = body.indexOf("-->", i + 4);
      if (close === -1) return -1;
      i = close + 2;
    } else if (ch === "[") {
      inSubset = true;
    } else if (ch === "]") {
      inSubset = false;
    } else if (ch === ">" && !inSubset) {
      return i + 1;
    }
  }
  return -1;
}

export function scanProlog(body: string): Prolog {
  let doctypeName: string | null = null;
  let doctype: readonly [number, number] | null = null;
  let i = 0;
  while (i < body.length) {
    const ch = body[i];
    if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r") {
      i++;
    } else if (body.startsWith("<?", i)) {
      const close = body.indexOf("?>", i + 2);
      if (close === -1) break;
      i = close + 2;
    } else if (body.startsWith("<!--", i)) {
      const close = body.indexOf("-->", i + 4);
      if (close === -1) break;
      i = close + 3;
    } else if (body.slice(i, i + 9).toUpperCase() === "<!DOCTYPE") {
      const end = doctypeEnd(body, i);
      if (end === -1) break;
      doctypeName = /^<!DOCTYPE\s+([^\s[>]+)/i.exec(body.slice(i, i + 200))?.[1]?.toLowerCase() ?? null;
      doctype = [i, end];
      i = end;
    } else if (ch === "<" && NAME_START.test(body[i + 1] ?? "")) {
      const name = /^<([^\s/>]+)/.exec(body.slice(i, i + 256))?.[1] ?? null;
      return { root: name, doctypeName, doctype };
    } else {
      break;
    }
  }
  return { root: null, doctypeName, doctype };
}

/** The part after the colon: "rdf:RDF" → "RDF". */
export function localName(qualified: string): string {
  const colon = qualified.indexOf(":");
  return colon === -1 ? qualified : qualified.slice(colon + 1);
}
