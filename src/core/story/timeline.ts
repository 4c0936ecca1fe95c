// The story's time axis: its documents' dated events merged into one timeline (oldest first), the current
// state (the latest event that has happened), and a statement overtaken by a later source (settlement.ts
// says whether a later source answers an open point). Brief and digest both read this.
import { secondHand } from "./cues.js";
import { documentDate, isAfter } from "./dates.js";
import { eventsIn, FINAL_KINDS, type EventKind, type StoryEvent } from "./events.js";
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
  /** The dated reports that say no review is left ("no legal impediment to closing in the US"). */
  allClear?: ReadonlyArray<{ sentence: string; date: string; source: string }>;
  /** Each report's target dates: sentences where someone plans a step by a given day, by document id. */
  targets?: ReadonlyMap<string, readonly string[]>;
}

/** Someone aims at a step by a given day: "hopes to finish the talks by September 15", "will … no later than". */
const TARGET =
  /\b(?:hop(?:es|ing) to|aims? to|aiming to|wants? to|plans? to|intends? to|(?:is|are) looking to|expects? to|will)\b[^;]{0,200}?\b(?:by|no later than|before)\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\p{L}*\.?\s+\d/u;

/** A report saying no review is left: the last hurdle cleared, no impediment remaining. */
const ALL_CLEAR =
  /\b(?:(?:last|final|remaining)\s+(?:regulatory\s+)?(?:hurdle|obstacle|approval)|no\s+(?:legal\s+|regulatory\s+|further\s+)?(?:impediment|obstacle|hurdle)s?|all\s+(?:the\s+)?(?:required\s+|necessary\s+|regulatory\s+)+approvals)\b/iu;

/** The pending cues that name a clearance's conditions, not a review still to come. */
export const CONDITION = /^(?:conditional|on condition|if the conditions|subject to|reserves?)/iu;

/** A pending point about a review: an investigation under way, an approval awaited. */
export const REVIEW_PENDING =
  /\b(?:investigat\w*|review\w*|approv\w*|clearance|scrutin\w*|probe|inquiry)\b/iu;

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
      // One report's "by September" and "no later than September 15" set one deadline.
      ((kindA === "deadline" && a.source === b.source) ||
        jaccard(contentWords(a.sentence), contentWords(b.sentence)) >= 0.5)
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
  const allClear: Array<{ sentence: string; date: string; source: string }> = [];
  const targets = new Map<string, string[]>();
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
      if (docDate && ALL_CLEAR.test(text)) allClear.push({ sentence: text, date: docDate, source: doc.id });
      if (TARGET.test(text)) targets.set(doc.id, [...(targets.get(doc.id) ?? []), text]);
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
      let kept = events[twin];
      if (!kept) continue;
      // A step one outlet has from unnamed sources is confirmed when another outlet states it plainly (the
      // same outlet's headline rests on the same sources).
      const plain =
        kept.confirmedBy ?? (e.source !== kept.source && !secondHand(e.sentence) ? e.sentence : undefined);
      // Prefer the earliest date of one event (reports follow it) and a complete sentence to show; a
      // deadline keeps its day over its month.
      if (!kept.ownDate && !e.ownDate && e.date < kept.date) kept = e;
      if (e.kind === "deadline" && e.date.length > kept.date.length && e.date.startsWith(kept.date)) kept = e;
      events[twin] =
        plain !== undefined && plain !== kept.sentence && secondHand(kept.sentence)
          ? { ...kept, confirmedBy: plain }
          : kept;
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
    allClear.some((a) => !isAfter(state.date, a.date))
      ? state
      : null;
  return { events, state, dates, reviewsDone, allClear, targets };
}

/**
 * The state's label as the brief shows it: "(unconfirmed)" after it when only unnamed sources or a
 * "reportedly" stand behind the step ("has taken control, two people familiar said"); its question asks
 * whether it is confirmed, and the status line must not say more than that.
 */
export function stateLabel(event: StoryEvent): string {
  return secondHand(event.sentence) && event.confirmedBy === undefined
    ? `${event.label} (unconfirmed)`
    : event.label;
}

/** A timeline line: the event's sentence without its dateline, cut after the clause that names the event. */
export function timelineText(event: StoryEvent, maxWords = 24): string {
  // "It continued: “…”" leans on the sentence before it; the words quoted stand alone.
  let text = event.sentence
    .trim()
    .replace(DATELINE, "")
    .replace(/^(?:It|He|She|They)\s+(?:\p{Ll}+ly\s+)?(?:continued|added|said|wrote|stated)\s*:\s*/u, "");
  const at = text.indexOf(event.cue);
  const from = at < 0 ? 0 : at + event.cue.length;
  // A second step joined by "and" is its own entry; a long sentence keeps only the event's clause.
  const stop = (
    wordCount(text) > maxWords ? /[,;:—–]\s|\s[-–—]\s|\sand\s/u : /;\s|\sand\s(?=\p{Ll}+ed\b)/u
  ).exec(text.slice(from));
  if (stop && wordCount(text.slice(from + stop.index)) >= 4) text = `${text.slice(0, from + stop.index)} …`;
  // The second of two steps one subject took ("X opened a probe in August and sent objections last month"):
  // the subject, then this step's clause, so the line does not open with the other step's date.
  const and = at > 0 ? /\sand\s+((?:\p{Ll}+\s+){0,3})$/u.exec(text.slice(0, at)) : null;
  const joined = and ? FIRST_VERB.exec(text.slice(0, and.index)) : null;
  if (and && joined && wordCount(text.slice(0, joined.index)) <= 12)
    text = `${text.slice(0, joined.index).replace(/,\s*$/u, "")} … ${text.slice(at - (and[1]?.length ?? 0))}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The first verb of a news sentence's predicate: a past tense after its subject ("…, the EU's executive, opened"). */
const FIRST_VERB =
  /\s(?=(?:\p{Ll}+ed|sent|won|took|made|gave|began|said|sued|set|cut|hit|put|sold|bought|struck|filed)\s)/u;

/**
 * The step a sentence says is still to come: "will open an investigation", "is expected to block", "is
 * expected to take 18 months to close".
 */
const FUTURE_STEP: ReadonlyArray<readonly [RegExp, readonly EventKind[]]> = [
  [/\b(?:open|launch)\s+(?:an?\s+|its\s+)?(?:\S+\s+)?(?:investigation|probe|inquiry)\b/iu, ["investigation"]],
  [/\bblock\b|\bbe blocked\b/iu, ["blocked", "cleared"]],
  [/\b(?:approve|clear|rule on|become final)\b/iu, ["cleared", "blocked", "ruled"]],
  [/\b(?:sue|challenge|contest)\b/iu, ["sued", "ruled"]],
  [/\b(?:close|complete|acquire|buy|purchase|merge|take over)\b/iu, ["completed"]],
  // A ban a law or ruling could bring: the courts' later ruling on it answers whether it stands.
  [/\bbe(?:ing)?\s+banned\b/iu, ["ruled"]],
];

const FUTURE_STEP_ALL = FUTURE_STEP.map(([verb, kinds]) => [new RegExp(verb.source, "giu"), kinds] as const);

const FUTURE_MARK =
  /\b(?:(?:will|would|could|may|might|is expected to|are expected to|is set to|are set to|is poised to|plans? to|intends? to|aims? to|is likely to|is due to)\s+(?:\w+\s+){0,2}|(?:could|would|may|might|will)\s+(?:result\s+in|lead\s+to)\s+(?:\S+\s+){1,3}|(?:will|is expected to|are expected to|could|may)\s+take\s+(?:\S+\s+){1,3}to\s+)$/iu;

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
  // An undated "has bought X" or "is expected to close" in a story that ended without the purchase: nothing
  // places it before the end, and shown beside "Abandoned" it reads as the deal done or still to come.
  const ended = timeline.state?.kind === "abandoned" || timeline.state?.kind === "blocked";
  const completes = (): boolean => [...forecastSteps(sentence)].some((kinds) => kinds[0] === "completed");
  if (!date && ended && (DONE_DEAL.test(sentence) || completes())) return true;
  return overtakingEvent(sentence, date, timeline, source) !== null;
}

/**
 * A term of the deal told as to come, in the writer's own words (quotations blanked): who will pay, issue,
 * receive, keep or own what. Other futures ("would stifle competition", "a decision will be made") judge or
 * schedule; they stay true of the deal that was proposed, whatever ended it.
 */
const DEAL_TERM_FUTURE =
  /\b(?:will|would|shall)\s+(?:\p{Ll}+ly\s+)?(?:pay|issue|receive|get|keep|retain|stay|own|hold|acquire|buy|sell|take over|merge|fund|finance|become part)\b/u;

/**
 * The end that came after what an undated or earlier bullet still tells as to come ("the buyer will pay …" in a
 * story that ended without the purchase), or null. The bullet stays — its figures are the deal's terms — but
 * shows it was written before that end.
 */
export function writtenBeforeEnd(
  sentence: string,
  date: string | null,
  timeline: StoryTimeline,
): StoryEvent | null {
  const end = timeline.state;
  if (!end || (end.kind !== "abandoned" && end.kind !== "blocked") || end.sentence === sentence) return null;
  if (date && end.date && !isAfter(end.date, date)) return null;
  const own = sentence.replace(/[“"][^”"]*[”"]/gu, (q) => " ".repeat(q.length));
  return DEAL_TERM_FUTURE.test(own) ? end : null;
}

/** A purchase stated as done, in the present perfect ("has purchased", "have completed the merger"). */
const DONE_DEAL =
  /\b(?:has|have)\s+(?:now\s+|officially\s+)?(?:purchased|bought|acquired|completed|closed)\b/iu;

/** The kinds of each step a sentence forecasts ("will open an investigation"), the step's own kind first. */
function* forecastSteps(sentence: string): Generator<readonly EventKind[]> {
  // Every place the verb stands: the first may be a noun ("The purchase is expected to … close").
  for (const [verb, kinds] of FUTURE_STEP_ALL)
    for (const match of sentence.matchAll(verb))
      if (FUTURE_MARK.test(sentence.slice(Math.max(0, match.index - 50), match.index))) {
        yield kinds;
        break;
      }
}

/** The event of the very step a sentence forecasts, when the timeline has it. */
export function forecastStepTaken(sentence: string, timeline: StoryTimeline): StoryEvent | null {
  for (const kinds of forecastSteps(sentence)) {
    const own = timeline.events.find((e) => e.kind === kinds[0] && e.sentence !== sentence);
    if (own) return own;
  }
  return null;
}

/** The event that settles the step a sentence announces (see `overtaken`), or null. */
export function overtakingEvent(
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
