// Finds what is still open in a story: hedged or pending statements, deadlines, claims made by one party,
// and figures on which sources disagree. Each finding keeps the verbatim sentence it rests on.
import { cuesOf, insideQuotation, type Cue } from "./cues.js";
import type { QuestionKind, StoryDocument } from "./types.js";
import { offlineQuestion } from "./questionChoice.js";
import { contentWords, FIRST_PERSON, isComplete, jaccard, wordCount } from "./text.js";
import { choose } from "./pointChoice.js";
import { compareDates, isAfter } from "./dates.js";
import { eventsIn, FINAL_KINDS, type StoryEvent } from "./events.js";
import { actingReviewers, reviewersIn, sameReviewer } from "./reviewers.js";
import { ABOUT_COURSE, settlement, type Settlement } from "./settlement.js";
import { stateLabel, type StoryTimeline } from "./timeline.js";

export interface OpenPoint {
  kind: QuestionKind;
  basis: string;
  source: string;
  /** The words that make it open ("subject to", "by September 15", "claimed"). */
  cue: string;
  related: Array<{ source: string; sentence: string }>;
  score: number;
  /** The question (or "Pending: …" line) from the kernel's templates, filled with the basis's own spans. */
  text: string;
}

type Found = Omit<OpenPoint, "text">;

/** A point that was open when its source wrote it and that a later event of the story settled. */
export interface SettledPoint {
  kind: QuestionKind;
  /** The verbatim sentence that left it open. */
  basis: string;
  source: string;
  cue: string;
  /** What settled it, reported later by another source: the story's end, the step itself taken. */
  by: { label: string; date: string; source: string };
  score: number;
}

/** A sentence whose subject is the story's deal ("The deal needs approval in …"). */
const THE_DEAL = /^\s*The\s+(?:proposed\s+)?(?:deal|merger|acquisition|takeover|transaction|purchase)\b/u;

/** Most settled points a brief shows: what was uncertain and how it ended, not the story again. */
const MAX_SETTLED = 4;
/** A stand-in report date, only to ask whether an undated sentence reports a step at all. */
const UNDATED = "9999-12-31";
/** Most settled points one event settles: the end of a deal answers everything; two say how much was open. */
const MAX_SETTLED_PER_EVENT = 2;

const PERCENT = /(\d+(?:\.\d+)?)\s?(?:%|per ?cent|percent)/gi;
const AMOUNT = /\$\s?(\d+(?:\.\d+)?)\s?(billion|million|bn|m)\b/gi;

/** A percentage or an amount: what `disagreements` compares. */
const FIGURE = /\d\s?(?:%|per ?cent|percent)|\$\s?\d/iu;

const MAX_FIGURE_SENTENCES = 40;
/** Most open points of one kind in a brief. */
const MAX_PER_KIND = 5;

function figures(sentence: string, pattern: RegExp): number[] {
  return [...sentence.matchAll(new RegExp(pattern.source, pattern.flags))].map((m) => Number(m[1]));
}

interface Sentence {
  text: string;
  source: string;
  names: Set<string>;
  hasTopic: boolean;
  words: Set<string>;
}

function sentencesOf(story: StoryDocument[], keys: ReadonlySet<string>): Sentence[] {
  const out: Sentence[] = [];
  for (const { analyzed } of story) {
    for (const s of analyzed.sentences) {
      const text = analyzed.doc.raw.slice(s.start, s.end);
      if (!isComplete(text) || wordCount(text) < 6 || wordCount(text) > 70) continue;
      const names = new Set(s.mentions.map((m) => m.key));
      out.push({
        text,
        source: analyzed.doc.id,
        names,
        hasTopic: [...names].some((k) => keys.has(k)),
        words: contentWords(text),
      });
    }
  }
  return out;
}

/** Two sources give different figures for the same parties, and the figures are not parts of one whole. */
function disagreements(sentences: Sentence[]): Found[] {
  const out: Found[] = [];
  for (const pattern of [PERCENT, AMOUNT]) {
    // Sentences come in story order (most salient documents first); comparing the first few dozen is
    // enough to surface a disagreement and keeps the pairwise check cheap on big stories.
    const withFigures = sentences
      .filter((s) => s.hasTopic)
      .map((s) => ({ s, values: figures(s.text, pattern) }))
      .filter((x) => x.values.length > 0)
      .slice(0, MAX_FIGURE_SENTENCES);
    for (let i = 0; i < withFigures.length; i++) {
      for (let j = i + 1; j < withFigures.length; j++) {
        const a = withFigures[i];
        const b = withFigures[j];
        if (!a || !b || a.s.source === b.s.source) continue;
        const sharedNames = [...a.s.names].filter((n) => b.s.names.has(n));
        if (sharedNames.length < 2 || jaccard(a.s.words, b.s.words) < 0.12) continue;
        const sum = (v: number[]): number => v.reduce((x, y) => x + y, 0);
        const overlap = a.values.some((v) => b.values.includes(v));
        const partsOfWhole =
          Math.abs(sum(a.values) - sum(b.values)) < 1e-9 ||
          a.values.some((v) => Math.abs(v - sum(b.values)) < 1e-9) ||
          b.values.some((v) => Math.abs(v - sum(a.values)) < 1e-9);
        if (overlap || partsOfWhole) continue;
        out.push({
          kind: "contradiction",
          basis: a.s.text,
          source: a.s.source,
          cue: "figures differ",
          related: [{ source: b.s.source, sentence: b.s.text }],
          score: 3.2,
        });
      }
    }
  }
  return out;
}

/** Every word of the shorter question is in the longer one: it asks the same thing, less precisely. */
export function findOpenPoints(
  story: StoryDocument[],
  keys: ReadonlySet<string>,
  max = 8,
  timeline?: StoryTimeline,
): OpenPoint[] {
  return findStoryPoints(story, keys, max, timeline).open;
}

/**
 * The story's open points, and the points its sources once left open that a later event settled (a point a
 * later-dated source answers is not open any more; it is shown with what answered it).
 */
export function findStoryPoints(
  story: StoryDocument[],
  keys: ReadonlySet<string>,
  max = 8,
  timeline?: StoryTimeline,
): { open: OpenPoint[]; settled: SettledPoint[] } {
  // Only sentences that can raise a point (a cue, or a figure another source may contradict) are checked:
  // the check reads each for dated events.
  const cues = new Map<string, Cue[]>();
  const settledFound: SettledPoint[] = [];
  const sentences = sentencesOf(story, keys).filter((s) => {
    const found = cuesOf(s.text);
    if (found.length === 0 && !FIGURE.test(s.text)) return false;
    cues.set(s.text, found);
    const settled = timeline && settlement(s.text, timeline.dates.get(s.source) ?? null, timeline, s.source);
    if (!settled) return true;
    const point = timeline && settledPoint(s, found, settled, timeline);
    if (point) settledFound.push(point);
    return false;
  });
  // What the latest reports leave open matters more than what an undated or older one did.
  const latest = timeline
    ? [...timeline.dates.values()]
        .filter((d): d is string => d !== null)
        .sort()
        .at(-1)
    : undefined;
  const recency = (source: string): number => {
    const date = timeline?.dates.get(source);
    if (!timeline?.state || !latest) return 0;
    return !date ? -0.3 : date.slice(0, 7) === latest.slice(0, 7) ? 0.6 : 0;
  };
  const found: OpenPoint[] = [];
  for (const d of disagreements(sentences)) {
    const text = offlineQuestion(d);
    if (text) found.push({ ...d, text });
  }
  for (const s of sentences) {
    // The strongest cue that gives a clean question; a sentence with none is left out.
    for (const cue of byStrength(cues.get(s.text) ?? [])) {
      const candidate: Found = {
        kind: cue.kind,
        basis: s.text,
        source: s.source,
        cue: cue.text,
        related: [],
        score: cue.weight + (s.hasTopic ? 1 : 0) + Math.min(s.names.size, 3) * 0.3 + recency(s.source),
      };
      const text = offlineQuestion(candidate);
      if (!text || possessiveOfSpeaker(text, s.text)) continue;
      found.push({ ...candidate, text });
      break;
    }
  }
  const open = choose(found, max, MAX_PER_KIND);
  const perEvent = new Map<string, number>();
  const settled = choose(settledFound, settledFound.length, MAX_SETTLED, open)
    .filter((p) => {
      const event = `${p.by.source}\u0000${p.by.label}\u0000${p.by.date}`;
      const count = perEvent.get(event) ?? 0;
      perEvent.set(event, count + 1);
      return count < MAX_SETTLED_PER_EVENT;
    })
    .slice(0, MAX_SETTLED)
    .sort((a, b) => compareDates(a.by.date, b.by.date));
  return { open, settled };
}

/**
 * The settled point a sentence shows, or null. Only when one later event says how, the point is about the
 * story's course (a bare forecast must name a step of the deal), it is the reporter's own words (a speaker's
 * forecast is a quote, not a step), and it is no figure dispute or deadline.
 */
function settledPoint(
  s: Sentence,
  found: Cue[],
  settled: Settlement,
  timeline: StoryTimeline,
): SettledPoint | null {
  const cue = strongest(found);
  const date = timeline.dates.get(s.source) ?? null;
  const clear = settled.how === "reviews" ? allClearFor(s, date, timeline) : null;
  const by = clear ?? settled.by;
  if (
    !by ||
    !cue ||
    // Settled by a later report: another source, dated after this one when this one is dated. A passed
    // deadline is left out (the report after it need not mention it, so it cannot be cited for it), and so
    // is a reviewer's doubt beside another reviewer's decision; the deal's end settles both.
    by.source === s.source ||
    (date !== null && !isAfter(by.date, date)) ||
    settled.how === "deadline" ||
    (settled.how === "harm" && !FINAL_KINDS.has(by.kind) && !sameReviewer(s.text, by)) ||
    // The last clearance ended every review, but shown beside one reviewer's review it reads as that
    // reviewer's decision: only the same reviewer's.
    (settled.how === "reviews" && !clear && !sameReviewer(s.text, by)) ||
    // (A review the all-clear report names is the story's, whoever the sentence names.)
    (!aboutStory(s, timeline) && !clear) ||
    // A date in the past tense ("was not notified until June") is background; a future one is a deadline.
    cue.kind === "contradiction" ||
    cue.kind === "deadline" ||
    (cue.kind === "hedge" && !ABOUT_COURSE.test(s.text)) ||
    // A speaker's own forecast is a quote, not a step the story left open; a reviewer's quoted doubt (a
    // concern, a provisional finding) is the reviewer's position, which its decision or the deal's end settled.
    (!(settled.how === "harm" && reviewerSpeaks(s.text, timeline)) &&
      (/^\s*["“‘']/u.test(s.text) ||
        FIRST_PERSON.test(s.text.trimStart()) ||
        insideQuotation(s.text, cue.index))) ||
    // A provisional step named as what came before the news ("approval came after the provisional report").
    /\b(?:following|after)\s+(?:\S+\s+){0,3}$/iu.test(s.text.slice(0, cue.index)) ||
    // A sentence that reports a step itself ("opened an investigation over concerns it would …") is on
    // the timeline already, or would be if its report were dated (hence a stand-in date when it is not). A
    // provisional finding is a step that leaves the decision open, unless the timeline shows it as a step.
    timeline.events.some((e) => e.sentence === s.text.trim()) ||
    eventsIn(s.text, s.source, date ?? UNDATED).some((e) => e.kind !== "deadline" && e.kind !== "provisional")
  )
    return null;
  return {
    kind: cue.kind,
    basis: s.text,
    source: s.source,
    cue: cue.text,
    by: { label: stateLabel(by), date: by.date, source: by.source },
    score: settledScore(s, cue, settled),
  };
}

/** How a settled review reads beside the report that said no review was left. */
const REVIEWS_OVER = "No review left";

/**
 * The later report that says no review is left where this point's reviewer acts ("no legal impediment to
 * closing in the US" beside "the FTC in the US is investigating"): it settles that review in its own words.
 */
function allClearFor(s: Sentence, date: string | null, timeline: StoryTimeline): StoryEvent | null {
  const named = reviewersIn(s.text);
  const report = timeline.allClear?.find(
    (a) =>
      a.source !== s.source &&
      (date === null || isAfter(a.date, date)) &&
      [...reviewersIn(a.sentence)].some((r) => named.has(r)),
  );
  return report
    ? {
        kind: "cleared",
        label: REVIEWS_OVER,
        date: report.date,
        ownDate: false,
        sentence: report.sentence,
        cue: "",
        source: report.source,
      }
    : null;
}

/**
 * About the story: it names one of its central names, its subject is the deal itself, or it names a
 * reviewer who acts in one of the story's events ("The decision from the regulator is provisional").
 */
function aboutStory(
  s: Pick<Sentence, "hasTopic" | "text">,
  timeline: StoryTimeline,
  reviewersOnly = false,
): boolean {
  if (!reviewersOnly && (s.hasTopic || THE_DEAL.test(s.text))) return true;
  const named = reviewersIn(s.text);
  return timeline.events.some((e) => [...actingReviewers(e)].some((r) => named.has(r)));
}

/** The sentence names a reviewer of the story, and no one in it speaks in the first person. */
function reviewerSpeaks(text: string, timeline: StoryTimeline): boolean {
  return !/\b(?:we|our|us)\b|\bI\b/iu.test(text) && aboutStory({ hasTopic: false, text }, timeline, true);
}

/**
 * What a reader most wants to see settled: a pending step or a forecast of the deal's course before a
 * reviewer's doubt, and both before a bare "will" that only restates the deal's terms.
 */
function settledScore(s: Sentence, cue: Cue, settled: Settlement): number {
  const course = ABOUT_COURSE.test(s.text.slice(cue.index)) ? 0.5 : 0;
  const bare = cue.kind === "hedge" && /^will$/iu.test(cue.text) ? -1 : 0;
  const doubt = settled.how === "harm" ? -0.3 : 0;
  return cue.weight + course + bare + doubt + Math.min(s.names.size, 3) * 0.3;
}

/** "X added that Y will become its unit": a frame whose speaker the question leaves out. */
const REPORTING_FRAME =
  /\b((?:\p{Lu}[\p{L}\p{N}&.-]*\s+){0,3}\p{Lu}[\p{L}\p{N}&.-]*)\s+(?:said|says|added|adds|stated|noted|maintained|argued|claimed|insisted|announced)\s+(?:on\s+\p{Lu}\p{L}+\s+)?that\s/u;

/**
 * A question built from a reported clause whose possessive ("its", "their", "his", "her") may point at the
 * speaker the question leaves out: "X added that Y will become its unit" asks nothing clear as "Will Y
 * become its unit?".
 */
function possessiveOfSpeaker(question: string, basis: string): boolean {
  if (!/\b(?:its|their|his|her)\b/iu.test(question)) return false;
  const frame = REPORTING_FRAME.exec(basis);
  return frame?.[1] !== undefined && !question.includes(frame[1]);
}

function byStrength(cues: Cue[]): Cue[] {
  return [...cues].sort((a, b) => b.weight - a.weight || a.index - b.index);
}

function strongest(cues: Cue[]): Cue | undefined {
  return byStrength(cues)[0];
}
