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
  const story = (): DigestStory => ({
    label: g.text(g.pick([1, 6, 30, 300])),
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

const storyEmbeds = (messages: RenderedMessage[]): APIEmbed[] =>
  messages.flatMap((m) => m.embeds).filter((e) => !/^More sources/.test(e.title ?? ""));

/** The renderer's own checks on one digest, rendered once. */
function check(digest: Digest, title: string, where: string): RenderedMessage[] {
  const messages = renderDigest(digest, { title, emptyLine: "Nothing new this week." });
  messages.forEach((m, i) => {
    assertSafe(m, `${where} message ${i}`);
  });
  if (digest.stories.length === 0) return messages;

  // In order: one embed per story, in the digest's order, each titled by its headline.
  const embeds = storyEmbeds(messages);
  assert.equal(embeds.length, digest.stories.length, where);
  digest.stories.forEach((story, i) => {
    const embed = embeds[i];
    assert.ok(embed, where);
    const headline = norm(story.headline) || norm(story.label) || "Story";
    const shown = unescape(embed.title ?? "");
    assert.ok(
      shown === headline || (shown.endsWith("…") && headline.startsWith(shown.slice(0, -1))),
      `${where} story ${i} title`,
    );
    const description = embed.description ?? "";
    // The quote: whole, or a note that it is too long; never a part of it.
    const quoteLines = description.split("\n").filter((l) => l.startsWith("> "));
    if (story.quote) {
      assert.equal(quoteLines.length, 1, `${where} story ${i} quote line`);
      const line = unescape(quoteLines[0] ?? "");
      const whole = `> “${norm(story.quote.text)}” — `;
      assert.ok(
        line.startsWith(whole) || /^> \(a quote of \d+ characters, too long to show here\)/.test(line),
        `${where} story ${i}: quote cut: ${line.slice(0, 120)}`,
      );
    } else assert.equal(quoteLines.length, 0);
    // Bullets: whole or cut at a word boundary, always ending with their markers.
    const bullets = description.split("\n").filter((l) => l.startsWith("• "));
    assert.ok(bullets.length >= 1 || story.bullets.length === 0, `${where} story ${i} bullets`);
    bullets.forEach((line, b) => {
      const marker = /( (?:\[(?:\d+|\?|\+\d+)\])+)$/.exec(line)?.[1];
      assert.ok(marker, `${where} story ${i} bullet ${b} marker: ${line.slice(-40)}`);
      const body = unescape(line.slice(2, line.length - marker.length));
      const full = norm(story.bullets[b]?.text ?? "") || "(no text)";
      if (body === full || body === "(too long to show here)") return;
      const cut = body.replace(/ ?…$/, "");
      assert.ok(body.endsWith("…") && isWordPrefix(full, cut), `${where} story ${i} bullet ${b} cut badly`);
    });
  });

  // Every source is listed with its number: in the Sources field of each story citing it (once there), and
  // under "More sources" only when no story listed it.
  const numbersIn = (lines: readonly string[]) =>
    lines.flatMap((line) => {
      const n = /^\[(\d+)\] /.exec(line)?.[1];
      return n === undefined ? [] : [Number(n)];
    });
  const all = messages.flatMap((m) => m.embeds);
  const perStory = all.map((e) =>
    numbersIn((e.fields ?? []).filter((f) => f.name === "Sources").flatMap((f) => f.value.split("\n"))),
  );
  for (const numbers of perStory)
    assert.equal(new Set(numbers).size, numbers.length, `${where}: listed twice`);
  const inStories = new Set(perStory.flat());
  const more = numbersIn(
    all.filter((e) => /^More sources/.test(e.title ?? "")).flatMap((e) => (e.description ?? "").split("\n")),
  );
  assert.ok(!more.some((n) => inStories.has(n)), `${where}: listed under a story and again below`);
  assert.deepEqual(
    [...new Set([...inStories, ...more])].sort((a, b) => a - b),
    digest.sources.map((_, i) => i + 1),
    `${where}: sources listed`,
  );
  assert.equal(more.length, new Set(more).size);
  return messages;
}

const TITLES = ["Weekly digest", "@everyone **digest** <@123> 👨‍👩‍👧‍👦 مرحبا", "x".repeat(3000), ""];

test("generated digests of every size keep every Discord limit", () => {
  const sizes = [1, 2, 3, 5, 8, 9, 10, 11, 12, 20, 25, 30];
  const seen = { wholeQuote: 0, quoteNote: 0, cutBullet: 0, more: 0, split: 0 };
  for (let seed = 1; seed <= 40; seed++) {
    const g = new Gen(rng(seed), { heavy: false });
    const stories = sizes[seed % sizes.length] ?? 1;
    const digest = generateDigest(g, stories, seed % 4 === 0);
    const messages = check(digest, TITLES[seed % TITLES.length] ?? "", `seed ${seed}`);
    assert.ok(messages.length >= Math.ceil(stories / LIMITS.embeds), `seed ${seed}: messages`);
    if (messages.length > 1) seen.split++;
    const lines = messages
      .flatMap((m) => m.embeds)
      .flatMap((e) => [
        ...(e.description ?? "").split("\n"),
        ...(e.fields ?? []).flatMap((f) => f.value.split("\n")),
      ]);
    for (const line of lines) {
      if (line.startsWith("> “")) seen.wholeQuote++;
      if (line.startsWith("> (a quote of")) seen.quoteNote++;
      if (line.startsWith("• ") && /…( \[[^\]]+\])+$/.test(line)) seen.cutBullet++;
      if (/^\+\d+ more/.test(line)) seen.more++;
    }
  }
  // The cases the checks are about did occur.
  for (const [what, n] of Object.entries(seen)) assert.ok(n > 0, `no ${what} in the generated digests`);
});

test("30 stories of long, hostile text split into ordered messages", () => {
  const g = new Gen(rng(2024), { heavy: false });
  const digest = generateDigest(g, 30, true);
  const messages = check(digest, "Weekly digest", "long");
  assert.ok(messages.length >= 4);
  assert.match(
    messages[0]?.content ?? "",
    /^\*\*Weekly digest\*\*\n30 stories · \d+ sources? · 2024-01-01 to 2024-01-08 · 1\//,
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
    embed.fields?.find((f) => f.name === "What changed")?.value ?? "",
    /^• \*\*Answered\?\*\* Will .* \[1\]$/,
  );
  assert.match(
    embed.fields?.find((f) => f.name === "Sources")?.value ?? "",
    /^\[1\] \[.*\]\(https:\/\/news\.example\/a_%28b%29\)/,
  );
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
  // A document belongs to one story, so each source is listed exactly once.
  const lines = messages
    .flatMap((m) => m.embeds)
    .flatMap((e) => [
      ...(e.fields ?? []).filter((f) => f.name === "Sources").flatMap((f) => f.value.split("\n")),
      ...(/^More sources/.test(e.title ?? "") ? (e.description ?? "").split("\n") : []),
    ])
    .filter((l) => /^\[\d+\] /.test(l));
  assert.equal(lines.length, digest.sources.length);
  const embeds = storyEmbeds(messages);
  const first = digest.stories[0];
  assert.ok(first && embeds[0]);
  assert.ok(unescape(embeds[0].description ?? "").includes(first.bullets[0]?.text ?? "?"));
  if (first.quote) assert.ok(unescape(embeds[0].description ?? "").includes(`“${norm(first.quote.text)}”`));
  assert.ok(embeds[0].fields?.some((f) => f.name === "What changed" && f.value.includes("**New:**")));
  assert.match(embeds[0].fields?.find((f) => f.name === "Sources")?.value ?? "", /^\[1\] \[.+\]\(https:\/\//);
});
