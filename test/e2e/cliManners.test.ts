// The CLI's manners, as git and npm have them: --version, help, usage on stderr with exit 2, JSON errors
// with --json, a closed pipe, one line for a seed folder that is not there, notes only with --verbose, and
// a default store that does not move with the working directory.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { parseConfig } from "../../src/app/config.js";
import { PACKAGE_ROOT } from "../../src/app/paths.js";
import { runDocket } from "../support/runCli.js";
import { REPO } from "../support/shared.js";

const docket = (...args: string[]) => runDocket(args);
const VERSION = (JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string })
  .version;
const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), "docket-manners-"));
  dirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const noStack = (text: string) => {
  assert.doesNotMatch(text, /\n\s+at |Error:|node:internal/, text);
};

test("--version and -V print the package's version", async () => {
  for (const flag of ["--version", "-V"]) {
    const { code, stdout } = await docket(flag);
    assert.equal(code, 0);
    assert.equal(stdout, `docket ${VERSION}\n`);
  }
});

test("docket help, docket help <cmd> and --help print to stdout with exit 0; an unknown one is a usage error", async () => {
  const all = await docket("help");
  assert.equal(all.code, 0);
  assert.match(all.stdout, /docket deal <topic>/);
  assert.match(all.stdout, /docket doctor/);
  const deal = await docket("help", "deal");
  assert.equal(deal.code, 0);
  assert.match(deal.stdout, /^Usage: docket deal <topic>/);
  assert.match(deal.stdout, /Exit codes/);
  assert.equal(
    (await docket("doctor", "--help")).stdout.split("\n")[0],
    "Usage: docket doctor [--seeds DIR]... [--json]",
  );
  const unknown = await docket("help", "dael");
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /no help for "dael"/);
});

test("bare docket prints the usage to stderr and exits 2, like git", async () => {
  const { code, stdout, stderr } = await docket();
  assert.equal(code, 2);
  assert.equal(stdout, "");
  assert.match(stderr, /^Usage:\n {2}docket deal/);
});

test("with --json every error is JSON on stdout, with the usual exit code", async () => {
  const usage = await docket("deal", "--json");
  assert.equal(usage.code, 2);
  assert.deepEqual(JSON.parse(usage.stdout), {
    error: "deal needs a topic, for example: docket deal tiktok",
  });
  const unknown = await docket("deal", "microsoftcorpx", "--json");
  assert.equal(unknown.code, 1);
  assert.match((JSON.parse(unknown.stdout) as { error: string }).error, /Closest topics: .*Microsoft/);
  const badFlag = await docket("topics", "--json", "--nope");
  assert.equal(badFlag.code, 2);
  assert.match((JSON.parse(badFlag.stdout) as { error: string }).error, /--nope/);
  const missing = await docket("topics", "--json", "--seeds", "/nonexistent/docket-seeds");
  assert.equal(missing.code, 1);
  assert.deepEqual(JSON.parse(missing.stdout), {
    error: "--seeds: /nonexistent/docket-seeds does not exist.",
  });
});

test("a reader that closes the pipe early (docket deal x | head -1) ends the CLI quietly", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "deal", "tiktok"], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH ?? "",
      DOTENV_CONFIG_PATH: "/nonexistent",
      DOCKET_STORE_URL: `sqlite://${path.join(tempDir(), "store.sqlite")}`,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Closed before the brief is written: every write the CLI makes meets a pipe with no reader (EPIPE).
  child.stdout.destroy();
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  assert.equal(stderr, "", "nothing on stderr: no EPIPE stack trace");
  assert.equal(code, 0);
});

test("a missing seed folder, or a file given as one, is one line and exit 1, from --seeds and DOCKET_SEEDS", async () => {
  const file = path.join(tempDir(), "notes.txt");
  writeFileSync(file, "Not a folder\n");
  const cases: Array<[string[], Record<string, string>, RegExp]> = [
    [
      ["deal", "tiktok", "--seeds", "/nonexistent/seeds"],
      {},
      /^--seeds: \/nonexistent\/seeds does not exist\.\n$/,
    ],
    [["topics", "--seeds", file], {}, /^--seeds: .*notes\.txt is a file, not a folder\.\n$/],
    [
      ["deal", "tiktok"],
      { DOCKET_SEEDS: "/nonexistent/a" },
      /^DOCKET_SEEDS: \/nonexistent\/a does not exist\.\n$/,
    ],
    [["digest"], { DOCKET_SEEDS: file }, /^DOCKET_SEEDS: .*is a file, not a folder\.\n$/],
  ];
  for (const [args, env, expected] of cases) {
    const { code, stdout, stderr } = await runDocket(args, env);
    assert.equal(code, 1, args.join(" "));
    assert.equal(stdout, "");
    assert.match(stderr, expected);
    noStack(stderr);
  }
});

test("notes print only with --verbose; otherwise one line counts them", async () => {
  const seeds = tempDir();
  writeFileSync(
    path.join(seeds, "a.txt"),
    "Globex buys Initech\n\nGlobex said on Monday it would buy Initech for $2 billion. Initech agreed.\n",
  );
  writeFileSync(path.join(seeds, "b.pdf"), "%PDF-1.4 not a kind Docket reads");
  writeFileSync(path.join(seeds, "c.txt"), Buffer.from([0, 1, 2, 3, 0, 0, 0, 255, 0]));
  const quiet = await docket("topics", "--seeds", seeds);
  assert.equal(quiet.code, 0);
  assert.equal(quiet.stderr, "2 notes; --verbose to show\n");
  const verbose = await docket("topics", "--seeds", seeds, "--verbose");
  const notes = verbose.stderr.trimEnd().split("\n");
  assert.equal(notes.length, 2, verbose.stderr);
  assert.ok(notes.every((n) => n.startsWith("note: ")));
  assert.ok(notes.some((n) => n.includes("b.pdf")) && notes.some((n) => n.includes("c.txt")));
});

test("the default store is in the package's data/ folder, whatever the working directory", () => {
  const url = parseConfig({}).DOCKET_STORE_URL;
  assert.equal(url, `sqlite://${path.join(PACKAGE_ROOT, "data", "docket.sqlite")}`);
  assert.ok(path.isAbsolute(url.slice("sqlite://".length)));
});

/** What `node <args> --version` prints, run in `cwd` with nothing inherited but PATH. */
function printedVersion(args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args, "--version"], {
      cwd,
      env: { PATH: process.env.PATH ?? "", DOTENV_CONFIG_PATH: "/nonexistent" },
    });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.on("error", reject);
    child.on("close", () => {
      resolve(out);
    });
  });
}

test("the program runs when started through a link to it (as npm's bin link does)", async () => {
  // tsx needs the .ts name to compile it; the built CLI's link is extensionless and needs nothing.
  const link = path.join(tempDir(), "docket.ts");
  symlinkSync(path.join(REPO, "src/cli/main.ts"), link);
  assert.equal(await printedVersion(["--import", "tsx", link], REPO), `docket ${VERSION}\n`);
});

const BUILT = path.join(REPO, "dist/src/cli/main.js");
test(
  "the built CLI runs with node dist/src/cli/main.js (npm ci builds it)",
  { skip: existsSync(BUILT) ? false : "dist/ not built: run npm run build" },
  async () => {
    assert.equal(await printedVersion([BUILT], tmpdir()), `docket ${VERSION}\n`);
  },
);
