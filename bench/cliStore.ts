// Builds an ingested store for timing the CLI and the bot against it: N realistic documents (bench/realCorpus)
// stored as source documents in the store DOCKET_STORE_URL names and analysed once into the index beside it,
// as `docket source add` followed by one `docket deal` would leave them. Run once, then time `docket deal`
// from dist with the same DOCKET_STORE_URL and DOCKET_SEEDS:
//   DOCKET_STORE_URL=sqlite:///tmp/x/docket.sqlite DOCKET_SEEDS=/tmp/x/seeds node --import tsx bench/cliStore.ts 100000
import { performance } from "node:perf_hooks";
import { createApp } from "../src/app/app.js";
import { loadConfig } from "../src/app/config.js";
import { AnalysisPool } from "../src/store/index/analysisPool.js";
import type { StoredDocument } from "../src/sources/types.js";
import { createGenerator } from "./realCorpus.js";
import { SEED } from "./run.js";

const n = Number(process.argv[2] ?? 10_000);
const BATCH = 500;
const app = createApp(loadConfig());
const { index } = await app.index();
const store = await app.store();
// The records and their id set, written the way Collection.put writes them, but a batch at a time.
const records = store.namespace<StoredDocument>("documents");
const ids = store.idSet("documents");
const pool = new AnalysisPool();
const gen = await createGenerator(SEED, n);
const started = performance.now();
let writing: Promise<void> = Promise.resolve();
for (let done = 0; done < n; done += BATCH) {
  const docs = Array.from({ length: Math.min(BATCH, n - done) }, () => gen.next());
  const encoded = pool.analyze(docs);
  // The next batch is analysed while this one is written; writes stay in order.
  await writing;
  writing = (async () => {
    await records.setMany(docs.map((d) => ({ key: d.id, value: { ...d, sourceId: "bench" } })));
    await ids.add(docs.map((d) => d.id));
    index.addEncoded(await encoded);
  })();
  await encoded;
  const s = (performance.now() - started) / 1000;
  console.error(
    `${done + docs.length} docs in ${s.toFixed(0)} s (${((done + docs.length) / s).toFixed(0)} docs/s)`,
  );
}
await writing;
await pool.close();
console.error(`done: ${n} documents in ${((performance.now() - started) / 1000).toFixed(0)} s`);
await app.close();
