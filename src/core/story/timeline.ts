// The story's time axis: its documents' dated events merged into one timeline (oldest first), the current
// state (the latest event that has happened), and the checks that use them: a statement overtaken by a
// later source, an open point a later source answers. Brief and digest both read this.
import { cuesOf } from "./cues.js";
import { documentDate, isAfter, namesDay } from "./dates.js";
import { eventsIn, FINAL_KINDS, type EventKind, type StoryEvent } from "./events.js";
import { sameReviewer } from "./reviewers.js";
import { contentWords, DATELINE, jaccard, wordCount } from "./text.js";
import type { StoryDocument } from "./types.js";

export interface StoryTimeline {
  /** Distinct dated events, oldest first. */
  events: StoryEvent[];
  /** The latest event that has happened (deadlines are ahead, not a state), or null. */
  state: StoryEvent | null;
  /** Each document's date where it can be known, by document id. */
  dates: Map<string, string | null>;
  /**
   * The clearance a dated report calls the last step of the review ("completes the last hurdle", "no legal
   * impediment"): every review pending before it is over. Null when no report says so.
   */
  reviewsDone: StoryEvent | null;
}

/** A report saying no review is left: the last hurdle cleared, no impediment remaining. */
const ALL_CLEAR =
  /\b(?:(?:last|final|remaining)\s+(?:regulatory\s+)?(?:hurdle|obstacle|approval)|no\s+(?:legal\s+|regulatory\s+|further\s+)?(?:impediment|obstacle|hurdle)s?|all\s+(?:the\s+)?(?:required\s+|necessary\s+|regulatory\s+)+approvals)\b/iu;

/** The pending cues that name a clearance's conditions, not a review still to come. */
const CONDITION = /^(?:conditional|on condition|if the conditions|subject to|reserves?)/iu;

/** A pending point about a review: an investigation under way, an approval awaited. */
const REVIEW_PENDING = /\b(?:investigat\w*|review\w*|approv\w*|clearance|scrutin\w*|probe|inquiry)\b/iu;

/** Words that tie a sentence to the story when it names none of its central names. */
const STORY_NOUN =
  /\b(?:deal|acquisition|merger|takeover|purchase|transaction|buyout|bid|offer|sale|agreement|law|ban|bill|divestiture|lawsuit|case)\b/iu;

/** Which kind wins when two events share a date: the later step of a deal's life. */
const PRECEDENCE: readonly EventKind[] = [
  "deadline",
  "announced",
  "agreed",
  "investigation",
  "sued",
  "provisional",
  "enacted",
  "ruled",
  "cleared",
  "blocked",
  "completed",
  "abandoned",
];

const SAME_EVENT_DAYS = 7;

function dayNumber(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) / 86_400_000;
}

/**
 * Two events are one when they are of one kind and within a week; a month-only date and a day are one
 * event only when the sentences say much the same (two regulators can act in one month).
 */
function sameEvent(a: StoryEvent, b: StoryEvent): boolean {
  const kindA = a.kind === "announced" ? "agreed" : a.kind;
  const kindB = b.kind === "announced" ? "agreed" : b.kind;
  if (kindA !== kindB) return false;
  if (a.date.length !== b.date.length)
    return (
      a.date.slice(0, 7) === b.date.slice(0, 7) &&
      a.sentence !== b.sentence &&
      jaccard(contentWords(a.sentence), contentWords(b.sentence)) >= 0.5
    );
  return Math.abs(dayNumber(a.date) - dayNumber(b.date)) <= SAME_EVENT_DAYS;
}

function rank(e: StoryEvent): number {
  return PRECEDENCE.indexOf(e.kind);
}

/** Every dated event of the story's documents, merged, oldest first. */
export function storyTimeline(story: readonly StoryDocument[], keys: ReadonlySet<string>): StoryTimeline {
  const dates = new Map<string, string | null>();
  const found: StoryEvent[] = [];
  const allClear: string[] = [];
  for (const { analyzed } of story) {
    const doc = analyzed.doc;
    const docDate = documentDate(analyzed.published, doc.url);
    dates.set(doc.id, docDate);
    const sentences = analyzed.sentences.map((s) => ({
      text: doc.raw.slice(s.start, s.end),
      names: s.mentions.map((m) => m.key),
    }));
    // A headline is the report's own event in the present tense; it counts when the body does not repeat it.
    // Last, so that a step the body also tells is kept with the body's sentence.
    if (!sentences.some((s) => s.text.trim() === doc.title.trim()))
      sentences.push({
        text: doc.title,
        names: [...keys].filter((k) => doc.title.toLowerCase().includes(k)),
      });
    for (const s of sentences) {
      const text = s.text.trim();
      if (wordCount(text) < 4 || wordCount(text) > 70) continue;
      if (docDate && ALL_CLEAR.test(text)) allClear.push(docDate);
      if (!s.names.some((k) => keys.has(k)) && !STORY_NOUN.test(text)) continue;
      found.push(...eventsIn(text, doc.id, docDate));
    }
  }
  const events: StoryEvent[] = [];
  // Events with their own date first: a sentence that dates the step beats a report that only carries it.
  for (const e of found.sort((a, b) => Number(b.ownDate) - Number(a.ownDate))) {
    const twin = events.findIndex((x) => sameEvent(x, e));
    if (twin < 0) events.push(e);
    else {
      const kept = events[twin];
      // Prefer the earliest date of one event (reports follow it) and a complete sentence to show.
      if (kept && !kept.ownDate && !e.ownDate && e.date < kept.date) events[twin] = e;
    }
  }
  events.sort((a, b) => (a.date === b.date ? rank(a) - rank(b) : a.date < b.date ? -1 : 1));
  const happened = events.filter((e) => e.kind !== "deadline");
  let state: StoryEvent | null = null;
  for (const e of happened) {
    if (!state || isAfter(e.date, state.date) || (!isAfter(state.date, e.date) && rank(e) >= rank(state)))
      state = e;
  }
  const reviewsDone =
    state &&
    (state.kind === "cleared" || state.kind === "completed") &&
    allClear.some((d) => !isAfter(state.date, d))
      ? state
      : null;
  return { events, state, dates, reviewsDone };
}

/**
 * The state's label as the brief shows it: "(unconfirmed)" after it when only unnamed sources or a
 * "reportedly" stand behind the step ("has taken control, two people familiar said"); its question asks
 * whether it is confirmed, and the status line must not say more than that.
 */
export function stateLabel(event: StoryEvent): string {
  const claimed = cuesOf(event.sentence).some((c) => c.kind === "claim" || /^reportedly$/i.test(c.text));
  return claimed ? `${event.label} (unconfirmed)` : event.label;
}

/** A timeline line: the event's sentence without its dateline, cut after the clause that names the event. */
export function timelineText(event: StoryEvent, maxWords = 24): string {
  let text = event.sentence.trim().replace(DATELINE, "");
  const at = text.indexOf(event.cue);
  const from = at < 0 ? 0 : at + event.cue.length;
  // A second step joined by "and" is its own entry; a long sentence keeps only the event's clause.
  const stop = (
    wordCount(text) > maxWords ? /[,;:—–]\s|\s[-–—]\s|\sand\s/u : /;\s|\sand\s(?=\p{Ll}+ed\b)/u
  ).exec(text.slice(from));
  if (stop && wordCount(text.slice(from + stop.index)) >= 4) text = `${text.slice(0, from + stop.index)} …`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The step a sentence says is still to come: "will open an investigation", "is expected to block". */
const FUTURE_STEP: ReadonlyArray<readonly [RegExp, readonly EventKind[]]> = [
  [/\b(?:open|launch)\s+(?:an?\s+|its\s+)?(?:\S+\s+)?(?:investigation|probe|inquiry)\b/iu, ["investigation"]],
  [/\bblock\b|\bbe blocked\b/iu, ["blocked", "cleared"]],
  [/\b(?:approve|clear|rule on|become final)\b/iu, ["cleared", "blocked", "ruled"]],
  [/\b(?:sue|challenge|contest)\b/iu, ["sued", "ruled"]],
  [/\b(?:close|complete|acquire|buy|purchase|merge|take over)\b/iu, ["completed"]],
  // A ban a law or ruling could bring: the courts' later ruling on it answers whether it stands.
  [/\bbe(?:ing)?\s+banned\b/iu, ["ruled"]],
];

const FUTURE_MARK =
  /\b(?:(?:will|would|could|may|might|is expected to|are expected to|is set to|are set to|is poised to|plans? to|intends? to|aims? to|is likely to|is due to)\s+(?:\w+\s+){0,2}|(?:could|would|may|might|will)\s+(?:result\s+in|lead\s+to)\s+(?:\S+\s+){1,3})$/iu;

/**
 * True when a sentence from a document dated `date` announces a step an event on or after that date
 * settled: the same step taken (or its opposite decided), or the deal ended (abandoned, blocked, completed).
 */
export function overtaken(
  sentence: string,
  date: string | null,
  timeline: StoryTimeline,
  source?: string,
): boolean {
  return overtakingEvent(sentence, date, timeline, source) !== null;
}

/** The kinds of each step a sentence forecasts ("will open an investigation"), the step's own kind first. */
function* forecastSteps(sentence: string): Generator<readonly EventKind[]> {
  for (const [verb, kinds] of FUTURE_STEP) {
    const match = verb.exec(sentence);
    if (match && FUTURE_MARK.test(sentence.slice(Math.max(0, match.index - 50), match.index))) yield kinds;
  }
}

/** The event of the very step a sentence forecasts, when the timeline has it. */
function forecastStepTaken(sentence: string, timeline: StoryTimeline): StoryEvent | null {
  for (const kinds of forecastSteps(sentence)) {
    const own = timeline.events.find((e) => e.kind === kinds[0] && e.sentence !== sentence);
    if (own) return own;
  }
  return null;
}

/** The event that settles the step a sentence announces (see `overtaken`), or null. */
function overtakingEvent(
  sentence: string,
  date: string | null,
  timeline: StoryTimeline,
  source?: string,
): StoryEvent | null {
  for (const kinds of forecastSteps(sentence)) {
    // Undated, a forecast is settled only by the very step it forecasts having happened.
    const settled = date
      ? timeline.events.find(
          (e) =>
            e.kind !== "deadline" &&
            e.sentence !== sentence &&
            (kinds.includes(e.kind) || FINAL_KINDS.has(e.kind)) &&
            // The same report can state the forecast and its outcome; another report must be later.
            (e.source === source ? !isAfter(date, e.date) : isAfter(e.date, date)),
        )
      : timeline.events.find((e) => e.kind === kinds[0] && e.sentence !== sentence);
    // Settled by the deal's end while the forecast step itself is on the timeline (reported before this
    // report, or undated): that step is what answered it, and the brief shows it, not the end.
    if (settled && settled.kind !== kinds[0]) {
      const own = timeline.events.find((e) => e.kind === kinds[0] && e.sentence !== sentence);
      if (own) return own;
    }
    // A court case runs through instances: the latest ruling so far answers a challenge, not the first.
    if (settled?.kind === "ruled")
      return timeline.events.findLast((e) => e.kind === "ruled" && e.sentence !== sentence) ?? settled;
    if (settled) return settled;
  }
  return null;
}

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
  const due = passedDeadline(basis, date, timeline, source);
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
  const claimed = cuesOf(basis).some((c) => c.kind === "claim" || /^reportedly$/i.test(c.text));
  const steps = claimed ? eventsIn(basis, source ?? "", date).filter((e) => e.kind !== "deadline") : [];
  for (const step of steps) {
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
