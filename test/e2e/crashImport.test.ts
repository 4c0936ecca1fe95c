// A crash in the middle of `docket ingest`: the process is SIGKILLed while it imports 2,000 documents, then
// the same command runs again. Every document must be stored exactly once, and a third run adds nothing.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { pino } from "pino";
import { DocumentIndex } from "../../src/core/index/docIndex.js";
import { safeFetch } from "../../src/fetch/safeFetch.js";
import { SourceService } from "../../src/sources/sourceService.js";
import { SourceStore } from "../../src/sources/sourceStore.js";
import { openStore } from "../../src/store/openStore.js";
import { REPO } from "../support/shared.js";

const COUNT = 2000;
const dir = mkdtempSync(path.join(tmpdir(), "docket-crash-"));
const docs = path.join(dir, "docs");
const storeUrl = `sqlite://${path.join(dir, "store.sqlite")}`;

mkdirSync(docs);
for (let n = 0; n < COUNT; n++) {
  const name = `note-${String(n).padStart(4, "0")}.md`;
  writeFileSync(
    path.join(docs, name),
    `---\ntitle: Veltria filing ${n}\npublished: 2025-03-${String((n % 28) + 1).padStart(2, "0")}\n---\n` +
      `Veltria regulators logged filing ${n} about the Marlow deal on Tuesday. ` +
      `"We will review filing ${n} carefully," the agency said.\n`,
  );
}

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Killed by the overall bound, before `killWhen` ever held: the run says nothing about a mid-import crash. */
  gaveUp: boolean;
}

/**
 * Runs `docket ingest <docs>` from the repository root. With `killWhen`, the process is SIGKILLed
 * `killDelayMs` after its stderr first satisfies it: the kill is keyed on observed progress, never on a
 * clock, so a slow start on a loaded machine only makes the test slower. `giveUpAfterMs` (default 180 s)
 * is a generous overall bound for a process that never makes the progress asked for.
 */
function ingest(
  options: { killWhen?: (stderr: string) => boolean; killDelayMs?: number; giveUpAfterMs?: number } = {},
): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "ingest", docs], {
    cwd: REPO,
    env: { ...process.env, DOCKET_STORE_URL: storeUrl, LOG_LEVEL: "silent" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  let gaveUp = false;
  const timer = options.killWhen
    ? setTimeout(() => {
        gaveUp = true;
        kill();
      }, options.giveUpAfterMs ?? 180_000)
    : null;
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  let armed = false;
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    if (!armed && options.killWhen?.(stderr)) {
      armed = true;
      setTimeout(kill, options.killDelayMs ?? 0);
    }
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Math.round(performance.now() - started), gaveUp });
    });
  });
}

/** The highest "ingest N/2000" progress line so far. */
function progress(stderr: string): number {
  return Math.max(0, ...[...stderr.matchAll(/ingest (\d+)\/\d+/g)].map((m) => Number(m[1])));
}

async function storedIds(): Promise<string[]> {
  const store = await openStore(storeUrl);
  try {
    return await new SourceStore(store).documents.ids();
  } finally {
    await store.close();
  }
}

let idsAfterCrash: string[] = [];

test("an import killed part-way, then run again, stores every document exactly once", async (t) => {
  // Killed a moment after a tenth is done: at an arbitrary write, well inside the import (several seconds).
  const crashed = await ingest({
    killWhen: (stderr) => progress(stderr) >= COUNT / 10,
    killDelayMs: 137,
  });
  t.diagnostic(
    `first run: killed (${String(crashed.signal)}) after ${crashed.ms} ms at progress ${progress(crashed.stderr)}`,
  );
  assert.ok(
    !crashed.gaveUp,
    `no progress to ${COUNT / 10} within the overall bound: ${crashed.stdout}${crashed.stderr}`,
  );
  assert.equal(
    crashed.signal,
    "SIGKILL",
    `the first run was killed, not finished: ${crashed.stdout}${crashed.stderr}`,
  );
  assert.doesNotMatch(crashed.stdout, /Ingested/);

  idsAfterCrash = await storedIds();
  t.diagnostic(`documents indexed when the process died: ${idsAfterCrash.length}`);
  assert.ok(
    idsAfterCrash.length > 0 && idsAfterCrash.length < COUNT,
    `the kill landed mid-import (${idsAfterCrash.length} of ${COUNT} stored)`,
  );

  const rerun = await ingest();
  t.diagnostic(`second run: ${rerun.ms} ms: ${rerun.stdout.trim()}`);
  assert.equal(rerun.code, 0, rerun.stderr);
  const added = Number(/Ingested (\d+) new document\(s\) of (\d+)/.exec(rerun.stdout)?.[1]);
  assert.match(rerun.stdout, new RegExp(`of ${COUNT} from`));
  assert.equal(added, COUNT - idsAfterCrash.length, "the rerun adds exactly what the crashed run had not");

  const store = await openStore(storeUrl);
  try {
    const sources = new SourceStore(store);
    const ids = await sources.documents.ids();
    assert.equal(new Set(ids).size, ids.length, "no document id is indexed twice");
    assert.equal(ids.length, COUNT);
    const values = await sources.documents.values();
    assert.equal(values.length, COUNT);
    assert.equal(new Set(values.map((d) => d.id)).size, COUNT);
    assert.equal(new Set(values.map((d) => d.location)).size, COUNT, "one document per file");

    const index = new DocumentIndex();
    const loaded = await sources.loadInto(index);
    t.diagnostic(`loadDocuments: ${loaded.documents} documents in ${loaded.ms} ms`);
    assert.equal(loaded.documents, COUNT);
    assert.equal(index.size, COUNT);

    const folders = (await sources.sources.values()).filter((s) => s.kind === "folder");
    assert.equal(folders.length, 1, "the rerun reuses the folder source the crashed run created");
  } finally {
    await store.close();
  }
});

test("a third run ingests nothing", async (t) => {
  const third = await ingest();
  t.diagnostic(`third run: ${third.ms} ms`);
  assert.equal(third.code, 0, third.stderr);
  assert.match(third.stdout, /Ingested 0 new document\(s\)/);
  const ids = await storedIds();
  assert.equal(ids.length, COUNT);
  assert.equal(new Set(ids).size, COUNT);
});

test("after the crash and the reruns, the folder source counts its 2,000 items", async () => {
  const store = await openStore(storeUrl);
  try {
    const service = new SourceService({
      sources: new SourceStore(store),
      index: new DocumentIndex(),
      fetch: safeFetch,
      now: Date.now,
      allowPrivateHosts: [],
      logger: pino({ level: "silent" }),
    });
    const [folder] = (await service.list()).filter((s) => s.kind === "folder");
    assert.ok(folder);
    // `docket source list` shows this number.
    assert.equal(
      folder.itemCount,
      COUNT,
      `itemCount is ${folder.itemCount}; ${idsAfterCrash.length} were stored by the killed run`,
    );
  } finally {
    await store.close();
  }
});
