// What every page of a rendered brief must look like, checked item by item against the brief: the public first
// page on one screen (status, timeline or summary, quotes speaker first, questions, sources, only buttons that
// lead somewhere) and every private page behind it (details, quotes, questions, sources) with every item whole
// or cut only where allowed, its linked markers kept. Used by the render tests over generated briefs.
import assert from "node:assert/strict";
import type { Brief, QuestionItem, QuoteItem, SummaryItem } from "../../src/core/brief/schema.js";
import { renderBrief } from "../../src/discord/render/brief.js";
import { LIMITS } from "../../src/discord/render/limits.js";
import type { BriefPage, RenderedMessage } from "../../src/discord/render/types.js";
import {
  allowedHrefs,
  assertSafe,
  buttons,
  escapedLength,
  hrefOf,
  isSentencePrefix,
  isWordPrefix,
  norm,
  screenSize,
  unescape,
} from "./renderChecks.js";

export interface StoryParts {
  state?: { label: string; date: string; source: string } | null;
  timeline?: Array<{ date: string; text: string; source: string; kind: string }>;
}
export type StoryBrief = Brief & StoryParts;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** "20 Dec 2023" for 2023-12-20, "Dec 2023" for 2023-12. */
export function dayText(date: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/u.exec(date);
  if (!m) return date;
  const month = MONTHS[Number(m[2]) - 1] ?? "";
  return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`;
}

const NBSP = "\u00A0";

// ---------- what each item must look like ----------

export function expectations(brief: Brief) {
  const number = new Map<string, number>();
  const href = new Map<number, string>();
  brief.sources.forEach((s, i) => {
    if (number.has(s.id)) return;
    number.set(s.id, i + 1);
    const h = hrefOf(s);
    if (h !== undefined) href.set(i + 1, h);
  });
  const single = number.size <= 1;
  const numbers = (ids: readonly string[]) => [
    ...new Set(ids.flatMap((id) => (number.has(id) ? [number.get(id) ?? 0] : []))),
  ];
  /** As a reader's unescaped text: `[[1]](url)` for a linked source, `[2]` otherwise; nothing with one source. */
  const marker = (ids: readonly string[]) => {
    const unknown = ids.some((id) => !number.has(id));
    if (single && !unknown) return "";
    const linked = numbers(ids).map((n) => (href.has(n) ? `[[${n}]](${href.get(n)})` : `[${n}]`));
    return linked.join("") + (unknown ? "[?]" : "");
  };
  const cited = (text: string, ids: readonly string[]) => {
    const m = marker(ids);
    return m ? `${text}${NBSP}${m}` : text;
  };
  const lead = (q: QuoteItem) => (norm(q.speaker ?? "") ? `**${norm(q.speaker ?? "")}:** ` : "");
  const questionIds = (q: QuestionItem) => [q.source, ...q.related.map((r) => r.source)];
  return {
    single,
    numbers,
    marker,
    cited,
    point: (item: SummaryItem) => `- ${cited(norm(item.text) || "(no text)", item.sources)}`,
    quote: (q: QuoteItem) => `- ${lead(q)}${cited(`“${norm(q.text)}”`, [q.source])}`,
    lead,
    question: (q: QuestionItem) => `- ${cited(norm(q.text) || "(no text)", questionIds(q))}`,
    questionIds,
    evidence: (sentence: string, source: string) => `  - ${cited(`“${norm(sentence)}”`, [source])}`,
  };
}

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

/** The lines under a bold heading in the first page's text (sections are separated by blank lines). */
function section(description: string, heading: string): string[] {
  const part = description.split("\n\n").find((p) => p.startsWith(`**${heading}**\n`));
  return part ? part.split("\n").slice(1) : [];
}

/** The public first page: on one screen, every part as the brief has it, only buttons that lead somewhere. */
function checkFirstPage(brief: StoryBrief, where: string, note?: string): RenderedMessage {
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
    brief.questions.length > questions.length,
    `${where}: More questions`,
  );
  assert.equal(labels.includes("All sources"), brief.sources.length > 1, `${where}: All sources`);
  return first;
}

/** Every page of every view of a brief, checked; returns how many pages were rendered. */
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

  // Questions: the question (maybe cut alone) with its markers, then its verbatim sentences, whole.
  const questionPages = walk(brief, "questions", note);
  rendered += questionPages.length;
  let k = -1;
  questionPages.forEach((page, p) => {
    assertSafe(page, hrefs, `${where} questions ${p}`);
    const description = page.embeds[0]?.description;
    if (brief.questions.length === 0) {
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
