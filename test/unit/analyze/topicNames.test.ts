// Topic names as a reader sees them: the spelling the text uses most, not a typo only the title makes, and
// one topic for a name written with an invisible character inside it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { analyzeDocument } from "../../../src/core/analyze/analyzeDocument.js";
import { nameKey } from "../../../src/core/analyze/entities.js";
import { indexFolders } from "../../../src/core/index/corpus.js";
import { DocumentIndex } from "../../../src/core/index/docIndex.js";
import { makeDoc, SEEDS } from "../../support/shared.js";

const BODY =
  "Globex said on Monday it would buy Initech. Initech agreed to the offer, Initech said. Globex expects the deal to close in May.";

test("a name only the title misspells is listed under the body's spelling", () => {
  const doc = makeDoc(`Globex to buy Initeck\n\n${BODY}\n`);
  const entities = [...analyzeDocument(doc).entities.values()];
  assert.ok(!entities.some((e) => e.key === "initeck"), "the title's typo is no entity of its own");
  const initech = entities.find((e) => e.key === "initech");
  assert.equal(initech?.inTitle, true);
  const index = new DocumentIndex();
  index.add(doc);
  assert.deepEqual(
    index.topics().map((t) => t.name),
    ["Globex", "Initech"],
  );
});

test("short names and names two edits away are not folded", () => {
  const entities = analyzeDocument(makeDoc(`Acme and Initrode in talks\n\n${BODY}\n`)).entities;
  assert.equal(entities.get("initrode")?.inTitle, true, "Initrode is two edits from Initech: its own name");
  assert.equal(entities.get("initech")?.inTitle, false);
  assert.equal(entities.get("acme")?.inTitle, true);
});

test("the bundled seed lists TikTok, the spelling its text uses, not its title's typo", async () => {
  const { index } = await indexFolders([SEEDS]);
  const names = index.topics().map((t) => t.name);
  assert.ok(names.includes("TikTok"), names.join(", "));
  assert.ok(!names.includes("TitTok"), names.join(", "));
});

test("a zero-width space or soft hyphen inside a name does not split it into two topics", () => {
  for (const mark of ["\u200b", "\u00ad", "\u200d", "\u2060"]) {
    const raw = `Globex buys Ini${mark}tech\n\nGlobex said Ini${mark}tech would be sold. Initech agreed on Monday, Initech said.\n`;
    const index = new DocumentIndex();
    index.add(makeDoc(raw, { location: "a.txt" }));
    index.add(makeDoc(raw.replace("Monday", "Tuesday"), { location: "b.txt" }));
    const topics = index.topics();
    assert.deepEqual(
      topics.map((t) => [t.name, t.documents]),
      [
        ["Globex", 2],
        ["Initech", 2],
      ],
      `U+${mark.charCodeAt(0).toString(16)}`,
    );
  }
  assert.equal(nameKey("Ini\u200btech"), "initech");
});
