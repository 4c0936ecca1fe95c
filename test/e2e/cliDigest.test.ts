// `docket digest` as a user runs it: the same index as the other commands (the seed folders and, without
// --seeds, the stored sources), a seed file counting as added when it was last modified, text or JSON,
// and a date that is not a date refused in the form the caller asked for.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Digest } from "../../src/core/digest/types.js";
import { runDocket } from "../support/runCli.js";

const DAY = 24 * 60 * 60 * 1000;
const dir = mkdtempSync(path.join(tmpdir(), "docket-cli-digest-"));
const seeds = path.join(dir, "seeds");
const docket = (...args: string[]) =>
  runDocket(args, { DOCKET_STORE_URL: `sqlite://${path.join(dir, "store.sqlite")}`, DOCKET_SEEDS: seeds });

/** Writes a file whose modification time is `ageDays` ago. */
function write(file: string, text: string, ageDays = 0): void {
  const at = new Date(Date.now() - ageDays * DAY);
  writeFileSync(file, text);
  utimesSync(file, at, at);
}

before(() => {
  mkdirSync(seeds);
  write(
    path.join(seeds, "old.md"),
    "Acme agrees to buy Beta Systems\n\nAcme Corp agreed on Monday to buy Beta Systems for $2 billion in cash. The deal is subject to approval by regulators, Acme said.",
    30,
  );
  write(
    path.join(seeds, "new.md"),
    "Regulators clear the Acme purchase of Beta Systems\n\nRegulators approved the Acme deal on Tuesday. The purchase of Beta Systems is now expected to close next month, according to a person familiar with the matter.",
  );
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

test("seed files modified after --since are in the digest, as text or JSON; a later date gives nothing", async () => {
  const since = new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10);
  const text = await docket("digest", "--since", since);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /Regulators approved the Acme deal on Tuesday\. \[1\]/);
  assert.doesNotMatch(text.stdout, /subject to approval/);
  assert.match(text.stdout, /\[1\] Regulators clear the Acme purchase of Beta Systems\n\s+new\.md\n$/);

  const json = await docket("digest", "--json");
  assert.equal(json.code, 0, json.stderr);
  const digest = JSON.parse(json.stdout) as Digest;
  assert.deepEqual(
    digest.sources.map((s) => s.location),
    ["new.md"],
  );
  assert.ok(digest.until - digest.since >= 7 * DAY - 1000);

  const empty = await docket("digest", "--since", "2999-01-01");
  assert.equal(empty.code, 0);
  assert.match(empty.stdout, /^Nothing new/);
});

test("a stored source joins the digest, as it joins the other commands' answers; --seeds leaves it out", async () => {
  const file = path.join(dir, "globex.txt");
  write(
    file,
    "Globex opens a plant in Springfield\n\nGlobex Corp said on Wednesday it will open a plant in Springfield next year, hiring 400 people.",
  );
  assert.equal((await docket("source", "add", file)).code, 0);
  const all = await docket("digest", "--json");
  assert.deepEqual((JSON.parse(all.stdout) as Digest).sources.map((s) => s.location).sort(), [
    "globex.txt",
    "new.md",
  ]);
  // --seeds asks for the folders alone, even the folders whose index the stored source joined.
  const seedsOnly = await docket("digest", "--json", "--seeds", seeds);
  assert.deepEqual(
    (JSON.parse(seedsOnly.stdout) as Digest).sources.map((s) => s.location),
    ["new.md"],
  );
});

test("a --since that is not a date: one line and exit 2, or {error} on stdout with --json", async () => {
  const text = await docket("digest", "--since", "last tuesday");
  assert.equal(text.code, 2);
  assert.equal(
    text.stderr,
    '--since takes a date (YYYY-MM-DD), an ISO date-time or a number of days (7d), not "last tuesday"\n',
  );
  const json = await docket("digest", "--since", "last tuesday", "--json");
  assert.equal(json.code, 2);
  assert.match((JSON.parse(json.stdout) as { error: string }).error, /^--since takes a date/);
  const missing = await docket("digest", "--seeds", path.join(dir, "missing"));
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^--seeds: .*missing does not exist\.\n$/);
});
