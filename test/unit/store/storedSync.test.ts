// Indexing the documents stored by `docket source add` or the bot: a sync lists the store's ids only when
// the store's mark moved since the last complete sync, and a document another process stores meanwhile
// (through Collection.put, or any writer of the id set) is always in the next sync and the next brief.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import { buildBrief } from "../../../src/core/brief/buildBrief.js";
import { UnknownTopicError } from "../../../src/core/errors.js";
import { SourceStore } from "../../../src/sources/sourceStore.js";
import type { StoredDocument } from "../../../src/sources/types.js";
import { syncStored, type StoredDocuments } from "../../../src/store/index/openIndex.js";
import { SqliteIndex } from "../../../src/store/index/sqliteIndex.js";
import { openStore, type Store } from "../../../src/store/openStore.js";
import { dealStory } from "../../support/madeUpNames.js";

const dir = mkdtempSync(path.join(tmpdir(), "docket-stored-sync-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

function stored(i: number, raw = dealStory(i).raw): StoredDocument {
  return {
    id: `stored${i}`,
    title: dealStory(i).title,
    url: null,
    published: null,
    outlet: null,
    location: `gen/${i}.md`,
    owner: "global",
    raw,
    sourceId: "test",
  };
}

/** The store's documents, counting how often the ids are listed. */
function counted(store: Store): { documents: StoredDocuments; listed: () => number } {
  const documents = new SourceStore(store).documents;
  let listed = 0;
  return {
    documents: {
      ids: () => {
        listed++;
        return documents.ids();
      },
      get: (id) => documents.get(id),
      version: () => documents.version(),
    },
    listed: () => listed,
  };
}

test("ids are listed only when the store changed; a document stored by another process meanwhile is indexed", async () => {
  const url = `sqlite://${path.join(dir, "a.sqlite")}`;
  const cli = await openStore(url);
  const bot = await openStore(url);
  const index = new SqliteIndex(path.join(dir, "a.index.sqlite"));
  try {
    const botDocs = new SourceStore(bot).documents;
    for (let i = 0; i < 3; i++) await botDocs.put(`stored${i}`, stored(i));
    const sync = counted(cli);
    assert.equal(await syncStored(index, sync.documents), 3);
    assert.equal(await syncStored(index, sync.documents), 0);
    assert.equal(sync.listed(), 1, "an unchanged store is not listed again");

    // The bot (another handle, as another process) stores a document about a name nothing else mentions.
    await botDocs.put("stored-new", {
      ...stored(9),
      id: "stored-new",
      raw: "Zennick Foods buys Prallow.\n\nZennick Foods said on Monday it agreed to buy Prallow for $3 billion.\n",
    });
    await assert.rejects(buildBrief(index, "zennick foods"), UnknownTopicError);
    assert.equal(await syncStored(index, sync.documents), 1);
    assert.equal(sync.listed(), 2);
    assert.ok((await buildBrief(index, "zennick foods")).sources.some((s) => s.id === "stored-new"));

    // A removal moves the mark too (the ids are listed again, nothing to add).
    await botDocs.delete("stored0");
    assert.equal(await syncStored(index, sync.documents), 0);
    assert.equal(sync.listed(), 3);
    assert.equal(await syncStored(index, sync.documents), 0);
    assert.equal(sync.listed(), 3);
  } finally {
    index.close();
    await cli.close();
    await bot.close();
  }
});

test("an id written to the set by any writer moves the mark, and a reopened store keeps it", async () => {
  const file = path.join(dir, "b.sqlite");
  const first = await openStore(`sqlite://${file}`);
  const docs = new SourceStore(first).documents;
  await docs.put("stored1", stored(1));
  const before = await docs.version();
  assert.ok(before !== null);
  await docs.put("stored1", stored(1));
  assert.equal(await docs.version(), before, "adding an id already there changes nothing");
  await first.close();

  // Another program writing the table directly, as an older Docket or a repair script might.
  const raw = new Database(file);
  raw.prepare("INSERT INTO docket_sets(name, member) VALUES ('documents', 'stored2')").run();
  raw.close();
  const second = await openStore(`sqlite://${file}`);
  try {
    const after = await new SourceStore(second).documents.version();
    assert.ok(after !== null && after !== before, `${String(after)} after ${before}`);
  } finally {
    await second.close();
  }
});

test("two stores sharing one index, and a set filled before marks existed, are listed", async () => {
  const index = new SqliteIndex(path.join(dir, "c.index.sqlite"));
  const one = await openStore(`sqlite://${path.join(dir, "c1.sqlite")}`);
  const two = await openStore(`sqlite://${path.join(dir, "c2.sqlite")}`);
  try {
    await new SourceStore(one).documents.put("stored1", stored(1));
    await new SourceStore(two).documents.put("stored2", stored(2));
    assert.equal(await syncStored(index, counted(one).documents), 1);
    assert.equal(await syncStored(index, counted(two).documents), 1, "the other store's mark is its own");
  } finally {
    await one.close();
    await two.close();
  }

  // A store written before the change counter existed: no counter table, no triggers.
  const file = path.join(dir, "c3.sqlite");
  const old = await openStore(`sqlite://${file}`);
  await new SourceStore(old).documents.put("stored3", stored(3));
  await old.close();
  const raw = new Database(file);
  raw.exec(
    "DROP TRIGGER docket_sets_insert; DROP TRIGGER docket_sets_delete; DROP TABLE docket_set_versions",
  );
  raw.prepare("INSERT INTO docket_sets(name, member) VALUES ('documents', 'stored4')").run();
  raw.close();
  const reopened = await openStore(`sqlite://${file}`);
  try {
    await new SourceStore(reopened).documents.put("stored4", stored(4));
    const sync = counted(reopened);
    assert.equal(await syncStored(index, sync.documents), 2);
    assert.equal(await syncStored(index, sync.documents), 0);
    assert.equal(sync.listed(), 1);
  } finally {
    index.close();
    await reopened.close();
  }
});
