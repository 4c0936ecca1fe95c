// The document index in PostgreSQL (needs the server at 127.0.0.1:5432, database test): it must answer topics,
// lookups and completions as the in-memory index does, scope guild documents, undo a removal, lose no update
// when two processes' pools add at once, and migrate once when two start together. One schema per run.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, test } from "node:test";
import { DocumentIndex } from "../../../src/core/index/docIndex.js";
import type { SourceDocument } from "../../../src/core/ingest/document.js";
import { PgIndex } from "../../../src/store/index/pgIndex.js";
import { resolveTopicPg } from "../../../src/store/index/pgResolve.js";
import { pgBriefView } from "../../../src/store/index/pgView.js";
import { groundedBrief } from "../../../src/core/brief/buildBrief.js";
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

function documents(
  count: number,
  owner: SourceDocument["owner"] = "global",
  prefix = "doc",
): SourceDocument[] {
  const out: SourceDocument[] = [];
  for (let i = 0; i < count; i++) {
    const { title, raw } = dealStory(i);
    out.push({
      id: `${prefix}${String(i).padStart(3, "0")}`,
      title,
      url: null,
      published: null,
      outlet: null,
      location: `gen/${i}.md`,
      owner,
      raw,
    });
  }
  return out;
}

test("the PostgreSQL index answers as the in-memory index does", async () => {
  const memory = new DocumentIndex();
  const stored = await open("same");
  for (const d of documents(24)) {
    memory.add(d);
    await stored.add(d);
  }
  assert.equal(await stored.size(), memory.size);
  assert.deepEqual(await stored.topics(), memory.topics());
  const topics = memory.topics().slice(0, 10);
  assert.ok(topics.length > 0);
  for (const t of topics) {
    const keys = [t.key];
    assert.deepEqual(await stored.weights(keys, {}), memory.weights(keys, {}), t.key);
    assert.ok((await stored.keysFor(t.name)).includes(t.key), t.name);
    // The core's resolver over batched lookups gives what it gives over the in-memory index, typos included.
    for (const q of [t.name, t.name.slice(0, -1) + "x", `${t.name} deal`])
      assert.deepEqual(await resolveTopicPg(stored, q), memory.resolveTopic(q), q);
    // The unchanged brief kernel over a view loaded in batched rounds builds the in-memory brief.
    const view = await pgBriefView(stored, t.name, {});
    assert.deepEqual(groundedBrief(view, t.name), groundedBrief(memory, t.name), `brief on ${t.name}`);
  }
  const first = topics[0];
  assert.ok(first);
  // A prefix of a name completes to it; so does the name with one letter dropped (typo tolerance).
  const prefix = await stored.complete(first.name.slice(0, 3));
  assert.ok(
    prefix.some((t) => t.key === first.key),
    `prefix of ${first.name}`,
  );
  const word = first.key.split(" ")[0] ?? first.key;
  const typo = word.length >= 4 ? word.slice(0, 2) + word.slice(3) : word;
  const near = await stored.complete(typo);
  assert.ok(
    near.some((t) => t.key.startsWith(word)),
    `typo ${typo} of ${word}: ${near.map((t) => t.key).join(",")}`,
  );
  assert.deepEqual(
    (await stored.complete("")).map((t) => t.key),
    memory.complete("").map((t) => t.key),
  );
  // Full text finds a document by a word of its title.
  const doc = await stored.get("doc000");
  assert.ok(doc);
  const titleWord = doc.doc.title.split(" ")[0] ?? "";
  assert.ok((await stored.search(titleWord)).includes("doc000"));
  await stored.setMeta("mark", "7");
  assert.equal(await stored.meta("mark"), "7");
});

test("guild documents are seen only inside their guild, and a removal is undone exactly", async () => {
  const stored = await open("scope");
  const before = await stored.version();
  for (const d of documents(6)) await stored.add(d);
  const global = await stored.topics({}, 1);
  for (const d of documents(3, "guild:42", "g")) await stored.add(d);
  assert.deepEqual(await stored.topics({}, 1), global, "outside the guild nothing changes");
  assert.equal((await stored.ids({ guild: "42" })).length, 9);
  assert.equal((await stored.ids({ guild: "7" })).length, 6);
  const inGuild = await stored.topics({ guild: "42" }, 1);
  assert.ok(inGuild.some((t) => t.documents > (global.find((g) => g.key === t.key)?.documents ?? 0)));
  for (const id of ["g000", "g001", "g002"]) assert.equal(await stored.remove(id), true);
  assert.equal(await stored.remove("g000"), false);
  assert.deepEqual(await stored.topics({ guild: "42" }, 1), global);
  assert.ok((await stored.version()) > before, "the change counter moved");
});

test("two writers adding 200 documents each at once lose no update", async () => {
  const a = await open("race", 4);
  const b = await open("race", 4);
  const docsA = documents(200, "global", "a");
  const docsB = documents(200, "global", "b");
  const memory = new DocumentIndex();
  for (const d of [...docsA, ...docsB]) memory.add(d);
  const write = async (index: PgIndex, docs: SourceDocument[]): Promise<void> => {
    // Four at a time per writer, so transactions of both pools interleave.
    for (let i = 0; i < docs.length; i += 4) await Promise.all(docs.slice(i, i + 4).map((d) => index.add(d)));
  };
  await Promise.all([write(a, docsA), write(b, docsB)]);
  assert.equal(await a.size(), 400);
  assert.deepEqual(await b.topics(), memory.topics());
});

test("migrations run once when two processes start together, and again change nothing", async () => {
  const [x, y] = await Promise.all([open("migrate"), open("migrate")]);
  assert.ok(x && y);
  await x.add(documents(1)[0] as SourceDocument);
  const again = await open("migrate");
  assert.equal(await again.size(), 1);
});
