// Renders a brief for a terminal: sections, citation markers like [1], and a numbered source list.
import type { Brief } from "../core/brief/schema.js";

export function renderBriefText(brief: Brief): string {
  const number = new Map(brief.sources.map((s, i) => [s.id, i + 1]));
  const cite = (ids: readonly string[]): string => ids.map((id) => `[${number.get(id) ?? "?"}]`).join("");
  const sections: string[][] = [];
  // The story's current state leads: what a reader needs before any detail.
  if (brief.state)
    sections.push([`Now: ${brief.state.label} (${brief.state.date}) ${cite([brief.state.source])}`]);
  // A heading with nothing under it reads as a failure: a section appears only when it has items.
  const section = (heading: string, body: string[]): void => {
    if (body.length > 0) sections.push([heading, ...body]);
  };
  section(
    "Summary",
    brief.summary.map((item) => `  • ${item.text} ${cite(item.sources)}`),
  );
  section(
    "Key figures and dates",
    brief.figures.map((item) => `  • ${item.text} ${cite(item.sources)}`),
  );
  section(
    "Timeline",
    brief.timeline.map((e) => `  • ${e.date}  ${e.text} ${cite([e.source])}`),
  );
  section(
    "Key quotes",
    brief.quotes.map((q) => `  • “${q.text}” — ${q.speaker ?? "unattributed"} ${cite([q.source])}`),
  );
  section(
    "Open questions",
    brief.questions.flatMap((q) => [
      `  • ${q.text} ${cite([q.source, ...q.related.map((r) => r.source)])}`,
      `      rests on: “${q.basis}”`,
    ]),
  );
  section(
    "Sources",
    brief.sources.flatMap((s, i) => {
      const meta = [s.outlet, s.published].filter(Boolean).join(", ");
      return [`  [${i + 1}] ${s.title}${meta ? ` (${meta})` : ""}`, `      ${s.url ?? s.location}`];
    }),
  );
  if (brief.related.length > 0)
    sections.push([
      `Also mentioned in other stories: ${brief.related.map((r) => `${r.label} (${r.sources.length})`).join(", ")}`,
    ]);
  const header = `${brief.label} — brief from ${brief.sources.length} source${brief.sources.length === 1 ? "" : "s"}`;
  return [[header], ...sections].map((lines) => lines.join("\n")).join("\n\n");
}
