// A store that cannot be used, as an operator meets it: nothing listening on the port, a Redis URL on the
// PostgreSQL port and the reverse, a SQLite file that is truncated or has junk in its header or middle. The
// CLI and the bot, run as real processes, must say so in one line naming DOCKET_STORE_URL (password hidden)
// within 10 s and exit non-zero; a corrupt SQLite file is named with the command to move it aside, and a
// brief from the seeds still answers. Each case prints the time it took.
import assert from "node:assert/strict";
import {
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
  closeSync,
} from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { refusedPort } from "../support/ports.js";
import { runBot } from "../support/runBot.js";
import { runDocket } from "../support/runCli.js";
import { openStore } from "../../src/store/openStore.js";
import { StoreError } from "../../src/store/storeError.js";

const work = mkdtempSync(path.join(tmpdir(), "docket-store-hostile-"));
const BOUND_MS = 10_000;

/** A server that accepts connections and never answers: the worst case for a client without timeouts. */
let silent: Server;
let silentPort = 0;

function seeds(): string {
  const dir = path.join(work, "seeds");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, "veltria.md"),
    "---\ntitle: Veltria opens a review\npublished: 2025-03-01\n---\nVeltria regulators opened a review of the Marlow deal on Monday.\n",
  );
  return dir;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

async function timed(
  run: () => Promise<{ code: number | null; stdout: string; stderr: string }>,
): Promise<Run> {
  const started = performance.now();
  const result = await run();
  return { ...result, ms: Math.round(performance.now() - started) };
}

/** The bot as `npm start` runs it, with a token so it reaches the store, and no Discord it could reach. */
function botRun(env: Record<string, string>, token = true): Promise<Run> {
  return runBot({
    ...(token ? { DISCORD_TOKEN: "not-a-real-token" } : {}),
    DISCORD_API_URL: "http://127.0.0.1:9/api",
    LOG_LEVEL: "silent",
    ...env,
  });
}

/**
 * The same CLI failing before it touches the store, run alongside: on a loaded machine starting Node and
 * tsx alone can take seconds, which is not the store's time to answer.
 */
function startup(): Promise<Run> {
  return timed(() => runDocket(["ingest", path.join(work, "no-such-folder")]));
}

/** The bot stopping for want of a token: every module loaded, nothing opened. */
function botStartup(): Promise<Run> {
  return botRun({}, false);
}

function assertOneLine(run: Run, url: string, what: string, baseline: Run): void {
  assert.notEqual(run.code, 0, `${what}: exit code`);
  assert.ok(run.ms - baseline.ms < BOUND_MS, `${what}: took ${run.ms} ms (start-up alone ${baseline.ms} ms)`);
  const lines = run.stderr
    .trim()
    .split("\n")
    .filter((l) => !/^(ingest|note:)/.test(l));
  assert.equal(lines.length, 1, `${what}: one line, got:\n${run.stderr}`);
  assert.match(lines[0] ?? "", /DOCKET_STORE_URL=/, what);
  assert.ok(!(lines[0] ?? "").includes("secret"), `${what}: the password is hidden`);
  assert.ok((lines[0] ?? "").includes(url.replace(":secret@", ":***@")), `${what}: names the URL`);
  assert.doesNotMatch(run.stderr, /\n\s+at /, `${what}: no stack trace`);
}

before(async () => {
  silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  const address = silent.address();
  silentPort = typeof address === "object" && address ? address.port : 0;
});

after(async () => {
  await new Promise<void>((resolve) =>
    silent.close(() => {
      resolve();
    }),
  );
  rmSync(work, { recursive: true, force: true });
});

describe("unreachable or wrong store server", () => {
  const cases: Array<[string, () => Promise<string>]> = [
    ["Redis on a dead port", async () => `redis://127.0.0.1:${await refusedPort()}`],
    [
      "PostgreSQL on a dead port",
      async () => `postgres://docket:secret@127.0.0.1:${await refusedPort()}/test`,
    ],
    ["a Redis URL on the PostgreSQL port", () => Promise.resolve("redis://127.0.0.1:5432")],
    [
      "a PostgreSQL URL on the Redis port",
      () => Promise.resolve("postgres://docket:secret@127.0.0.1:6379/test"),
    ],
    ["Redis on a server that never answers", () => Promise.resolve(`redis://127.0.0.1:${silentPort}`)],
    [
      "PostgreSQL on a server that never answers",
      () => Promise.resolve(`postgres://docket:secret@127.0.0.1:${silentPort}/test`),
    ],
  ];
  for (const [label, urlOf] of cases) {
    test(`${label}: CLI and bot give one line naming DOCKET_STORE_URL within 10 s`, async (t) => {
      const url = await urlOf();
      const folder = seeds();
      const [ingest, bot, baseline, botBaseline] = await Promise.all([
        timed(() => runDocket(["ingest", folder], { DOCKET_STORE_URL: url })),
        botRun({ DOCKET_STORE_URL: url, DOCKET_SEEDS: folder }),
        startup(),
        botStartup(),
      ]);
      t.diagnostic(
        `${label}: CLI ${ingest.ms} ms (start-up alone ${baseline.ms}), bot ${bot.ms} ms (start-up alone ${botBaseline.ms}): ${ingest.stderr.trim().split("\n").pop() ?? ""}`,
      );
      assertOneLine(ingest, url, "docket ingest", baseline);
      assertOneLine(bot, url, "bot", botBaseline);
      // And the store's own part, timed in this process.
      const started = performance.now();
      await assert.rejects(openStore(url), (error: unknown) => error instanceof StoreError);
      const ms = Math.round(performance.now() - started);
      t.diagnostic(`${label}: openStore failed after ${ms} ms`);
      assert.ok(ms < BOUND_MS, `openStore took ${ms} ms`);
    });
  }
});

describe("corrupt SQLite store", () => {
  /** A real store with a few hundred documents, so damage can land past the first pages. */
  async function storeWithDocuments(name: string): Promise<string> {
    const folder = path.join(work, `docs-${name}`);
    mkdirSync(folder, { recursive: true });
    for (let n = 0; n < 300; n++)
      writeFileSync(
        path.join(folder, `d${n}.md`),
        `---\ntitle: Filing ${n}\n---\nVeltria regulators logged filing ${n} about the Marlow deal. ${"Detail. ".repeat(40)}\n`,
      );
    const file = path.join(work, `${name}.sqlite`);
    const added = await runDocket(["ingest", folder], { DOCKET_STORE_URL: `sqlite://${file}` });
    assert.equal(added.code, 0, added.stderr);
    return file;
  }

  const damage: Array<[string, (file: string) => void]> = [
    [
      "truncated",
      (file) => {
        truncateSync(file, Math.floor(statSync(file).size / 3));
      },
    ],
    [
      "junk header",
      (file) => {
        const fd = openSync(file, "r+");
        writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 0);
        closeSync(fd);
      },
    ],
    [
      "junk in the middle",
      (file) => {
        const size = statSync(file).size;
        const fd = openSync(file, "r+");
        // Whole pages of junk from the second page on: b-tree pages, not just row text.
        writeSync(fd, Buffer.alloc(Math.floor(size / 2), 0xa5), 0, Math.floor(size / 2), 4096);
        closeSync(fd);
      },
    ],
  ];
  for (const [label, corrupt] of damage) {
    test(`${label}: named with the command to move it aside; a brief from the seeds still answers`, async (t) => {
      const file = await storeWithDocuments(label.replace(/\W+/g, "-"));
      corrupt(file);
      const url = `sqlite://${file}`;
      const folder = seeds();
      const [ingest, deal, bot, baseline, botBaseline] = await Promise.all([
        timed(() => runDocket(["ingest", folder], { DOCKET_STORE_URL: url })),
        timed(() => runDocket(["deal", "veltria"], { DOCKET_STORE_URL: url, DOCKET_SEEDS: folder })),
        botRun({ DOCKET_STORE_URL: url, DOCKET_SEEDS: folder }),
        startup(),
        botStartup(),
      ]);
      t.diagnostic(
        `${label}: ingest ${ingest.ms} ms (start-up alone ${baseline.ms}), deal ${deal.ms} ms, bot ${bot.ms} ms (start-up alone ${botBaseline.ms}): ${ingest.stderr.trim()}`,
      );
      for (const [what, run] of [
        ["docket ingest", ingest],
        ["bot", bot],
      ] as const) {
        assertOneLine(run, url, what, what === "bot" ? botBaseline : baseline);
        assert.ok(run.stderr.includes(file), `${what}: names the file`);
        assert.match(run.stderr, /mv '.*' '.*\.corrupt'/, `${what}: gives the command to move it aside`);
      }
      assert.equal(deal.code, 0, deal.stderr);
      assert.match(deal.stdout, /Veltria/, "the brief from the seeds");
      assert.match(deal.stderr, /^warning: DOCKET_STORE_URL=.*not a usable SQLite database/m);
      assert.match(deal.stderr, /answering from the seeds only/);
    });
  }
});
