// Builds an index from seed folders: the glue every front end (CLI, bot, eval, bench) uses at start.
import { DocumentIndex } from "./docIndex.js";
import type { Owner } from "../ingest/document.js";
import { loadFolder } from "../ingest/loadFolder.js";

export interface LoadedIndex {
  index: DocumentIndex;
  notes: string[];
}

export async function indexFolders(
  folders: readonly string[],
  owner: Owner = "global",
  index = new DocumentIndex(),
): Promise<LoadedIndex> {
  const notes: string[] = [];
  for (const folder of folders) {
    const loaded = await loadFolder(folder, owner);
    notes.push(...loaded.notes.map((n) => `${folder}/${n}`));
    for (const doc of loaded.documents) index.add(doc);
  }
  return { index, notes };
}
