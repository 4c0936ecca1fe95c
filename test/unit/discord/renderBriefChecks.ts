// checkBrief: renders every page of every view of a brief and checks each item is shown once, whole or cut
// at a word or sentence boundary, with its citation markers, quotes verbatim, and every message safe.
import assert from "node:assert/strict";

import type { Brief, QuestionItem, QuoteItem, SummaryItem } from "../../../src/core/brief/schema.js";
import { renderBrief } from "../../../src/discord/render/brief.js";
import { LIMITS } from "../../../src/discord/render/limits.js";
import type { BriefPage, RenderedMessage } from "../../../src/discord/render/types.js";
import {
  allowedHrefs,
  assertSafe,
  buttons,
  escapedLength,
  isSentencePrefix,
  isWordPrefix,
  norm,
  unescape,
} from "./renderAssertions.js";

export function expectations(brief: Brief) {
  const number = new Map<string, number>();
  brief.sources.forEach((s, i) => {
    if (!number.has(s.id)) number.set(s.id, i + 1);
  });
  const numbers = (ids: readonly string[]) => [
    ...new Set(ids.flatMap((id) => (number.has(id) ? [number.get(id) ?? 0] : []))),
  ];
  const marker = (ids: readonly string[]) =>
    numbers(ids)
      .map((n) => `[${n}]`)
      .join("") + (ids.some((id) => !number.has(id)) ? "[?]" : "");
  const speaker = (q: QuoteItem) => norm(q.speaker ?? "") || "unattributed";
  const questionIds = (q: QuestionItem) => [q.source, ...q.related.map((r) => r.source)];
  return {
    numbers,
    marker,
    point: (item: SummaryItem) => `• ${norm(item.text) || "(no text)"} ${marker(item.sources)}`,
    quote: (q: QuoteItem) => `• “${norm(q.text)}” — ${speaker(q)} ${marker([q.source])}`,
    speaker,
    question: (q: QuestionItem) => `• ${norm(q.text) || "(no text)"} ${marker(questionIds(q))}`,
    questionIds,
    evidence: (sentence: string, source: string) => `↳ “${norm(sentence)}” ${marker([source])}`,
  };
}

/** How often the rare paths ran, so the generated briefs are known to reach them. */
export const seen = {
  continuation: 0,
  more: 0,
  cut: 0,
  placeholder: 0,
  excerpt: 0,
  quotePlaceholder: 0,
  citedMore: 0,
};

/** A point (summary, figure, question) line: whole, cut at a word or sentence boundary, or the placeholder. */
function checkPointLine(
  shown: string,
  text: string,
  marker: string,
  whole: string,
  alone: boolean,
  where: string,
) {
  const line = unescape(shown);
  if (line === whole) return;
  assert.ok(alone, `${where}: only an item alone on its page may be cut: ${line.slice(0, 80)}`);
  assert.ok(line.endsWith(` ${marker}`), `${where}: marker kept`);
  const body = line.slice(2, line.length - marker.length - 1);
  if (body === "(too long to show here)") {
    seen.placeholder++;
    return;
  }
  seen.cut++;
  const full = norm(text);
  const ok =
    (body.endsWith(" …") && isWordPrefix(full, body.slice(0, -2))) ||
    (body.endsWith("…") && isWordPrefix(full, body.slice(0, -1)));
  assert.ok(ok, `${where}: cut inside a word: …${body.slice(-40)}`);
}

/** Walks every page of a view through the Next button; checks clamping at both ends. */
export function walk(brief: Brief, page: BriefPage, note?: string): RenderedMessage[] {
  const customId = (p: BriefPage, i: number) => `deal:${p}:${i}:${"t".repeat(80)}`;
  const render = (index: number) =>
    renderBrief(brief, { page, index, customId, ...(note === undefined ? {} : { phrasingNote: note }) });
  const pages: RenderedMessage[] = [];
  for (let i = 0; ; i++) {
    const message = render(i);
    pages.push(message);
    const next = buttons(message).find((b) => b.label === "Next ▶");
    if (!next || next.disabled) break;
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

function field(message: RenderedMessage, name: string): string | undefined {
  return message.embeds[0]?.fields?.find((f) => f.name === name)?.value;
}

/** A packed field or description: lines matching `expected` in order, then maybe "+N more…". */
function checkPacked(
  value: string | undefined,
  expected: readonly string[],
  moreText: string,
  max: number,
  where: string,
) {
  if (expected.length === 0) {
    assert.equal(value, undefined, `${where}: no field for no items`);
    return 0;
  }
  assert.ok(value !== undefined, `${where}: missing`);
  const lines = linesOf(value);
  let shown = 0;
  for (const line of lines) {
    const more = /^\+(\d+) more — (.*)$/u.exec(line);
    if (more) {
      seen.more++;
      assert.equal(Number(more[1]) + shown, expected.length, `${where}: +N more counts the rest`);
      assert.equal(more[2], moreText);
      assert.equal(line, lines.at(-1));
      return shown;
    }
    assert.equal(unescape(line), expected[shown], `${where}: item ${shown} whole, in order`);
    shown++;
  }
  assert.ok(shown === expected.length || shown === max, `${where}: every item or ${max}`);
  return shown;
}

function checkCitedField(message: RenderedMessage, cited: Set<number>, where: string) {
  const value = field(message, "Sources cited on this page");
  if (cited.size === 0) {
    assert.equal(value, undefined, where);
    return;
  }
  const sorted = [...cited].sort((a, b) => a - b);
  let shown = 0;
  for (const line of linesOf(value)) {
    const more = /^\+(\d+) more — see All sources$/u.exec(line);
    if (more) {
      seen.citedMore++;
      assert.equal(shown + Number(more[1]), sorted.length, `${where}: cited count`);
      return;
    }
    assert.ok(line.startsWith(`[${sorted[shown]}] `), `${where}: cited source ${sorted[shown]}`);
    shown++;
  }
  assert.equal(shown, sorted.length, `${where}: every cited source listed`);
}

/** Every page of every view of a brief, checked. */
export function checkBrief(brief: Brief, where: string, note?: string): number {
  const x = expectations(brief);
  const hrefs = allowedHrefs(brief);
  let rendered = 0;

  // Main view: page 0 packs each kind whole; later pages continue the summary and figures.
  const main = walk(brief, "main", note);
  rendered += main.length;
  main.forEach((m, i) => {
    assertSafe(m, hrefs, `${where} main ${i}`);
  });
  const first = main[0];
  assert.ok(first);
  const embed = first.embeds[0];
  assert.ok(embed);
  assert.ok(embed.title?.endsWith(" — brief"), `${where}: title`);
  const summaryShown =
    brief.summary.length === 0
      ? (assert.equal(embed.description, "No summary points were found in the documents."), 0)
      : checkPacked(
          embed.description,
          brief.summary.map(x.point),
          "use the buttons",
          Infinity,
          `${where} summary`,
        );
  const figuresShown = checkPacked(
    field(first, "Key figures"),
    brief.figures.map(x.point),
    "use the buttons",
    Infinity,
    `${where} figures`,
  );
  const quotesShown = checkPacked(
    field(first, "Key quotes"),
    brief.quotes.map(x.quote),
    "use the buttons",
    3,
    `${where} key quotes`,
  );
  checkPacked(
    field(first, "Open questions"),
    brief.questions.map(x.question),
    "use the buttons",
    3,
    `${where} key questions`,
  );
  const sourcesShown = checkPacked(
    field(first, "Sources")?.replace(/^\[(\d+)\] .*$/gmu, "[$1]"),
    brief.sources.map((_, i) => `[${i + 1}]`),
    "use the buttons",
    Infinity,
    `${where} sources field`,
  );
  const labels = buttons(first).map((b) => b.label);
  assert.deepEqual(labels.slice(-3), ["More quotes", "More questions", "All sources"]);
  assert.equal(buttons(first).at(-3)?.disabled, quotesShown >= brief.quotes.length);
  assert.equal(buttons(first).at(-1)?.disabled, sourcesShown >= brief.sources.length);
  assert.equal(labels.length, main.length > 1 ? 5 : 3);

  const overflow = [
    ...brief.summary.slice(summaryShown).map((item) => ({ item, header: "**Summary (continued)**" })),
    ...brief.figures.slice(figuresShown).map((item) => ({
      item,
      header: figuresShown > 0 ? "**Key figures (continued)**" : "**Key figures**",
    })),
  ];
  let next = 0;
  for (const [p, page] of main.slice(1).entries()) {
    seen.continuation++;
    const lines = linesOf(page.embeds[0]?.description);
    const bullets = lines.filter((l) => l.startsWith("• "));
    const cited = new Set<number>();
    let header: string | undefined;
    for (const line of lines) {
      const entry = overflow[next];
      assert.ok(entry, `${where} main ${p + 1}: more lines than items`);
      if (!line.startsWith("• ")) {
        assert.equal(line, entry.header, `${where} main ${p + 1}: heading`);
        header = line;
        continue;
      }
      assert.equal(header, entry.header);
      checkPointLine(
        line,
        entry.item.text,
        x.marker(entry.item.sources),
        x.point(entry.item),
        bullets.length === 1,
        `${where} main ${p + 1}`,
      );
      for (const n of x.numbers(entry.item.sources)) cited.add(n);
      next++;
    }
    checkCitedField(page, cited, `${where} main ${p + 1}`);
  }
  assert.equal(next, overflow.length, `${where}: every summary point and figure shown on a main page`);

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
      const marker = x.marker([quote.source]);
      const whole = x.quote(quote);
      const tail = `” — ${x.speaker(quote)} ${marker} (excerpt)`;
      if (line !== whole) {
        assert.equal(lines.length, 1, `${where} quotes ${p}: a quote not shown whole must be alone`);
        assert.ok(escapedLength(whole) > LIMITS.description, `${where} quotes ${p}: whole would have fit`);
        if (line.endsWith(tail)) {
          seen.excerpt++;
          const body = line.slice(3, line.length - tail.length);
          assert.ok(line.startsWith("• “") && body.endsWith(" …"), `${where}: excerpt ends with …`);
          assert.ok(
            isSentencePrefix(norm(quote.text), body.slice(0, -2)),
            `${where}: excerpt cut at a sentence end`,
          );
        } else {
          seen.quotePlaceholder++;
          assert.equal(
            line,
            `• (a quote of ${Array.from(norm(quote.text)).length} characters, too long to show here) — ${x.speaker(quote)} ${marker}`,
          );
        }
      }
      for (const n of x.numbers([quote.source])) cited.add(n);
      q++;
    }
    checkCitedField(page, cited, `${where} quotes ${p}`);
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
    const count = lines.filter((l) => l.startsWith("• ")).length;
    const cited = new Set<number>();
    let evidence: string[] = [];
    for (const shown of lines) {
      if (shown.startsWith("↳ ")) {
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
        x.marker(ids),
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
    checkCitedField(page, cited, `${where} questions ${p}`);
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
