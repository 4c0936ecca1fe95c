// The document index in SQLite: it must give the briefs, topics and lookups the in-memory index gives,
// keep them across a reopen without analysing again, scope guild documents, and undo a removal exactly.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { buildBrief } from "../../../src/core/brief/buildBrief.js";
import { UnknownTopicError } from "../../../src/core/errors.js";
import { DocumentIndex } from "../../../src/core/index/docIndex.js";
import type { SourceDocument } from "../../../src/core/ingest/document.js";
import { loadFolder } from "../../../src/core/ingest/loadFolder.js";
import { syncFolders } from "../../../src/store/index/openIndex.js";
import { SqliteIndex } from "../../../src/store/index/sqliteIndex.js";
import { dealStory } from "../../support/madeUpNames.js";

const SEEDS = fileURLToPath(new URL("../../../seeds/", import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), "docket-index-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Twenty-four small news documents about pairs of made-up companies, with quotes and speakers. */
function documents(): SourceDocument[] {
  const out: SourceDocument[] = [];
  for (let i = 0; i < 24; i++) {
    const { title, raw } = dealStory(i);
    out.push({
      id: `doc${String(i).padStart(2, "0")}`,
      title,
      url: null,
      published: null,
      outlet: null,
      location: `gen/${i}.md`,
      owner: "global",
      raw,
    });
  }
  return out;
}

async function seeds(): Promise<SourceDocument[]> {
  return Promise.resolve(documents());
}

test("the stored index answers exactly as the in-memory index does", async () => {
  const docs = await seeds();
  assert.ok(docs.length > 0, "the bundled seeds hold documents");
  const memory = new DocumentIndex();
  const stored = new SqliteIndex(path.join(dir, "same.sqlite"));
  for (const d of docs) {
    memory.add(d);
    stored.add(d);
  }
  assert.equal(stored.size, memory.size);
  assert.deepEqual(stored.topics(), memory.topics());
  const topics = memory.topics().slice(0, 12);
  assert.ok(topics.length > 0);
  for (const t of topics) {
    assert.deepEqual(await buildBrief(stored, t.key), await buildBrief(memory, t.key), t.key);
    assert.deepEqual(stored.resolveTopic(t.key), memory.resolveTopic(t.key), t.key);
    const prefix = t.key.slice(0, 3);
    assert.deepEqual(
      stored.complete(prefix).map((c) => c.key),
      memory
        .complete(prefix)
        .filter((c) => c.key.startsWith(prefix) || c.key.split(" ").some((w) => w.startsWith(prefix)))
        .map((c) => c.key),
      prefix,
    );
  }
  // An empty box offers the most covered topics, in the same order, from a bounded query.
  assert.deepEqual(stored.complete("", {}, 5), memory.complete("", {}, 5));
  assert.deepEqual(stored.complete(""), memory.complete(""));
  await assert.rejects(buildBrief(stored, "qwxzvbnq"), UnknownTopicError);
  stored.close();
});

test("a reopened index holds every document and analyses none of them again", async () => {
  const file = path.join(dir, "reopen.sqlite");
  assert.ok((await loadFolder(SEEDS)).documents.length > 0);
  const first = new SqliteIndex(file);
  const report = await syncFolders(first, [SEEDS]);
  assert.equal(report.analysed, report.seen);
  const topics = first.topics();
  first.close();
  const second = new SqliteIndex(file);
  const again = await syncFolders(second, [SEEDS]);
  assert.equal(again.analysed, 0, "files already indexed (same content hash) are not analysed again");
  assert.equal(second.size, report.seen);
  assert.deepEqual(second.topics(), topics);
  second.close();
});

test("guild documents are seen only in their guild, and a removal undoes every count", async () => {
  const docs = await seeds();
  const stored = new SqliteIndex(path.join(dir, "scope.sqlite"));
  const [first, ...rest] = docs;
  assert.ok(first);
  for (const d of rest) stored.add(d);
  const before = stored.topics({}, 1);
  stored.add({ ...first, owner: "guild:123456789012345678" });
  const inGuild = stored.topics({ guild: "123456789012345678" }, 1);
  const outside = stored.topics({ guild: "999999999999999999" }, 1);
  assert.deepEqual(outside, before, "another guild does not see the document");
  assert.ok(
    inGuild.reduce((n, t) => n + t.documents, 0) > before.reduce((n, t) => n + t.documents, 0),
    "its own guild does",
  );
  assert.equal(stored.remove(first.id), true);
  assert.deepEqual(stored.topics({ guild: "123456789012345678" }, 1), before);
  assert.equal(stored.get(first.id), undefined);
  stored.close();
});

test("two connections writing one file lose nothing", async () => {
  const docs = await seeds();
  const file = path.join(dir, "two.sqlite");
  const a = new SqliteIndex(file);
  const b = new SqliteIndex(file);
  docs.forEach((d, i) => (i % 2 === 0 ? a : b).add(d));
  assert.equal(a.size, docs.length);
  assert.equal(b.size, docs.length);
  assert.deepEqual(a.topics(), b.topics());
  a.close();
  b.close();
});
