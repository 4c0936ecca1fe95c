// Loads documents from a folder tree: .txt/.md (optional front matter) and .html; notes what it skips.
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { documentId, isoDate, type Owner, type SourceDocument } from "./document.js";
import { splitFrontMatter } from "./frontMatter.js";
import { extractHtml } from "./html.js";

/** Files larger than this are skipped with a note: nothing in a news folder is legitimately this big. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface LoadResult {
  documents: SourceDocument[];
  notes: string[];
}

export interface ParseInput {
  content: string;
  /** Path relative to its folder, or a URL. */
  location: string;
  owner: Owner;
  kind: "text" | "html";
}

function firstLine(body: string): string {
  for (const line of body.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed) return trimmed;
  }
  return "";
}

/** Turns one file's content into a document; returns a note instead when it holds no text. */
export function parseDocument(input: ParseInput): { document: SourceDocument | null; notes: string[] } {
  const notes: string[] = [];
  const id = documentId(input.content);
  if (input.kind === "html") {
    const extracted = extractHtml(input.content);
    if (!extracted.text.trim())
      return { document: null, notes: [`${input.location}: no readable text, skipped`] };
    const title = extracted.title ?? firstLine(extracted.text);
    return {
      document: {
        id,
        title,
        url: extracted.url,
        published: isoDate(extracted.published),
        outlet: null,
        location: input.location,
        owner: input.owner,
        raw: title && !extracted.text.startsWith(title) ? `${title}\n\n${extracted.text}` : extracted.text,
      },
      notes,
    };
  }
  const { fields, body, problem } = splitFrontMatter(input.content.replace(/^\uFEFF/, ""));
  if (problem) notes.push(`${input.location}: ${problem}`);
  if (!body.trim()) return { document: null, notes: [...notes, `${input.location}: empty, skipped`] };
  return {
    document: {
      id,
      title: fields.title?.trim() || firstLine(body),
      url: fields.url ?? null,
      published: isoDate(fields.published),
      outlet: fields.outlet ?? null,
      location: input.location,
      owner: input.owner,
      raw: body,
    },
    notes,
  };
}

const KINDS: Record<string, ParseInput["kind"]> = {
  ".txt": "text",
  ".md": "text",
  ".html": "html",
  ".htm": "html",
};

async function listFiles(root: string, dir = root): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(root, full)));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}

export async function loadFolder(folder: string, owner: Owner = "global"): Promise<LoadResult> {
  const documents: SourceDocument[] = [];
  const notes: string[] = [];
  for (const file of await listFiles(folder)) {
    const location = path.relative(folder, file).split(path.sep).join("/");
    const base = path.basename(file);
    // README files describe a folder; they are not news.
    if (/^readme(\.|$)/i.test(base)) continue;
    const kind = KINDS[path.extname(base).toLowerCase()];
    if (!kind) {
      notes.push(`${location}: not a .txt, .md or .html file, skipped`);
      continue;
    }
    const size = (await stat(file)).size;
    if (size > MAX_FILE_BYTES) {
      notes.push(`${location}: ${(size / 1024 / 1024).toFixed(1)} MB is over the 2 MB limit, skipped`);
      continue;
    }
    const parsed = parseDocument({ content: await readFile(file, "utf8"), location, owner, kind });
    notes.push(...parsed.notes);
    if (parsed.document) documents.push(parsed.document);
  }
  return { documents, notes };
}
