// Locations of the shared test data beside the repository, and documents built in memory for tests.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { documentId, type Owner, type SourceDocument } from "../../src/core/ingest/document.js";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));
export const SEEDS = fileURLToPath(new URL("../../seeds/", import.meta.url));
/** The shared test data beside the repository (never copied into it). */
export const SHARED = fileURLToPath(new URL("../../../shared/", import.meta.url));
/** The two development corpora, each a folder of documents with its gold.json. */
export const DEV_CORPORA = ["corpus", "corpus-b"].map((name) => `${SHARED}${name}/`);
export const CORPUS = `${SHARED}corpus/`;
export const HAS_CORPUS = existsSync(`${CORPUS}gold.json`);
export const NO_CORPUS = HAS_CORPUS ? false : `../shared/corpus not found at ${CORPUS}: corpus tests skipped`;

export function makeDoc(
  raw: string,
  fields: Partial<SourceDocument> & { owner?: Owner } = {},
): SourceDocument {
  return {
    id: documentId(raw + (fields.location ?? "")),
    title: fields.title ?? raw.split("\n")[0] ?? "",
    url: fields.url ?? null,
    published: fields.published ?? null,
    outlet: fields.outlet ?? null,
    location: fields.location ?? "test.txt",
    owner: fields.owner ?? "global",
    raw,
  };
}
