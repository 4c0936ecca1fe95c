// Turns one file's or page's content into a SourceDocument: front matter or HTML extraction, then the
// limits every document is held to. Every path into the index (folders, added files, fetched articles)
// builds its documents here, so they all get the same checks and the same notes.
import { documentId, isoDate, webUrl, type Owner, type SourceDocument } from "./document.js";
import { splitFrontMatter } from "./frontMatter.js";
import { extractHtml } from "./html.js";
import { cutText, limitDocument, MAX_TITLE_CHARS } from "./limits.js";

export interface ParseInput {
  content: string;
  /** Path relative to its folder, or a URL. */
  location: string;
  owner: Owner;
  kind: "text" | "html";
  /** The address a page was fetched from: the document's url unless the page names its own, and its outlet. */
  fetchedFrom?: string;
}

export interface ParsedDocument {
  document: SourceDocument | null;
  notes: string[];
}

function firstLine(body: string): string {
  const match = /^[ \t]*(\S[^\r\n]*)/m.exec(body);
  return match?.[1]?.trim() ?? "";
}

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

function fromHtml(input: ParseInput, notes: string[]): SourceDocument | null {
  const extracted = extractHtml(input.content);
  for (const problem of extracted.problems) notes.push(`${input.location}: ${problem}`);
  if (!extracted.text.trim()) {
    notes.push(`${input.location}: no readable text, skipped`);
    return null;
  }
  // Cut before the title is written into the text, so an oversized <title> is not kept there either.
  const fullTitle = (extracted.title ?? firstLine(extracted.text)).replace(/\s+/g, " ").trim();
  const title = cutText(fullTitle, MAX_TITLE_CHARS);
  if (title !== fullTitle)
    notes.push(
      `${input.location}: title is ${fullTitle.length} characters, cut to the ${MAX_TITLE_CHARS}-character limit`,
    );
  // A fetched page is cited by the address it was fetched from; a file by the address the page names.
  let url = input.fetchedFrom ? webUrl(input.fetchedFrom) : null;
  if (url === null && extracted.url !== null) {
    url = webUrl(extracted.url);
    if (url === null) notes.push(`${input.location}: the page's own address is not an http(s) URL, ignored`);
  }
  return {
    id: documentId(input.content),
    title,
    url,
    published: isoDate(extracted.published),
    outlet: hostOf(input.fetchedFrom),
    location: input.location,
    owner: input.owner,
    raw: title && !extracted.text.startsWith(title) ? `${title}\n\n${extracted.text}` : extracted.text,
  };
}

function fromText(input: ParseInput, notes: string[]): SourceDocument | null {
  const { fields, body, problems } = splitFrontMatter(input.content.replace(/^\uFEFF/, ""));
  for (const problem of problems) notes.push(`${input.location}: ${problem}`);
  if (!body.trim()) {
    notes.push(`${input.location}: empty, skipped`);
    return null;
  }
  return {
    id: documentId(input.content),
    title: fields.title ?? firstLine(body),
    url: fields.url ?? null,
    published: fields.published ?? null,
    outlet: fields.outlet ?? null,
    location: input.location,
    owner: input.owner,
    raw: body,
  };
}

/** Turns one file's content into a document; returns notes instead when it holds no text. */
export function parseDocument(input: ParseInput): ParsedDocument {
  const notes: string[] = [];
  const parsed = input.kind === "html" ? fromHtml(input, notes) : fromText(input, notes);
  if (!parsed) return { document: null, notes };
  const limited = limitDocument(parsed);
  return { document: limited.document, notes: [...notes, ...limited.notes] };
}
