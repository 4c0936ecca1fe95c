// The Discord rendering of one realistic brief as a reader sees it, and its edge cases: long quotes, emoji and
// RTL text, hostile mentions and markdown, custom ids, and the ephemeral unknown-topic and error replies.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Brief } from "../../../src/core/brief/schema.js";
import { renderBrief } from "../../../src/discord/render/brief.js";
import { LIMITS } from "../../../src/discord/render/limits.js";
import { renderError, renderUnknownTopic } from "../../../src/discord/render/messages.js";
import type { BriefPage } from "../../../src/discord/render/types.js";
import { assertSafe, buttons } from "./renderAssertions.js";
import { checkBrief } from "./renderBriefChecks.js";
import { tiktok } from "./sampleBrief.js";

const point0 = tiktok.summary[0] ?? assert.fail("no summary");
const source = (i: number) => tiktok.sources[i] ?? assert.fail("no source");

test("a realistic TikTok brief: the main page as a reader sees it", () => {
  const customId = (page: BriefPage, index: number) => `deal:${page}:${index}:tiktok`;
  const message = renderBrief(tiktok, {
    customId,
    phrasingNote: "Bullets phrased from the sources by templates.",
  });
  assert.deepEqual(message, {
    embeds: [
      {
        title: "TikTok — brief",
        description: [
          "• Microsoft confirmed it is in talks to buy TikTok's operations in the United States, Canada, Australia and New Zealand from ByteDance. [1][2]",
          "• Microsoft aims to complete the discussions no later than September 15, 2020. [1]",
          "• The deal would be subject to a complete security review and to the approval of the U.S. government. [1][3]",
        ].join("\n"),
        fields: [
          { name: "Key figures", value: "• Deadline for the talks: September 15, 2020. [1]" },
          {
            name: "Key quotes",
            value: [
              "• “Microsoft fully appreciates the importance of addressing the President's concerns.” — Microsoft [1]",
              "• “We are not planning on going anywhere.” — Vanessa Pappas [3]",
              "• “This is a \\*big\\* deal for @\u200Beveryone.” — unattributed [2]",
              "+1 more — use the buttons",
            ].join("\n"),
          },
          { name: "Open questions", value: "• Will the talks conclude by September 15, 2020? [1]" },
          {
            name: "Sources",
            value: [
              "[1] [Microsoft to continue discussions on potential TikTok purchase in the United States](https://blogs.microsoft.com/blog/2020/08/02/microsoft-to-continue-discussions-on-potential-tiktok-purchase-in-the-united-states/) · Microsoft On the Issues · 2020-08-02",
              "[2] Microsoft \\[confirms\\] TikTok talks · Reuters · 2020-08-03 · reuters-tiktok.txt",
              "[3] Trump says TikTok will be banned · AP · javascript:alert(1)",
            ].join("\n"),
          },
          { name: "Also in other stories", value: "• WeChat ban (1 source)" },
        ],
        color: 0x5865f2,
        footer: {
          text: "3 points · 1 figure · 4 quotes · 1 open question · 3 sources. Every item cites its source: [n] is source n. Bullets phrased from the sources by templates.",
        },
      },
    ],
    components: [
      {
        type: 1,
        components: [
          { type: 2, style: 2, label: "More quotes", custom_id: "deal:quotes:0:tiktok", disabled: false },
          {
            type: 2,
            style: 2,
            label: "More questions",
            custom_id: "deal:questions:0:tiktok",
            disabled: false,
          },
          { type: 2, style: 2, label: "All sources", custom_id: "deal:sources:0:tiktok", disabled: true },
        ],
      },
    ],
    allowed_mentions: { parse: [] },
  });
  const questions = renderBrief(tiktok, { page: "questions", customId });
  assert.equal(
    questions.embeds[0]?.description,
    "• Will the talks conclude by September 15, 2020? [1]\n↳ “Microsoft will move quickly to pursue discussions, no later than September 15, 2020.” [1]",
  );
  assert.deepEqual(
    buttons(questions).map((b) => [b.label, b.custom_id, b.disabled]),
    [
      ["◀ Prev", "deal:questions:0:tiktok", true],
      ["Next ▶", "deal:questions:1:tiktok", true],
      ["Back to brief", "deal:main:0:tiktok", false],
    ],
  );
  checkBrief(tiktok, "tiktok");
});

test("a quote too long for a field is shown whole on the quotes page; longer than a page, as a marked excerpt", () => {
  const customId = (page: BriefPage, index: number) => `${page}:${index}`;
  const sentence = "The company said it would cooperate fully with every regulator involved in the review. ";
  const medium = sentence.repeat(15).trim(); // ~1300 characters: too long for a 1024 field
  const long = sentence.repeat(60).trim(); // ~5300 characters: too long for a 4096 description
  const brief: Brief = {
    ...tiktok,
    quotes: [
      { text: medium, speaker: "A", source: "ms", otherSources: [] },
      { text: long, speaker: null, source: "ap", otherSources: [] },
    ],
  };
  const main = renderBrief(brief, { customId });
  assert.equal(
    main.embeds[0]?.fields?.find((f) => f.name === "Key quotes")?.value,
    "+2 more — use the buttons",
  );
  const page0 = renderBrief(brief, { page: "quotes", index: 0, customId });
  assert.equal(page0.embeds[0]?.description, `• “${medium}” — A [1]`);
  const page1 = renderBrief(brief, { page: "quotes", index: 1, customId });
  const shown = page1.embeds[0]?.description ?? "";
  assert.match(shown, /^• “The company said.* review\. …” — unattributed \[3\] \(excerpt\)$/u);
  assert.ok(shown.length <= LIMITS.description && shown.length > LIMITS.description - sentence.length - 60);
  checkBrief(brief, "long quotes");
});

test("emoji, flags, ZWJ sequences and RTL text pass through intact and are never split", () => {
  const customId = (page: BriefPage, index: number) => `${page}:${index}`;
  const text = "Talks 🇺🇸🇨🇦 continue 👨‍👩‍👧‍👦 مرحبا بالعالم שלום 🏳️‍🌈 e\u0301té";
  const brief: Brief = { ...tiktok, label: "TikTok 🇺🇸", summary: [{ ...point0, text }] };
  const main = renderBrief(brief, { customId });
  assert.equal(main.embeds[0]?.title, "TikTok 🇺🇸 — brief");
  assert.equal(main.embeds[0]?.description, `• ${text} [1][2]`);
  // One point of flags and families far longer than a page: cut between graphemes at a space, markers kept.
  const huge = Array.from({ length: 900 }, (_, i) => (i % 2 ? "🇺🇸🇬🇧" : "👨‍👩‍👧‍👦")).join(" ");
  const big: Brief = { ...tiktok, summary: [{ ...point0, text: huge }] };
  const page = renderBrief(big, { index: 1, customId });
  const description = page.embeds[0]?.description ?? "";
  assert.match(description, /^\*\*Summary \(continued\)\*\*\n• (?:(?:🇺🇸🇬🇧|👨‍👩‍👧‍👦) )*(?:🇺🇸🇬🇧|👨‍👩‍👧‍👦)… \[1\]\[2\]$/u);
  checkBrief(big, "emoji");
});

test("mentions and markdown from documents are inert; only http(s) URLs become links", () => {
  const customId = (page: BriefPage, index: number) => `${page}:${index}`;
  const brief: Brief = {
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
  };
  const main = renderBrief(brief, { customId });
  const embed = main.embeds[0];
  assert.equal(embed?.title, "@\u200Beveryone <\u200B@\u200B&123\\> — brief");
  assert.equal(
    embed?.description,
    "• Ping @\u200Bhere <\u200B@\u200B123\\> <\u200B#9\\> and \\[free nitro\\](https://evil.example) \\*\\*now\\*\\* \\|\\|x\\|\\| [1][2]",
  );
  const sources = embed?.fields?.find((f) => f.name === "Sources")?.value ?? "";
  assert.equal(
    sources,
    [
      "[1] [a\\]\\(https://evil.example\\) \\[b](https://ok.example/a%28b%29c) · Microsoft On the Issues · 2020-08-02",
      "[2] Microsoft \\[confirms\\] TikTok talks · Reuters · 2020-08-03 · javascript:alert(document.cookie)",
      "[3] Trump says TikTok will be banned · AP · data:text/html,<\u200Bscript\\>alert(1)<\u200B/script\\>",
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
