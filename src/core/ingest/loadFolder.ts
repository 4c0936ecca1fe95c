// Loads documents from a folder tree: .txt/.md (optional front matter) and .html. Every file that is not
// read is named in a note with the reason (unreadable, binary, too big, a link leading outside the folder),
// and one bad file never stops the rest of the folder from loading.
import type { Dirent } from "node:fs";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { decodeText } from "./decode.js";
import type { Owner, SourceDocument } from "./document.js";
import type { ParseInput } from "./parseDocument.js";

/** Files larger than this are skipped with a note: nothing in a news folder is legitimately this big. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Sub-folders deeper than this are not read (a link loop or a generated tree, not a news folder). */
export const MAX_FOLDER_DEPTH = 32;
/** Files read per folder tree; beyond it the rest is named in one note. */
export const MAX_FOLDER_FILES = 50_000;

export interface LoadResult {
  documents: SourceDocument[];
  notes: string[];
  /**
   * When each document's file was last modified (ms since the epoch), by document id: `docket digest`
   * counts a seed file as added then, since seeds carry no time of their own.
   */
  modified: Map<string, number>;
}

const KINDS: Record<string, ParseInput["kind"]> = {
  ".txt": "text",
  ".md": "text",
  ".html": "html",
  ".htm": "html",
};

/** How a file is read, by its name's ending (any case); undefined for a file Docket does not read. */
export function fileKind(name: string): ParseInput["kind"] | undefined {
  return KINDS[path.extname(name).toLowerCase()];
}

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.message.replace(/^[A-Z]+: /, "").replace(/, \w+ '.*'$/, "")}` : e.message;
}

function inside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** Lists the files to read, following symbolic links that stay inside the folder, each folder once. */
async function listFiles(folder: string, notes: string[]): Promise<string[]> {
  const root = await realpath(folder);
  const seen = new Set<string>([root]);
  const files: string[] = [];
  const rel = (full: string): string => path.relative(folder, full).split(path.sep).join("/");
  let truncated = false;
  async function walk(dir: string, depth: number): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      notes.push(`${rel(dir) || "."}: folder cannot be read (${reason(error)}), skipped`);
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (files.length >= MAX_FOLDER_FILES) {
        truncated = true;
        return;
      }
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink() || isDirectory) {
        let target: string;
        try {
          target = await realpath(full);
          const info = await stat(target);
          isDirectory = info.isDirectory();
          isFile = info.isFile();
        } catch (error) {
          notes.push(`${rel(full)}: broken symbolic link or unreadable entry (${reason(error)}), skipped`);
          continue;
        }
        if (!inside(root, target)) {
          notes.push(`${rel(full)}: symbolic link leads outside the folder, skipped`);
          continue;
        }
        if (isDirectory) {
          if (seen.has(target)) {
            notes.push(
              `${rel(full)}: symbolic link to a folder already read (a loop or a duplicate), skipped`,
            );
          } else if (depth >= MAX_FOLDER_DEPTH) {
            notes.push(`${rel(full)}: folder nested deeper than ${MAX_FOLDER_DEPTH} levels, skipped`);
          } else {
            seen.add(target);
            await walk(full, depth + 1);
          }
          continue;
        }
      }
      if (isFile) files.push(full);
      else notes.push(`${rel(full)}: not a regular file (a device, socket or pipe), skipped`);
    }
  }
  await walk(folder, 0);
  if (truncated)
    notes.push(`.: more than ${MAX_FOLDER_FILES} files; only the first ${MAX_FOLDER_FILES} read`);
  return files;
}

/** Reads one file into a document; every reason it cannot be used becomes a note. */
async function loadFile(
  file: string,
  location: string,
  owner: Owner,
  notes: string[],
): Promise<{ document: SourceDocument; modified: number } | null> {
  const kind = fileKind(file);
  if (!kind) {
    notes.push(`${location}: not a .txt, .md or .html file, skipped`);
    return null;
  }
  let bytes: Buffer;
  let modified: number;
  try {
    const { size, mtimeMs } = await stat(file);
    modified = Math.floor(mtimeMs);
    if (size > MAX_FILE_BYTES) {
      notes.push(`${location}: ${(size / 1024 / 1024).toFixed(1)} MB is over the 2 MB limit, skipped`);
      return null;
    }
    bytes = await readFile(file);
  } catch (error) {
    notes.push(`${location}: cannot be read (${reason(error)}), skipped`);
    return null;
  }
  const decoded = decodeText(bytes);
  if (decoded.problem) notes.push(`${location}: ${decoded.problem}`);
  if (decoded.text === null) return null;
  // Imported at the first file read: parsing loads the YAML and HTML code, which a folder with nothing to
  // read (a CLI brief answered from the store alone) should not pay for.
  const { parseDocument } = await import("./parseDocument.js");
  const parsed = parseDocument({ content: decoded.text, location, owner, kind });
  notes.push(...parsed.notes);
  return parsed.document ? { document: parsed.document, modified } : null;
}

export async function loadFolder(folder: string, owner: Owner = "global"): Promise<LoadResult> {
  const documents: SourceDocument[] = [];
  const notes: string[] = [];
  const modified = new Map<string, number>();
  for (const file of await listFiles(folder, notes)) {
    const location = path.relative(folder, file).split(path.sep).join("/");
    // README files describe a folder; they are not news.
    if (/^readme(\.|$)/i.test(path.basename(file))) continue;
    const loaded = await loadFile(file, location, owner, notes);
    if (!loaded) continue;
    documents.push(loaded.document);
    modified.set(loaded.document.id, loaded.modified);
  }
  return { documents, notes, modified };
}
