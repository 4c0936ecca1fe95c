// The brief as plain data: what every front end (CLI, Discord, JSON) renders. No Discord types here.
import { z } from "zod";
import { QUESTION_KINDS } from "../story/types.js";

export const SourceRef = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  published: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  outlet: z.string().nullable(),
  /** The file's path relative to its seeds folder, or the URL it came from. */
  location: z.string(),
});

export const Evidence = z.object({ source: z.string(), sentence: z.string() });

export const PhrasedBy = z.enum(["template", "llm"]);

export const SummaryItem = z.object({
  id: z.string(),
  text: z.string(),
  sources: z.array(z.string()).min(1),
  /** The verbatim sentences the bullet rests on, one per source. */
  evidence: z.array(Evidence).min(1),
  phrasedBy: PhrasedBy,
  /**
   * The date (ISO, day or month) the first sentence means by "on Tuesday" or "earlier this week", worked
   * out from its source's date; shown before the bullet so it reads on its own. Absent when the text needs none.
   */
  date: z.string().optional(),
  /**
   * The story's end (its state: abandoned, blocked) that came after the bullet's source while the bullet
   * still tells of the deal as to come; shown before it ("Before: Terminated, 2022-02-08") so no reader
   * takes a plan the end overtook for the current state.
   */
  before: z.object({ label: z.string(), date: z.string().nullable() }).optional(),
});

export const QuoteItem = z.object({
  /** Verbatim from the source, without its quotation marks. */
  text: z.string(),
  speaker: z.string().nullable(),
  source: z.string(),
  /** Other documents that carry the same words; `source` is the one shown first. */
  otherSources: z.array(z.string()).default([]),
});

export const QuestionKind = z.enum(QUESTION_KINDS);

export const QuestionItem = z.object({
  id: z.string(),
  /** A question ("Will the regulator block the deal?") or a plain open point ("Pending: …"). */
  text: z.string().regex(/\?$|^Pending: /),
  kind: QuestionKind,
  /** The words that make it open ("subject to", "by September 15"). */
  cue: z.string().optional(),
  /** The verbatim source sentence the question rests on. */
  basis: z.string(),
  source: z.string(),
  /** For a contradiction: the other side's sentence. */
  related: z.array(Evidence),
  phrasedBy: PhrasedBy,
  /** The date the basis means by "on Wednesday" or "this week", from its source's date, as for a bullet. */
  date: z.string().optional(),
});

/**
 * A point a source once left open ("is expected to block", "still needs China's approval") that a later event
 * of the story settled, shown with that event: what was uncertain and how it ended. Never phrased by an LLM.
 */
export const SettledItem = z.object({
  id: z.string(),
  kind: QuestionKind,
  /** The verbatim sentence that left it open. */
  basis: z.string(),
  /** The words that made it open. */
  cue: z.string(),
  source: z.string(),
  /** The date the basis means by "on Wednesday", as for a question. */
  date: z.string().optional(),
  /** The event that settled it: its state label, date and source. */
  by: z.object({ label: z.string(), date: z.string(), source: z.string() }),
});

/** The story's current state: its latest dated event ("Abandoned", "Cleared with conditions", "Sued"). */
export const StoryState = z.object({
  label: z.string(),
  /** ISO "YYYY-MM-DD", or "YYYY-MM" when the sources give only the month. */
  date: z.string(),
  /** The id of the source that reports it. */
  source: z.string(),
});

/** One dated step of the story, oldest first in a brief. */
export const TimelineEntry = z.object({
  /** ISO "YYYY-MM-DD", or "YYYY-MM" when the sources give only the month. */
  date: z.string(),
  /** A short line taken from the evidence sentence. */
  text: z.string(),
  source: z.string(),
  /** The kind of event ("agreed", "sued", "investigation", "cleared", "blocked", "abandoned", …). */
  kind: z.string(),
});

export const Brief = z.object({
  topic: z.string(),
  /** The latest dated event of the story, or null when nothing in its documents can be dated. */
  state: StoryState.nullable(),
  /** The story's dated events, oldest first; empty when nothing can be dated. */
  timeline: z.array(TimelineEntry),
  /** How the topic is written in the documents ("Globex" for "glo bex"). */
  label: z.string(),
  summary: z.array(SummaryItem),
  /** Figures and dates the summary left out (stakes, amounts, deadlines), each cited like a bullet. */
  figures: z.array(SummaryItem),
  quotes: z.array(QuoteItem),
  questions: z.array(QuestionItem),
  /** Points earlier sources left open that later ones settled, ordered by when they were settled. */
  settled: z.array(SettledItem),
  sources: z.array(SourceRef),
  /** Other stories that mention the topic but are about something else. */
  related: z.array(z.object({ label: z.string(), sources: z.array(z.string()) })),
});

export type Brief = z.infer<typeof Brief>;
export type SourceRef = z.infer<typeof SourceRef>;
export type SummaryItem = z.infer<typeof SummaryItem>;
export type QuoteItem = z.infer<typeof QuoteItem>;
export type QuestionItem = z.infer<typeof QuestionItem>;
export type SettledItem = z.infer<typeof SettledItem>;
export type QuestionKind = z.infer<typeof QuestionKind>;
export type Evidence = z.infer<typeof Evidence>;
export type StoryState = z.infer<typeof StoryState>;
export type TimelineEntry = z.infer<typeof TimelineEntry>;
