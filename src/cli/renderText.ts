// Renders a brief for a terminal: sections, citation markers like [1], and a numbered source list.
import type { Brief } from "../core/brief/schema.js";

export function renderBriefText(brief: Brief): string {
  const number = new Map(brief.sources.map((s, i) => [s.id, i + 1]));
  const cite = (ids: readonly string[]): string => ids.map((id) => `[${number.get(id) ?? "?"}]`).join("");
  const lines: string[] = [];
  lines.push(
    `${brief.label} — brief from ${brief.sources.length} source${brief.sources.length === 1 ? "" : "s"}`,
    "",
  );
  // The story's current state leads: what a reader needs before any detail.
  if (brief.state)
    lines.push(`Now: ${brief.state.label} (${brief.state.date}) ${cite([brief.state.source])}`, "");
  lines.push("Summary");
  for (const item of brief.summary) lines.push(`  • ${item.text} ${cite(item.sources)}`);
  if (brief.figures.length > 0) {
    lines.push("", "Key figures and dates");
    for (const item of brief.figures) lines.push(`  • ${item.text} ${cite(item.sources)}`);
  }
  if (brief.timeline.length > 0) {
    lines.push("", "Timeline");
    for (const e of brief.timeline) lines.push(`  • ${e.date}  ${e.text} ${cite([e.source])}`);
  }
  if (brief.quotes.length > 0) {
    lines.push("", "Key quotes");
    for (const q of brief.quotes)
      lines.push(`  • “${q.text}” — ${q.speaker ?? "unattributed"} ${cite([q.source])}`);
  }
  if (brief.questions.length > 0) {
    lines.push("", "Open questions");
    for (const q of brief.questions) {
      lines.push(`  • ${q.text} ${cite([q.source, ...q.related.map((r) => r.source)])}`);
      lines.push(`      rests on: “${q.basis}”`);
    }
  }
  lines.push("", "Sources");
  brief.sources.forEach((s, i) => {
    const meta = [s.outlet, s.published].filter(Boolean).join(", ");
    lines.push(`  [${i + 1}] ${s.title}${meta ? ` (${meta})` : ""}`);
    lines.push(`      ${s.url ?? s.location}`);
  });
  if (brief.related.length > 0) {
    lines.push(
      "",
      `Also mentioned in other stories: ${brief.related.map((r) => `${r.label} (${r.sources.length})`).join(", ")}`,
    );
  }
  return lines.join("\n");
}
