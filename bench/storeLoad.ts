// `npm run bench:store`: how long a restart takes to load N stored documents back into the index
// (read from the store, analyse, index), for each store backend reachable here.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { DocumentIndex } from "../src/core/index/docIndex.js";
import { documentId } from "../src/core/ingest/document.js";
import { SourceStore } from "../src/sources/sourceStore.js";
import { openStore } from "../src/store/openStore.js";

const N = Number(process.env.BENCH_STORE_DOCS ?? 10_000);
const seedsDir = new URL("../seeds/", import.meta.url);
const seed = readFileSync(new URL(readdirSync(seedsDir)[0] ?? "", seedsDir), "utf8");
const dir = mkdtempSync(path.join(tmpdir(), "docket-store-bench-"));
const run = `b${Date.now().toString(36)}`;
const lines: string[] = [];
function report(line: string): void {
  console.log(line);
  lines.push(line);
}
const backends = [
  `sqlite://${dir}/bench.sqlite`,
  "redis://127.0.0.1:6379",
  "postgres://postgres@127.0.0.1:5432/test",
];

for (const url of backends) {
  let store;
  try {
    store = await openStore(url);
  } catch (error) {
    report(`${url.split(":")[0] ?? url}: not reachable (${(error as Error).message})`);
    continue;
  }
  // A per-run prefix keeps the bench's data apart from anything else in a shared server.
  const prefixed = { ...store, namespace: <T>(name: string) => store.namespace<T>(`${run}-${name}`) };
  const sources = new SourceStore(prefixed);
  const write = performance.now();
  for (let i = 0; i < N; i++) {
    const raw = `${seed}\n\nUpdate ${i}: Microsoft said talks with ByteDance continued on day ${i}.`;
    await sources.documents.put(documentId(raw), {
      id: documentId(raw),
      title: `Update ${i}`,
      url: null,
      published: null,
      outlet: null,
      location: `bench/${i}.txt`,
      owner: "global",
      raw,
      sourceId: "bench",
    });
  }
  const writeMs = performance.now() - write;
  const index = new DocumentIndex();
  const loaded = await sources.loadInto(index);
  // The same read again on its own, to tell reading the store from analysing and indexing the text.
  const read = performance.now();
  await sources.documents.values();
  const readMs = performance.now() - read;
  const name = (url.split(":")[0] ?? url).padEnd(8);
  const s = (ms: number): string => (ms / 1000).toFixed(1);
  report(
    `${name} ${N} documents: stored in ${s(writeMs)} s; loaded into the index in ${s(loaded.ms)} s, of which reading the store ${s(readMs)} s`,
  );
  await Promise.all(["documents", "documents-index"].map((n) => prefixed.namespace(n).clear()));
  await store.close();
}
rmSync(dir, { recursive: true, force: true });
const machine = `${cpus()[0]?.model ?? "?"}, ${cpus().length} cores, Node ${process.version}`;
writeFileSync(
  new URL("store-results.md", import.meta.url),
  `## Store load results\n\n${new Date().toISOString().slice(0, 10)}, ${machine}.\n\n\`\`\`\n${lines.join("\n")}\n\`\`\`\n`,
);
