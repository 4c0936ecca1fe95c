// Points a story's earlier reports left open that a later-dated report settled, on invented stories: shown
// apart from the open questions, each with the event that settled it and both sources; a speaker's own
// forecast (quoted or in the first person) is no settled point, nor a point its own report settles, nor a
// deadline the story went past (the later report need not name it, so it cannot be cited for it).
import assert from "node:assert/strict";
import { test } from "node:test";
import { buildBrief } from "../../../src/core/brief/buildBrief.js";
import { DocumentIndex } from "../../../src/core/index/docIndex.js";
import { reviewersIn } from "../../../src/core/story/reviewers.js";
import { makeDoc } from "../../support/shared.js";

const EARLY = [
  "Regulator expected to block Globex bid for Initech",
  "",
  "The Trade Authority is expected to block Globex’s $8 billion purchase of Initech after a review of the cloud market.",
  "",
  "“We will keep working with the regulator to get this deal done,” Globex chief executive Dana Ortiz said.",
  "",
  "We remain confident that the purchase of Initech will close this year.",
].join("\n");

const LATE = [
  "Globex abandons Initech deal",
  "",
  "Globex abandoned its $8 billion purchase of Initech on Monday after months of regulatory opposition.",
].join("\n");

async function story(early: string, late: string) {
  const index = new DocumentIndex();
  index.add(makeDoc(early, { location: "early.txt", published: "2024-03-01" }));
  index.add(makeDoc(late, { location: "late.txt", published: "2024-09-10" }));
  return buildBrief(index, "initech");
}

test("a forecast a later report settled is shown settled with that event, not asked", async () => {
  const brief = await story(EARLY, LATE);
  const idOf = (location: string) => brief.sources.find((s) => s.location === location)?.id;
  const settled = brief.settled.find((p) => p.basis.includes("is expected to block"));
  assert.ok(settled, `settled: ${JSON.stringify(brief.settled)}`);
  assert.equal(settled.source, idOf("early.txt"));
  assert.deepEqual(settled.by, { label: "Abandoned", date: "2024-09-09", source: idOf("late.txt") });
  assert.ok(!brief.questions.some((q) => q.basis.includes("is expected to block")));
  // Someone's own forecast, quoted or in the first person, is a quote, not a point the story left open.
  for (const words of ["keep working", "remain confident"])
    assert.ok(!brief.settled.some((p) => p.basis.includes(words)), `settled: ${words}`);
});

test("while nothing later settles it, the forecast stays an open question and nothing is settled", async () => {
  const pending = LATE.replace("Globex abandons Initech deal", "Globex weighs Initech deal").replace(
    "abandoned its",
    "said it was still reviewing its",
  );
  const brief = await story(EARLY, pending);
  assert.deepEqual(brief.settled, []);
  assert.ok(brief.questions.some((q) => q.basis.includes("is expected to block")));
});

test("a deadline the story went past is no question, and not shown settled by a report that never names it", async () => {
  const early = [
    "Globex sets date for Initech talks",
    "",
    "Globex hopes to finish its talks to buy Initech by June 15, the company said in a statement.",
  ].join("\n");
  const late = [
    "Initech agrees to sell to Hooli",
    "",
    "Initech agreed on Monday to sell itself to Hooli for $9 billion, ending a months-long auction.",
  ].join("\n");
  const brief = await story(early, late);
  assert.ok(!brief.questions.some((q) => q.basis.includes("by June 15")));
  assert.ok(!brief.settled.some((p) => p.basis.includes("by June 15")));
});

test("a point is settled by a later report, not by the same one", async () => {
  const both = [
    "Regulator clears Globex bid for Initech",
    "",
    "The Trade Authority said it will approve the purchase of Initech if the conditions are met.",
    "",
    "The Trade Authority approved Globex’s $8 billion purchase of Initech on Monday, with conditions.",
  ].join("\n");
  const index = new DocumentIndex();
  index.add(makeDoc(both, { location: "both.txt", published: "2024-09-10" }));
  const brief = await buildBrief(index, "initech");
  assert.deepEqual(brief.settled, []);
});

async function briefOf(docs: Array<[text: string, location: string, published: string | undefined]>) {
  const index = new DocumentIndex();
  for (const [text, location, published] of docs)
    index.add(makeDoc(text, published ? { location, published } : { location }));
  return buildBrief(index, "initech");
}

const PROVISIONAL = [
  "Trade Authority signals it may accept Globex remedy",
  "",
  "“The TRA has provisionally concluded that the new licensing terms should resolve its remaining concerns about Initech.”",
  "",
  "Globex said it would keep working with regulators on its purchase of Initech.",
].join("\n");

test("a reviewer's own provisional finding is settled by that reviewer's decision, not by another's", async () => {
  const sameReviewer = [
    "TRA clears Globex bid for Initech",
    "",
    "The TRA approved Globex’s $8 billion purchase of Initech on Monday after a long review.",
  ].join("\n");
  const brief = await briefOf([
    [PROVISIONAL, "early.txt", undefined],
    [sameReviewer, "late.txt", "2024-09-10"],
  ]);
  const point = brief.settled.find((p) => p.basis.includes("provisionally concluded"));
  assert.ok(point, `settled: ${JSON.stringify(brief.settled)}`);
  assert.equal(point.by.label, "Cleared");
  const otherReviewer = sameReviewer.replaceAll("TRA", "CRB");
  const other = await briefOf([
    [PROVISIONAL, "early.txt", undefined],
    [otherReviewer, "late.txt", "2024-09-10"],
  ]);
  assert.ok(
    !other.settled.some((p) => p.basis.includes("provisionally concluded")),
    JSON.stringify(other.settled),
  );
});

test("a step only unnamed sources report is not confirmed by itself: it stays an open question", async () => {
  const brief = await briefOf([
    [
      [
        "Globex buys Initech",
        "",
        "Globex has completed its purchase of Initech, two people familiar with the deal said on Thursday.",
      ].join("\n"),
      "only.txt",
      "2024-09-10",
    ],
  ]);
  assert.equal(brief.state?.label, "Completed (unconfirmed)");
  assert.ok(
    brief.questions.some((q) => q.basis.includes("people familiar with the deal")),
    JSON.stringify(brief.questions),
  );
});

test("a step unnamed sources report is confirmed by another outlet stating it, not by its own headline", async () => {
  const second =
    "Globex has completed its purchase of Initech, two people familiar with the deal said on Thursday.";
  const own = await briefOf([
    [["Globex completes purchase of Initech", "", second].join("\n"), "only.txt", "2024-09-10"],
  ]);
  // The headline rests on the same unnamed sources.
  assert.equal(own.state?.label, "Completed (unconfirmed)");
  assert.ok(
    own.questions.some((q) => q.kind === "claim"),
    JSON.stringify(own.questions),
  );
  const other = await briefOf([
    [["Globex takes over Initech", "", second].join("\n"), "first.txt", "2024-09-10"],
    [
      [
        "Globex closes Initech deal",
        "",
        "Globex completed its $8 billion purchase of Initech on Thursday, the companies said in a statement.",
      ].join("\n"),
      "other.txt",
      "2024-09-11",
    ],
  ]);
  assert.equal(other.state?.label, "Completed");
  assert.ok(!other.questions.some((q) => q.kind === "claim"), JSON.stringify(other.questions));
});

test("a pending review is settled once a later report calls a clearance the last hurdle", async () => {
  const early = [
    "Initech deal under review",
    "",
    "The Trade Board is currently investigating Globex’s purchase of Initech.",
  ].join("\n");
  const late = [
    "Initech deal cleared",
    "",
    "The Market Board approved Globex’s purchase of Initech on Monday, completing the last hurdle for the deal.",
  ].join("\n");
  const brief = await briefOf([
    [early, "early.txt", "2024-03-01"],
    [late, "late.txt", "2024-09-10"],
  ]);
  assert.ok(
    !brief.questions.some((q) => q.basis.includes("currently investigating")),
    JSON.stringify(brief.questions),
  );
  // Another reviewer's clearance ended the review but is not its decision: it is no settled item either.
  assert.ok(
    !brief.settled.some((p) => p.basis.includes("currently investigating")),
    JSON.stringify(brief.settled),
  );
  const same = await briefOf([
    [early, "early.txt", "2024-03-01"],
    [late.replace("Market Board", "Trade Board"), "late.txt", "2024-09-10"],
  ]);
  assert.ok(
    same.settled.some((p) => p.basis.includes("currently investigating")),
    JSON.stringify(same.settled),
  );
  const without = await briefOf([
    [early, "early.txt", "2024-03-01"],
    [late.replace(", completing the last hurdle for the deal", ""), "late.txt", "2024-09-10"],
  ]);
  assert.ok(
    without.questions.some((q) => q.basis.includes("currently investigating")),
    JSON.stringify(without.questions),
  );
});

test("one event settles at most two points, a pending step before a restated term", async () => {
  const early = [
    "Globex to buy Initech",
    "",
    "The purchase of Initech needs regulatory approval in five countries.",
    "",
    "Globex is expected to close the purchase of Initech within a year.",
    "",
    "The regulator is expected to rule on the Initech deal by the end of the year.",
    "",
    "Initech will become a unit of Globex in the deal.",
  ].join("\n");
  const late = ["Globex drops Initech deal", "", "Globex abandoned its purchase of Initech on Monday."].join(
    "\n",
  );
  const brief = await briefOf([
    [early, "early.txt", "2024-03-01"],
    [late, "late.txt", "2024-09-10"],
  ]);
  assert.equal(brief.settled.length, 2, JSON.stringify(brief.settled));
  assert.ok(brief.settled.some((p) => p.basis.includes("needs regulatory approval")));
  assert.ok(!brief.settled.some((p) => p.basis.includes("will become a unit")));
});

test("a party's promise to challenge a law in court is settled by the court's later ruling", async () => {
  const early = [
    "Initech ban signed",
    "",
    "The governor signed the Initech ban into law on Monday.",
    "",
    "In a statement, Initech said it would challenge the law in court, which could delay the ban.",
  ].join("\n");
  const late = [
    "Court upholds Initech ban",
    "",
    "A federal appeals court upheld the Initech ban on Friday.",
  ].join("\n");
  const brief = await briefOf([
    [early, "early.txt", "2024-03-01"],
    [late, "late.txt", "2024-09-10"],
  ]);
  const point = brief.settled.find((p) => p.basis.includes("challenge the law in court"));
  assert.ok(point, JSON.stringify({ settled: brief.settled, timeline: brief.timeline }));
});

test("a ban a ruling could bring is no open question once a higher court has ruled on it", async () => {
  const early = [
    "Court upholds Initech law",
    "",
    "A state appeals court upheld a law on Friday that could result in Initech being banned in the state within weeks.",
  ].join("\n");
  const late = [
    "Top court upholds Initech ban",
    "",
    "The state supreme court upheld the Initech ban on Friday.",
  ].join("\n");
  const asked = (brief: Awaited<ReturnType<typeof briefOf>>) =>
    brief.questions.some((q) => q.basis.includes("being banned"));
  assert.ok(asked(await briefOf([[early, "early.txt", "2024-03-01"]])));
  const later = await briefOf([
    [early, "early.txt", "2024-03-01"],
    [late, "late.txt", "2024-09-10"],
  ]);
  assert.ok(!asked(later), JSON.stringify({ questions: later.questions, timeline: later.timeline }));
});

test("a challenge in court is settled by the latest ruling so far, not the first instance's", async () => {
  const brief = await briefOf([
    [
      [
        "Initech sale law signed",
        "",
        "Initech said it would challenge the sale law in court, which could delay a sale of Initech.",
      ].join("\n"),
      "signed.txt",
      "2024-03-01",
    ],
    [
      [
        "Appeals court upholds Initech sale law",
        "",
        "An appeals court upheld the Initech sale law on Friday.",
      ].join("\n"),
      "appeal.txt",
      "2024-06-07",
    ],
    [
      [
        "Top court upholds Initech sale law",
        "",
        "The Supreme Court upheld the Initech sale law on Friday.",
      ].join("\n"),
      "top.txt",
      "2024-12-06",
    ],
  ]);
  const point = brief.settled.find((p) => p.basis.includes("challenge the sale law"));
  assert.ok(point, JSON.stringify(brief.settled));
  assert.equal(point.by.date, "2024-12-06");
});

test("a currency's letters are no reviewer: a clearance of a US$ deal settles no US agency's review", () => {
  assert.deepEqual(
    [...reviewersIn("Globex's US$61 billion takeover of Initech won approval from regulators")],
    [],
  );
  assert.deepEqual([...reviewersIn("The CMA and the U.K. Treasury")].sort(), ["cma", "uk"]);
  assert.deepEqual([...reviewersIn("The FTC in the US is investigating the deal")].sort(), ["ftc", "us"]);
});

test("a review is shown settled by a later report saying no impediment is left where that reviewer acts", async () => {
  const early = [
    "Initech deal under review",
    "",
    "Globex agreed to buy Initech for $2 billion in March.",
    "",
    "The Federal Trade Bureau (FTB) in the US is currently investigating the deal.",
  ].join("\n");
  const late = [
    "Initech deal cleared",
    "",
    "The Market Board approved Globex’s purchase of Initech on Monday, completing the last hurdle for the deal.",
    "",
    "There is no legal impediment to closing in the US under merger rules.",
  ].join("\n");
  const brief = await briefOf([
    [early, "early.txt", "2024-03-01"],
    [late, "late.txt", "2024-09-10"],
  ]);
  const point = brief.settled.find((p) => p.basis.includes("currently investigating"));
  assert.equal(point?.by.label, "No review left", JSON.stringify(brief.settled));
  assert.equal(point?.by.date, "2024-09-10");
  assert.ok(!brief.questions.some((q) => q.basis.includes("currently investigating")));
});
