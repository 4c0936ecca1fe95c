// Lint probe: the layer rules really fail. ESLint's Node API lints small texts as if they were files of the
// repository (the real file keeps its content on disk): Discord or OpenAI in the core, a layer importing one
// it may not, an import cycle, a re-export, a file over 400 lines. The same files' real contents pass, so
// the probe would notice a rule that reports everything as well as one that reports nothing. Also the
// folder-cycle finder behind `npm run graph`.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { cycles, folderOf, foldersOf } from "../../../scripts/graph.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const eslint = new ESLint({ cwd: REPO });

/** The rule ids ESLint reports for `text` linted as the repository file `file`. */
async function rulesFor(file: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: path.join(REPO, file) });
  assert.ok(result, `no lint result for ${file}`);
  return result.messages.map((m) => m.ruleId ?? `(fatal) ${m.message}`);
}

const real = (file: string): string => readFileSync(path.join(REPO, file), "utf8");

test("lint refuses Discord and the OpenAI SDK in the core, and passes the real file", async () => {
  const file = "src/core/story/types.ts";
  assert.deepEqual(await rulesFor(file, real(file)), []);
  const discord = await rulesFor(
    file,
    `import { Client } from "discord.js";\nexport const probe = Client;\n`,
  );
  assert.ok(discord.includes("no-restricted-imports"), discord.join(", "));
  const openai = await rulesFor(file, `import OpenAI from "openai";\nexport const probe = OpenAI;\n`);
  assert.ok(openai.includes("no-restricted-imports"), openai.join(", "));
});

test("lint refuses a layer importing one it may not (a stage its successor, digests the Discord edge)", async () => {
  const ingest = "src/core/ingest/document.ts";
  assert.deepEqual(await rulesFor(ingest, real(ingest)), []);
  const backwards = await rulesFor(
    ingest,
    `${real(ingest)}\nimport { DocumentIndex } from "../index/docIndex.js";\nexport const probe = DocumentIndex;\n`,
  );
  assert.ok(backwards.includes("boundaries/dependencies"), backwards.join(", "));

  const content = "src/digest/content.ts";
  assert.deepEqual(await rulesFor(content, real(content)), []);
  const edge = await rulesFor(
    content,
    `${real(content)}\nimport { renderDigest } from "../discord/render/digest.js";\nexport const probe = renderDigest;\n`,
  );
  assert.ok(edge.includes("boundaries/dependencies"), edge.join(", "));
});

test("lint refuses an import cycle inside one layer", async () => {
  // docIndex.ts imports fuzzy.ts; fuzzy.ts importing docIndex.ts closes a cycle no boundary rule sees.
  const file = "src/core/index/fuzzy.ts";
  assert.deepEqual(await rulesFor(file, real(file)), []);
  const cyclic = await rulesFor(
    file,
    `${real(file)}\nimport { DocumentIndex } from "./docIndex.js";\nexport const probe = DocumentIndex;\n`,
  );
  assert.deepEqual(cyclic, ["import-x/no-cycle"]);
});

test("lint refuses a re-export outside the package's public API", async () => {
  const file = "src/core/story/types.ts";
  const reexport = await rulesFor(
    file,
    `${real(file)}\nexport { DocumentIndex } from "../index/docIndex.js";\n`,
  );
  assert.ok(reexport.includes("no-restricted-syntax"), reexport.join(", "));
});

test("lint refuses a file over 400 lines", async () => {
  const file = "src/core/story/types.ts";
  const long = `${real(file)}${Array.from({ length: 400 }, (_, i) => `export const line${i} = ${i};`).join("\n")}\n`;
  assert.ok((await rulesFor(file, long)).includes("max-lines"));
});

test("the graph folds files to folders and finds folder cycles", () => {
  assert.equal(folderOf("src/core/brief/buildBrief.ts"), "core/brief");
  assert.equal(folderOf("src/core/errors.ts"), "core");
  assert.equal(folderOf("src/discord/render/digest.ts"), "discord");
  assert.equal(folderOf("commands/deal.ts"), "commands");
  assert.equal(folderOf("src/index.ts"), "src (entry)");
  const acyclic = foldersOf({
    "commands/deal.ts": ["src/discord/render/brief.ts"],
    "src/discord/render/brief.ts": ["src/core/brief/schema.ts"],
    "src/discord/render/page.ts": ["src/discord/render/brief.ts"],
  });
  assert.deepEqual([...(acyclic.get("discord") ?? [])], ["core/brief"]);
  assert.deepEqual(cycles(acyclic), []);
  const cyclic = foldersOf({
    "commands/deal.ts": ["src/discord/render/brief.ts"],
    "src/discord/runtime/list.ts": ["commands/deal.ts"],
    "src/digest/content.ts": ["src/core/digest/buildDigest.ts"],
  });
  assert.deepEqual(cycles(cyclic), [["commands", "discord"]]);
});
