// Whether a later event settled an open point, and how: a deadline the reports went past, a reviewer's doubt
// once that reviewer decided (or the deal ended), a second-hand step confirmed, the deal's end, a forecast
// step taken, or a review the last clearance ended. Open points and settled points both read this.
import { cuesOf, secondHand } from "./cues.js";
import { isAfter, namesDay } from "./dates.js";
import { eventsIn, FINAL_KINDS, type EventKind, type StoryEvent } from "./events.js";
import { sameReviewer } from "./reviewers.js";
import {
  CONDITION,
  forecastStepTaken,
  overtakingEvent,
  REVIEW_PENDING,
  type StoryTimeline,
} from "./timeline.js";

/** Kinds of state that decide a deal's review: cleared, blocked, or the deal ended. */
const DECIDED_KINDS: ReadonlySet<EventKind> = new Set(["cleared", "blocked", "abandoned", "completed"]);

/** A harm to competition or customers the deal could do: a reviewer's concern, not a step of the deal. */
const HARM =
  /\b(?:could|would|will|may|might)\s+(?:(?:\p{L}+ly|also|still)\s+)?(?:harm|hurt|restrict|degrade|reduce|lessen|limit|stifle|foreclose|prevent|undermine|distort|raise prices|substantially lessen)\b/iu;

/** A reviewer's doubt short of a decision: a provisional finding, a concern, a worry. */
const REVIEW_DOUBT =
  /\b(?:provisional(?:ly)?|concerns?\s+(?:that|about|over)|worr(?:y|ies|ied)\s+(?:that|the))\b/iu;

/** Words of an open point about the deal's own course: approval, review, closing, a ruling, a deadline. */
export const ABOUT_COURSE =
  /\b(?:approv\w*|clear\w*|consent|go-ahead|review\w*|investigat\w*|probe|inquiry|final|decision|decide|rul(?:e|ing)|block\w*|clos(?:e|ing)|complet\w*|conclud\w*|regulat\w+|deadline|conditions?|deal|merger|acquisition|takeover|transaction|talks|negotiat\w+|agreement|court|appeal\w*|challeng\w*|lawsuit|ban|sale)\b/iu;

const latestOf = new WeakMap<StoryTimeline, string | null>();

/** The latest date the story's sources or its events (not deadlines, which are ahead) reach. */
function latestKnown(timeline: StoryTimeline): string | null {
  const known = latestOf.get(timeline);
  if (known !== undefined) return known;
  let latest: string | null = null;
  const dates = [
    ...timeline.dates.values(),
    ...timeline.events.filter((e) => e.kind !== "deadline").map((e) => e.date),
  ];
  for (const d of dates) if (d && (!latest || isAfter(d, latest))) latest = d;
  latestOf.set(timeline, latest);
  return latest;
}

/** A month name followed by a day: the cheap test before a sentence is read for a deadline. */
const MONTH_DAY = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\p{L}*\.?\s+\d/u;

/**
 * A point that rests on a deadline the story's later reports have gone past ("hopes to finish the talks by
 * September 15" when a report from the 21st exists) no longer asks what is open: the date came and went, and
 * what happened is the later reports' to tell. An undated report's "by September 15" is the deadline another
 * report dates in full.
 */
function passedDeadline(
  basis: string,
  date: string | null,
  timeline: StoryTimeline,
  source?: string,
): string | null {
  if (!MONTH_DAY.test(basis)) return null;
  const latest = latestKnown(timeline);
  if (!latest) return null;
  const own = eventsIn(basis, source ?? "", date).find((e) => e.kind === "deadline");
  const due =
    own?.date ??
    timeline.events.find((e) => e.kind === "deadline" && e.date.length === 10 && namesDay(basis, e.date))
      ?.date;
  return due !== undefined && isAfter(latest, due) ? due : null;
}

/** Capitalised words that open a clause without naming who acts in it. */
const NOT_AN_ACTOR =
  /^(?:The|A|An|In|On|At|As|By|For|After|Before|Under|With|While|It|Its|This|That|These|Those|He|She|They|We|I|His|Her|Their|Our|But|And|Still|Also|According)$/u;

/** The name a target sentence's plan belongs to: its first run of capitalised words that is not a function word. */
function actorOf(sentence: string): string | null {
  for (const m of sentence.matchAll(/\p{Lu}[\p{L}\p{N}&.'’-]*(?:\s+\p{Lu}[\p{L}\p{N}&.'’-]*)*/gu)) {
    const words = m[0].split(/\s+/u);
    while (words[0] !== undefined && NOT_AN_ACTOR.test(words[0])) words.shift();
    if (words.length > 0) return words.join(" ");
  }
  return null;
}

/**
 * A point from a report that set its actor a target day the story's later reports went past ("hopes to finish
 * the talks by September 15", and a report of the 21st exists): what that actor said it would do, in that
 * report, belongs to the phase the date closed; what came of it is the later reports' to tell. The date.
 */
function passedTarget(
  basis: string,
  date: string | null,
  timeline: StoryTimeline,
  source?: string,
): string | null {
  if (!source) return null;
  for (const target of timeline.targets?.get(source) ?? []) {
    if (target === basis) continue;
    const actor = actorOf(target);
    if (!actor || !basis.includes(actor)) continue;
    const due = passedDeadline(target, date, timeline, source);
    if (due !== null) return due;
  }
  return null;
}

/**
 * True when a later-dated event in the story answers an open point from a document dated `date`: the deal
 * ended after it was written, or a step of the kind it asks about happened on or after its date. Once the
 * story has ended, an undated point is not open either: nothing shows it was raised after the end.
 */
export function answeredLater(
  basis: string,
  date: string | null,
  timeline: StoryTimeline,
  source?: string,
): boolean {
  return settlement(basis, date, timeline, source) !== null;
}

/**
 * The dated event that settled a point `answeredLater` finds answered, for the brief to show beside it; null
 * when the point is still open, or when it is answered but no one event says how (a deadline the reports went
 * past with nothing dated after it).
 */
export function settledBy(
  basis: string,
  date: string | null,
  timeline: StoryTimeline,
  source?: string,
): StoryEvent | null {
  return settlement(basis, date, timeline, source)?.by ?? null;
}

/**
 * How a point was settled: a deadline the story went past, a reviewer's feared harm once the review was
 * decided, a second-hand step confirmed, the story's end, the forecast step itself taken (or made moot), or
 * a review pending before a report called the last clearance done.
 */
export interface Settlement {
  by: StoryEvent | null;
  how: "deadline" | "harm" | "confirmed" | "ended" | "step" | "reviews";
  /** For a passed deadline: its date. */
  passed?: string;
}

export function settlement(
  basis: string,
  date: string | null,
  timeline: StoryTimeline,
  source?: string,
): Settlement | null {
  const state = timeline.state;
  // A review pending before the report that called the last one done is over; that clearance settled it.
  const done = timeline.reviewsDone;
  if (
    done &&
    done.sentence !== basis &&
    (!date || !isAfter(date, done.date)) &&
    REVIEW_PENDING.test(basis) &&
    // A review under way or an approval awaited; not the conditions a clearance carries ("subject to").
    cuesOf(basis).some((c) => c.kind === "pending" && !CONDITION.test(c.text))
  )
    return { by: done, how: "reviews" };
  const due = passedDeadline(basis, date, timeline, source) ?? passedTarget(basis, date, timeline, source);
  // A deadline that came and went is settled by the date itself; the first step after it is the report
  // that shows the story moved past it, not an answer to it.
  if (due !== null)
    return {
      by: timeline.events.find((e) => e.kind !== "deadline" && isAfter(e.date, due)) ?? null,
      how: "deadline",
      passed: due,
    };
  // A harm the deal could do is the reviewers' question: once they decided (or the deal ended) it is no open
  // question. A concern or a provisional finding is one reviewer's: answered once the deal ended or that
  // reviewer decided. (The brief shows either as settled only by the deal's end or by the same reviewer.)
  if (
    state &&
    DECIDED_KINDS.has(state.kind) &&
    (!date || !isAfter(date, state.date)) &&
    (HARM.test(basis) ||
      (REVIEW_DOUBT.test(basis) && (FINAL_KINDS.has(state.kind) || sameReviewer(basis, state))))
  )
    return { by: state, how: "harm" };
  // A step reported second-hand or hedged ("has taken control, people familiar said") is confirmed once
  // another sentence of the story reports the same step as done, on or after the basis's date.
  // The story's final state is such a step: the status line already says it happened.
  const steps = secondHand(basis)
    ? eventsIn(basis, source ?? "", date).filter((e) => e.kind !== "deadline")
    : [];
  for (const step of steps) {
    // The step this very sentence gives the timeline, stated plainly elsewhere (a headline, another outlet).
    const own = timeline.events.find((e) => e.sentence === basis && e.kind === step.kind);
    if (own?.confirmedBy !== undefined) return { by: own, how: "confirmed" };
    // The state resting on this very sentence does not confirm it: nothing else reports the step.
    if (state && FINAL_KINDS.has(state.kind) && step.kind === state.kind && state.sentence !== basis)
      return { by: state, how: "confirmed" };
    const confirmed = timeline.events.find(
      (e) => e.kind === step.kind && e.sentence !== basis && (!date || !isAfter(date, e.date)),
    );
    if (confirmed) return { by: confirmed, how: "confirmed" };
  }
  if (state && FINAL_KINDS.has(state.kind) && state.sentence !== basis) {
    // The story has ended: a point from a source not known to come after the end cannot be shown as open.
    if (!date) {
      // An undated forecast of a step the timeline shows taken was answered by that step, not the end.
      const own = forecastStepTaken(basis, timeline);
      return own ? { by: own, how: "step" } : { by: state, how: "ended" };
    }
    if (isAfter(state.date, date)) return ABOUT_COURSE.test(basis) ? { by: state, how: "ended" } : null;
  }
  const by = overtakingEvent(basis, date, timeline, source);
  return by ? { by, how: "step" } : null;
}
