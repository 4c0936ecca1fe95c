// What may be a summary bullet or a key figure, on invented text: the writer's own opinion is no reported
// fact, a quotation belongs under quotes, digits inside a name are no figure, and a figure must be about the
// story (its names, the deal or its market).
import assert from "node:assert/strict";
import { test } from "node:test";
import { analyzeDocument } from "../../../src/core/analyze/analyzeDocument.js";
import { selectSummary } from "../../../src/core/story/summary.js";
import { impliedDate } from "../../../src/core/story/dates.js";
import { tidySentence } from "../../../src/core/story/text.js";
import { makeDoc } from "../../support/shared.js";

const TEXT = [
  "Globex agreed on Monday to buy Initech for $12 billion in cash, the largest deal in its history.",
  "Mark my words: Globex will sell the printer unit within a year of the purchase.",
  "The merger would surely be the last push the sector needs before a wave of buyouts.",
  "“Initech will keep its name, its staff and its offices in every city where it works today,” the two firms said in a joint statement on Monday.",
  "Initech shares rose 14% in early trading after the announcement of the deal.",
  "The firm's engineers first showed the device at a 5G trade fair during the COVID-19 lockdowns.",
  "Neither of the two people wanted to be named because the talks were private.",
  "Regulators in three countries must approve the purchase before it can close next year.",
].join("\n\n");

function selection() {
  const analyzed = analyzeDocument(makeDoc(`Globex to buy Initech\n\n${TEXT}`));
  return selectSummary([{ analyzed } as never], new Set(["globex", "initech"]), 6, 5);
}

test("the writer's opinion and quotations are not summary bullets", () => {
  const { summary } = selection();
  const bullets = summary.map((g) => g.members[0]?.sentence ?? "");
  assert.ok(bullets.some((b) => b.startsWith("Globex agreed on Monday")));
  assert.ok(!bullets.some((b) => b.startsWith("Mark my words")), "an imperative lead-in to the reader");
  assert.ok(!bullets.some((b) => b.includes("surely")), "the writer's certainty, not a source's");
  assert.ok(!bullets.some((b) => b.startsWith("“Initech will keep")), "a quotation is shown under quotes");
});

test("key figures are about the story, and digits inside names are no figure", () => {
  const { summary, figures } = selection();
  const shown = [...summary, ...figures].map((g) => g.members[0]?.sentence ?? "");
  assert.ok(
    shown.some((s) => s.startsWith("Initech shares rose 14%")),
    "a market move is a figure",
  );
  assert.ok(!figures.some((g) => g.members[0]?.sentence.includes("5G")), "5G and COVID-19 are names");
  assert.ok(
    !figures.some((g) => g.members[0]?.sentence.startsWith("Neither")),
    "a count of sources is no figure",
  );
});

test("a bullet drops the report's dateline, whatever its style", () => {
  for (const dateline of [
    "LONDON (AP) — ",
    "Springfield (Wire) - ",
    "SPRINGFIELD, Dec. 6, 2024 – ",
    "London: ",
  ])
    assert.equal(
      tidySentence(`${dateline}The agency opened a review of the deal.`),
      "The agency opened a review of the deal.",
    );
  assert.equal(
    tidySentence("Globex - the maker of disk drives - said it would bid."),
    "Globex - the maker of disk drives - said it would bid.",
  );
});

test("a bullet that dates itself by a weekday or a relative phrase carries the date it means", () => {
  // 2021-10-27 is a Wednesday.
  assert.equal(
    impliedDate("Regulators opened an investigation Wednesday into the deal.", "2021-10-27"),
    "2021-10-27",
  );
  assert.equal(impliedDate("Globex called off the merger earlier this week.", "2023-12-20"), "2023-12");
  assert.equal(
    impliedDate("Globex agreed on Oct. 12, 2022 to buy Initech.", "2023-01-05"),
    null,
    "dated in full",
  );
  assert.equal(impliedDate("Regulators opened an investigation Wednesday.", null), null, "an undated source");
  assert.equal(impliedDate("Globex makes disk drives.", "2021-10-27"), null);
});

test("a bullet reads on its own: one that points back or dates itself by a weekday in an undated report ranks last", () => {
  const text = [
    "Globex agreed to buy Initech for $12 billion in cash, the largest deal in the history of the sector.",
    "The statement differs from earlier reports, which showed Globex taking only a minority stake in Initech.",
    "Globex confirmed on Sunday that it is still in talks with Initech about the terms of the purchase.",
    "Initech makes printers and scanners for offices in Europe, Asia and the Americas, and employs staff in ten countries.",
    "Regulators in three countries must approve the purchase of Initech by Globex before it can close.",
  ].join("\n\n");
  const analyzed = analyzeDocument(makeDoc(`Globex to buy Initech\n\n${text}`));
  const story = [{ analyzed } as never];
  const { summary } = selectSummary(story, new Set(["globex", "initech"]), 3, 0);
  const bullets = summary.map((g) => g.members[0]?.sentence ?? "");
  assert.equal(bullets.length, 3);
  assert.ok(!bullets.some((b) => /^The statement|on Sunday/.test(b)), bullets.join("\n"));
  // With room for every sentence they come back, last: a bullet is not lost for want of a better one. The
  // one that points back joins the one-sentence paragraph before it, which gives its antecedent.
  const all = selectSummary(story, new Set(["globex", "initech"]), 5, 0).summary.map(
    (g) => g.members[0]?.sentence ?? "",
  );
  assert.equal(all.length, 4);
  assert.ok(
    all.some((b) => /^Globex agreed[^\n]*\n\nThe statement differs/.test(b)),
    all.join("\n"),
  );
  assert.ok(all.some((b) => b.includes("on Sunday")));
});

test("the writer's forecast is no summary bullet; a term of the deal or a plan someone states is", () => {
  const text = [
    "Globex will buy Initech despite the threat of a blockade by regulators in Europe and Asia.",
    "Under the agreement, Globex will pay Initech shareholders $12 billion in cash and shares.",
    "Globex agreed to buy Initech for $12 billion, the largest deal in the history of the sector.",
    "Globex said it will keep every Initech plant open for at least five years after the deal.",
  ].join("\n\n");
  const analyzed = analyzeDocument(makeDoc(`Globex to buy Initech\n\n${text}`));
  const { summary } = selectSummary([{ analyzed } as never], new Set(["globex", "initech"]), 6, 0);
  const bullets = summary.map((g) => g.members[0]?.sentence ?? "");
  assert.ok(!bullets.some((b) => b.startsWith("Globex will buy")), bullets.join("\n"));
  assert.ok(bullets.some((b) => b.startsWith("Under the agreement")));
  assert.ok(bullets.some((b) => b.startsWith("Globex said it will keep")));
});

test("a bare month or 'the two companies' is no key figure; a day, a year or a counted thing is", () => {
  const text = [
    "Regulators in Europe grew wary of the Globex plan for Initech in August and asked for more papers.",
    "Globex said the purchase of Initech would bring the two companies closer to customers in every region.",
    "The Initech purchase by Globex must be approved by regulators no later than Dec. 14 this year.",
    "Globex will name four Initech managers to a board of nine directors once the purchase closes.",
  ].join("\n\n");
  const analyzed = analyzeDocument(makeDoc(`Globex to buy Initech\n\n${text}`));
  const { figures } = selectSummary([{ analyzed } as never], new Set(["globex", "initech"]), 0, 5);
  const shown = figures.map((g) => g.members[0]?.sentence ?? "");
  assert.ok(!shown.some((f) => /in August|two companies/.test(f)), shown.join("\n"));
  assert.ok(shown.some((f) => f.includes("Dec. 14")));
  assert.ok(shown.some((f) => f.includes("four Initech managers")));
});

test("a day's share-price move is neither a bullet nor a key figure unless the sentence ties it to the deal", () => {
  const text = [
    "Globex shares closed 0.54% higher at $205.01 on Friday in New York trading.",
    "Initech shares rose 14% after the announcement of the Globex deal on Monday.",
    "Globex agreed to buy Initech for $12 billion, the largest purchase in the history of the sector.",
  ].join("\n\n");
  const analyzed = analyzeDocument(makeDoc(`Globex to buy Initech\n\n${text}`));
  const { summary, figures } = selectSummary([{ analyzed } as never], new Set(["globex", "initech"]), 6, 5);
  const shown = [...summary, ...figures].map((g) => g.members[0]?.sentence ?? "");
  assert.ok(!shown.some((s) => s.includes("0.54%")), shown.join("\n"));
  assert.ok(shown.some((s) => s.includes("rose 14%")));
});

test("'bank' and 'banner' name no step of a deal; a sentence that only sets the scene is no bullet", () => {
  const text = [
    "Initech shares rose 3% as the bank behind its bond issue raised its rating on Friday.",
    "The Globex keynote was at the Harbour Forum, under a banner that read “Build together.”",
    "Globex agreed to buy Initech for $12 billion, the largest purchase in the history of the sector.",
  ].join("\n\n");
  const analyzed = analyzeDocument(makeDoc(`Globex to buy Initech\n\n${text}`));
  const { summary, figures } = selectSummary([{ analyzed } as never], new Set(["globex", "initech"]), 6, 5);
  const shown = [...summary, ...figures].map((g) => g.members[0]?.sentence ?? "");
  assert.ok(!shown.some((s) => s.includes("rose 3%") || s.includes("Harbour Forum")), shown.join("\n"));
  assert.ok(shown.some((s) => s.includes("$12 billion")));
});

test("'last year' and 'last August' carry the year or month they mean; two relative times carry none", () => {
  assert.equal(impliedDate("Globex said last year that it was buying Initech.", "2021-10-27"), "2020");
  assert.equal(
    impliedDate("The agency opened an inquiry last August into the purchase.", "2023-12-20"),
    "2023-08",
  );
  assert.equal(
    impliedDate("The agency opened an inquiry last August and sent its objections last month.", "2023-12-20"),
    null,
  );
  assert.equal(impliedDate("Globex said in 2020 that it was buying Initech.", "2021-10-27"), null);
});

test("a first-person sentence outside quotation marks is someone's statement: no key figure, a bullet only last", () => {
  const text = [
    "Globex agreed to buy Initech for $12 billion in a deal announced on Monday in New York.",
    "We accepted a 10-year licence for every Initech game so that players can stream them on any service.",
  ].join("\n\n");
  const analyzed = analyzeDocument(makeDoc(`Globex to buy Initech\n\n${text}`));
  const { figures } = selectSummary([{ analyzed } as never], new Set(["globex", "initech"]), 0, 5);
  const shown = figures.map((g) => g.members[0]?.sentence ?? "");
  assert.ok(!shown.some((f) => f.startsWith("We accepted")), shown.join("\n"));
  assert.ok(shown.some((f) => f.includes("$12 billion")));
});

test("a key figure that leans on the sentence before it is shown with that sentence, from the same paragraph only", () => {
  const text = [
    "Globex agreed to buy Initech in a deal announced on Monday in New York. It will pay $12 billion in cash for Initech.",
    "“We are delighted,” the Initech founder said at the event.",
    "The statement came two days before a vote by 40 percent of the shareholders.",
  ].join("\n\n");
  const analyzed = analyzeDocument(makeDoc(`Globex to buy Initech\n\n${text}`));
  const { figures } = selectSummary([{ analyzed } as never], new Set(["globex", "initech"]), 0, 5);
  const shown = figures.map((g) => g.members[0]?.sentence ?? "");
  assert.ok(
    shown.includes(
      "Globex agreed to buy Initech in a deal announced on Monday in New York. It will pay $12 billion in cash for Initech.",
    ),
    shown.join("\n"),
  );
  // The paragraph before is a quotation: it is never pulled in as context.
  assert.ok(!shown.some((f) => f.includes("delighted")), shown.join("\n"));
});
