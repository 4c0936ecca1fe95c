// Stored analyses are trusted while they carry the current ANALYZER_VERSION, so a change to what the analyzer
// produces must come with a new version or stores would keep serving the old speakers and quotes. This pins a
// fingerprint of the analyzer's output on the bundled seeds and the shared corpus to the version: a change to
// either without the other fails here, with what to do.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { analyzeDocument } from "../../../src/core/analyze/analyzeDocument.js";
import { ANALYZER_VERSION } from "../../../src/core/index/analysisVersion.js";
import { loadFolder } from "../../../src/core/ingest/loadFolder.js";
import { CORPUS, HAS_CORPUS, SEEDS } from "../../support/shared.js";

/** The fingerprints for the current version; replace both when you bump ANALYZER_VERSION. */
const PINNED = { version: 8, seeds: "ace3f818a2d04eb9", corpus: "b2600c3a53923a6d" };

async function fingerprint(folder: string): Promise<string> {
  const { documents } = await loadFolder(folder);
  const hash = createHash("sha256");
  for (const doc of documents.sort((a, b) => a.location.localeCompare(b.location))) {
    const a = analyzeDocument(doc);
    hash.update(
      JSON.stringify([
        doc.location,
        a.published,
        a.sentences.map((s) => [s.start, s.end, s.mentions.map((m) => m.key)]),
        a.quotes.map((q) => [q.start, q.end, q.speaker, q.how]),
        [...a.entities.values()].map((e) => [e.key, e.name, e.person]),
      ]),
    );
  }
  return hash.digest("hex").slice(0, 16);
}

const HINT =
  "the analyzer's output changed: bump ANALYZER_VERSION in src/core/index/analysisVersion.ts and put the new fingerprints in PINNED";

test("the analyzer's output on the bundled seeds matches the fingerprint pinned to ANALYZER_VERSION", async () => {
  assert.equal(PINNED.version, ANALYZER_VERSION, HINT);
  assert.equal(await fingerprint(SEEDS), PINNED.seeds, HINT);
});

test(
  "the analyzer's output on the shared corpus matches the fingerprint pinned to ANALYZER_VERSION",
  { skip: HAS_CORPUS ? false : "../shared/corpus not found" },
  async () => {
    assert.equal(PINNED.version, ANALYZER_VERSION, HINT);
    assert.equal(await fingerprint(CORPUS), PINNED.corpus, HINT);
  },
);
