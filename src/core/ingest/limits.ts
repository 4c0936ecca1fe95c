// The size limits every ingested document is held to, whatever path it came by (folder, file, article,
// feed item). Each limit cuts one field and says so in a note naming the document; the document is kept,
// because one oversized field must never cost the rest of a folder or let a later stage grow without bound.
import type { SourceDocument } from "./document.js";

/** A headline longer than this is not a headline; titles are shown, indexed for names and echoed. */
export const MAX_TITLE_CHARS = 300;
/** Publication names are short; a long one is junk that would be repeated in every citation. */
export const MAX_OUTLET_CHARS = 120;
/** Browsers and servers commonly stop at about 2,000 characters; longer links are refused, not cut. */
export const MAX_URL_CHARS = 2048;
/** The file path or address a document came from, as shown in notes. */
export const MAX_LOCATION_CHARS = 1024;
/** Characters of text analysed per document (a long report, not a book). */
export const MAX_BODY_CHARS = 1_000_000;
/** Non-empty lines: the analysers treat each line as a paragraph. */
export const MAX_PARAGRAPHS = 5_000;
/** Sentence ends counted per document; text after the last allowed one is not analysed. */
export const MAX_SENTENCES = 20_000;

/** Cuts a one-line field to `max` characters on a code-point boundary, with an ellipsis. */
export function cutText(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max - 1);
  // Never leave half a surrogate pair behind.
  const safe = /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
  return `${safe.trimEnd()}…`;
}

/** Where the text has to end to respect the paragraph and sentence limits; null when it is within them. */
function bodyCut(raw: string): { at: number; reason: string } | null {
  let lines = 0;
  let sentences = 0;
  // One linear pass: a non-empty line opens a paragraph, a terminal mark followed by space ends a sentence.
  const re = /\n[ \t]*(?=[^\s])|[.!?…]["'”’)\]]*(?=\s)/g;
  if (/^\s*\S/.test(raw)) lines = 1;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    if (m[0].startsWith("\n")) {
      if (++lines > MAX_PARAGRAPHS)
        return { at: m.index, reason: `more than ${MAX_PARAGRAPHS} paragraphs (lines)` };
    } else if (++sentences >= MAX_SENTENCES) {
      if (m.index + m[0].length < raw.trimEnd().length)
        return { at: m.index + m[0].length, reason: `more than ${MAX_SENTENCES} sentences` };
    }
  }
  return null;
}

/** Cuts the body to the character, paragraph and sentence limits; returns the text and a reason per cut. */
export function limitBody(raw: string): { raw: string; problems: string[] } {
  const problems: string[] = [];
  let text = raw;
  if (text.length > MAX_BODY_CHARS) {
    text = text.slice(0, MAX_BODY_CHARS);
    if (/[\uD800-\uDBFF]$/.test(text)) text = text.slice(0, -1);
    problems.push(
      `text is ${raw.length} characters, over the ${MAX_BODY_CHARS} limit; the rest is not indexed`,
    );
  }
  const cut = bodyCut(text);
  if (cut) {
    text = text.slice(0, cut.at);
    problems.push(`text has ${cut.reason}; the rest is not indexed`);
  }
  return { raw: text, problems };
}

/**
 * Holds a document to every limit. Returns the (possibly cut) document and one note per cut, each naming
 * the document by its location and the limit. The id is left as it was: it names the original content.
 */
export function limitDocument(doc: SourceDocument): { document: SourceDocument; notes: string[] } {
  const location = cutText(doc.location, MAX_LOCATION_CHARS);
  const notes: string[] = [];
  const note = (what: string): void => {
    notes.push(`${location}: ${what}`);
  };
  const title = doc.title.replace(/\s+/g, " ").trim();
  const out: SourceDocument = { ...doc, location, title };
  if (title.length > MAX_TITLE_CHARS) {
    out.title = cutText(title, MAX_TITLE_CHARS);
    note(`title is ${title.length} characters, cut to the ${MAX_TITLE_CHARS}-character limit`);
  }
  if (doc.outlet !== null) {
    const outlet = doc.outlet.replace(/\s+/g, " ").trim();
    out.outlet = outlet === "" ? null : outlet;
    if (outlet.length > MAX_OUTLET_CHARS) {
      out.outlet = cutText(outlet, MAX_OUTLET_CHARS);
      note(`outlet is ${outlet.length} characters, cut to the ${MAX_OUTLET_CHARS}-character limit`);
    }
  }
  if (doc.url !== null && doc.url.length > MAX_URL_CHARS) {
    out.url = null;
    note(`url is ${doc.url.length} characters, over the ${MAX_URL_CHARS}-character limit; dropped`);
  }
  const body = limitBody(doc.raw);
  out.raw = body.raw;
  for (const problem of body.problems) note(problem);
  return { document: out, notes };
}
