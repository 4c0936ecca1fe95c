// The story's current state and dated timeline as the first page shows them (`brief.state`, `brief.timeline`),
// how a reader sees a date, and which source is the latest.
import type { Brief, SourceRef, StoryState, TimelineEntry } from "../../core/brief/schema.js";

const DAY = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/u;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The story's state, when it has a label to show. */
export function stateOf(brief: Brief): StoryState | null {
  return brief.state && brief.state.label.trim().length > 0 ? brief.state : null;
}

/** The dated developments, oldest first, leaving out any without text. */
export function timelineOf(brief: Brief): TimelineEntry[] {
  return brief.timeline.filter((e) => e.text.trim().length > 0);
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
