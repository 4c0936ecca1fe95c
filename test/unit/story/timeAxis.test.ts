// The story's time axis on invented sentences: document dates, sentence dates relative to the report,
// dated events (and what is not an event yet), the current state, and what a later source overtakes.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  needsReportDate,
  documentDate,
  isAfter,
  sentenceDate,
  urlDate,
  withoutUnplacedDay,
} from "../../../src/core/story/dates.js";
import { analyzeDocument } from "../../../src/core/analyze/analyzeDocument.js";
import { eventsIn } from "../../../src/core/story/events.js";
import { makeDoc } from "../../support/shared.js";
import { answeredLater } from "../../../src/core/story/settlement.js";
import {
  overtaken,
  storyTimeline,
  timelineText,
  writtenBeforeEnd,
  type StoryTimeline,
} from "../../../src/core/story/timeline.js";

test("a document's date: metadata first, else a full date its URL states; two-digit years are not read", () => {
  assert.equal(documentDate("2021-05-04", "https://news.example/2020/01/02/x"), "2021-05-04");
  assert.equal(documentDate(null, "https://news.example/2020/01/02/globex-deal"), "2020-01-02");
  assert.equal(urlDate("https://news.example/business/2019/11/globex"), "2019-11");
  assert.equal(urlDate("https://news.example/globex-initech-merger-20221130"), "2022-11-30");
  assert.equal(urlDate("https://news.example/markets/21/08/123456/globex"), null);
  assert.equal(urlDate("https://news.example/2020/13/40/x"), null);
  assert.equal(urlDate("not a url"), null);
  assert.equal(documentDate(null, null), null);
});

test("a sentence's date: absolute dates, months, weekdays and relative phrases against the report's date", () => {
  // 2023-03-10 is a Friday.
  const doc = "2023-03-10";
  assert.equal(sentenceDate("Globex said on Oct. 12, 2022 that talks had ended.", doc)?.date, "2022-10-12");
  assert.equal(sentenceDate("The regulator opened a probe on Jan. 5.", doc)?.date, "2023-01-05");
  // A past event in a month later than the report's belongs to the year before.
  assert.equal(sentenceDate("The companies announced the merger in November.", doc)?.date, "2022-11");
  assert.equal(sentenceDate("Initech sued on Wednesday.", doc)?.date, "2023-03-08");
  assert.equal(sentenceDate("Initech sued on Friday.", doc)?.date, "2023-03-10");
  assert.equal(sentenceDate("The deal will close on Wednesday.", doc, "future")?.date, "2023-03-15");
  assert.equal(sentenceDate("Globex dropped the plan last month.", doc)?.date, "2023-02");
  assert.equal(sentenceDate("Globex announced it yesterday.", doc)?.date, "2023-03-09");
  assert.equal(sentenceDate("The case was filed in March 2021.", null)?.date, "2021-03");
  // A month and its year are no day: "September 2024" is not September 20.
  assert.equal(sentenceDate("Talks should end by September 2024.", doc, "future")?.date, "2024-09");
  // Without the report's date, a weekday or "last week" fixes nothing; "may" the modal is not a month.
  assert.equal(sentenceDate("Initech sued on Wednesday.", null), null);
  assert.equal(sentenceDate("Regulators may block the deal.", doc), null);
  assert.equal(sentenceDate("Shares rose 5 percent.", doc), null);
});

test("events: facts are events, plans and conditions are not; each is dated by its own clause", () => {
  const kinds = (s: string, d: string | null = "2023-03-10") =>
    eventsIn(s, "src", d).map((e) => `${e.kind}:${e.label}:${e.date}`);
  assert.deepEqual(kinds("Globex and Initech called off their $5 billion merger on Tuesday."), [
    "abandoned:Abandoned:2023-03-07",
  ]);
  assert.deepEqual(
    kinds("The watchdog on Wednesday approved Globex's purchase of Initech, with conditions."),
    ["cleared:Cleared with conditions:2023-03-08"],
  );
  assert.deepEqual(kinds("The agency sued to block Globex's takeover of Initech."), ["sued:Sued:2023-03-10"]);
  assert.deepEqual(
    kinds(
      "The commission opened an investigation into the deal last August and sent a statement of objections last month.",
    ),
    ["provisional:Provisional finding:2023-02", "investigation:Under investigation:2022-08"],
  );
  assert.deepEqual(kinds("Globex completed its acquisition of Initech."), ["completed:Completed:2023-03-10"]);
  // Not yet events: a forecast, a plan, a threat.
  assert.deepEqual(kinds("The regulator is expected to block the deal."), []);
  assert.deepEqual(kinds("The commission will open an investigation into the merger."), []);
  // A list of outcomes after a modal is still a hypothesis ("could be delayed, terminated, or …").
  assert.deepEqual(
    kinds("The regulator said the licences could be delayed, terminated, or not enforced."),
    [],
  );
  assert.deepEqual(kinds("Globex could walk away from the deal."), []);
  // Background without its own date cannot borrow the report's date.
  assert.deepEqual(kinds("The deal, which had been approved by the board, faces scrutiny."), []);
  // An undated report dates only what the sentence dates itself.
  assert.deepEqual(kinds("Globex agreed to buy Initech in September 2020.", null), ["agreed:Agreed:2020-09"]);
  assert.deepEqual(kinds("Globex agreed to buy Initech.", null), []);
  // A deadline is a future date the sentence sets.
  assert.deepEqual(kinds("The board must decide no later than June 3, 2023."), [
    "deadline:Deadline:2023-06-03",
  ]);
});

function timeline(
  events: Array<[string, string, string, string]>,
  dates: Record<string, string | null>,
): StoryTimeline {
  const list = events.map(([kind, date, sentence, source]) => ({
    kind: kind as never,
    label: kind,
    date,
    ownDate: true,
    sentence,
    cue: "",
    source,
  }));
  const happened = list.filter((e) => e.kind !== "deadline");
  return {
    events: list,
    state: happened.at(-1) ?? null,
    dates: new Map(Object.entries(dates)),
    reviewsDone: null,
  };
}

test("a forecast a later source settled is overtaken; an open point is answered once the deal has ended", () => {
  const t = timeline(
    [
      ["investigation", "2023-02-01", "The commission opened an in-depth investigation.", "b"],
      ["abandoned", "2023-06-01", "Globex and Initech called off the deal.", "c"],
    ],
    { a: "2023-01-10", b: "2023-02-01", c: "2023-06-01", d: null },
  );
  assert.equal(
    overtaken("The commission will open an in-depth investigation into the deal.", "2023-01-10", t, "a"),
    true,
  );
  assert.equal(
    overtaken("The commission opened an in-depth investigation into the deal.", "2023-01-10", t, "a"),
    false,
  );
  assert.equal(
    overtaken("The commission will open an in-depth investigation into the deal.", null, t, "d"),
    true,
  );
  assert.equal(overtaken("The agency will sue to stop the deal.", null, t, "d"), false);
  // Undated, in a story that ended without the purchase: "has bought" and "expected to … close" are overtaken
  // (the verb's first place may be a noun: "The purchase is expected …"); a past purchase of another deal is not.
  assert.equal(overtaken("Globex has purchased Initech in a $9 billion deal.", null, t, "d"), true);
  assert.equal(overtaken("The purchase is expected to take a year to close.", null, t, "d"), true);
  assert.equal(overtaken("Globex bought Initech's parent in 2016 for $2 billion.", null, t, "d"), false);
  assert.equal(overtaken("Globex has purchased Initech in a $9 billion deal.", "2023-01-10", t, "a"), false);
  assert.equal(answeredLater("Will regulators approve the deal by May?", "2023-01-10", t, "a"), true);
  // After the end, what the parties do next is still open; before it, nothing about the deal is.
  assert.equal(answeredLater("Initech will now prepare a public listing.", "2023-06-01", t, "c"), false);
  assert.equal(answeredLater("Globex may pay a termination fee.", null, t, "d"), true);
  assert.ok(isAfter("2023-06-01", "2023-05"));
  assert.ok(!isAfter("2023-05-20", "2023-05"));
});

test("a term of the deal told as to come, written before the deal ended, shows that end", () => {
  const t = timeline([["abandoned", "2023-06-01", "Globex and Initech called off the deal.", "c"]], {
    a: "2023-01-10",
    c: "2023-06-01",
    d: null,
    e: "2023-07-01",
  });
  const before = (sentence: string, date: string | null) => writtenBeforeEnd(sentence, date, t)?.date ?? null;
  assert.equal(before("Under the terms, Globex will pay $9 billion in cash.", null), "2023-06-01");
  assert.equal(before("The firms said Initech would stay in Leeds.", "2023-01-10"), "2023-06-01");
  // A judgement of the deal's effect, a schedule, a past fact, a quotation or a later report: nothing to mark.
  assert.equal(before("The agency said the deal would harm buyers.", null), null);
  assert.equal(before("A decision will be made by May 2.", null), null);
  assert.equal(before("Globex paid $2 billion for the unit in 2016.", null), null);
  assert.equal(before("“We will pay a fair price,” Globex said.", null), null);
  assert.equal(before("Globex will pay Initech a $1 billion break fee.", "2023-07-01"), null);
});

test("one report's deadline by the month and by the day is one entry, with the day; a leading 'It continued:' goes", () => {
  const raw = [
    "Globex to buy Initech",
    "Globex has confirmed it will go on with its talks to buy Initech, saying it wants to complete them by September 2024.",
    "It continued: “Globex will move quickly and in any event complete these talks no later than September 15, 2024.”",
  ].join("\n\n");
  const analyzed = analyzeDocument(makeDoc(raw, { published: "2024-08-03" }));
  const t = storyTimeline([{ analyzed } as never], new Set(["globex", "initech"]));
  const deadlines = t.events.filter((e) => e.kind === "deadline");
  assert.deepEqual(
    deadlines.map((e) => [e.date, timelineText(e)]),
    [
      [
        "2024-09-15",
        "“Globex will move quickly and in any event complete these talks no later than September 15, 2024.”",
      ],
    ],
  );
});

test("the second of two steps in one sentence is shown as its subject and its own clause", () => {
  const events = eventsIn(
    "The commission, the bloc's competition authority, opened an investigation into the Globex-Initech merger last August and sent a statement of objections to Globex last month.",
    "src",
    "2023-12-20",
  );
  assert.deepEqual(
    events.map((e) => [e.date, timelineText(e)]),
    [
      [
        "2023-11",
        "The commission, the bloc's competition authority … sent a statement of objections to Globex last month.",
      ],
      [
        "2023-08",
        "The commission, the bloc's competition authority, opened an investigation into the Globex-Initech merger last August …",
      ],
    ],
  );
});

test("a timeline line drops the dateline and keeps the clause that names the event", () => {
  const [event] = eventsIn(
    "LONDON (AP) — Regulators opened an investigation Wednesday into Globex's purchase of Initech, adding to scrutiny of a deal that rivals, customers and several governments have criticised for months.",
    "src",
    "2023-03-10",
  );
  assert.ok(event);
  assert.equal(event.date, "2023-03-08");
  assert.equal(
    timelineText(event),
    "Regulators opened an investigation Wednesday into Globex's purchase of Initech …",
  );
});

test("a weekday an undated report cannot place leaves a bullet; one followed by its date or placed stays", () => {
  const cases: Array<[string, string | null, string]> = [
    ["The agency on Thursday sued to block the merger.", null, "The agency sued to block the merger."],
    ["Globex announced on Tuesday that talks ended.", null, "Globex announced that talks ended."],
    // Placed by the report's date: the bullet shows the date before it instead, the words stay.
    ["The agency on Thursday sued.", "2023-03-10", "The agency on Thursday sued."],
    // The date it falls on follows it; two weekdays would each need a date.
    [
      "In a post on Sunday, August 2, Globex said so.",
      null,
      "In a post on Sunday, August 2, Globex said so.",
    ],
    ["Globex sued on Monday and settled on Friday.", null, "Globex sued on Monday and settled on Friday."],
  ];
  for (const [sentence, date, shown] of cases) assert.equal(withoutUnplacedDay(sentence, date), shown);
});

test("a relative time needs the report's date even beside a calendar date; a bare month with its story does not", () => {
  // "over the weekend" is not placed by the deadline the sentence also names.
  assert.ok(needsReportDate("Stores had to drop the app over the weekend and face a ban by Nov. 12."));
  assert.ok(needsReportDate("Last August, Globex said it would sell the mill."));
  assert.ok(!needsReportDate("In August 2021, Globex said it would sell the mill."));
  assert.ok(!needsReportDate("In April, the regulator blocked the sale of the mill."));
  assert.ok(!needsReportDate("In a post on Sunday, August 2, Globex said so."));
});
