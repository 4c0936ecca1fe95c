// Issue 10's time-axis checks on a brief: a dated story has a current state and a timeline (oldest
// first, citing its own sources); no open question rests on a source older than the story's end; every
// key figure carries a number or a date. Read by the gold evaluation and its tests.
import type { Brief } from "../../src/core/brief/schema.js";
import { FINAL_KINDS, type EventKind } from "../../src/core/story/events.js";

export interface TimeAxisReport {
  /** Some source of the brief is dated. */
  dated: boolean;
  hasState: boolean;
  timelineEntries: number;
  /** Timeline problems: out of order, or citing a source the brief does not list. */
  timelineProblems: string[];
  /** Questions whose source is older than the story's end (or undated) while the story has ended. */
  staleQuestions: string[];
  /** Key figures with neither an amount, a percentage, a count nor a date. */
  figuresWithoutNumber: string[];
}

const NUMBER_OR_DATE =
  /\d|\b(?:Jan(?:uary)?|Feb(?:ruary)?|March|April|May|June|July|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million|billion)\b/iu;

export function timeAxisReport(brief: Brief): TimeAxisReport {
  const published = new Map(brief.sources.map((s) => [s.id, s.published]));
  const timelineProblems: string[] = [];
  brief.timeline.forEach((e, i) => {
    const previous = brief.timeline[i - 1];
    if (previous && previous.date.slice(0, e.date.length) > e.date)
      timelineProblems.push(`out of order: ${e.date}`);
    if (!published.has(e.source)) timelineProblems.push(`unknown source: ${e.text.slice(0, 50)}`);
  });
  const state = brief.state;
  const ended =
    state !== null &&
    brief.timeline.some(
      (e) => e.source === state.source && e.date === state.date && FINAL_KINDS.has(e.kind as EventKind),
    );
  const staleQuestions = ended
    ? brief.questions
        .filter((q) => {
          const date = published.get(q.source);
          return !date || date.slice(0, state.date.length) < state.date.slice(0, date.length);
        })
        .map((q) => q.text.slice(0, 80))
    : [];
  return {
    dated: brief.sources.some((s) => s.published !== null),
    hasState: state !== null,
    timelineEntries: brief.timeline.length,
    timelineProblems,
    staleQuestions,
    figuresWithoutNumber: brief.figures
      .filter((f) => !NUMBER_OR_DATE.test(f.text))
      .map((f) => f.text.slice(0, 80)),
  };
}
