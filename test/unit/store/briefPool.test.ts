// The brief pool (worker threads reading the index file) must answer exactly as the in-process path does on the
// same index — briefs, unknown topics with their suggestions, guild scopes, story lists — see a document added
// after its workers opened the file, and refuse work past its queue with words for a person.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { inProcessBriefs } from "../../../src/core/brief/briefSource.js";
import { UnknownTopicError, userMessageOf } from "../../../src/core/errors.js";
import type { SourceDocument } from "../../../src/core/ingest/document.js";
import { BriefPool, BriefsBusy, defaultBriefThreads } from "../../../src/store/index/briefPool.js";
import { syncFolders } from "../../../src/store/index/openIndex.js";
import { SqliteIndex } from "../../../src/store/index/sqliteIndex.js";
import { makeDoc, SEEDS } from "../../support/shared.js";
import { dealStory } from "../../support/madeUpNames.js";

const dir = mkdtempSync(path.join(tmpdir(), "docket-briefpool-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Small news documents about pairs of made-up companies, with quotes, figures and deadlines; some in a guild. */
function documents(): SourceDocument[] {
  return Array.from({ length: 30 }, (_, i) => {
    const { title, raw } = dealStory(i);
    return makeDoc(raw, {
      title,
      location: `gen/${i}.md`,
      published: `2024-0${(i % 9) + 1}-1${i % 10}`,
      owner: i % 5 === 4 ? "guild:7" : "global",
    });
  });
}

async function openIndex(name: string): Promise<SqliteIndex> {
  const index = new SqliteIndex(path.join(dir, name));
  await syncFolders(index, [SEEDS]);
  for (const d of documents()) index.add(d);
  return index;
}

test("briefs, unknown topics and story lists from the workers equal the in-process ones", async () => {
  const index = await openIndex("same.sqlite");
  const pool = new BriefPool(index, { threads: 2 });
  const local = inProcessBriefs(index);
  try {
    const topics = index.topics().map((t) => t.name);
    assert.ok(topics.length >= 8, `topics: ${topics.join(", ")}`);
    for (const topic of [...topics, "tiktok", "FTC", "harow data"]) {
      for (const scope of [{}, { guild: "7" }]) {
        const options = { scope, maxQuotes: 5 };
        assert.deepEqual(await pool.brief(topic, options), await local.brief(topic, options), topic);
      }
    }
    for (const unknown of ["Zorblax", "Quelin Castor"]) {
      const [fromPool, fromHere] = await Promise.all(
        [pool, local].map((source) =>
          source.brief(unknown, {}).then(
            () => null,
            (e: unknown) => e,
          ),
        ),
      );
      assert.ok(fromPool instanceof UnknownTopicError, `${unknown}: ${String(fromPool)}`);
      assert.ok(fromHere instanceof UnknownTopicError);
      assert.deepEqual(fromPool.suggestions, fromHere.suggestions, unknown);
      assert.equal(fromPool.userMessage, fromHere.userMessage);
    }
    for (const scope of [{}, { guild: "7" }]) {
      const list = await pool.stories(scope);
      assert.deepEqual(list, await local.stories(scope));
      assert.ok(list.stories.length > 0 && list.documents > 0);
    }
  } finally {
    await pool.close();
    index.close();
  }
});

test("a brief right after an add includes the new document, for a new name and a known one", async () => {
  const index = await openIndex("add.sqlite");
  const pool = new BriefPool(index, { threads: 1 });
  try {
    // The worker has looked both names up (and cached what it found) before the add.
    await assert.rejects(pool.brief("Zorblax", {}), UnknownTopicError);
    const before = await pool.brief("Quellin", {});
    const fresh = makeDoc(
      "Zorblax to buy Quellin for $40 billion\n\nZorblax said on Friday it would buy Quellin for $40 billion, " +
        "subject to approval by regulators. Quellin shares rose 12%.\n\n" +
        '"This is the right moment," said Ada Winslow, chief executive of Quellin.\n',
      { location: "late.md", published: "2024-09-30" },
    );
    index.add(fresh);
    for (const topic of ["Zorblax", "Quellin"]) {
      const brief = await pool.brief(topic, {});
      // In the story, or listed as a related story of its own (a new buyer makes another deal).
      const cited = [...brief.sources.map((s) => s.id), ...brief.related.flatMap((r) => r.sources)];
      assert.ok(cited.includes(fresh.id), `${topic}: ${cited.join(", ")}`);
      assert.deepEqual(brief, await inProcessBriefs(index).brief(topic, {}), topic);
    }
    const cited = [...before.sources.map((s) => s.id), ...before.related.flatMap((r) => r.sources)];
    assert.ok(!cited.includes(fresh.id));
  } finally {
    await pool.close();
    index.close();
  }
});

test("past its queue the pool refuses with words for a person, and keeps serving", async () => {
  const index = await openIndex("busy.sqlite");
  const pool = new BriefPool(index, { threads: 1, maxQueue: 0 });
  try {
    const first = pool.brief("Quellin", {});
    assert.equal(pool.busy(), true, "one brief holds the only thread");
    const refused = await pool.brief("Castor Labs", {}).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(refused instanceof BriefsBusy, String(refused));
    assert.match(userMessageOf(refused) ?? "", /many briefs right now/);
    assert.ok((await first).sources.length > 0);
    assert.equal(pool.busy(), false);
    assert.ok((await pool.brief("Castor Labs", {})).sources.length > 0);
  } finally {
    await pool.close();
    index.close();
  }
});

test("a brief past its time limit is abandoned with words for a person", async () => {
  const index = await openIndex("slow.sqlite");
  // No brief is built in a millisecond: the round trip to the thread alone takes longer.
  const pool = new BriefPool(index, { threads: 1, timeoutMs: 1 });
  try {
    const late = await pool.brief("Quellin", {}).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(late instanceof BriefsBusy, String(late));
    assert.match(userMessageOf(late) ?? "", /took too long/);
  } finally {
    await pool.close();
    index.close();
  }
});

test("the default thread count leaves each process its event loop's core and shares the rest among shards", () => {
  assert.equal(defaultBriefThreads(1, 2), 1);
  assert.equal(defaultBriefThreads(1, 8), 7);
  assert.equal(defaultBriefThreads(2, 8), 3);
  assert.equal(defaultBriefThreads(4, 2), 1, "at least one");
  assert.equal(defaultBriefThreads(1, 1), 1, "at least one");
});
