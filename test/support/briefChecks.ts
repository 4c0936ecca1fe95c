// What every page of a rendered brief must look like, checked item by item against the brief: the public first
// page on one screen (status, timeline or summary, quotes speaker first, questions, sources, only buttons that
// lead somewhere) and every private page behind it (details, quotes, questions, sources) with every item whole
// or cut only where allowed, its linked markers kept. Used by the render tests over generated briefs.
import assert from "node:assert/strict";
import type { Brief } from "../../src/core/brief/schema.js";
import { renderBrief } from "../../src/discord/render/brief.js";
import { LIMITS } from "../../src/discord/render/limits.js";
import type { BriefPage, RenderedMessage } from "../../src/discord/render/types.js";
import { checkFirstPage } from "./firstPageChecks.js";
import {
  allowedHrefs,
  assertSafe,
  buttons,
  dayText,
  escapedLength,
  expectations,
  isSentencePrefix,
  isWordPrefix,
  NBSP,
  norm,
  unescape,
  type StoryBrief,
} from "./renderChecks.js";

/** How often the rare paths ran, so the generated briefs are known to reach them. */
export const reached = { paged: 0, cut: 0, placeholder: 0, excerpt: 0, quotePlaceholder: 0, citedMore: 0 };

/** A point (summary, figure, question) line: whole, cut at a word or sentence boundary, or the placeholder. */
function checkPointLine(
  shown: string,
  text: string,
  ids: readonly string[],
  x: ReturnType<typeof expectations>,
  whole: string,
  alone: boolean,
  where: string,
) {
  const line = unescape(shown);
  if (line === whole) return;
  assert.ok(alone, `${where}: only an item alone on its page may be cut: ${line.slice(0, 80)}`);
  const marker = x.marker(ids);
  const tail = marker ? `${NBSP}${marker}` : "";
  assert.ok(line.endsWith(tail), `${where}: marker kept`);
  const body = line.slice(2, line.length - tail.length);
  if (body === "(too long to show here)") {
    reached.placeholder++;
    return;
  }
  reached.cut++;
  const full = norm(text);
  const ok =
    (body.endsWith(" …") && isWordPrefix(full, body.slice(0, -2))) ||
    (body.endsWith("…") && isWordPrefix(full, body.slice(0, -1)));
  assert.ok(ok, `${where}: cut inside a word: …${body.slice(-40)}`);
}

const SETTLED_HEADING = "**Settled since** (open when reported, settled by a later event)";

/** A settled point: the quoted sentence whole (or, alone on its page, cut or the placeholder), then its outcome. */
function checkSettledLine(
  shown: string,
  item: Brief["settled"][number],
  x: ReturnType<typeof expectations>,
  alone: boolean,
  where: string,
) {
  const line = unescape(shown);
  const head = `- ${x.cited(`“${norm(item.basis) || "(no text)"}”`, [item.source])}`;
  const tail = x.outcome(item);
  assert.ok(line.endsWith(tail), `${where}: outcome kept: ${line.slice(-60)}`);
  if (line === head + tail) return;
  assert.ok(alone, `${where}: only an item alone on its page may be cut: ${line.slice(0, 80)}`);
  const marker = x.marker([item.source]);
  const before = `”${marker ? `${NBSP}${marker}` : ""}`;
  const body = line.slice(0, line.length - tail.length);
  assert.ok(body.startsWith("- “") && body.endsWith(before), `${where}: sentence marker kept`);
  const inner = body.slice(3, body.length - before.length);
  if (inner === "(too long to show here)") {
    reached.placeholder++;
    return;
  }
  reached.cut++;
  const full = norm(item.basis);
  const ok =
    (inner.endsWith(" …") && isWordPrefix(full, inner.slice(0, -2))) ||
    (inner.endsWith("…") && isWordPrefix(full, inner.slice(0, -1)));
  assert.ok(ok, `${where}: cut inside a word: …${inner.slice(-40)}`);
}

/** Walks every page of a private view through its Next button; each is ephemeral, with no dead buttons. */
export function walk(brief: Brief, page: Exclude<BriefPage, "main">, note?: string): RenderedMessage[] {
  const customId = (p: BriefPage, i: number) => `deal:${p}:${i}:${"t".repeat(80)}`;
  const render = (index: number) =>
    renderBrief(brief, { page, index, customId, ...(note === undefined ? {} : { phrasingNote: note }) });
  const pages: RenderedMessage[] = [];
  for (let i = 0; ; i++) {
    const message = render(i);
    pages.push(message);
    assert.equal(message.flags, 64, `${page} ${i}: private`);
    const labels = buttons(message).map((b) => b.label);
    assert.equal(labels.includes("◀ Prev"), i > 0, `${page} ${i}: Prev only where there is a page before`);
    const next = buttons(message).find((b) => b.label === "Next ▶");
    if (!next) break;
    reached.paged++;
    assert.equal(next.custom_id, customId(page, i + 1));
    assert.ok(i < 10000, "runaway paging");
  }
  assert.deepEqual(render(pages.length + 3), pages.at(-1));
  assert.deepEqual(render(-2), pages[0]);
  return pages;
}

function linesOf(text: string | undefined): string[] {
  return (text ?? "").split("\n");
}

function checkCitedField(message: RenderedMessage, cited: Set<number>, single: boolean, where: string) {
  const value = message.embeds[0]?.fields?.find((f) => f.name === "Sources cited on this page")?.value;
  if (cited.size === 0 || single) {
    assert.equal(value, undefined, where);
    return;
  }
  const sorted = [...cited].sort((a, b) => a - b);
  let shown = 0;
  for (const line of linesOf(value)) {
    const more = /^\+(\d+) more — see All sources$/u.exec(line);
    if (more) {
      reached.citedMore++;
      assert.equal(shown + Number(more[1]), sorted.length, `${where}: cited count`);
      return;
    }
    assert.ok(line.startsWith(`[${sorted[shown]}] `), `${where}: cited source ${sorted[shown]}`);
    shown++;
  }
  assert.equal(shown, sorted.length, `${where}: every cited source listed`);
}

/** Every page of every view of a brief, checked; returns how many pages were rendered. */
// eslint-disable-next-line max-lines-per-function -- one walk over the views, in the order a reader meets them
export function checkBrief(brief: StoryBrief, where: string, note?: string): number {
  const x = expectations(brief);
  const hrefs = allowedHrefs(brief);
  checkFirstPage(brief, where, note);
  let rendered = 1;

  // Details: summary, figures, the whole timeline and related stories, each under its heading.
  const expected: Array<{
    header: string;
    whole: string;
    text?: string;
    ids?: readonly string[];
    cites?: readonly string[];
  }> = [
    ...brief.summary.map((s) => ({ header: "**Summary**", whole: x.point(s), text: s.text, ids: s.sources })),
    ...brief.figures.map((f) => ({
      header: "**Key figures**",
      whole: x.point(f),
      text: f.text,
      ids: f.sources,
    })),
    ...(brief.timeline ?? [])
      .filter((e) => norm(e.text).length > 0)
      .map((e) => ({
        header: "**Timeline**",
        whole: `- ${x.cited(`**${dayText(e.date)}** — ${norm(e.text)}`, [e.source])}`,
        cites: [e.source],
      })),
    ...brief.related.map((r) => ({
      header: "**Also in other stories**",
      whole: ` (${r.sources.length} source${r.sources.length === 1 ? "" : "s"})`,
    })),
  ];
  const details = walk(brief, "details", note);
  rendered += details.length;
  let next = 0;
  details.forEach((page, p) => {
    assertSafe(page, hrefs, `${where} details ${p}`);
    if (expected.length === 0) return;
    const lines = linesOf(page.embeds[0]?.description);
    const items = lines.filter((l) => l.startsWith("- ")).length;
    const cited = new Set<number>();
    let header: string | undefined;
    for (const line of lines) {
      const entry = expected[next];
      assert.ok(entry, `${where} details ${p}: more lines than items`);
      if (!line.startsWith("- ")) {
        assert.equal(line, entry.header, `${where} details ${p}: heading`);
        header = line;
        continue;
      }
      assert.equal(header, entry.header, `${where} details ${p}: under its heading`);
      if (entry.ids !== undefined && entry.text !== undefined) {
        checkPointLine(line, entry.text, entry.ids, x, entry.whole, items === 1, `${where} details ${p}`);
        for (const n of x.numbers(entry.ids)) cited.add(n);
      } else if (entry.header === "**Also in other stories**") {
        assert.ok(line.startsWith("- ") && line.endsWith(entry.whole), `${where} details ${p}: related`);
      } else if (unescape(line) !== entry.whole) {
        assert.ok(
          entry.header === "**Timeline**" && items === 1,
          `${where} details ${p}: ${line.slice(0, 60)}`,
        );
      }
      for (const n of x.numbers(entry.cites ?? [])) cited.add(n);
      next++;
    }
    checkCitedField(page, cited, x.single, `${where} details ${p}`);
  });
  assert.equal(next, expected.length, `${where}: every detail on a details page`);

  // Quotes: each whole, in order; an excerpt only alone on its page and only when the whole cannot fit.
  const quotePages = walk(brief, "quotes");
  rendered += quotePages.length;
  let q = 0;
  quotePages.forEach((page, p) => {
    assertSafe(page, hrefs, `${where} quotes ${p}`);
    const description = page.embeds[0]?.description;
    if (brief.quotes.length === 0) {
      assert.equal(description, "No quotes were found in the documents.");
      return;
    }
    const lines = linesOf(description);
    const cited = new Set<number>();
    for (const shown of lines) {
      const quote = brief.quotes[q];
      assert.ok(quote, `${where} quotes ${p}: more lines than quotes`);
      const line = unescape(shown);
      const whole = x.quote(quote);
      if (line !== whole) {
        assert.equal(lines.length, 1, `${where} quotes ${p}: a quote not shown whole must be alone`);
        assert.ok(escapedLength(whole) > LIMITS.description, `${where} quotes ${p}: whole would have fit`);
        const start = `- ${x.lead(quote)}`;
        const tail = ` …”${x.cited("", [quote.source])} (excerpt)`;
        if (line.endsWith(" (excerpt)")) {
          reached.excerpt++;
          assert.ok(line.startsWith(`${start}“`), `${where}: excerpt speaker first`);
          assert.ok(line.endsWith(tail), `${where}: excerpt ends with …” and its marker`);
          const body = line.slice(start.length + 1, line.length - tail.length);
          assert.ok(isSentencePrefix(norm(quote.text), body), `${where}: excerpt cut at a sentence end`);
        } else {
          reached.quotePlaceholder++;
          const n = Array.from(norm(quote.text)).length;
          assert.equal(
            line,
            `${start}${x.cited(`(a quote of ${n} characters, too long to show here)`, [quote.source])}`,
          );
        }
      }
      for (const n of x.numbers([quote.source])) cited.add(n);
      q++;
    }
    checkCitedField(page, cited, x.single, `${where} quotes ${p}`);
  });
  assert.equal(q, brief.quotes.length, `${where}: every quote on a quotes page`);

  // Questions: the question (maybe cut alone) with its markers, then its verbatim sentences, whole; after
  // them, under their heading, the settled points: the sentence (cut only alone) and what settled it.
  const questionPages = walk(brief, "questions", note);
  rendered += questionPages.length;
  let k = -1;
  let r = 0;
  questionPages.forEach((page, p) => {
    assertSafe(page, hrefs, `${where} questions ${p}`);
    const description = page.embeds[0]?.description;
    if (brief.questions.length === 0 && brief.settled.length === 0) {
      assert.equal(description, "No open questions were found.");
      return;
    }
    const lines = linesOf(description);
    const count = lines.filter((l) => l.startsWith("- ")).length;
    const cited = new Set<number>();
    let evidence: string[] = [];
    for (const shown of lines) {
      if (shown.startsWith("  - ")) {
        assert.equal(unescape(shown), evidence.shift(), `${where} questions ${p}: verbatim sentence ${k}`);
        continue;
      }
      if (!shown.startsWith("- ")) {
        assert.equal(shown, SETTLED_HEADING, `${where} questions ${p}: heading`);
        assert.ok(k + 1 === brief.questions.length, `${where} questions ${p}: settled after the questions`);
        continue;
      }
      if (k + 1 >= brief.questions.length) {
        const settled = brief.settled[r];
        assert.ok(settled, `${where} questions ${p}: more lines than questions and settled points`);
        checkSettledLine(shown, settled, x, count === 1, `${where} questions ${p}`);
        for (const n of x.numbers([settled.source, settled.by.source])) cited.add(n);
        r++;
        continue;
      }
      k++;
      const question = brief.questions[k];
      assert.ok(question, `${where} questions ${p}: more lines than questions`);
      const ids = x.questionIds(question);
      checkPointLine(
        shown,
        question.text,
        ids,
        x,
        x.question(question),
        count === 1,
        `${where} questions ${p}`,
      );
      evidence = [
        x.evidence(question.basis, question.source),
        ...question.related.map((r) => x.evidence(r.sentence, r.source)),
      ];
      for (const n of x.numbers(ids)) cited.add(n);
    }
    checkCitedField(page, cited, x.single, `${where} questions ${p}`);
  });
  assert.equal(k + 1, brief.questions.length, `${where}: every question on a questions page`);
  assert.equal(r, brief.settled.length, `${where}: every settled point on a questions page`);

  // Sources: numbered in order, every one listed.
  const sourcePages = walk(brief, "sources");
  rendered += sourcePages.length;
  let s = 0;
  sourcePages.forEach((page, p) => {
    assertSafe(page, hrefs, `${where} sources ${p}`);
    if (brief.sources.length === 0) return;
    for (const line of linesOf(page.embeds[0]?.description)) {
      s++;
      assert.ok(line.startsWith(`[${s}] `), `${where} sources ${p}: [${s}]`);
    }
  });
  assert.equal(s, brief.sources.length);
  return rendered;
}
