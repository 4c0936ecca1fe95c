// Batched writes to the PostgreSQL index (needs the server at 127.0.0.1:5432, database test): two processes'
// pools writing batches that share names (and some ids) at once lose no count and no document, and replacing
// documents inside or across batches leaves exactly what adding each once would. One schema per run.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, test } from "node:test";
import { analyzeDocument } from "../../../src/core/analyze/analyzeDocument.js";
import { DocumentIndex } from "../../../src/core/index/docIndex.js";
import type { SourceDocument } from "../../../src/core/ingest/document.js";
import { encodeAnalysis, type EncodedAnalysis } from "../../../src/store/index/codec.js";
import { PgIndex } from "../../../src/store/index/pgIndex.js";
import { dealStory } from "../../support/madeUpNames.js";

const URL = process.env.DOCKET_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/test";
const RUN = `docket_test_${randomBytes(4).toString("hex")}`;
const opened: PgIndex[] = [];

async function open(name: string, max = 4): Promise<PgIndex> {
  const index = await PgIndex.open(URL, { schema: `${RUN}_${name}`, max });
  opened.push(index);
  return index;
}

after(async () => {
  const dropped = new Set<string>();
  for (const index of opened) {
    if (!dropped.has(index.schema)) await index.drop();
    dropped.add(index.schema);
    await index.close();
  }
});

function documents(count: number, prefix: string, from = 0): SourceDocument[] {
  const out: SourceDocument[] = [];
  for (let i = from; i < from + count; i++) {
    const { title, raw } = dealStory(i);
    out.push({
      id: `${prefix}${String(i).padStart(3, "0")}`,
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

const encode = (docs: SourceDocument[]): EncodedAnalysis[] =>
  docs.map((d) => encodeAnalysis(analyzeDocument(d)));

/** Every name's counts as the index's table holds them, for comparing with the in-memory index. */
async function entityCounts(index: PgIndex): Promise<Map<string, string>> {
  const rows = await index.pool.query<{ key: string; name: string; mentions: number; documents: number }>(
    `SELECT key, name, mentions, documents FROM ${index.quotedSchema}.entities WHERE documents > 0`,
  );
  return new Map(rows.rows.map((r) => [r.key, `${r.mentions}/${r.documents}`]));
}

function memoryCounts(memory: DocumentIndex): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of memory.topics({}, 0)) {
    const e = memory.entity(t.key);
    if (e) out.set(t.key, `${e.mentions}/${e.documents.size}`);
  }
  return out;
}

test("two pools writing overlapping batches at once lose no count and no document", async () => {
  const a = await open("race", 4);
  const b = await open("race", 4);
  // The same generator: both writers' documents name the same companies and people; 40 ids are written by both.
  const shared = documents(40, "c", 500);
  const docsA = encode([...documents(300, "a"), ...shared]);
  const docsB = encode([...shared, ...documents(300, "b", 7)]);
  const memory = new DocumentIndex();
  for (const d of [...documents(300, "a"), ...documents(300, "b", 7), ...shared]) memory.add(d);
  const write = async (index: PgIndex, docs: EncodedAnalysis[]): Promise<void> => {
    // Batches of 64, two at once per writer, so both pools' transactions interleave on the same names.
    for (let i = 0; i < docs.length; i += 128)
      await Promise.all([
        index.addEncoded(docs.slice(i, i + 64)),
        index.addEncoded(docs.slice(i + 64, i + 128)),
      ]);
  };
  await Promise.all([write(a, docsA), write(b, docsB)]);
  assert.equal(await a.size(), 640);
  assert.deepEqual(new Set(await b.ids()), new Set([...memory.documents()].map((d) => d.doc.id)));
  assert.deepEqual(await b.topics(), memory.topics());
  const expected = memoryCounts(memory);
  const actual = await entityCounts(a);
  for (const [key, counts] of expected) assert.equal(actual.get(key), counts, key);
  for (const t of memory.topics().slice(0, 20))
    assert.deepEqual(await a.weights([t.key], {}), memory.weights([t.key], {}), t.key);
});

test("replacing documents inside a batch and across batches counts each document once", async () => {
  const index = await open("replace");
  const docs = documents(30, "r");
  const encoded = encode(docs);
  const memory = new DocumentIndex();
  for (const d of docs) memory.add(d);
  // The same id twice in one batch (the later stays), then the whole set again in parallel batches.
  const first = encoded[0];
  assert.ok(first);
  await index.addEncoded([first, ...encoded]);
  await index.addEncoded(encoded, undefined, 4);
  assert.equal(await index.size(), 30);
  assert.deepEqual(await index.topics({}, 1), memory.topics({}, 1));
  assert.deepEqual(await entityCounts(index), memoryCounts(memory));
  // The order documents were added in is kept: the re-added set holds the order of its last batch.
  assert.deepEqual(
    await index.ids(),
    [...memory.documents()].map((d) => d.doc.id),
  );
  for (const id of ["r000", "r001"]) {
    assert.equal(await index.remove(id), true);
    memory.remove(id);
  }
  assert.deepEqual(await index.topics({}, 1), memory.topics({}, 1));
  assert.deepEqual(await entityCounts(index), memoryCounts(memory));
});
