// Renders briefs and digests for a terminal: sections, citation markers like [1], and a numbered source
// list. Which number a source has comes from the core's numbering (the same as in Discord); only the plain
// text form is decided here.
import { citationOf, sourceNumbers } from "../core/brief/citations.js";
import type { Brief, SourceRef } from "../core/brief/schema.js";
import { quoteMarks } from "../core/story/text.js";
import type { Digest } from "../core/digest/types.js";

type Cite = (ids: readonly string[]) => string;

/** `[1][3]` for the ids, each source once; `[?]` after them when an id is not among the sources. */
function citer(sources: readonly SourceRef[]): Cite {
  const numberOf = sourceNumbers(sources);
  return (ids) => {
    const { numbers, unknown } = citationOf(numberOf, ids);
    return numbers.map((n) => `[${n}]`).join("") + (unknown ? "[?]" : "");
  };
}

/** `  [n] Title (outlet, date)` and the address under it, for each source. */
function sourceLines(sources: readonly SourceRef[]): string[] {
  return sources.flatMap((s, i) => {
    const meta = [s.outlet, s.published].filter(Boolean).join(", ");
    return [`  [${i + 1}] ${s.title}${meta ? ` (${meta})` : ""}`, `      ${s.url ?? s.location}`];
  });
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function renderBriefText(brief: Brief): string {
  const cite = citer(brief.sources);
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
    brief.summary.map((item) => `  • ${dated(item)} ${cite(item.sources)}`),
  );
  section(
    "Key figures and dates",
    brief.figures.map((item) => `  • ${dated(item)} ${cite(item.sources)}`),
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
      `  • ${dated(q)} ${cite([q.source, ...q.related.map((r) => r.source)])}`,
      `      rests on: ${quoted(q.basis)}`,
    ]),
  );
  // What earlier reports left open and the later event that settled it, both cited.
  section(
    "Settled since",
    brief.settled.map(
      (p) =>
        `  • ${dated({ text: quoted(p.basis), date: p.date })} ${cite([p.source])}\n      → ${p.by.label} (${p.by.date}) ${cite([p.by.source])}`,
    ),
  );
  section("Sources", sourceLines(brief.sources));
  if (brief.related.length > 0)
    sections.push([
      `Also mentioned in other stories: ${brief.related.map((r) => `${r.label} (${r.sources.length})`).join(", ")}`,
    ]);
  const header = `${brief.label} — brief from ${plural(brief.sources.length, "source")}`;
  return [[header], ...sections].map((lines) => lines.join("\n")).join("\n\n");
}

const stamp = (ms: number): string => new Date(ms).toISOString().replace(/:\d{2}\.\d{3}Z$/, "Z");

const CHANGE_LABELS = { development: "New:", "new-question": "New question:", answered: "" } as const;

/** Each story with its bullets, quote and what changed, then the digest's numbered sources. */
export function renderDigestText(digest: Digest): string {
  const cite = citer(digest.sources);
  const window = `${stamp(digest.since)} to ${stamp(digest.until)}`;
  if (digest.empty) return `Nothing new: no documents were added ${window}.`;
  const newDocuments = digest.stories.reduce((sum, s) => sum + s.newDocuments, 0);
  const lines = [
    `Digest of documents added ${window} — ${plural(digest.stories.length, "story", "stories")} from ${plural(newDocuments, "new document")}`,
  ];
  digest.stories.forEach((story, i) => {
    lines.push("", `${i + 1}. ${story.headline} (${plural(story.newDocuments, "new document")})`);
    for (const b of story.bullets) lines.push(`   • ${b.text} ${cite(b.sources)}`);
    if (story.quote)
      lines.push(
        `   “${story.quote.text}” — ${story.quote.speaker ?? "unattributed"} ${cite([story.quote.source])}`,
      );
    if (story.changes.length > 0) {
      lines.push("   What changed:");
      for (const c of story.changes) {
        const label = CHANGE_LABELS[c.kind];
        const step = c.date ? `(${[c.label, c.date].filter(Boolean).join(", ")}) ` : "";
        lines.push(`     + ${label ? `${label} ` : ""}${step}${c.text} ${cite([c.source])}`);
      }
    }
  });
  lines.push("", "Sources", ...sourceLines(digest.sources));
  return lines.join("\n");
}

/**
 * A bullet or question with the date its "on Tuesday" or "earlier this week" means, and the story's end it was
 * written before when it still tells of the deal as to come, so it reads on its own.
 */
function dated(item: {
  text: string;
  date?: string | undefined;
  before?: { label: string; date: string | null } | undefined;
}): string {
  const before = item.before
    ? `Before: ${[item.before.label, item.before.date].filter(Boolean).join(", ")}`
    : null;
  return [item.date, before, item.text].filter(Boolean).join(" · ");
}

function quoted(text: string): string {
  const [open, close] = quoteMarks(text);
  return `${open}${text}${close}`;
}
