// Where the document index lives: beside an SQLite store, and in the package's data folder for a Redis or
// PostgreSQL store — never relative to the working directory, so a run from another folder finds the same
// index (as it finds the same default SQLite store) instead of silently starting an empty one.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { DATA_DIR, PACKAGE_ROOT } from "../../../src/app/paths.js";
import { indexPathFor, seedsIndexPath } from "../../../src/store/index/openIndex.js";

const elsewhere = mkdtempSync(path.join(tmpdir(), "docket-index-path-"));
const home = process.cwd();
after(() => {
  process.chdir(home);
  rmSync(elsewhere, { recursive: true, force: true });
});

/** The same call from the package root and from an unrelated folder. */
function fromTwoFolders<T>(call: () => T): [T, T] {
  process.chdir(PACKAGE_ROOT);
  const first = call();
  process.chdir(elsewhere);
  const second = call();
  process.chdir(home);
  return [first, second];
}

const SERVERS = ["redis://127.0.0.1:6379", "postgres://postgres@127.0.0.1:5432/test"];

test("the data folder is the package's own, an absolute path", () => {
  assert.ok(path.isAbsolute(DATA_DIR));
  assert.equal(DATA_DIR, path.join(PACKAGE_ROOT, "data"));
});

test("a Redis or PostgreSQL store's index is in the data folder, whatever the working directory", () => {
  for (const url of SERVERS) {
    const [a, b] = fromTwoFolders(() => indexPathFor(url, DATA_DIR));
    assert.equal(a, b, url);
    assert.ok(path.isAbsolute(a), a);
    assert.equal(path.dirname(a), DATA_DIR, a);
  }
});

test("seed indexes for a server store are in the data folder too, one set of files per server", () => {
  const seeds = path.join(elsewhere, "seeds");
  const paths = SERVERS.map((url) => fromTwoFolders(() => seedsIndexPath(url, [seeds], DATA_DIR)));
  for (const [a, b] of paths) {
    assert.equal(a, b);
    assert.equal(path.dirname(a), DATA_DIR, a);
  }
  assert.notEqual(paths[0]?.[0], paths[1]?.[0], "two servers never share an index");
  assert.notEqual(indexPathFor(SERVERS[0] ?? "", DATA_DIR), indexPathFor(SERVERS[1] ?? "", DATA_DIR));
});

test("an SQLite store's index stays beside the store file, and :memory: stays in memory", () => {
  const file = path.join(elsewhere, "store.sqlite");
  assert.equal(indexPathFor(`sqlite://${file}`, DATA_DIR), path.join(elsewhere, "store.index.sqlite"));
  const seeds = seedsIndexPath(`sqlite://${file}`, [path.join(elsewhere, "seeds")], DATA_DIR);
  assert.equal(path.dirname(seeds), elsewhere);
  assert.match(path.basename(seeds), /^seeds-[0-9a-f]{12}\.index\.sqlite$/);
  assert.equal(seedsIndexPath("sqlite://:memory:", ["x"], DATA_DIR), ":memory:");
});
