// The Discord rendering of digests: every Discord limit in every message of generated digests of every size
// (up to 30 stories, long and hostile text), messages in story order, quotes whole or not at all, items cut
// only at sentence or word boundaries with their markers kept, every source listed once, mentions inert.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { APIEmbed } from "discord-api-types/v10";
import type { Digest, DigestChange, DigestStory } from "../../../src/core/digest/types.js";
import { buildDigest } from "../../../src/core/digest/buildDigest.js";
import { DocumentIndex } from "../../../src/core/index/docIndex.js";
import { loadFolder } from "../../../src/core/ingest/loadFolder.js";
import { limitViolations } from "../../../src/discord/render/limits.js";
import { LIMITS } from "../../../src/discord/render/limits.js";
import type { RenderedMessage } from "../../../src/discord/render/types.js";
import { renderDigest } from "../../../src/discord/render/digest.js";
import { QUOTE_MAX } from "../../../src/digest/compact.js";
import { Gen, generateBrief, rng } from "../../support/briefGenerator.js";
import { CORPUS, HAS_CORPUS, makeDoc } from "../../support/shared.js";

// ---------- independent helpers ----------

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
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const SPACED = (c: string) =>
  /[\p{L}\p{N}\p{M}]/u.test(c) &&
  !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u.test(c);

/** prefix is text cut at a word boundary: a strict prefix, on a grapheme boundary, not between two letters. */
function isWordPrefix(text: string, prefix: string): boolean {
  if (prefix.length === 0 || prefix.length >= text.length || !text.startsWith(prefix)) return false;
  if (graphemes.segment(text).containing(prefix.length)?.index !== prefix.length) return false;
  const before = Array.from(prefix).at(-1) ?? "";
  const after = Array.from(text.slice(prefix.length))[0] ?? "";
  return !(SPACED(before) && SPACED(after));
}

function strings(message: RenderedMessage): string[] {
  const out: string[] = [message.content ?? ""];
  for (const e of message.embeds) {
    out.push(e.title ?? "", e.description ?? "", e.footer?.text ?? "", e.author?.name ?? "");
    for (const f of e.fields ?? []) out.push(f.name, f.value);
  }
  return out;
}

function assertSafe(message: RenderedMessage, where: string): void {
  const at = (what: string) => `${where}: ${what}`;
  assert.deepEqual(limitViolations(message), [], at("limitViolations"));
  assert.deepEqual(message.allowed_mentions, { parse: [] }, at("allowed_mentions"));
  assert.deepEqual(message.components, []);
  assert.ok(message.embeds.length <= LIMITS.embeds, at("embeds"));
  assert.ok(chars(message.content ?? "") <= LIMITS.content, at("content"));
  const total = (count: (s: string) => number) =>
    message.embeds.reduce(
      (sum, e) =>
        sum +
        count(e.title ?? "") +
        count(e.description ?? "") +
        count(e.footer?.text ?? "") +
        (e.fields ?? []).reduce((s, f) => s + count(f.name) + count(f.value), 0),
      0,
    );
  assert.ok(total((s) => s.length) <= LIMITS.total, at("total (UTF-16)"));
  assert.ok(total((s) => Array.from(s).length) <= LIMITS.total, at("total (code points)"));
  for (const e of message.embeds) {
    assert.ok(chars(e.title ?? "") <= LIMITS.title, at("title"));
    assert.ok(chars(e.description ?? "") <= LIMITS.description, at("description"));
    for (const f of e.fields ?? []) {
      assert.ok(chars(f.name) >= 1 && chars(f.name) <= LIMITS.fieldName, at("field name"));
      assert.ok(chars(f.value) >= 1 && chars(f.value) <= LIMITS.fieldValue, at("field value"));
    }
  }
  for (const s of strings(message)) {
    assert.doesNotMatch(s, /@(?!\u200B)/u, at(`an @ not neutralised in ${s.slice(0, 80)}`));
    assert.doesNotMatch(s, /<(?!\u200B)/u, at("a < not neutralised"));
    assert.doesNotMatch(s, /@everyone|@here/u, at("@everyone"));
    assert.doesNotMatch(
      s,
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u,
      at("lone surrogate"),
    );
    // Every unescaped "](" closes one of our links, and a link goes to http(s) only.
    for (const m of s.matchAll(/(\\*)\]\(([^)]*)\)?/gu)) {
      if ((m[1] ?? "").length % 2 === 1) continue;
      assert.match(m[2] ?? "", /^https?:\/\//u, at(`link to ${m[2]}`));
    }
  }
}

// ---------- generated digests ----------

const KINDS = ["development", "new-question", "answered"] as const;

function generateDigest(g: Gen, stories: number, long = false): Digest {
  const nSources = g.pick([0, 1, 2, 5, 12, 40, 120]);
  const { sources } = generateBrief(g, {
    sources: nSources,
    summary: 0,
    figures: 0,
    quotes: 0,
    questions: 0,
    related: 0,
  });
  const text = () => (long ? g.text(g.pick([3000, 4100, 5000])) : g.text());
  const ids = () => {
    const n = nSources === 0 ? 1 : 1 + g.int(g.random() < 0.1 ? nSources : Math.min(nSources, 3));
    return Array.from({ length: n }, () =>
      nSources === 0 || g.random() < 0.03 ? "unknown" : `src${g.int(nSources)}`,
    );
  };
  const change = (): DigestChange => {
    const kind = g.pick(KINDS);
    return {
      kind,
      text: kind === "answered" ? `Answered? ${text()}? — ${text()}` : text(),
      source: ids()[0] ?? "unknown",
    };
  };
  const date = () => g.pick(["2024-01-03", "2023-12", "2024-02-29", "sometime"]);
  const story = (): DigestStory => ({
    label: g.text(g.pick([1, 6, 30, 300])),
    state:
      g.random() < 0.7
        ? { label: g.text(g.pick([1, 10, 100])), date: date(), source: ids()[0] ?? "unknown" }
        : null,
    steps: Array.from({ length: g.pick([0, 0, 1, 2, 3]) }, () => ({
      date: date(),
      label: g.text(10),
      text: text(),
      source: ids()[0] ?? "unknown",
    })),
    documents: ids(),
    headline: g.text(g.pick([10, 80, 200, 400, 5000])),
    bullets: Array.from({ length: g.pick([1, 1, 2, 3, 3, 3, 7]) }, () => ({ text: text(), sources: ids() })),
    quote:
      g.random() < 0.7
        ? {
            text: text(),
            speaker: g.random() < 0.3 ? null : g.text(g.pick([1, 8, 40, 300])),
            source: ids()[0] ?? "unknown",
          }
        : null,
    changes: Array.from({ length: g.pick([0, 1, 2, 4, 6, 9]) }, change),
    newDocuments: g.pick([1, 2, 5, 40]),
  });
  return {
    since: Date.UTC(2024, 0, 1),
    until: Date.UTC(2024, 0, 8),
    stories: Array.from({ length: stories }, story),
    sources,
    memory: { questions: [] },
    empty: stories === 0,
  };
}

const storyEmbeds = (messages: RenderedMessage[]): APIEmbed[] => messages.flatMap((m) => m.embeds);
/** `[n]` markers as a reader sees them, linked or not. */
const markerNumbers = (line: string): number[] =>
  [...line.matchAll(/\[\\\[(\d+)\\\]\]\(|(?<!\\)\[(\d+)\](?!\()/gu)].map((m) => Number(m[1] ?? m[2]));
const MARKERS = /(?:\u00A0(?:\[\\\[\d+\\\]\]\([^)\s]+\)|\[\d+\]))$/u;

/** A shown text is the whole text, or a prefix of it ending in "…" (cut at a word boundary). */
function wholeOrCut(shown: string, full: string, where: string): void {
  if (shown === full) return;
  assert.ok(shown.endsWith("…"), `${where}: cut without "…": ${shown.slice(-40)}`);
  const cut = shown.slice(0, -1).trimEnd();
  assert.ok(
    full.startsWith(cut) && cut.length < full.length,
    `${where}: not a prefix: ${shown.slice(0, 60)}`,
  );
  // At a word boundary; a text with no space in reach (one enormous word) is cut between graphemes.
  assert.ok(isWordPrefix(full, cut) || !/\s/u.test(cut), `${where}: cut badly: ${shown.slice(0, 60)}`);
}

/** One story's block: status first, change lines cut only at words and cited, the quote whole or absent. */
function checkStory(story: DigestStory, embed: APIEmbed, where: string): void {
  const shown = unescape(embed.title ?? "");
  const title = norm(story.label) || norm(story.headline) || "Story";
  assert.ok(
    shown === title || (shown.endsWith("…") && title.startsWith(shown.slice(0, -1))),
    `${where} title`,
  );
  const lines = (embed.description ?? "").split("\n");
  const known = (id: string) => id !== "unknown";
  if (story.state && known(story.state.source))
    assert.match(lines[0] ?? "", /^\*\*.+\*\*( · .+)?\u00A0\S+$/u, `${where}: status first`);
  // No headline repeated: the block never shows the headline's sentence (unless another item says it too).
  const headline = norm(story.headline);
  const items = [story.state?.label, story.quote?.text, ...story.steps.map((x) => x.text)];
  const elsewhere = [...items, ...story.changes.map((c) => c.text), ...story.bullets.map((x) => x.text)];
  if (headline.length > 40 && !elsewhere.some((t) => norm(t ?? "").includes(headline)))
    assert.ok(!unescape(embed.description ?? "").includes(headline), `${where}: headline`);
  const changes = lines.filter((l) => l.startsWith("- "));
  assert.ok(changes.length <= 3, `${where}: at most three lines`);
  const texts = [
    ...story.steps.map((s) => s.text),
    ...story.changes.map((c) => c.text.replace(/^\s*Answered\?\s*/u, "")),
    ...story.bullets.map((b) => b.text),
  ].map(norm);
  for (const line of changes) {
    assert.match(line, MARKERS, `${where}: a line ends with its marker: ${line.slice(-60)}`);
    const body = unescape(line.replace(MARKERS, "").slice(2)).replace(
      /^(?:\*\*Answered\?\*\* |\*\*[^*]+\*\* — )/u,
      "",
    );
    const full = texts.find(
      (t) => t === body || (body.endsWith("…") && t.startsWith(body.slice(0, -1).trimEnd())),
    );
    assert.ok(full !== undefined, `${where}: a line from the story: ${body.slice(0, 60)}`);
    wholeOrCut(body, full, where);
  }
  const quotes = lines.filter((l) => l.startsWith("> "));
  assert.ok(quotes.length <= 1, `${where}: one quote`);
  const quoteText = story.quote ? norm(story.quote.text) : "";
  if (quotes[0]) assert.ok(unescape(quotes[0]).includes(`“${quoteText}”`), `${where}: quote whole`);
  else if (story.quote && known(story.quote.source) && quoteText.length > 0 && quoteText.length <= QUOTE_MAX)
    assert.fail(`${where}: a short quote left out`);
  if (quotes[0] && story.quote?.speaker && norm(story.quote.speaker).length <= 60)
    assert.ok(
      unescape(quotes[0]).startsWith(`> **${norm(story.quote.speaker)}:** “`),
      `${where}: speaker first`,
    );
}

/** The renderer's own checks on one digest, rendered once. */
function check(digest: Digest, title: string, where: string): RenderedMessage[] {
  const messages = renderDigest(digest, { title, emptyLine: "Nothing new this week." });
  messages.forEach((m, i) => {
    assertSafe(m, `${where} message ${i}`);
  });
  if (digest.stories.length === 0) return messages;
  // In order: one embed per story, in the digest's order.
  const embeds = storyEmbeds(messages);
  assert.equal(embeds.length, digest.stories.length, where);
  digest.stories.forEach((story, i) => {
    const embed = embeds[i];
    assert.ok(embed, where);
    checkStory(story, embed, `${where} story ${i}`);
  });
  // Markers are numbered in the order a reader meets them: no gaps, no number before a smaller one is met.
  let highest = 0;
  for (const line of embeds.flatMap((e) => (e.description ?? "").split("\n")))
    for (const n of markerNumbers(line)) {
      assert.ok(n <= highest + 1, `${where}: [${n}] met before [${highest + 1}]`);
      highest = Math.max(highest, n);
    }
  return messages;
}

const TITLES = ["Weekly digest", "@everyone **digest** <@123> 👨‍👩‍👧‍👦 مرحبا", "x".repeat(3000), ""];

test("generated digests of every size keep every Discord limit", () => {
  const sizes = [1, 2, 3, 5, 8, 9, 10, 11, 12, 20, 25, 30];
  const seen = { quote: 0, cutLine: 0, datedLine: 0, status: 0, more: 0, split: 0 };
  for (let seed = 1; seed <= 40; seed++) {
    const g = new Gen(rng(seed), { heavy: false });
    const stories = sizes[seed % sizes.length] ?? 1;
    const digest = generateDigest(g, stories, seed % 4 === 0);
    const messages = check(digest, TITLES[seed % TITLES.length] ?? "", `seed ${seed}`);
    assert.ok(messages.length >= Math.ceil(stories / LIMITS.embeds), `seed ${seed}: messages`);
    if (messages.length > 1) seen.split++;
    const lines = messages.flatMap((m) => m.embeds).flatMap((e) => (e.description ?? "").split("\n"));
    for (const line of lines) {
      if (line.startsWith("> ")) seen.quote++;
      if (line.startsWith("- ") && line.replace(MARKERS, "").endsWith("…")) seen.cutLine++;
      if (/^- \*\*\d/u.test(line)) seen.datedLine++;
      if (/^\*\*/u.test(line)) seen.status++;
      if (/^-# .*\+\d+ more$/u.test(line)) seen.more++;
    }
  }
  // The cases the checks are about did occur.
  for (const [what, n] of Object.entries(seen)) assert.ok(n > 0, `no ${what} in the generated digests`);
});

test("30 stories of long, hostile text split into ordered messages", () => {
  const g = new Gen(rng(2024), { heavy: false });
  const digest = generateDigest(g, 30, true);
  const messages = check(digest, "Weekly digest", "long");
  assert.ok(messages.length >= 3);
  assert.match(
    messages[0]?.content ?? "",
    /^\*\*Weekly digest\*\*\n30 stories · \d+ new documents? · 1 Jan 2024 – 8 Jan 2024 · 1\//u,
  );
  messages.slice(1).forEach((m, i) => {
    assert.equal(m.content, `**Weekly digest** (continued, ${i + 2}/${messages.length})`);
  });
  // Same digest, same messages.
  assert.deepEqual(renderDigest(digest, { title: "Weekly digest", emptyLine: null }), messages);
});

test("hostile text is inert: mentions, markdown, links", () => {
  const hostile =
    "@everyone @here <@123456789012345678> <#1> **bold** [x](https://evil.example) `code` > quote";
  const digest: Digest = {
    since: 0,
    until: 1,
    stories: [
      {
        label: "@here",
        state: { label: hostile, date: "2024-01-02", source: "a" },
        steps: [],
        documents: ["a"],
        headline: `@everyone ${hostile}`,
        bullets: [{ text: `Acme ${hostile}. שלום עולם 🇺🇸.`, sources: ["a"] }],
        quote: { text: hostile, speaker: "@everyone", source: "a" },
        changes: [{ kind: "answered", text: `Answered? Will ${hostile}? — ${hostile}`, source: "a" }],
        newDocuments: 1,
      },
    ],
    sources: [
      {
        id: "a",
        title: `[evil](javascript:alert(1)) @everyone`,
        url: "https://news.example/a_(b)",
        published: "2024-01-02",
        outlet: "@here",
        location: "a.txt",
      },
    ],
    memory: { questions: [] },
    empty: false,
  };
  const [message, ...rest] = check(digest, hostile, "hostile");
  assert.equal(rest.length, 0);
  const embed = message?.embeds[0];
  assert.ok(embed);
  assert.match(embed.description ?? "", /\\\*\\\*bold\\\*\\\*/);
  assert.match(
    embed.description ?? "",
    /^- \*\*Answered\?\*\* Will .*\u00A0\[\\\[1\\\]\]\(https:\/\/news\.example\/a_%28b%29\)$/mu,
  );
  assert.equal(embed.url, "https://news.example/a_%28b%29");
});

test("an empty digest: one short message, or none", () => {
  const empty: Digest = {
    since: 0,
    until: 1,
    stories: [],
    sources: [],
    memory: { questions: [] },
    empty: true,
  };
  assert.deepEqual(renderDigest(empty, { title: "Weekly digest", emptyLine: null }), []);
  const messages = renderDigest(empty, { title: "Weekly digest", emptyLine: "Nothing new @everyone." });
  assert.equal(messages.length, 1);
  const [message] = messages;
  assert.ok(message);
  assertSafe(message, "empty");
  assert.deepEqual(message.embeds, []);
  assert.equal(unescape(message.content ?? ""), "**Weekly digest**\nNothing new @everyone.");
});

test("a real digest renders with its bullets, quote, changes and linked sources", async () => {
  const docs = HAS_CORPUS
    ? (await loadFolder(CORPUS)).documents
    : [
        makeDoc(
          `Acme agrees to buy Beta Systems\n\nAcme Corp agreed on Monday to buy Beta Systems for $2 billion in cash. The deal is subject to approval by regulators, Acme said. "This is a great day for our customers," Acme CEO Jane Roe said.`,
          { url: "https://news.example/acme" },
        ),
      ];
  const index = new DocumentIndex();
  docs.forEach((d, i) => index.add({ ...d, addedAt: 1000 + i }));
  const digest = buildDigest(index, { scope: {}, since: 0, until: 10_000 });
  const messages = check(digest, "Weekly digest", "real");
  const embeds = storyEmbeds(messages);
  const first = digest.stories[0];
  const embed = embeds[0];
  assert.ok(first && embed);
  const lines = (embed.description ?? "").split("\n");
  // Status first when the story has one, then what changed; the first marker is [1], linked to its source.
  if (first.state) assert.match(lines[0] ?? "", /^\*\*[^*]+\*\* · \d/u);
  assert.ok(
    lines.some((l) => l.startsWith("- ")),
    "what changed",
  );
  assert.match(embed.description ?? "", /\u00A0\[\\\[1\\\]\]\(https:\/\//u);
  if (first.quote && norm(first.quote.text).length <= QUOTE_MAX)
    assert.ok(unescape(embed.description ?? "").includes(`“${norm(first.quote.text)}”`));
  assert.match(embed.url ?? "", /^https:\/\//u);
});
