// Independent checks for rendered Discord messages (not the renderer's own helpers): text normalisation and
// unescaping as a reader sees it, word and sentence cuts, and every Discord limit, mentions off and links only
// to the brief's own http(s) addresses. Shared by the brief and first-page render tests.
import assert from "node:assert/strict";
import type { APIButtonComponentWithCustomId, APIEmbed } from "discord-api-types/v10";
import type {
  Brief,
  QuestionItem,
  QuoteItem,
  SettledItem,
  SummaryItem,
} from "../../src/core/brief/schema.js";
import { embedCharacters, LIMITS } from "../../src/discord/render/limits.js";
import type { RenderedMessage } from "../../src/discord/render/types.js";

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const sentences = new Intl.Segmenter(undefined, { granularity: "sentence" });

/** The canonical one-line form the renderer shows: whitespace collapsed, controls gone, lone surrogates replaced. */
export function norm(text: string): string {
  return (
    text
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
      // eslint-disable-next-line no-control-regex -- mirrors the renderer's removal of control characters
      .replace(/[\u0000-\u0008\u000E-\u001F\u007F]/gu, "")
      .replace(/\s+/gu, " ")
      .trim()
  );
}

export function unescape(text: string): string {
  return text.replace(/([@<])\u200B/gu, "$1").replace(/\\(.)/gsu, "$1");
}

export const chars = (s: string) => Math.max(s.length, Array.from(s).length);

export function isGraphemeBoundary(text: string, offset: number): boolean {
  return offset === text.length || graphemes.segment(text).containing(offset)?.index === offset;
}

const SPACED_ALNUM = /[\p{L}\p{N}\p{M}]/u;
const NO_SPACE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const spacedAlnum = (c: string) => SPACED_ALNUM.test(c) && !NO_SPACE.test(c);

/** prefix is text cut at a word boundary: a strict prefix, on a grapheme boundary, not between two letters. */
export function isWordPrefix(text: string, prefix: string): boolean {
  if (prefix.length === 0 || prefix.length >= text.length || !text.startsWith(prefix)) return false;
  if (!isGraphemeBoundary(text, prefix.length)) return false;
  const before = Array.from(prefix).at(-1) ?? "";
  const after = Array.from(text.slice(prefix.length))[0] ?? "";
  return !(spacedAlnum(before) && spacedAlnum(after));
}

export function isSentencePrefix(text: string, prefix: string): boolean {
  if (!isWordPrefix(text, prefix)) return false;
  for (const { index } of sentences.segment(text))
    if (index > 0 && text.slice(0, index).trimEnd() === prefix) return true;
  return false;
}

/** Escaped length of a line as the renderer escapes (a backslash or zero-width space per special character). */
export const escapedLength = (line: string) => line.length + (line.match(/[\\*_~`|>[\]@<]/gu)?.length ?? 0);

export function buttons(message: RenderedMessage): APIButtonComponentWithCustomId[] {
  return message.components.flatMap((row) =>
    row.components.filter((b): b is APIButtonComponentWithCustomId => "custom_id" in b),
  );
}

export function strings(message: RenderedMessage): string[] {
  const out: string[] = [];
  if (message.content !== undefined) out.push(message.content);
  for (const e of message.embeds) {
    out.push(e.title ?? "", e.description ?? "", e.footer?.text ?? "", e.author?.name ?? "");
    for (const f of e.fields ?? []) out.push(f.name, f.value);
  }
  for (const b of buttons(message)) out.push(b.label ?? "");
  return out;
}

export function allowedHrefs(brief: Brief): Set<string> {
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
export function assertSafe(message: RenderedMessage, hrefs: Set<string>, where: string): void {
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
  for (const b of message.components.flatMap((row) => row.components)) {
    assert.notEqual(b.disabled, true, at(`a disabled button: ${"label" in b ? b.label : ""}`));
    if ("url" in b) assert.ok(hrefs.has(b.url), at(`link button to ${b.url}`));
  }
  for (const e of message.embeds)
    if (e.url !== undefined) assert.ok(hrefs.has(e.url), at(`embed url ${e.url}`));
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

/** The address the renderer may link source n to: its http(s) URL, else an http(s) location when it has no URL. */
export function hrefOf(source: Brief["sources"][number]): string | undefined {
  const safe = (candidate: string | null) => {
    try {
      const url = new URL((candidate ?? "").trim());
      if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
      url.username = "";
      url.password = "";
      return url.href.replace(
        /[()<>\s[\]`'"]/gu,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
      );
    } catch {
      return undefined;
    }
  };
  const href = safe(source.url) ?? (source.url === null ? safe(source.location) : undefined);
  return href !== undefined && href.length <= 512 ? href : undefined;
}

/** What a reader sees of Discord markdown: link text without its target, no escapes, bold or list marks. */
export function seen(markdown: string): string {
  return markdown
    .replace(/(?<!\\)\[((?:\\.|[^\]\\])*)\]\(https?:\/\/[^)\s]+\)/gu, "$1")
    .replace(/\\(.)/gu, "$1")
    .replace(/\*\*/gu, "")
    .replace(/^ *(?:-#|-) /gmu, "")
    .replace(/\u200B/gu, "");
}

/** Characters a reader sees in a message's embeds (title, text, fields, footer). */
export function screenSize(message: RenderedMessage): number {
  let n = 0;
  for (const e of message.embeds) {
    const texts = [e.title ?? "", e.description ?? "", e.footer?.text ?? ""];
    for (const f of e.fields ?? []) texts.push(f.name, f.value);
    for (const t of texts) n += Array.from(seen(t)).length;
  }
  return n;
}

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

export const NBSP = "\u00A0";

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
    /** The part after the sentence: ` → **label**, 20 Dec 2023 [n]`, checked apart so the sentence may be cut. */
    outcome: (r: SettledItem) => cited(` → **${norm(r.by.label)}**, ${dayText(r.by.date)}`, [r.by.source]),
    evidence: (sentence: string, source: string) => `  - ${cited(`“${norm(sentence)}”`, [source])}`,
  };
}
