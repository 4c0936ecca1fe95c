// Bullets and key figures that read on their own, on invented text: an anaphoric subject after an opening
// phrase, a follow-up sentence shown with the one-sentence paragraph it leans on, a relation to unshown news
// deleted, one statement from two outlets shown once, a restated line dropped for the fuller one, and habits
// or a firm's age are no key figure.
import assert from "node:assert/strict";
import { test } from "node:test";
import { analyzeDocument } from "../../../src/core/analyze/analyzeDocument.js";
import { selectSummary } from "../../../src/core/story/summary.js";
import { pointsBack } from "../../../src/core/story/standAlone.js";
import { tidySentence } from "../../../src/core/story/text.js";
import { makeDoc } from "../../support/shared.js";

const KEYS = new Set(["globex", "initech"]);

function select(texts: string[], max = 6, maxFigures = 5) {
  const story = texts.map((text, n) => ({
    analyzed: analyzeDocument(makeDoc(`Globex to buy Initech\n\n${text}`, { location: `doc-${n}.md` })),
  }));
  const { summary, figures } = selectSummary(story as never, KEYS, max, maxFigures);
  const shown = (list: typeof summary): string[] =>
    list.map((g) => tidySentence(g.members[0]?.sentence ?? ""));
  return { summary: shown(summary), figures: shown(figures) };
}

test("an anaphoric subject after an opening phrase points back; a name after it does not", () => {
  assert.ok(pointsBack("In an interview on Tuesday, May 4, the firm said it would close the mill."));
  assert.ok(pointsBack("For three weeks, the company has ignored the requests of the union."));
  assert.ok(pointsBack("In its 200-page report, the watchdog argues that the remedy falls short."));
  assert.ok(pointsBack("The union, which had fought the sale for a year, welcomed the ruling."));
  assert.ok(!pointsBack("The union welcomed the ruling of the labour court on the sale of the mill."));
  assert.ok(!pointsBack("In June, Globex closed the mill in Leeds for good."));
  // In a brief about one deal, "the companies" are its parties.
  assert.ok(!pointsBack("In a joint statement, the companies said the sale would close in May."));
  assert.ok(!pointsBack("Under the plan, Globex will keep the brand for a decade."));
  assert.ok(!pointsBack('In a memo titled "Stay, not go", the manager said the plan was sound.'));
  // A counted pair, or a statement someone "made", names what the sentence before told.
  assert.ok(pointsBack("The two companies have told the trade ministry of the proposed sale."));
  assert.ok(pointsBack("Both sides declined to comment on the price of the mill."));
  assert.ok(pointsBack("The minister made the statement a day after the mill closed."));
  assert.ok(!pointsBack("The minister made the statement of reasons public a day after the mill closed."));
});

test("a bullet that leans on the sentence before it is shown with that sentence rather than left out", () => {
  const { summary, figures } = select([
    [
      "Hooli said it would seek approval for its purchase of Initech from regulators in Spain and Portugal by May 30.",
      "The two companies have also notified the trade ministry in Lisbon of a plan to merge their printer units.",
    ].join("\n\n"),
  ]);
  const joined = summary.find((b) => b.includes("The two companies have also notified"));
  assert.ok(joined?.startsWith("Hooli said it would seek approval"), summary.join("\n"));
  // Shown once: not again as a bullet of its own or a key figure.
  const all = [...summary, ...figures];
  assert.equal(all.filter((b) => b.includes("The two companies")).length, 1, all.join("\n"));
  assert.equal(all.filter((b) => b.includes("Hooli said it would")).length, 1, all.join("\n"));
});

test("a follow-up that leans on a one-sentence paragraph shown as a bullet joins that bullet", () => {
  const { summary, figures } = select([
    [
      "Globex agreed to pay $9.75 a share in cash for Initech, a record for the printer trade in Europe.",
      "That sum is 45% above the price Initech shares fetched on the day before the news leaked.",
      "Regulators in Europe and Asia must approve the purchase of Initech by Globex before it can close.",
    ].join("\n\n"),
  ]);
  assert.ok(
    summary.includes(
      "Globex agreed to pay $9.75 a share in cash for Initech, a record for the printer trade in Europe. That sum is 45% above the price Initech shares fetched on the day before the news leaked.",
    ),
    summary.join("\n"),
  );
  assert.ok(![...summary, ...figures].some((s) => s.startsWith("That sum")), figures.join("\n"));
});

test("a key figure that points back to a quotation paragraph is left out; a relation to unshown news is deleted", () => {
  const { figures } = select(
    [
      [
        "Globex agreed to buy Initech in a deal that officials in Canada are now reviewing.",
        "“Every mill stays open and every worker keeps the job,” Globex said in a note to staff.",
        "The remarks contradict a memo from March, which listed 7 mills to be sold within a year.",
        "“We will take the time we need,” the agency said.",
        "The news came after months of lobbying by unions over how Globex would meet the deadline of Oct. 9 set by the agency.",
      ].join("\n\n"),
    ],
    0,
    5,
  );
  assert.ok(!figures.some((f) => f.includes("7 mills")), figures.join("\n"));
  assert.ok(
    figures.includes(
      "Months of lobbying by unions over how Globex would meet the deadline of Oct. 9 set by the agency.",
    ),
    figures.join("\n"),
  );
});

test("one statement reported by two outlets in their own words is shown once", () => {
  const { summary, figures } = select([
    "Globex aims to sign the contract to buy Initech by June 3 and may let other funds join, a spokeswoman said.",
    "Globex wants the agreement with Initech owners in every region settled by June 3.",
  ]);
  const shown = [...summary, ...figures].filter((s) => /June 3/.test(s));
  assert.equal(shown.length, 1, shown.join("\n"));
});

test("one statement dated by its month in one outlet and to the day in another is shown once, to the day", () => {
  const { summary, figures } = select([
    "Globex said it will keep talking with the owners of Initech and wants to sign the purchase contract in June 2031.",
    "Globex hopes to sign the Initech purchase contract by June 3 and may let two pension funds join, a spokeswoman said.",
  ]);
  const shown = [...summary, ...figures].filter((s) => s.includes("June"));
  assert.equal(shown.length, 1, shown.join("\n"));
  assert.ok(shown[0]?.includes("June 3"), shown.join("\n"));
});

test("a short line whose words a fuller sentence repeats gives way to the fuller one", () => {
  const { summary } = select([
    [
      "Globex gets the nod for its $4bn takeover of Initech.",
      "Officials in Canada gave the nod to the $4bn takeover of Initech by Globex after a lengthy review of competition in the market for office scanners and copiers.",
    ].join("\n\n"),
  ]);
  assert.ok(
    summary.some((s) => s.startsWith("Officials in Canada")),
    summary.join("\n"),
  );
  assert.ok(!summary.some((s) => s.startsWith("Globex gets")), summary.join("\n"));
});

test("a habit of a regulator or the age of a firm is no key figure; a deadline is", () => {
  const { figures } = select(
    [
      [
        "The agency usually clears 9 of every 10 deals it reviews once the buyer offers remedies.",
        "Initech chief Jane Roe said the ruling on Globex was the worst day in Initech's 70 years in the city.",
        "Globex must sell the Initech scanner unit within three years of the purchase, the agency ruled.",
      ].join("\n\n"),
    ],
    0,
    5,
  );
  assert.ok(!figures.some((f) => f.includes("9 of every") || f.includes("70 years")), figures.join("\n"));
  assert.ok(
    figures.some((f) => f.includes("within three years")),
    figures.join("\n"),
  );
});
