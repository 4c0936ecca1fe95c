// The first page of a brief as a reader sees it: status and timeline first, quotes speaker first, citations
// as links kept on their line, nothing for a missing status or timeline, no markers for a one-source brief,
// and only buttons that lead somewhere.
import assert from "node:assert/strict";
import { test } from "node:test";
import { renderBrief } from "../../../src/discord/render/brief.js";
import type { BriefPage } from "../../../src/discord/render/types.js";
import { checkBrief } from "../../support/briefChecks.js";
import type { StoryBrief } from "../../support/renderChecks.js";
import { buttons, screenSize } from "../../support/renderChecks.js";
import { source, tiktok } from "../../support/tiktokBrief.js";

const customId = (page: BriefPage, index: number) => `deal:${page}:${index}:tiktok`;
const MS =
  "https://blogs.microsoft.com/blog/2020/08/02/microsoft-to-continue-discussions-on-potential-tiktok-purchase-in-the-united-states/";
const ONE = `[\\[1\\]](${MS})`;
const NB = "\u00A0";

test("a realistic brief: status, dated timeline, quotes speaker first, linked citations, live buttons only", () => {
  const message = renderBrief(tiktok, { customId, phrasingNote: "Bullets phrased by templates." });
  const embed = message.embeds[0];
  assert.equal(embed?.title, "TikTok");
  assert.equal(embed?.url, MS, "the story links to its latest linked source");
  assert.equal(embed?.timestamp, "2020-08-03T00:00:00.000Z", "and carries the date of the latest news");
  assert.equal(
    embed?.description,
    [
      `**In talks** · 3 Aug 2020${NB}[2]`,
      "",
      "**Timeline**",
      `- **1 Aug 2020** — The U.S. president said he would ban the app.${NB}[3]`,
      `- **2 Aug 2020** — Microsoft said it would continue talks to buy the app's U.S. operations.${NB}${ONE}`,
      `- **3 Aug 2020** — Microsoft confirmed the talks and set a September 15 deadline.${NB}[2]`,
      "",
      "**Key quotes**",
      `- **Microsoft:** “Microsoft fully appreciates the importance of addressing the President's concerns.”${NB}${ONE}`,
      `- **Vanessa Pappas:** “We are not planning on going anywhere.”${NB}[3]`,
      "",
      "**Open questions**",
      `- Will the talks conclude by September 15, 2020?${NB}${ONE}`,
      "",
      `-# Sources: ${ONE} Microsoft On the Issues, 2 Aug 2020 · [2] Reuters, 3 Aug 2020 · [3] AP`,
    ].join("\n"),
  );
  assert.equal(embed?.footer?.text, "3 sources · 4 quotes · 1 open question. Bullets phrased by templates.");
  assert.deepEqual(
    message.components[0]?.components.map((b) =>
      "url" in b ? ["link", b.url] : "custom_id" in b ? [b.label, b.custom_id] : [],
    ),
    [
      ["Details", "deal:details:0:tiktok"],
      ["More quotes", "deal:quotes:0:tiktok"],
      ["All sources", "deal:sources:0:tiktok"],
      ["link", MS],
    ],
    "no More questions: the one question is shown",
  );
  assert.ok(screenSize(message) <= 1800);
  checkBrief(tiktok, "tiktok");
});

test("no status and no timeline: no status line, no empty heading, the summary instead", () => {
  const brief: StoryBrief = { ...tiktok, state: null, timeline: [] };
  const description = renderBrief(brief, { customId }).embeds[0]?.description ?? "";
  assert.ok(description.startsWith("**Summary**\n- Microsoft confirmed it is in talks"), description);
  assert.doesNotMatch(description, /\*\*Timeline\*\*/u);
  const bare: StoryBrief = { ...brief, quotes: [], questions: [] };
  const text = renderBrief(bare, { customId }).embeds[0]?.description ?? "";
  assert.doesNotMatch(text, /Key quotes|Open questions/u, "a heading only over items");
  assert.ok(!buttons(renderBrief(bare, { customId })).some((b) => /quotes|questions/u.test(b.label ?? "")));
  checkBrief(bare, "bare");
});

test("a bullet written before the story's end shows that end before it, in italics", () => {
  const first = tiktok.summary[0] ?? assert.fail("no summary");
  const brief: StoryBrief = {
    ...tiktok,
    state: null,
    timeline: [],
    summary: [{ ...first, before: { label: "Abandoned *for now*", date: "2023-12-18" } }],
  };
  const description = renderBrief(brief, { customId }).embeds[0]?.description ?? "";
  assert.ok(
    description.startsWith("**Summary**\n- *Before: Abandoned \\*for now\\*, 18 Dec 2023* · Microsoft"),
    description,
  );
});

test("a quote nobody is named for is shown without a name, never a guessed one", () => {
  const brief: StoryBrief = {
    ...tiktok,
    quotes: [
      { text: "This is a *big* deal for @everyone.", speaker: null, source: "reuters", otherSources: [] },
    ],
  };
  const description = renderBrief(brief, { customId }).embeds[0]?.description ?? "";
  assert.ok(
    description.includes(`**Key quotes**\n- “This is a \\*big\\* deal for @\u200Beveryone.”${NB}[2]\n`),
  );
});

test("one source: no markers at all, and it is named by title and outlet, never by its file name", () => {
  const only = { ...source(1), location: "000_d2fbd4bb79a0c38e.txt" };
  const brief: StoryBrief = {
    ...tiktok,
    sources: [only],
    summary: tiktok.summary.map((s) => ({ ...s, sources: [only.id] })),
    figures: [],
    quotes: tiktok.quotes.map((q) => ({ ...q, source: only.id })),
    questions: tiktok.questions.map((q) => ({ ...q, source: only.id })),
    state: { label: "In talks", date: "2020-08", source: only.id },
    timeline: [],
    related: [],
  };
  const message = renderBrief(brief, { customId });
  const description = message.embeds[0]?.description ?? "";
  assert.ok(description.startsWith("**In talks** · Aug 2020\n\n"), description);
  assert.doesNotMatch(description, /\[\d\]/u, "no citation markers");
  assert.ok(description.endsWith("-# Source: Microsoft \\[confirms\\] TikTok talks · Reuters · 3 Aug 2020"));
  for (const page of ["details", "quotes", "questions", "sources"] as const) {
    const text = JSON.stringify(renderBrief(brief, { page, customId }));
    assert.doesNotMatch(text, /\.txt/u, `${page}: no file name`);
  }
  assert.equal(message.embeds[0]?.url, undefined, "nothing to link to");
  assert.ok(!buttons(message).some((b) => b.label === "All sources"), "the one source is on the page");
  checkBrief(brief, "one source");
});

test("a long story still fits one screen: the richest plan that fits, whole quotes only", () => {
  const long = "The regulator said it would examine the agreement in detail before any decision. ";
  const brief: StoryBrief = {
    ...tiktok,
    timeline: Array.from({ length: 12 }, (_, i) => ({
      date: `2021-0${(i % 9) + 1}-1${i % 9}`,
      text: long.repeat(4),
      source: "ms",
      kind: "review",
    })),
    quotes: Array.from({ length: 8 }, () => ({
      text: long.repeat(3).trim(),
      speaker: "A spokesperson",
      source: "ap",
      otherSources: [],
    })),
  };
  const message = renderBrief(brief, { customId });
  assert.ok(screenSize(message) <= 1800, `${screenSize(message)}`);
  assert.match(message.embeds[0]?.description ?? "", /\*\*Timeline\*\*\n(- \*\*.+\n){2,4}/u);
  checkBrief(brief, "long story");
});
