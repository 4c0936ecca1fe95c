// Locations of the shared test data beside the repository, and documents built in memory for tests.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { documentId, type Owner, type SourceDocument } from "../../src/core/ingest/document.js";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));
export const SEEDS = fileURLToPath(new URL("../../seeds/", import.meta.url));
export const CORPUS = fileURLToPath(new URL("../../../shared/corpus/", import.meta.url));
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
