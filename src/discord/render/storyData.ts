// The story's current state and dated timeline as the brief carries them (`brief.state`, `brief.timeline`),
// read defensively: a brief without them (older cached data, a front end that builds briefs by hand) renders
// without a status line or timeline rather than failing. Also how a reader sees a date.
import type { Brief, SourceRef } from "../../core/brief/schema.js";

export interface StoryState {
  label: string;
  /** YYYY-MM-DD or YYYY-MM. */
  date: string;
  /** Source id. */
  source: string;
}

export interface TimelineEntry {
  date: string;
  text: string;
  source: string;
  kind: string;
}

const DAY = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/u;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const isString = (v: unknown): v is string => typeof v === "string";

export function stateOf(brief: Brief): StoryState | null {
  const state: unknown = (brief as { state?: unknown }).state;
  if (!isRecord(state) || !isString(state.label) || !isString(state.date) || !isString(state.source))
    return null;
  if (state.label.trim().length === 0) return null;
  return { label: state.label, date: state.date, source: state.source };
}

export function timelineOf(brief: Brief): TimelineEntry[] {
  const timeline: unknown = (brief as { timeline?: unknown }).timeline;
  if (!Array.isArray(timeline)) return [];
  return timeline.flatMap((e: unknown): TimelineEntry[] =>
    isRecord(e) && isString(e.date) && isString(e.text) && isString(e.source) && e.text.trim().length > 0
      ? [{ date: e.date, text: e.text, source: e.source, kind: isString(e.kind) ? e.kind : "" }]
      : [],
  );
}

/** "20 Dec 2023" for 2023-12-20, "Dec 2023" for 2023-12; anything else as it is. */
export function readableDate(date: string): string {
  const m = DAY.exec(date.trim());
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || month === undefined) return date.trim();
  return m[3] === undefined ? `${month} ${m[1]}` : `${Number(m[3])} ${month} ${m[1]}`;
}

/** The most recent dated source that `accept`s (the first listed when none is dated). */
export function latestSource(
  brief: Brief,
  accept: (source: SourceRef, n: number) => boolean = () => true,
): { source: SourceRef; n: number } | undefined {
  let best: { source: SourceRef; n: number } | undefined;
  brief.sources.forEach((source, i) => {
    if (!accept(source, i + 1)) return;
    if (!best) best = { source, n: i + 1 };
    else if (source.published && (!best.source.published || source.published > best.source.published))
      best = { source, n: i + 1 };
  });
  return best;
}

/** An ISO timestamp for a YYYY-MM-DD date, for an embed's timestamp; undefined for anything else. */
export function isoDay(date: string | null | undefined): string | undefined {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/u.test(date)) return undefined;
  const t = Date.parse(`${date}T00:00:00Z`);
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}
