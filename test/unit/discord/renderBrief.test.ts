// The Discord rendering of a brief over generated and hostile briefs: every Discord limit on every page,
// citation markers kept and linked, quotes verbatim, whole and speaker first, hostile text inert, only buttons
// that lead somewhere, the first page on one screen and the pages behind it private (test/support/briefChecks).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Brief } from "../../../src/core/brief/schema.js";
import { renderBrief } from "../../../src/discord/render/brief.js";
import { embedCharacters, LIMITS } from "../../../src/discord/render/limits.js";
import { renderError, renderUnknownTopic } from "../../../src/discord/render/messages.js";
import type { BriefPage } from "../../../src/discord/render/types.js";
import { Gen, generateBrief, rng } from "../../support/briefGenerator.js";
import { checkBrief, reached } from "../../support/briefChecks.js";
import type { StoryBrief } from "../../support/renderChecks.js";
import { assertSafe } from "../../support/renderChecks.js";
import { point0, source, tiktok } from "../../support/tiktokBrief.js";

/** A status and a dated timeline drawn for a generated brief (dates good and odd, sources known and not). */
function withStory(g: Gen, brief: Brief): StoryBrief {
  const source = () => (brief.sources.length > 0 && g.random() < 0.9 ? g.pick(brief.sources).id : "nowhere");
  const date = () => g.pick(["2023-12-20", "2022-09", "2021-01-05", "sometime"]);
  const timeline = Array.from({ length: g.pick([0, 0, 1, 3, 4, 9, 30]) }, () => ({
    date: date(),
    text: g.text(),
    source: source(),
    kind: g.pick(["announced", "blocked", "closed"]),
  }));
  const state =
    g.random() < 0.6 ? { label: g.text(g.pick([3, 9, 40, 200])), date: date(), source: source() } : null;
  return { ...brief, state, timeline };
}

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
    const brief = generateBrief(g);
    pages += checkBrief(g.random() < 0.5 ? withStory(g, brief) : brief, `brief ${i}`, note);
  }
  assert.ok(pages > 1500, `only ${pages} pages rendered`);
  for (const [path, count] of Object.entries(reached))
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
const MS =
  "https://blogs.microsoft.com/blog/2020/08/02/microsoft-to-continue-discussions-on-potential-tiktok-purchase-in-the-united-states/";
const customId = (page: BriefPage, index: number) => `${page}:${index}`;

test("a quote too long for the first page is on the quotes page whole; longer than a page, as a marked excerpt", () => {
  const sentence = "The company said it would cooperate fully with every regulator involved in the review. ";
  const medium = sentence.repeat(15).trim(); // ~1300 characters: far more than a glance
  const long = sentence.repeat(60).trim(); // ~5300 characters: too long for a 4096 description
  const brief: StoryBrief = {
    ...tiktok,
    quotes: [
      { text: medium, speaker: "A", source: "ms", otherSources: [] },
      { text: long, speaker: null, source: "ap", otherSources: [] },
    ],
  };
  const main = renderBrief(brief, { customId });
  assert.doesNotMatch(main.embeds[0]?.description ?? "", /Key quotes/u, "no quote is cut to fit the screen");
  assert.ok(main.components[0]?.components.some((b) => "label" in b && b.label === "More quotes"));
  const page0 = renderBrief(brief, { page: "quotes", index: 0, customId });
  assert.equal(page0.embeds[0]?.description, `- **A:** “${medium}”\u00A0[\\[1\\]](${MS})`);
  const page1 = renderBrief(brief, { page: "quotes", index: 1, customId });
  const shown = page1.embeds[0]?.description ?? "";
  assert.match(shown, /^- “The company said.* review\. …”\u00A0\[3\] \(excerpt\)$/u);
  assert.ok(shown.length <= LIMITS.description && shown.length > LIMITS.description - sentence.length - 60);
  checkBrief(brief, "long quotes");
});

test("emoji, flags, ZWJ sequences and RTL text pass through intact and are never split", () => {
  const text = "Talks 🇺🇸🇨🇦 continue 👨‍👩‍👧‍👦 مرحبا بالعالم שלום 🏳️‍🌈 e\u0301té";
  const brief: StoryBrief = { ...tiktok, label: "TikTok 🇺🇸", summary: [{ ...point0, text }] };
  const details = renderBrief(brief, { page: "details", customId });
  assert.equal(renderBrief(brief, { customId }).embeds[0]?.title, "TikTok 🇺🇸");
  assert.equal(details.embeds[0]?.title, "TikTok 🇺🇸 — details");
  assert.ok(details.embeds[0]?.description?.startsWith(`**Summary**\n- ${text}\u00A0[\\[1\\]](${MS})[2]\n`));
  // One point of flags and families far longer than a page: cut between graphemes at a space, markers kept.
  const huge = Array.from({ length: 900 }, (_, i) => (i % 2 ? "🇺🇸🇬🇧" : "👨‍👩‍👧‍👦")).join(" ");
  const big: StoryBrief = { ...tiktok, summary: [{ ...point0, text: huge }] };
  const page = renderBrief(big, { page: "details", customId });
  const description = page.embeds[0]?.description ?? "";
  assert.match(
    description,
    /^\*\*Summary\*\*\n- (?:(?:🇺🇸🇬🇧|👨‍👩‍👧‍👦) )*(?:🇺🇸🇬🇧|👨‍👩‍👧‍👦)…\u00A0\[\\\[1\\\]\]\(https:[^)]+\)\[2\]$/u,
  );
  checkBrief(big, "emoji");
});

test("mentions and markdown from documents are inert; only http(s) URLs become links", () => {
  const brief: StoryBrief = {
    ...tiktok,
    label: "@everyone <@&123>",
    summary: [
      { ...point0, text: "Ping @here <@123> <#9> and [free nitro](https://evil.example) **now** ||x||" },
    ],
    sources: [
      { ...source(0), title: "a](https://evil.example) [b", url: "https://ok.example/a(b)c" },
      { ...source(1), url: "javascript:alert(document.cookie)" },
      { ...source(2), url: "data:text/html,<script>alert(1)</script>" },
    ],
    timeline: [],
  };
  const main = renderBrief(brief, { customId });
  const embed = main.embeds[0];
  assert.equal(embed?.title, "@\u200Beveryone <\u200B@\u200B&123\\>");
  assert.equal(embed?.url, "https://ok.example/a%28b%29c");
  assert.equal(
    embed?.description?.split("\n\n")[1],
    "**Summary**\n- Ping @\u200Bhere <\u200B@\u200B123\\> <\u200B#9\\> and \\[free nitro\\](https://evil.example) \\*\\*now\\*\\* \\|\\|x\\|\\|\u00A0[\\[1\\]](https://ok.example/a%28b%29c)[2]",
  );
  const sources = renderBrief(brief, { page: "sources", customId }).embeds[0]?.description;
  assert.equal(
    sources,
    [
      "[1] [a\\]\\(https://evil.example\\) \\[b](https://ok.example/a%28b%29c) · Microsoft On the Issues · 2\u00A0Aug\u00A02020",
      "[2] Microsoft \\[confirms\\] TikTok talks · Reuters · 3\u00A0Aug\u00A02020",
      "[3] Trump says TikTok will be banned · AP",
    ].join("\n"),
  );
  checkBrief(brief, "hostile");
});

test("custom ids over 100 characters or repeated in one message are refused", () => {
  assert.throws(() => renderBrief(tiktok, { customId: () => "x".repeat(101) }), RangeError);
  assert.throws(() => renderBrief(tiktok, { customId: () => "same" }), RangeError);
  assert.doesNotThrow(() => renderBrief(tiktok, { customId: (p, i) => `${p}:${i}:`.padEnd(100, "x") }));
});

test("unknown topic and error messages are ephemeral, inert and within limits", () => {
  const hrefs = new Set<string>();
  const unknown = renderUnknownTopic("tik @everyone tok", ["TikTok", "Tik*Tok*", "<@123>"]);
  assertSafe(unknown, hrefs, "unknown");
  assert.equal(unknown.flags, 64);
  assert.equal(
    unknown.content,
    "No documents mention “tik @\u200Beveryone tok”. Did you mean: **TikTok**, **Tik\\*Tok\\***, **<\u200B@\u200B123\\>**?",
  );
  const many = renderUnknownTopic(
    "x".repeat(5000),
    Array.from({ length: 500 }, (_, i) => `topic ${i} `.repeat(20)),
  );
  assertSafe(many, hrefs, "many suggestions");
  assert.match(many.content ?? "", /, \+\d+ more\?$/u);
  assert.match(renderUnknownTopic("zzz", []).content ?? "", /^No documents mention “zzz”\. Try /u);
  const error = renderError("req-42:abc");
  assert.equal(error.content, "Something went wrong (error id `req-42:abc`). Please try again in a moment.");
  assert.equal(error.flags, 64);
  assert.deepEqual(error.allowed_mentions, { parse: [] });
  const hostile = renderError(`@everyone ${"`".repeat(3000)}`);
  assertSafe(hostile, hrefs, "hostile error id");
  assert.equal(hostile.flags, 64);
});
