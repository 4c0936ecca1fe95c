// The Discord rendering of a brief: every Discord limit on every page of generated briefs of every size,
// citation markers kept, quotes verbatim and whole, hostile text inert, and a realistic brief laid out.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { APIButtonComponentWithCustomId, APIEmbed } from "discord-api-types/v10";
import type { Brief, QuestionItem, QuoteItem, SummaryItem } from "../../../src/core/brief/schema.js";
import { renderBrief } from "../../../src/discord/render/brief.js";
import { embedCharacters, LIMITS } from "../../../src/discord/render/limits.js";
import { renderError, renderUnknownTopic } from "../../../src/discord/render/messages.js";
import type { BriefPage, RenderedMessage } from "../../../src/discord/render/types.js";
import { Gen, generateBrief, rng } from "../../support/briefGenerator.js";

// ---------- independent helpers (not the module's own) ----------

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const sentences = new Intl.Segmenter(undefined, { granularity: "sentence" });

/** The canonical one-line form the renderer shows: whitespace collapsed, controls gone, lone surrogates replaced. */
function norm(text: string): string {
  return (
    text
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
      // eslint-disable-next-line no-control-regex -- mirrors the renderer's removal of control characters
      .replace(/[\u0000-\u0008\u000E-\u001F\u007F]/gu, "")
      .replace(/\s+/gu, " ")
      .trim()
  );
}

function unescape(text: string): string {
  return text.replace(/([@<])\u200B/gu, "$1").replace(/\\(.)/gsu, "$1");
}

const chars = (s: string) => Math.max(s.length, Array.from(s).length);

function isGraphemeBoundary(text: string, offset: number): boolean {
  return offset === text.length || graphemes.segment(text).containing(offset)?.index === offset;
}

const SPACED_ALNUM = /[\p{L}\p{N}\p{M}]/u;
const NO_SPACE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const spacedAlnum = (c: string) => SPACED_ALNUM.test(c) && !NO_SPACE.test(c);

/** prefix is text cut at a word boundary: a strict prefix, on a grapheme boundary, not between two letters. */
function isWordPrefix(text: string, prefix: string): boolean {
  if (prefix.length === 0 || prefix.length >= text.length || !text.startsWith(prefix)) return false;
  if (!isGraphemeBoundary(text, prefix.length)) return false;
  const before = Array.from(prefix).at(-1) ?? "";
  const after = Array.from(text.slice(prefix.length))[0] ?? "";
  return !(spacedAlnum(before) && spacedAlnum(after));
}

function isSentencePrefix(text: string, prefix: string): boolean {
  if (!isWordPrefix(text, prefix)) return false;
  for (const { index } of sentences.segment(text))
    if (index > 0 && text.slice(0, index).trimEnd() === prefix) return true;
  return false;
}

/** Escaped length of a line as the renderer escapes (a backslash or zero-width space per special character). */
const escapedLength = (line: string) => line.length + (line.match(/[\\*_~`|>[\]@<]/gu)?.length ?? 0);

function buttons(message: RenderedMessage): APIButtonComponentWithCustomId[] {
  return message.components.flatMap((row) =>
    row.components.filter((b): b is APIButtonComponentWithCustomId => "custom_id" in b),
  );
}

function strings(message: RenderedMessage): string[] {
  const out: string[] = [];
  if (message.content !== undefined) out.push(message.content);
  for (const e of message.embeds) {
    out.push(e.title ?? "", e.description ?? "", e.footer?.text ?? "", e.author?.name ?? "");
    for (const f of e.fields ?? []) out.push(f.name, f.value);
  }
  for (const b of buttons(message)) out.push(b.label ?? "");
  return out;
}

function allowedHrefs(brief: Brief): Set<string> {
  const set = new Set<string>();
  for (const s of brief.sources)
    for (const candidate of [s.url, s.location]) {
      try {
        const url = new URL((candidate ?? "").trim());
        if (url.protocol !== "http:" && url.protocol !== "https:") continue;
        url.username = "";
        url.password = "";
        set.add(
          url.href.replace(
            /[()<>\s[\]`'"]/gu,
            (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
          ),
        );
      } catch {
        // not a URL: never a link
      }
    }
  return set;
}

/** Discord's limits, mentions off and inert, no lone surrogates, links only to the brief's http(s) URLs. */
function assertSafe(message: RenderedMessage, hrefs: Set<string>, where: string): void {
  const at = (what: string) => `${where}: ${what}`;
  assert.deepEqual(message.allowed_mentions, { parse: [] }, at("allowed_mentions"));
  assert.ok(chars(message.content ?? "") <= LIMITS.content, at("content"));
  assert.ok(message.embeds.length <= LIMITS.embeds, at("embeds"));
  for (const e of message.embeds) {
    assert.ok(chars(e.title ?? "") <= LIMITS.title, at(`title ${chars(e.title ?? "")}`));
    assert.ok(
      chars(e.description ?? "") <= LIMITS.description,
      at(`description ${chars(e.description ?? "")}`),
    );
    assert.ok(chars(e.footer?.text ?? "") <= LIMITS.footer, at("footer"));
    assert.ok(chars(e.author?.name ?? "") <= LIMITS.author, at("author"));
    assert.ok((e.fields ?? []).length <= LIMITS.fields, at("fields"));
    for (const f of e.fields ?? []) {
      assert.ok(chars(f.name) >= 1 && chars(f.name) <= LIMITS.fieldName, at(`field name ${f.name}`));
      assert.ok(
        chars(f.value) >= 1 && chars(f.value) <= LIMITS.fieldValue,
        at(`field value ${chars(f.value)}`),
      );
    }
  }
  const total = (embeds: APIEmbed[], count: (s: string) => number) =>
    embeds.reduce(
      (sum, e) =>
        sum +
        count(e.title ?? "") +
        count(e.description ?? "") +
        count(e.footer?.text ?? "") +
        count(e.author?.name ?? "") +
        (e.fields ?? []).reduce((s, f) => s + count(f.name) + count(f.value), 0),
      0,
    );
  assert.ok(total(message.embeds, (s) => s.length) <= LIMITS.total, at("total (UTF-16)"));
  assert.ok(total(message.embeds, (s) => Array.from(s).length) <= LIMITS.total, at("total (code points)"));
  assert.equal(
    embedCharacters(message.embeds),
    total(message.embeds, (s) => s.length),
  );
  assert.ok(message.components.length <= 5, at("rows"));
  const ids = new Set<string>();
  for (const row of message.components) {
    assert.equal(row.type, 1);
    assert.ok(row.components.length <= 5, at("buttons per row"));
  }
  for (const b of buttons(message)) {
    assert.equal(b.type, 2);
    assert.ok(chars(b.custom_id) >= 1 && chars(b.custom_id) <= 100, at("custom_id"));
    assert.ok(!ids.has(b.custom_id), at(`duplicate custom_id ${b.custom_id}`));
    ids.add(b.custom_id);
    assert.ok(chars(b.label ?? "") >= 1 && chars(b.label ?? "") <= 80, at("label"));
  }
  const footers = new Set(message.embeds.map((e) => e.footer?.text));
  for (const s of strings(message)) {
    assert.doesNotMatch(s, /@(?!\u200B)/u, at("an @ not neutralised"));
    assert.doesNotMatch(s, /<(?!\u200B)/u, at("a < not neutralised"));
    assert.doesNotMatch(s, /@everyone|@here/u, at("@everyone"));
    assert.doesNotMatch(
      s,
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u,
      at("lone surrogate"),
    );
    // Every unescaped "](" closes one of our links: its target must be one of the brief's http(s) URLs.
    // (Footers are plain text to Discord: no markdown, no links.)
    if (footers.has(s)) continue;
    for (const m of s.matchAll(/(\\*)\]\(([^)]*)\)?/gu)) {
      if ((m[1] ?? "").length % 2 === 1) continue;
      assert.ok(hrefs.has(m[2] ?? ""), at(`link to ${m[2]}`));
    }
  }
}

// ---------- what each item must look like ----------

function expectations(brief: Brief) {
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
const seen = {
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
function walk(brief: Brief, page: BriefPage, note?: string): RenderedMessage[] {
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
function checkBrief(brief: Brief, where: string, note?: string): number {
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

// ---------- tests ----------

test("LIMITS and embedCharacters follow Discord's rules", () => {
  assert.deepEqual(LIMITS, {
    title: 256,
    description: 4096,
    fields: 25,
    fieldName: 256,
    fieldValue: 1024,
    footer: 2048,
    author: 256,
    embeds: 10,
    total: 6000,
    content: 2000,
  });
  assert.equal(
    embedCharacters([
      {
        title: "ab",
        description: "cde",
        fields: [{ name: "f", value: "gh" }],
        footer: { text: "i" },
        author: { name: "jk" },
      },
      { title: "🇺🇸", url: "https://not.counted.example", color: 1 },
    ]),
    2 + 3 + 1 + 2 + 1 + 2 + 4,
  );
});

test("generated briefs of every size and hostile text: every limit, marker, quote and page holds", () => {
  const g = new Gen(rng(20200802));
  let pages = 0;
  for (let i = 0; i < 300; i++) {
    const note = g.random() < 0.3 ? g.text(g.pick([10, 100, 3000])) : undefined;
    pages += checkBrief(generateBrief(g), `brief ${i}`, note);
  }
  assert.ok(pages > 1500, `only ${pages} pages rendered`);
  for (const [path, count] of Object.entries(seen))
    assert.ok(count > 0, `no generated brief reached: ${path}`);
});

test("the largest briefs: 200 items of every kind, 1 to 5000 characters each", () => {
  const g = new Gen(rng(7));
  const all = { summary: 200, figures: 200, quotes: 200, questions: 200, sources: 200, related: 200 };
  checkBrief(generateBrief(g, all), "largest");
  const none = { summary: 0, figures: 0, quotes: 0, questions: 0, sources: 0, related: 0 };
  checkBrief(generateBrief(g, none), "empty");
  for (const kind of Object.keys(all) as (keyof typeof all)[])
    checkBrief(generateBrief(g, { ...none, sources: 3, [kind]: 200 }), `200 ${kind}`);
});

const tiktok: Brief = {
  topic: "tiktok",
  state: { label: "Talks", date: "2020-08-02", source: "ms" },
  timeline: [
    {
      date: "2020-08-02",
      text: "Microsoft confirmed it is in talks to buy the app.",
      source: "ms",
      kind: "talks",
    },
  ],
  label: "TikTok",
  summary: [
    {
      id: "s1",
      text: "Microsoft confirmed it is in talks to buy TikTok's operations in the United States, Canada, Australia and New Zealand from ByteDance.",
      sources: ["ms", "reuters"],
      evidence: [{ source: "ms", sentence: "Microsoft will move quickly to pursue discussions." }],
      phrasedBy: "template",
    },
    {
      id: "s2",
      text: "Microsoft aims to complete the discussions no later than September 15, 2020.",
      sources: ["ms"],
      evidence: [{ source: "ms", sentence: "…no later than September 15, 2020." }],
      phrasedBy: "template",
    },
    {
      id: "s3",
      text: "The deal would be subject to a complete security review and to the approval of the U.S. government.",
      sources: ["ms", "ap"],
      evidence: [{ source: "ap", sentence: "…subject to a complete security review…" }],
      phrasedBy: "template",
    },
  ],
  figures: [
    {
      id: "f1",
      text: "Deadline for the talks: September 15, 2020.",
      sources: ["ms"],
      evidence: [{ source: "ms", sentence: "…September 15, 2020." }],
      phrasedBy: "template",
    },
  ],
  quotes: [
    {
      text: "Microsoft fully appreciates the importance of addressing the President's concerns.",
      speaker: "Microsoft",
      source: "ms",
      otherSources: [],
    },
    {
      text: "We are not planning on going anywhere.",
      speaker: "Vanessa Pappas",
      source: "ap",
      otherSources: [],
    },
    { text: "This is a *big* deal for @everyone.", speaker: null, source: "reuters", otherSources: [] },
    {
      text: "TikTok will be out of business in the United States.",
      speaker: "Donald Trump",
      source: "ap",
      otherSources: [],
    },
  ],
  questions: [
    {
      id: "q1",
      text: "Will the talks conclude by September 15, 2020?",
      kind: "deadline",
      basis: "Microsoft will move quickly to pursue discussions, no later than September 15, 2020.",
      source: "ms",
      related: [],
      phrasedBy: "template",
    },
  ],
  sources: [
    {
      id: "ms",
      title: "Microsoft to continue discussions on potential TikTok purchase in the United States",
      url: "https://blogs.microsoft.com/blog/2020/08/02/microsoft-to-continue-discussions-on-potential-tiktok-purchase-in-the-united-states/",
      published: "2020-08-02",
      outlet: "Microsoft On the Issues",
      location: "microsoft-tiktok.txt",
    },
    {
      id: "reuters",
      title: "Microsoft [confirms] TikTok talks",
      url: null,
      published: "2020-08-03",
      outlet: "Reuters",
      location: "reuters-tiktok.txt",
    },
    {
      id: "ap",
      title: "Trump says TikTok will be banned",
      url: "javascript:alert(1)",
      published: null,
      outlet: "AP",
      location: "ap.txt",
    },
  ],
  related: [{ label: "WeChat ban", sources: ["ap"] }],
};

const point0 = tiktok.summary[0] ?? assert.fail("no summary");
const source = (i: number) => tiktok.sources[i] ?? assert.fail("no source");

test("a realistic TikTok brief: the main page as a reader sees it", () => {
  const customId = (page: BriefPage, index: number) => `deal:${page}:${index}:tiktok`;
  const message = renderBrief(tiktok, {
    customId,
    phrasingNote: "Bullets phrased from the sources by templates.",
  });
  assert.deepEqual(message, {
    embeds: [
      {
        title: "TikTok — brief",
        description: [
          "• Microsoft confirmed it is in talks to buy TikTok's operations in the United States, Canada, Australia and New Zealand from ByteDance. [1][2]",
          "• Microsoft aims to complete the discussions no later than September 15, 2020. [1]",
          "• The deal would be subject to a complete security review and to the approval of the U.S. government. [1][3]",
        ].join("\n"),
        fields: [
          { name: "Key figures", value: "• Deadline for the talks: September 15, 2020. [1]" },
          {
            name: "Key quotes",
            value: [
              "• “Microsoft fully appreciates the importance of addressing the President's concerns.” — Microsoft [1]",
              "• “We are not planning on going anywhere.” — Vanessa Pappas [3]",
              "• “This is a \\*big\\* deal for @\u200Beveryone.” — unattributed [2]",
              "+1 more — use the buttons",
            ].join("\n"),
          },
          { name: "Open questions", value: "• Will the talks conclude by September 15, 2020? [1]" },
          {
            name: "Sources",
            value: [
              "[1] [Microsoft to continue discussions on potential TikTok purchase in the United States](https://blogs.microsoft.com/blog/2020/08/02/microsoft-to-continue-discussions-on-potential-tiktok-purchase-in-the-united-states/) · Microsoft On the Issues · 2020-08-02",
              "[2] Microsoft \\[confirms\\] TikTok talks · Reuters · 2020-08-03 · reuters-tiktok.txt",
              "[3] Trump says TikTok will be banned · AP · javascript:alert(1)",
            ].join("\n"),
          },
          { name: "Also in other stories", value: "• WeChat ban (1 source)" },
        ],
        color: 0x5865f2,
        footer: {
          text: "3 points · 1 figure · 4 quotes · 1 open question · 3 sources. Every item cites its source: [n] is source n. Bullets phrased from the sources by templates.",
        },
      },
    ],
    components: [
      {
        type: 1,
        components: [
          { type: 2, style: 2, label: "More quotes", custom_id: "deal:quotes:0:tiktok", disabled: false },
          {
            type: 2,
            style: 2,
            label: "More questions",
            custom_id: "deal:questions:0:tiktok",
            disabled: false,
          },
          { type: 2, style: 2, label: "All sources", custom_id: "deal:sources:0:tiktok", disabled: true },
        ],
      },
    ],
    allowed_mentions: { parse: [] },
  });
  const questions = renderBrief(tiktok, { page: "questions", customId });
  assert.equal(
    questions.embeds[0]?.description,
    "• Will the talks conclude by September 15, 2020? [1]\n↳ “Microsoft will move quickly to pursue discussions, no later than September 15, 2020.” [1]",
  );
  assert.deepEqual(
    buttons(questions).map((b) => [b.label, b.custom_id, b.disabled]),
    [
      ["◀ Prev", "deal:questions:0:tiktok", true],
      ["Next ▶", "deal:questions:1:tiktok", true],
      ["Back to brief", "deal:main:0:tiktok", false],
    ],
  );
  checkBrief(tiktok, "tiktok");
});

test("a quote too long for a field is shown whole on the quotes page; longer than a page, as a marked excerpt", () => {
  const customId = (page: BriefPage, index: number) => `${page}:${index}`;
  const sentence = "The company said it would cooperate fully with every regulator involved in the review. ";
  const medium = sentence.repeat(15).trim(); // ~1300 characters: too long for a 1024 field
  const long = sentence.repeat(60).trim(); // ~5300 characters: too long for a 4096 description
  const brief: Brief = {
    ...tiktok,
    quotes: [
      { text: medium, speaker: "A", source: "ms", otherSources: [] },
      { text: long, speaker: null, source: "ap", otherSources: [] },
    ],
  };
  const main = renderBrief(brief, { customId });
  assert.equal(
    main.embeds[0]?.fields?.find((f) => f.name === "Key quotes")?.value,
    "+2 more — use the buttons",
  );
  const page0 = renderBrief(brief, { page: "quotes", index: 0, customId });
  assert.equal(page0.embeds[0]?.description, `• “${medium}” — A [1]`);
  const page1 = renderBrief(brief, { page: "quotes", index: 1, customId });
  const shown = page1.embeds[0]?.description ?? "";
  assert.match(shown, /^• “The company said.* review\. …” — unattributed \[3\] \(excerpt\)$/u);
  assert.ok(shown.length <= LIMITS.description && shown.length > LIMITS.description - sentence.length - 60);
  checkBrief(brief, "long quotes");
});

test("emoji, flags, ZWJ sequences and RTL text pass through intact and are never split", () => {
  const customId = (page: BriefPage, index: number) => `${page}:${index}`;
  const text = "Talks 🇺🇸🇨🇦 continue 👨‍👩‍👧‍👦 مرحبا بالعالم שלום 🏳️‍🌈 e\u0301té";
  const brief: Brief = { ...tiktok, label: "TikTok 🇺🇸", summary: [{ ...point0, text }] };
  const main = renderBrief(brief, { customId });
  assert.equal(main.embeds[0]?.title, "TikTok 🇺🇸 — brief");
  assert.equal(main.embeds[0]?.description, `• ${text} [1][2]`);
  // One point of flags and families far longer than a page: cut between graphemes at a space, markers kept.
  const huge = Array.from({ length: 900 }, (_, i) => (i % 2 ? "🇺🇸🇬🇧" : "👨‍👩‍👧‍👦")).join(" ");
  const big: Brief = { ...tiktok, summary: [{ ...point0, text: huge }] };
  const page = renderBrief(big, { index: 1, customId });
  const description = page.embeds[0]?.description ?? "";
  assert.match(description, /^\*\*Summary \(continued\)\*\*\n• (?:(?:🇺🇸🇬🇧|👨‍👩‍👧‍👦) )*(?:🇺🇸🇬🇧|👨‍👩‍👧‍👦)… \[1\]\[2\]$/u);
  checkBrief(big, "emoji");
});

test("mentions and markdown from documents are inert; only http(s) URLs become links", () => {
  const customId = (page: BriefPage, index: number) => `${page}:${index}`;
  const brief: Brief = {
    ...tiktok,
    label: "@everyone <@&123>",
    summary: [
      { ...point0, text: "Ping @here <@123> <#9> and [free nitro](https://evil.example) **now** ||x||" },
    ],
    sources: [
      { ...source(0), title: "a](https://evil.example) [b", url: "https://ok.example/a(b)c" },
      { ...source(1), url: "javascript:alert(document.cookie)" },
      { ...source(2), url: "data:text/html,<script>alert(1)</script>" },
    ],
  };
  const main = renderBrief(brief, { customId });
  const embed = main.embeds[0];
  assert.equal(embed?.title, "@\u200Beveryone <\u200B@\u200B&123\\> — brief");
  assert.equal(
    embed?.description,
    "• Ping @\u200Bhere <\u200B@\u200B123\\> <\u200B#9\\> and \\[free nitro\\](https://evil.example) \\*\\*now\\*\\* \\|\\|x\\|\\| [1][2]",
  );
  const sources = embed?.fields?.find((f) => f.name === "Sources")?.value ?? "";
  assert.equal(
    sources,
    [
      "[1] [a\\]\\(https://evil.example\\) \\[b](https://ok.example/a%28b%29c) · Microsoft On the Issues · 2020-08-02",
      "[2] Microsoft \\[confirms\\] TikTok talks · Reuters · 2020-08-03 · javascript:alert(document.cookie)",
      "[3] Trump says TikTok will be banned · AP · data:text/html,<\u200Bscript\\>alert(1)<\u200B/script\\>",
    ].join("\n"),
  );
  checkBrief(brief, "hostile");
});

test("custom ids over 100 characters or repeated in one message are refused", () => {
  assert.throws(() => renderBrief(tiktok, { customId: () => "x".repeat(101) }), RangeError);
  assert.throws(() => renderBrief(tiktok, { customId: () => "same" }), RangeError);
  assert.doesNotThrow(() => renderBrief(tiktok, { customId: (p, i) => `${p}:${i}:`.padEnd(100, "x") }));
});

test("unknown topic and error messages are ephemeral, inert and within limits", () => {
  const hrefs = new Set<string>();
  const unknown = renderUnknownTopic("tik @everyone tok", ["TikTok", "Tik*Tok*", "<@123>"]);
  assertSafe(unknown, hrefs, "unknown");
  assert.equal(unknown.flags, 64);
  assert.equal(
    unknown.content,
    "No documents mention “tik @\u200Beveryone tok”. Did you mean: **TikTok**, **Tik\\*Tok\\***, **<\u200B@\u200B123\\>**?",
  );
  const many = renderUnknownTopic(
    "x".repeat(5000),
    Array.from({ length: 500 }, (_, i) => `topic ${i} `.repeat(20)),
  );
  assertSafe(many, hrefs, "many suggestions");
  assert.match(many.content ?? "", /, \+\d+ more\?$/u);
  assert.match(renderUnknownTopic("zzz", []).content ?? "", /^No documents mention “zzz”\. Try /u);
  const error = renderError("req-42:abc");
  assert.equal(error.content, "Something went wrong (error id `req-42:abc`). Please try again in a moment.");
  assert.equal(error.flags, 64);
  assert.deepEqual(error.allowed_mentions, { parse: [] });
  const hostile = renderError(`@everyone ${"`".repeat(3000)}`);
  assertSafe(hostile, hrefs, "hostile error id");
  assert.equal(hostile.flags, 64);
});
