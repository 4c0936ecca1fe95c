// The terminal brief: a section appears only when it has items, so no empty "Summary" heading; markers
// number the sources as the list under the brief does.
import assert from "node:assert/strict";
import { test } from "node:test";
import { buildBrief } from "../../../src/core/brief/buildBrief.js";
import { indexFolders } from "../../../src/core/index/corpus.js";
import { renderBriefText } from "../../../src/cli/renderText.js";
import { renderBrief } from "../../../src/discord/render/brief.js";
import { brief, questionItem, quoteItem, sourceRef, summaryItem } from "../../support/factories.js";
import { SEEDS } from "../../support/shared.js";

test("a brief without summary bullets has no Summary heading and no double blank line", async () => {
  const { index } = await indexFolders([SEEDS]);
  const brief = await buildBrief(index, "tiktok");
  const full = renderBriefText(brief);
  assert.match(full, /\n\nSummary\n {2}• /);
  const bare = renderBriefText({
    ...brief,
    state: null,
    summary: [],
    figures: [],
    timeline: [],
    questions: [],
  });
  assert.doesNotMatch(bare, /Summary|Key figures|Open questions/);
  assert.doesNotMatch(bare, /\n\n\n/);
  assert.match(bare, /^TikTok — brief from 1 source\n\nKey quotes\n {2}• “/);
  assert.match(bare, /\n\nSources\n {2}\[1\] /);
});

test("terminal markers: each source once per item, numbered as listed, [?] for a source not listed", () => {
  const text = renderBriefText(
    brief("Acme", {
      sources: [sourceRef("a", "Acme buys Beta"), sourceRef("b", "Beta agrees")],
      questions: [
        questionItem("q1", "Will the deal close by June?", "The deal should close by June.", "b", {
          related: [
            { source: "b", sentence: "Beta expects the deal to close by June." },
            { source: "a", sentence: "Acme expects the deal to close by June." },
          ],
        }),
      ],
      quotes: [quoteItem("We are pleased", "Acme", "gone")],
    }),
  );
  assert.match(text, /Will the deal close by June\? \[2\]\[1\]\n/);
  assert.match(text, /“We are pleased” — Acme \[\?\]\n/);
  assert.match(text, /\n {2}\[1\] Acme buys Beta\n {6}a\.txt\n {2}\[2\] Beta agrees\n {6}b\.txt$/);
});

test("a bullet dated by a weekday leads with the date it means, in the terminal and on Discord", () => {
  const item = {
    ...summaryItem("s1", "Regulators opened an investigation Wednesday into the deal.", ["a"]),
    date: "2021-10-27",
  };
  const dated = brief("Globex", { summary: [item], sources: [sourceRef("a", "Regulators open a review")] });
  assert.match(renderBriefText(dated), /\n {2}• 2021-10-27 · Regulators opened an investigation Wednesday/);
  const discord = renderBrief(dated, { customId: (page, index) => `${page}:${index}` });
  assert.match(discord.embeds?.[0]?.description ?? "", /- \*\*27 Oct 2021\*\* · Regulators opened/);
  assert.doesNotMatch(renderBriefText({ ...dated, summary: [{ ...item, date: undefined }] }), /2021-10-27/);
});

test("a settled point shows its sentence and what settled it, each with its own marker", () => {
  const text = renderBriefText(
    brief("Acme", {
      sources: [sourceRef("a", "Acme bid faces block"), sourceRef("b", "Acme drops bid")],
      settled: [
        {
          id: "r1",
          kind: "hedge",
          basis: "The regulator is expected to block Acme’s bid for Beta.",
          cue: "expected to",
          source: "a",
          by: { label: "Abandoned", date: "2024-09-09", source: "b" },
        },
      ],
    }),
  );
  assert.match(
    text,
    /\n\nSettled since\n {2}• “The regulator is expected to block Acme’s bid for Beta\.” \[1\]\n {6}→ Abandoned \(2024-09-09\) \[2\]\n/,
  );
});

test("a sentence that holds a quotation is shown in single marks, never doubled ones", () => {
  const basis = "“We will appeal,” Acme said of the ruling on its bid for Beta.";
  const settled = [
    {
      id: "r1",
      kind: "hedge" as const,
      basis,
      cue: "will",
      source: "a",
      by: { label: "Ruled", date: "2024-09-09", source: "b" },
    },
  ];
  const shown = brief("Acme", {
    sources: [sourceRef("a", "Acme loses"), sourceRef("b", "Court rules")],
    settled,
  });
  assert.ok(renderBriefText(shown).includes(`‘${basis}’ [1]`));
  assert.doesNotMatch(renderBriefText(shown), /““/u);
});
