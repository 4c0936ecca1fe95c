// Which open points a story has answered, on invented sentences: a reviewer's feared harm once the review is
// decided, a second-hand report of the step the story's state confirms, a decision reported in its own words
// ("concluded that … would"), a date fronted before the clause it dates or named by the closing attribution,
// and questions that never lean on a sentence they do not show.
import assert from "node:assert/strict";
import { test } from "node:test";
import { cuesOf } from "../../../src/core/story/cues.js";
import { offlineQuestion } from "../../../src/core/story/questionChoice.js";
import { eventsIn } from "../../../src/core/story/events.js";
import { sentenceDate } from "../../../src/core/story/dates.js";
import { answeredLater } from "../../../src/core/story/settlement.js";
import type { StoryTimeline } from "../../../src/core/story/timeline.js";

function timeline(kind: string, date: string, sentence: string): StoryTimeline {
  const state = { kind: kind as never, label: kind, date, ownDate: true, sentence, cue: "", source: "z" };
  return { events: [state], state, dates: new Map([["z", date]]), reviewsDone: null };
}

const HARM = "In May, the agency said the merger could harm competition in the market for disk controllers.";

test("a harm the deal could do is answered once the review is decided, and open while it is not", () => {
  const cleared = timeline("cleared", "2023-10-01", "The agency cleared the merger.");
  assert.equal(answeredLater(HARM, "2023-05-20", cleared, "a"), true);
  assert.equal(answeredLater(HARM, null, cleared, "a"), true);
  const probing = timeline(
    "investigation",
    "2023-10-01",
    "The agency opened an investigation into the merger.",
  );
  assert.equal(answeredLater(HARM, "2023-05-20", probing, "a"), false);
  // Raised after the decision (another reviewer, a later report), the harm is still an open point.
  assert.equal(answeredLater(HARM, "2023-11-02", cleared, "a"), false);
});

test("a step reported second-hand is confirmed by the story's final state, not by a hedge alone", () => {
  const done = timeline("completed", "2022-10-28", "Globex completes its takeover of Initech.");
  const claim = "Globex has taken control of Initech, two people familiar with the matter said on Thursday.";
  assert.equal(answeredLater(claim, "2022-10-28", done, "a"), true);
  const agreed = timeline("agreed", "2022-04-25", "Globex agreed to buy Initech.");
  assert.equal(answeredLater(claim, "2022-10-28", agreed, "a"), false);
});

test("a decision reported in its own words is no hedge; the same modal as a forecast is", () => {
  const hedges = (s: string): string[] =>
    cuesOf(s)
      .filter((c) => c.kind === "hedge")
      .map((c) => c.text);
  assert.deepEqual(hedges("The panel concluded that the law would withstand the strictest review."), []);
  assert.deepEqual(hedges("The panel said the law would face a further appeal."), ["would"]);
});

test("a date fronted before a clause dates that clause's event", () => {
  const [event] = eventsIn(
    "In April, the regulator prevented the acquisition from going ahead, citing the market for disk controllers.",
    "a",
    "2023-09-22",
  );
  assert.equal(event?.kind, "blocked");
  assert.equal(event?.date, "2023-04");
});

test("“earlier this week” dates an event to the month only: the day is some day before the report", () => {
  // 2023-12-20 is a Wednesday; 2024-03-01 is a Friday whose week began in February.
  assert.equal(
    eventsIn("Globex called off its merger earlier this week.", "a", "2023-12-20")[0]?.date,
    "2023-12",
  );
  assert.equal(
    eventsIn("Globex called off its merger earlier this week.", "a", "2024-03-01")[0]?.date,
    "2024-02",
  );
});

test("a step in the present perfect is dated by the day its closing attribution names", () => {
  // 2022-10-28 is a Friday: "on Thursday night" is the day before.
  const [event] = eventsIn(
    "Globex has taken control of Initech and ousted its chief executive, two people familiar with the deal said on Thursday night.",
    "a",
    "2022-10-28",
  );
  assert.equal(event?.kind, "completed");
  assert.equal(event?.date, "2022-10-27");
});

test("a question never leans on a sentence it does not show: no bare role noun, possessive or demonstrative", () => {
  const ask = (basis: string): string | null =>
    offlineQuestion({ kind: "hedge", basis, cue: "could", related: [] });
  assert.equal(ask("The company could satisfy the order before the deadline passes."), null);
  assert.equal(ask("Its new venture could be sold to investors in the spring."), null);
  assert.equal(ask("Globex could ensure that this data is removed from servers abroad."), null);
  assert.match(ask("Globex could sell the printer unit to investors this year.") ?? "", /^Will Globex sell/);
});

test("a point resting on a deadline the story's later reports went past is no longer open", () => {
  const due = "Globex hopes to finish the talks with Initech by September 15 and may add partners.";
  const dated = "Globex said it will finish the talks with Initech no later than September 15, 2020.";
  const deadline = {
    kind: "deadline" as const,
    label: "Deadline",
    date: "2020-09-15",
    ownDate: true,
    sentence: dated,
    cue: "no later than September 15, 2020",
    source: "b",
  };
  const agreed = timeline("agreed", "2020-09-19", "Initech agreed to sell a stake to Hooli.");
  const story: StoryTimeline = {
    events: [deadline, ...agreed.events],
    state: agreed.state,
    reviewsDone: null,
    dates: new Map([
      ["a", null],
      ["b", null],
      ["z", "2020-09-21"],
    ]),
  };
  // The undated report's "by September 15" is the deadline another report dates in full, and a report of
  // the 21st exists: the date has passed.
  assert.equal(answeredLater(due, null, story, "a"), true);
  assert.equal(answeredLater(dated, null, story, "b"), true);
  // Before the deadline, the same point is open.
  const early: StoryTimeline = { ...story, dates: new Map([["z", "2020-09-10"]]), events: [deadline] };
  assert.equal(answeredLater(due, null, { ...early, state: null }, "a"), false);
});

test("what an actor planned in a report whose target day the story went past is no longer open", () => {
  const target = "Globex hopes to finish the talks with Initech by September 15 and may add partners.";
  const plan = "Globex said it would keep every Initech plant open.";
  const other = "Initech's union said the sale could cost 300 jobs.";
  const deadline = {
    kind: "deadline" as const,
    label: "Deadline",
    date: "2020-09-15",
    ownDate: true,
    sentence: "Globex wants the talks done no later than September 15, 2020.",
    cue: "no later than September 15, 2020",
    source: "b",
  };
  const agreed = timeline("agreed", "2020-09-19", "Initech agreed to sell a stake to Hooli.");
  const story = (latest: string): StoryTimeline => ({
    events: [deadline, ...agreed.events],
    state: agreed.state,
    reviewsDone: null,
    targets: new Map([["a", [target]]]),
    dates: new Map([
      ["a", null],
      ["z", latest],
    ]),
  });
  // Globex's plan in the report that set Globex the 15th belongs to the phase a report of the 21st closed.
  assert.equal(answeredLater(plan, null, story("2020-09-21"), "a"), true);
  // Another actor's point in that report, the same plan in another report, or the day not yet past: open.
  assert.equal(answeredLater(other, null, story("2020-09-21"), "a"), false);
  assert.equal(answeredLater(plan, null, story("2020-09-21"), "c"), false);
  assert.equal(
    answeredLater(plan, null, { ...story("2020-09-10"), events: [deadline], state: null }, "a"),
    false,
  );
});

test("a step taken with a proviso is not shown as 'Pending:'", () => {
  const basis = "A landmark deal has conditionally been approved, under which Hooli hosts the data.";
  assert.equal(offlineQuestion({ kind: "pending", basis, cue: "conditionally", related: [] }), null);
  const open = "The Federal Trade Commission is currently investigating the merger of the two firms.";
  assert.match(
    offlineQuestion({ kind: "pending", basis: open, cue: "investigating", related: [] }) ?? "",
    /^Pending:/,
  );
});

test("a sentence-initial common noun is lower-cased inside a question; a name is not", () => {
  const q = offlineQuestion({
    kind: "hedge",
    basis: "Approval of the merger could signal a thaw in relations between the two capitals.",
    cue: "could",
    related: [],
  });
  assert.equal(q, "Will approval of the merger signal a thaw in relations between the two capitals?");
  const named = offlineQuestion({
    kind: "hedge",
    basis: "Globex could sell the printer unit to a rival within a year.",
    cue: "could",
    related: [],
  });
  assert.match(named ?? "", /^Will Globex sell/);
});

test("a future weekday in the report's own weekday is that day; 'next' is the week after", () => {
  // 2023-11-22 is a Wednesday.
  assert.equal(sentenceDate("The deal will close on Wednesday.", "2023-11-22", "future")?.date, "2023-11-22");
  assert.equal(
    sentenceDate("The deal will close next Wednesday.", "2023-11-22", "future")?.date,
    "2023-11-29",
  );
  assert.equal(sentenceDate("The deal will close on Friday.", "2023-11-22", "future")?.date, "2023-11-24");
});

test("'X did Y, claiming Z' asks nothing about Y: the claim is Z, the main clause the reporter's own", () => {
  const basis =
    "The regulator is getting involved with the Globex purchase of Initech, claiming that it dramatically suppresses competition.";
  const q = offlineQuestion({ kind: "claim", basis, cue: "claiming", related: [] });
  assert.ok(q === null || !q.includes("getting involved"), q ?? "");
  const unnamed = "Globex has taken control of Initech, two people familiar with the matter said.";
  assert.equal(
    offlineQuestion({ kind: "claim", basis: unnamed, cue: "people familiar with the matter", related: [] }),
    "Is it confirmed that Globex has taken control of Initech?",
  );
});
