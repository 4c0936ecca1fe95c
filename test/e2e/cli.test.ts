// The terminal front end as a user runs it: a real process, its output and its exit code.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Brief } from "../../src/core/brief/schema.js";
import { parseConfig, ConfigError } from "../../src/app/config.js";
import { runDocket } from "../support/runCli.js";

const docket = (...args: string[]) => runDocket(args);

test("docket deal tiktok prints a readable brief with citation markers and numbered sources", async () => {
  const { code, stdout } = await docket("deal", "tiktok");
  assert.equal(code, 0);
  for (const heading of ["Summary", "Key quotes", "Open questions", "Sources"])
    assert.ok(stdout.includes(heading), heading);
  assert.match(stdout, /\[1\]/);
  assert.match(stdout, /\[1\] Microsoft confirms interest in TitTok/);
});

test("docket deal --json has the documented shape", async () => {
  const { code, stdout } = await docket("deal", "tik", "tok", "--json");
  assert.equal(code, 0);
  const brief = Brief.parse(JSON.parse(stdout));
  assert.equal(brief.sources[0]?.location, "000_d2fbd4bb79a0c38e.txt");
  assert.ok(brief.questions.every((q) => q.text.endsWith("?") && q.basis.length > 0));
});

test("an unknown topic exits 1 with suggestions; an empty one is a usage error", async () => {
  const typo = await docket("deal", "microsft");
  assert.equal(typo.code, 0, "one typo still finds Microsoft");
  const unknown = await docket("deal", "microsoftcorpx");
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /Closest topics: .*Microsoft/);
  const empty = await docket("deal");
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /needs a topic/);
});

test("docket topics lists what the index knows", async () => {
  const { code, stdout } = await docket("topics", "--json");
  assert.equal(code, 0);
  const topics = JSON.parse(stdout) as Array<{ name: string; documents: number }>;
  assert.ok(topics.some((t) => t.name === "Microsoft"));
});

test("config lists every problem at once", () => {
  assert.throws(
    () => parseConfig({ LOG_LEVEL: "loud", DOCKET_MAX_QUOTES: "0" }),
    (e: unknown) =>
      e instanceof ConfigError &&
      e.problems.length === 2 &&
      e.message.includes("LOG_LEVEL") &&
      e.message.includes("DOCKET_MAX_QUOTES"),
  );
  assert.equal(parseConfig({}).LOG_LEVEL, "info");
});
