// The bot's answers on the PostgreSQL index (needs the server at 127.0.0.1:5432, database test): story lists,
// digests, briefs, completions and suggestions through pgAsyncIndex's views must be what the in-memory index
// gives for the same documents, in the global scope and a guild's, in process and in the brief pool's worker
// threads; and a brief asked for again after another writer's add includes the new document. One schema per
// run, dropped after.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, test } from "node:test";
import { inProcessBriefs, viewBriefs } from "../../../src/core/brief/briefSource.js";
import { buildDigest } from "../../../src/core/digest/buildDigest.js";
import { DocumentIndex, type Scope } from "../../../src/core/index/docIndex.js";
import type { SourceDocument } from "../../../src/core/ingest/document.js";
import { BriefPool } from "../../../src/store/index/briefPool.js";
import { PgIndex } from "../../../src/store/index/pgIndex.js";
import { pgAsyncIndex } from "../../../src/store/index/pgView.js";
import { dealDocs } from "../../support/madeUpNames.js";

const URL = process.env.DOCKET_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/test";
const SCHEMA = `docket_test_${randomBytes(4).toString("hex")}_views`;
const GUILD = "300000000000000001";
const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);

let opened: PgIndex | undefined;
after(async () => {
  await opened?.drop();
  await opened?.close();
});

/** Generated stories, global and in one guild, each added a day after the one before. */
function corpus(): SourceDocument[] {
  const global = dealDocs("global", 0, 18);
  const guild = dealDocs("guild", 18, 8).map((d) => ({ ...d, owner: `guild:${GUILD}` as const }));
  return [...global, ...guild].map((d, i) => ({ ...d, addedAt: START + i * DAY }));
}

async function both(): Promise<{ memory: DocumentIndex; stored: PgIndex }> {
  const memory = new DocumentIndex();
  opened = await PgIndex.open(URL, { schema: SCHEMA });
  for (const d of corpus()) {
    memory.add(d);
    await opened.add(d);
  }
  return { memory, stored: opened };
}

test("story lists, digests, briefs, completions and suggestions through the views match the in-memory index", async () => {
  const { memory, stored } = await both();
  const shared = pgAsyncIndex(stored);
  const briefs = viewBriefs(shared);
  const scopes: Scope[] = [{}, { guild: GUILD }];
  for (const scope of scopes) {
    const label = scope.guild ?? "global";
    const listed = await briefs.stories(scope);
    assert.ok(listed.stories.length > 1, `${label}: stories listed`);
    assert.deepEqual(listed, await inProcessBriefs(memory).stories(scope), `${label}: /topics`);
    for (const topic of ["Quellin", "Harrow Data", "Brinmoor Games"])
      assert.deepEqual(
        await briefs.brief(topic, { scope, maxQuotes: 5 }),
        await inProcessBriefs(memory).brief(topic, { scope, maxQuotes: 5 }),
        `${label}: brief on ${topic}`,
      );
    assert.deepEqual(
      await shared.complete("orv", scope),
      memory.complete("orv", scope),
      `${label}: complete`,
    );
    assert.deepEqual(await shared.suggest("Quelin Corp", scope), memory.suggest("Quelin Corp", scope));
    for (const topics of [[], ["Quellin"], ["Tessaly Pay", "Castor Labs"]]) {
      // A window that cuts through the global and the guild's documents.
      const window = { scope, since: START + 9 * DAY, until: START + 22 * DAY, topics };
      const options = { scope, since: window.since, until: window.until, topics };
      const digest = buildDigest(await shared.digestView(window), options);
      assert.ok(digest.stories.length > 0, `${label} ${topics.join()}: a digest with stories`);
      assert.deepEqual(digest, buildDigest(memory, options), `${label}: digest on ${topics.join() || "all"}`);
    }
  }
});

test("a brief asked for again after another writer's add includes the new document", async () => {
  assert.ok(opened, "runs after the first test");
  const briefs = viewBriefs(pgAsyncIndex(opened));
  const before = await briefs.brief("Quellin", {});
  // Another process's pool on the same schema writes; this one's cached brief must not be served after it.
  const other = await PgIndex.open(URL, { schema: SCHEMA, max: 1 });
  const [extra] = dealDocs("late", 55, 1);
  assert.ok(extra);
  try {
    assert.match(extra.title, /Quellin/);
    await other.add(extra);
  } finally {
    await other.close();
  }
  const afterAdd = await briefs.brief("Quellin", {});
  assert.ok(!before.sources.some((s) => s.id === extra.id));
  assert.ok(
    afterAdd.sources.some((s) => s.id === extra.id),
    "the added document is cited",
  );
});

test("the brief pool's worker threads read the shared index: the same briefs and stories as in process", async () => {
  assert.ok(opened, "runs after the first test");
  const inProcess = viewBriefs(pgAsyncIndex(opened));
  const pool = new BriefPool(opened, { threads: 1 });
  try {
    await pool.warm();
    for (const scope of [{}, { guild: GUILD }]) {
      assert.deepEqual(await pool.stories(scope), await inProcess.stories(scope));
      for (const topic of ["Quellin", "Castor Labs"])
        assert.deepEqual(await pool.brief(topic, { scope }), await inProcess.brief(topic, { scope }), topic);
    }
    await assert.rejects(pool.brief("Zzyzzx Holdings", {}), { name: "UnknownTopicError" });
  } finally {
    await pool.close();
  }
});
