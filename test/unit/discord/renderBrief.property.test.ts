// The Discord rendering of generated briefs: every Discord limit on every page of briefs of every size, with
// hostile text, citation markers kept, quotes verbatim and whole, and the rare layout paths all reached.
import assert from "node:assert/strict";
import { test } from "node:test";
import { embedCharacters, LIMITS } from "../../../src/discord/render/limits.js";
import { Gen, generateBrief, rng } from "../../support/briefGenerator.js";
import { checkBrief, seen } from "./renderBriefChecks.js";

test("LIMITS and embedCharacters follow Discord's rules", () => {
  assert.deepEqual(LIMITS, {
    title: 256,
    description: 4096,
    fields: 25,
    fieldName: 256,
    fieldValue: 1024,
    footer: 2048,
    author: 256,
    embeds: 10,
    total: 6000,
    content: 2000,
  });
  assert.equal(
    embedCharacters([
      {
        title: "ab",
        description: "cde",
        fields: [{ name: "f", value: "gh" }],
        footer: { text: "i" },
        author: { name: "jk" },
      },
      { title: "🇺🇸", url: "https://not.counted.example", color: 1 },
    ]),
    2 + 3 + 1 + 2 + 1 + 2 + 4,
  );
});

test("generated briefs of every size and hostile text: every limit, marker, quote and page holds", () => {
  const g = new Gen(rng(20200802));
  let pages = 0;
  for (let i = 0; i < 300; i++) {
    const note = g.random() < 0.3 ? g.text(g.pick([10, 100, 3000])) : undefined;
    pages += checkBrief(generateBrief(g), `brief ${i}`, note);
  }
  assert.ok(pages > 1500, `only ${pages} pages rendered`);
  for (const [path, count] of Object.entries(seen))
    assert.ok(count > 0, `no generated brief reached: ${path}`);
});

test("the largest briefs: 200 items of every kind, 1 to 5000 characters each", () => {
  const g = new Gen(rng(7));
  const all = { summary: 200, figures: 200, quotes: 200, questions: 200, sources: 200, related: 200 };
  checkBrief(generateBrief(g, all), "largest");
  const none = { summary: 0, figures: 0, quotes: 0, questions: 0, sources: 0, related: 0 };
  checkBrief(generateBrief(g, none), "empty");
  for (const kind of Object.keys(all) as (keyof typeof all)[])
    checkBrief(generateBrief(g, { ...none, sources: 3, [kind]: 200 }), `200 ${kind}`);
});
