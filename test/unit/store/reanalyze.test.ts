// After an analyzer upgrade, documents analysed by the old version keep serving and are re-analysed in worker
// threads in the background; a start reads none of them again, and the briefs come out as a fresh index's.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import { buildBrief } from "../../../src/core/brief/buildBrief.js";
import type { SourceDocument } from "../../../src/core/ingest/document.js";
import { AnalysisPool } from "../../../src/store/index/analysisPool.js";
import { reanalyzeStale, syncStored } from "../../../src/store/index/openIndex.js";
import { SqliteIndex } from "../../../src/store/index/sqliteIndex.js";

const dir = mkdtempSync(path.join(tmpdir(), "docket-reanalyze-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

function documents(): SourceDocument[] {
  return Array.from({ length: 40 }, (_, i) => {
    const buyer = ["Harrow Data", "Quellin", "Orvane Systems"][i % 3] ?? "";
    const raw = `${buyer} agrees a deal\n\n${buyer} said on Monday it agreed to buy Tessaly Pay unit ${i} for $${i + 2} million, subject to approval.\n\n"We are confident," said Ada Winslow, chief executive of ${buyer}.\n`;
    return {
      id: `doc${String(i).padStart(2, "0")}`,
      title: `${buyer} agrees a deal`,
      url: null,
      published: null,
      outlet: null,
      location: `gen/${i}.md`,
      owner: "global",
      raw,
    };
  });
}

test("stale analyses serve until re-analysed in the pool; a sync reads none of them again", async () => {
  const file = path.join(dir, "stale.sqlite");
  const docs = documents();
  const index = new SqliteIndex(file);
  for (const d of docs) index.add(d);
  const fresh = await buildBrief(index, "harrow data");
  index.close();
  // As if an older Docket had analysed them all.
  const raw = new Database(file);
  raw.prepare("UPDATE docs SET analyzer = 0").run();
  raw.close();

  const reopened = new SqliteIndex(file);
  assert.equal(reopened.staleDocuments(100).length, docs.length);
  assert.deepEqual(await buildBrief(reopened, "harrow data"), fresh, "the old analysis keeps serving");
  let read = 0;
  const stored = {
    ids: () => Promise.resolve(docs.map((d) => d.id)),
    get: (id: string) => {
      read++;
      return Promise.resolve(docs.find((d) => d.id === id));
    },
  };
  assert.equal(await syncStored(reopened, stored), 0);
  assert.equal(read, 0, "held documents are not read back from the store at start");

  let pools = 0;
  const count = await reanalyzeStale(
    reopened,
    () => {
      pools++;
      return new AnalysisPool(1);
    },
    new AbortController().signal,
    16,
  );
  assert.equal(count, docs.length);
  assert.equal(reopened.staleDocuments(1).length, 0);
  assert.equal(reopened.size, docs.length);
  assert.deepEqual(await buildBrief(reopened, "harrow data"), fresh);
  const again = await reanalyzeStale(
    reopened,
    () => {
      pools++;
      return new AnalysisPool(1);
    },
    new AbortController().signal,
  );
  assert.equal(again, 0);
  assert.equal(pools, 1, "no threads start when nothing is stale");
  reopened.close();
});
