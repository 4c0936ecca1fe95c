// Configuration from hostile surroundings (issue 9 item 8): deploy tools export `VAR=` for unset
// variables, and a user may uncomment every placeholder of .env.example; neither may break the CLI.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { ConfigError, ConfigSchema, parseConfig } from "../../src/app/config.js";
import { REPO } from "../support/shared.js";
import { docket, GOOD_DOC, removeTempDirs, tempDir, writeFiles } from "./kit.js";

after(removeTempDirs);

test("an empty or blank value means unset, for every variable", () => {
  const defaults = parseConfig({});
  for (const key of Object.keys(ConfigSchema.shape)) {
    for (const value of ["", "  "]) {
      assert.deepEqual(parseConfig({ [key]: value }), defaults, `${key}=${JSON.stringify(value)}`);
    }
  }
  const everyKeyEmpty = Object.fromEntries(Object.keys(ConfigSchema.shape).map((k) => [k, ""]));
  assert.deepEqual(parseConfig(everyKeyEmpty), defaults);
});

test("every problem is listed at once, each naming its variable", () => {
  assert.throws(
    () => parseConfig({ LOG_LEVEL: "loud", DOCKET_MAX_QUOTES: "0", DISCORD_APPLICATION_ID: "abc" }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.problems.map((p) => p.split(":")[0]).sort(), [
        "DISCORD_APPLICATION_ID",
        "DOCKET_MAX_QUOTES",
        "LOG_LEVEL",
      ]);
      return true;
    },
  );
});

test("CLI: .env.example with every placeholder uncommented, and every variable exported empty, both work", async () => {
  const dir = writeFiles(tempDir("env"), { "seeds/good.txt": GOOD_DOC });
  const example = readFileSync(path.join(REPO, ".env.example"), "utf8");
  const uncommented = example
    .split("\n")
    .map((line) => line.replace(/^#\s*([A-Z][A-Z0-9_]*=)/, "$1"))
    .join("\n");
  assert.ok(/^DISCORD_TOKEN=/m.test(uncommented), "the placeholders were uncommented");
  const envFile = path.join(dir, ".env");
  writeFileSync(envFile, uncommented);
  const store = `sqlite://${dir}/store.sqlite`;
  const withExample = await docket(["deal", "globex", "--seeds", path.join(dir, "seeds")], {
    DOTENV_CONFIG_PATH: envFile,
    // The example's store path is relative to the working directory; a real variable wins over .env.
    DOCKET_STORE_URL: store,
  });
  assert.equal(withExample.code, 0, withExample.stderr);
  assert.match(withExample.stdout, /Initech/);
  const empty = Object.fromEntries(Object.keys(ConfigSchema.shape).map((k) => [k, ""]));
  const exportedEmpty = await docket(["deal", "globex", "--seeds", path.join(dir, "seeds")], {
    ...empty,
    DOCKET_STORE_URL: store,
  });
  assert.equal(exportedEmpty.code, 0, exportedEmpty.stderr);
  assert.match(exportedEmpty.stdout, /Initech/);
});
