// The public first page of a rendered brief, checked against the brief: on one screen, the status line first
// and dated, the latest developments with bold dates (or the summary), quotes whole and speaker first,
// questions whole, and a button only where it leads somewhere.
import assert from "node:assert/strict";
import { renderBrief } from "../../src/discord/render/brief.js";
import type { BriefPage, RenderedMessage } from "../../src/discord/render/types.js";
import {
  allowedHrefs,
  assertSafe,
  buttons,
  dayText,
  expectations,
  norm,
  screenSize,
  unescape,
  type StoryBrief,
} from "./renderChecks.js";

/** The lines under a bold heading in the first page's text (sections are separated by blank lines). */
function section(description: string, heading: string): string[] {
  const part = description.split("\n\n").find((p) => p.startsWith(`**${heading}**\n`));
  return part ? part.split("\n").slice(1) : [];
}

/** The public first page: on one screen, every part as the brief has it, only buttons that lead somewhere. */
// eslint-disable-next-line max-lines-per-function -- the page top to bottom, as a reader reads it
export function checkFirstPage(brief: StoryBrief, where: string, note?: string): RenderedMessage {
  const x = expectations(brief);
  const customId = (p: BriefPage, i: number) => `deal:${p}:${i}:${"t".repeat(80)}`;
  const first = renderBrief(brief, { customId, ...(note === undefined ? {} : { phrasingNote: note }) });
  assertSafe(first, allowedHrefs(brief), `${where} first page`);
  assert.equal(first.flags, undefined, `${where}: the first page is public`);
  assert.ok(screenSize(first) <= 1800, `${where}: ${screenSize(first)} characters on the first page`);
  const description = first.embeds[0]?.description ?? "";

  const state = brief.state;
  if (state && norm(state.label)) {
    const line = description.split("\n\n")[0] ?? "";
    const bold = /^\*\*((?:\\.|[^*\\])*)\*\* · /u.exec(line);
    assert.ok(bold, `${where}: status first, bold: ${line.slice(0, 80)}`);
    const label = unescape(bold[1] ?? "");
    const full = norm(state.label);
    assert.ok(
      label === full || (label.endsWith("…") && full.startsWith(label.slice(0, -1))),
      `${where}: status label ${label}`,
    );
    const status = unescape(line);
    assert.ok(status.includes(` · ${dayText(state.date)}`), `${where}: status dated`);
  }
  const timeline = (brief.timeline ?? []).filter((e) => norm(e.text).length > 0);
  const developments = section(description, "Timeline");
  // The latest developments, oldest first, each with its bold date.
  developments.forEach((line, i) => {
    const entry = timeline[timeline.length - developments.length + i];
    assert.ok(entry, `${where}: development ${i}`);
    const shown = unescape(line);
    const lead = `- **${dayText(entry.date)}** — `;
    assert.ok(shown.startsWith(lead), `${where}: bold date lead-in: ${shown.slice(0, 60)}`);
    const marker = x.marker([entry.source]);
    assert.ok(shown.endsWith(marker ? `\u00A0${marker}` : ""), `${where}: development cited`);
  });
  if (timeline.length > 0)
    assert.equal(section(description, "Summary").length, 0, `${where}: timeline, not summary`);
  const summary = section(description, "Summary");
  summary.forEach((line, i) => {
    const item = brief.summary[i];
    assert.ok(item, `${where}: summary ${i}`);
    const shown = unescape(line);
    const marker = x.marker(item.sources);
    const tail = marker ? `\u00A0${marker}` : "";
    assert.ok(shown.startsWith("- ") && shown.endsWith(tail), `${where}: summary ${i} cited`);
    const body = shown.slice(2, shown.length - tail.length);
    const full = norm(item.text) || "(no text)";
    assert.ok(
      body === full || (body.endsWith("…") && full.startsWith(body.slice(0, -1))),
      `${where}: summary ${i} whole or cut: ${body.slice(0, 60)}`,
    );
  });

  // Quotes whole, speaker first, in rank order (a long one may be passed over); questions likewise.
  const inOrder = (lines: string[], expected: string[], what: string) => {
    let k = 0;
    for (const line of lines) {
      const shown = unescape(line);
      while (k < expected.length && expected[k] !== shown) k++;
      assert.ok(k < expected.length, `${where}: ${what} whole and in order: ${shown.slice(0, 80)}`);
      k++;
    }
  };
  const quotes = section(description, "Key quotes");
  const questions = section(description, "Open questions");
  inOrder(quotes, brief.quotes.map(x.quote), "key quote");
  inOrder(questions, brief.questions.map(x.question), "open question");

  const labels = buttons(first).map((b) => b.label);
  const hidden =
    brief.summary.length +
    brief.figures.length +
    timeline.length +
    brief.related.length -
    summary.length -
    developments.length;
  assert.equal(labels.includes("Details"), hidden > 0, `${where}: Details only when it shows more`);
  assert.equal(labels.includes("More quotes"), brief.quotes.length > quotes.length, `${where}: More quotes`);
  assert.equal(
    labels.includes("More questions"),
    brief.questions.length + brief.settled.length > questions.length,
    `${where}: More questions (settled points are on its pages only)`,
  );
  assert.equal(labels.includes("All sources"), brief.sources.length > 1, `${where}: All sources`);
  return first;
}
