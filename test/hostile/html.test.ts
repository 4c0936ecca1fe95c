// Hostile HTML (issue 9 item 5): deep nesting is bounded before any DOM or Readability sees it, and pages
// that are empty, blank, tag-less or fragments never throw and never cost the rest of the folder.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { MAX_HTML_DEPTH } from "../../src/core/ingest/boundHtml.js";
import { extractHtml } from "../../src/core/ingest/html.js";
import { loadFolder } from "../../src/core/ingest/loadFolder.js";
import { CLI_BOUND_MS, docket, GOOD_DOC, removeTempDirs, tempDir, withinBound, writeFiles } from "./kit.js";

after(removeTempDirs);

function nested(depth: number): string {
  return (
    "<html><head><title>Deep page</title></head><body>" +
    "<div>".repeat(depth) +
    "<p>Regulators said on Tuesday that the review of the merger would take another six months.</p>" +
    "</div>".repeat(depth) +
    "</body></html>"
  );
}

for (const depth of [1_000, 10_000, 100_000]) {
  test(`${depth} nested <div>s: read fast, no stack overflow, the page's text kept, a note naming it`, async (t) => {
    const dir = writeFiles(tempDir("nest"), { "deep.html": nested(depth), "good.txt": GOOD_DOC });
    const { documents, notes } = await withinBound(t, `loadFolder with ${depth} nested divs`, 20_000, () =>
      loadFolder(dir),
    );
    assert.deepEqual(documents.map((d) => d.location).sort(), ["deep.html", "good.txt"]);
    assert.match(documents.find((d) => d.location === "deep.html")?.raw ?? "", /review of the merger/);
    assert.ok(
      notes.some((n) => n.startsWith("deep.html:") && n.includes(`over the ${MAX_HTML_DEPTH} limit`)),
      notes.join("\n"),
    );
  });
}

test("empty, whitespace-only and tag-less .html never throw: each is named, the folder is kept", async (t) => {
  const dir = writeFiles(tempDir("empty"), {
    "empty.html": "",
    "blank.html": "  \n\t \n",
    "tagless.html": "Officials said the new export rule takes effect in May, according to the filing.",
    "comment.html": "<!-- nothing here -->",
    "good.txt": GOOD_DOC,
  });
  const { documents, notes } = await withinBound(t, "loadFolder with empty pages", 10_000, () =>
    loadFolder(dir),
  );
  const locations = documents.map((d) => d.location).sort();
  assert.deepEqual(locations, ["good.txt", "tagless.html"]);
  assert.match(documents.find((d) => d.location === "tagless.html")?.raw ?? "", /export rule takes effect/);
  for (const name of ["empty.html", "blank.html", "comment.html"])
    assert.ok(notes.includes(`${name}: no readable text, skipped`), `${name}: ${notes.join("\n")}`);
});

test("an HTML fragment with real text is read, not 'no readable text'", () => {
  const fragment =
    "<p>The commission opened an inquiry into the acquisition on Monday.</p><p>A decision is due in June.</p>";
  const extracted = extractHtml(fragment);
  assert.match(extracted.text, /opened an inquiry/);
  assert.match(extracted.text, /decision is due in June/);
});

test("broken markup (unterminated tags and quotes, stray closers) is bounded and never throws", async (t) => {
  const pages = {
    "unterminated.html": `<html><body><p>Text before the break stays readable for everyone.</p><div class="x`,
    "closers.html": `<p>Only closers follow this sentence about the vote.</p>${"</span></div>".repeat(50_000)}`,
    "siblings.html": `<ul>${"<li>An item about the ruling".repeat(20_000)}</ul>`,
  };
  for (const [name, html] of Object.entries(pages)) {
    const extracted = await withinBound(t, name, 20_000, () => extractHtml(html));
    assert.ok(extracted.text.trim().length > 0, name);
  }
});

test("CLI: `docket deal` over a folder with hostile pages answers from the good document", async (t) => {
  const dir = writeFiles(tempDir("cli-html"), {
    "deep.html": nested(100_000),
    "empty.html": "",
    "good.txt": GOOD_DOC,
  });
  const run = await docket(["deal", "globex", "--seeds", dir, "--verbose"], {
    DOCKET_STORE_URL: `sqlite://${dir}/store.sqlite`,
  });
  t.diagnostic(`docket deal with 100,000 nested divs: ${run.ms} ms (killed past ${CLI_BOUND_MS} ms)`);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Initech/);
  assert.match(run.stderr, /deep\.html: HTML nested \d+ deep/);
  assert.match(run.stderr, /empty\.html: no readable text, skipped/);
});
