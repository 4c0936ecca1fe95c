// The CLI on a PostgreSQL store (needs the server at 127.0.0.1:5432, database test): `docket deal` and
// `docket topics` read the index shared in that database and print what the SQLite index file gives for the
// same documents; two processes adding documents to the shared index at once lose none. Each run uses its own
// seed folder, so its own schema (named after the store URL and the folders), dropped after.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { promisify } from "node:util";
import { DocumentIndex } from "../../src/core/index/docIndex.js";
import { pgIndexSchema } from "../../src/store/index/openIndex.js";
import { PgIndex } from "../../src/store/index/pgIndex.js";
import { freshStore } from "../support/freshStores.js";
import { dealDocs, dealStory } from "../support/madeUpNames.js";
import { runDocket } from "../support/runCli.js";
import { REPO, SEEDS } from "../support/shared.js";

const run = promisify(execFile);
const PG = process.env.DOCKET_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/test";
const DIR = path.join(tmpdir(), `docket-cli-pg-${randomBytes(4).toString("hex")}`);
const SEED_DIR = path.join(DIR, "seeds");
const schemas: string[] = [];

after(async () => {
  for (const schema of schemas) {
    const index = await PgIndex.open(PG, { schema });
    await index.drop();
    await index.close();
  }
  rmSync(DIR, { recursive: true, force: true });
});

test("docket deal and topics on a PostgreSQL store print what the SQLite index gives", async () => {
  // The repository's seeds plus generated stories, in a folder of this run's own (so a schema of its own).
  mkdirSync(SEED_DIR, { recursive: true });
  cpSync(SEEDS, SEED_DIR, { recursive: true });
  for (let i = 0; i < 24; i++) {
    const { raw } = dealStory(i);
    writeFileSync(path.join(SEED_DIR, `story-${i}.txt`), raw);
  }
  schemas.push(pgIndexSchema(PG, [SEED_DIR], false));
  const sqlite = { DOCKET_STORE_URL: `sqlite://${path.join(DIR, "store.sqlite")}` };
  const postgres = { DOCKET_STORE_URL: PG };
  const same = async (...args: string[]): Promise<void> => {
    const a = await runDocket([...args, "--seeds", SEED_DIR], sqlite);
    // Twice on PostgreSQL: the first call ingests the folder, the second reads what the first stored.
    for (const round of ["ingesting", "stored"]) {
      const b = await runDocket([...args, "--seeds", SEED_DIR], postgres);
      assert.equal(b.code, a.code, `${args.join(" ")} (${round}): ${b.stderr}`);
      assert.equal(b.stdout, a.stdout, `${args.join(" ")} (${round})`);
      assert.equal(b.stderr, a.stderr, `${args.join(" ")} (${round})`);
    }
  };
  await same("deal", "tiktok");
  await same("deal", "tik", "tok", "--json");
  await same("deal", "Harrow Data");
  await same("deal", "Quellin", "--json");
  await same("deal", "microsoftcorpx");
  await same("topics", "--json");
  const index = await PgIndex.open(PG, { schema: pgIndexSchema(PG, [SEED_DIR], false) });
  assert.equal(await index.size(), 25, "the seed file and 24 stories, each once");
  await index.close();
});

test("two processes adding documents to the shared index at once lose none", async () => {
  const schema = `docket_test_${randomBytes(4).toString("hex")}_twoproc`;
  schemas.push(schema);
  // Two sets of distinct documents naming the same companies and people (so the same count rows).
  const add = (prefix: string, from: number): Promise<{ stdout: string }> =>
    run(
      process.execPath,
      ["--import", "tsx", "test/support/pgAddProcess.ts", PG, schema, prefix, String(from), "120"],
      {
        cwd: REPO,
      },
    );
  const [a, b] = await Promise.all([add("a", 0), add("b", 60)]);
  assert.equal(a.stdout.trim(), "120");
  assert.equal(b.stdout.trim(), "120");
  const memory = new DocumentIndex();
  for (const doc of [...dealDocs("a", 0, 120), ...dealDocs("b", 60, 120)]) memory.add(doc);
  const index = await PgIndex.open(PG, { schema });
  try {
    assert.equal(await index.size(), 240);
    assert.deepEqual(await index.topics(), memory.topics());
  } finally {
    await index.close();
  }
});

test("a file added with docket source add on a PostgreSQL store is in the next brief, as on SQLite", async () => {
  const seeds = path.join(DIR, "seeds-stored");
  mkdirSync(seeds, { recursive: true });
  cpSync(SEEDS, seeds, { recursive: true });
  const file = path.join(DIR, "note.md");
  writeFileSync(
    file,
    "Globex to buy Initech\n\nGlobex agreed to buy Initech for $2 billion on Monday, Globex said.\n",
  );
  // A database of its own: the stored sources (Keyv) and the index schema in it go with it.
  const pg = await freshStore("postgres", DIR);
  try {
    const outputs: string[][] = [];
    for (const url of [`sqlite://${path.join(DIR, "stored.sqlite")}`, pg.url]) {
      const env = { DOCKET_STORE_URL: url, DOCKET_SEEDS: seeds };
      const added = await runDocket(["source", "add", file], env);
      assert.equal(added.code, 0, added.stderr);
      const out: string[] = [];
      for (const args of [
        ["deal", "globex"],
        ["deal", "tiktok"],
        ["topics", "--json"],
      ]) {
        const r = await runDocket(args, env);
        assert.equal(r.code, 0, `${args.join(" ")} on ${url}: ${r.stderr}`);
        out.push(r.stdout);
      }
      outputs.push(out);
    }
    assert.deepEqual(outputs[1], outputs[0]);
    assert.match(outputs[0]?.[0] ?? "", /Globex/);
  } finally {
    await pg.dispose();
  }
});
