// Renders a digest as Discord messages: one compact embed per story (src/digest/compact.ts says what is in
// it), titled by the story and linked to its newest source: a bold status line with its date, what changed
// as one to three dated list lines, one quote speaker first, and a small line naming the cited outlets.
// Citation markers link to their sources. No timestamp: the status line dates the story, and a footer line
// per story would cost more height than it tells. As many messages as Discord's limits (10 embeds, 6000
// characters) need. Document text is escaped and its mentions neutralised.
import type { APIEmbed } from "discord-api-types/v10";
import type { SourceRef } from "../../core/brief/schema.js";
import type { Digest } from "../../core/digest/types.js";
import { compactDigest, type CompactLine, type CompactStory } from "../../digest/compact.js";
import { NBSP, sourceHref } from "./context.js";
import { embedCharacters, LIMITS, limitViolations, measure } from "./limits.js";
import { COLOR } from "./page.js";
import { readableDate } from "./storyData.js";
import { escapeMarkdown, fitText, normalizeText } from "./truncate.js";
import type { RenderedMessage } from "./types.js";

export interface RenderDigestOptions {
  /** Shown at the top of the first message ("Weekly digest"). */
  title: string;
  /** The whole message when the digest is empty; null: post nothing. */
  emptyLine: string | null;
}

/** A story's block stays within this, so that one always fits a message with room to spare. */
const BLOCK_MAX = 3000;
const TITLE_MAX = 200;
const STATUS_MAX = 80;
const SPEAKER_MAX = 80;
const OUTLET_MAX = 40;
/** Outlets named on a block's sources line; the rest are counted. */
const OUTLETS_SHOWN = 3;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** How a block cites: `[n](url)` when links fit the block, else plain `[n]`. */
type Marker = (n: number) => string;

function markers(sources: readonly SourceRef[], linked: boolean): Marker {
  return (n) => {
    const source = sources[n - 1];
    const href = linked && source ? sourceHref(source) : undefined;
    return href === undefined ? `[${n}]` : `[\\[${n}\\]](${href})`;
  };
}

const cited = (text: string, marker: string): string => `${text}${NBSP}${marker}`;

function statusLine(story: CompactStory, mark: Marker): string | null {
  const { status } = story;
  if (!status) return null;
  const date = escapeMarkdown(normalizeText(readableDate(status.date)));
  const label = `**${fitText(normalizeText(status.label) || "Status", STATUS_MAX)}**`;
  return cited(date ? `${label} · ${date}` : label, mark(status.source));
}

function changeLine(line: CompactLine, mark: Marker): string {
  const text = escapeMarkdown(normalizeText(line.text)) || "(no text)";
  const date = line.date ? escapeMarkdown(normalizeText(readableDate(line.date))) : "";
  const lead = line.kind === "answered" ? "**Answered?** " : date ? `**${date}** — ` : "";
  return `- ${cited(`${lead}${text}`, mark(line.source))}`;
}

function quoteLine(story: CompactStory, mark: Marker): string | null {
  const { quote } = story;
  if (!quote) return null;
  const text = `“${escapeMarkdown(normalizeText(quote.text))}”`;
  const speaker = quote.speaker ? fitText(normalizeText(quote.speaker), SPEAKER_MAX) : "";
  return `> ${cited(speaker ? `**${speaker}:** ${text}` : text, mark(quote.source))}`;
}

/** `-# [1] Outlet · [3] Outlet · +2 more`: who the markers are, without a line each. */
function sourcesLine(story: CompactStory, sources: readonly SourceRef[], mark: Marker): string | null {
  const named = story.cited.slice(0, OUTLETS_SHOWN).flatMap((n) => {
    const s = sources[n - 1];
    if (!s) return [];
    const name = normalizeText(s.outlet ?? "") || normalizeText(s.title) || "Untitled";
    return [`${mark(n)} ${fitText(name, OUTLET_MAX)}`];
  });
  const rest = story.cited.length - named.length + story.uncited;
  if (named.length === 0 && rest === 0) return null;
  return `-# ${[...named, ...(rest > 0 ? [`+${rest} more`] : [])].join(" · ")}`;
}

function block(story: CompactStory, sources: readonly SourceRef[], linked: boolean): string {
  const mark = markers(sources, linked);
  return [
    statusLine(story, mark),
    ...story.lines.map((line) => changeLine(line, mark)),
    quoteLine(story, mark),
    sourcesLine(story, sources, mark),
  ]
    .filter((line): line is string => line !== null)
    .join("\n");
}

function storyEmbed(story: CompactStory, sources: readonly SourceRef[]): APIEmbed {
  const linked = block(story, sources, true);
  const text = measure(linked) <= BLOCK_MAX ? linked : block(story, sources, false);
  const href = story.latest ? sourceHref(story.latest) : undefined;
  return {
    title: fitText(normalizeText(story.title) || "Story", LIMITS.title),
    ...(href ? { url: href } : {}),
    ...(text.length > 0 ? { description: text } : {}),
    color: COLOR,
  };
}

/** Embeds in order, as few messages as Discord's limits allow. */
function intoMessages(embeds: readonly APIEmbed[]): APIEmbed[][] {
  const messages: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  for (const embed of embeds) {
    const fits = current.length < LIMITS.embeds && embedCharacters([...current, embed]) <= LIMITS.total;
    if (!fits && current.length > 0) {
      messages.push(current);
      current = [];
    }
    current.push(embed);
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

/** "1 Jan 2024"; null for no date, and for the epoch or before: a window from there is "everything so far". */
function day(ms: number): string | null {
  if (!Number.isFinite(ms) || ms <= 0) return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : readableDate(date.toISOString().slice(0, 10));
}

/** A message over a limit is a renderer bug: fail here, naming the limit, rather than have Discord refuse it. */
function checked(message: RenderedMessage): RenderedMessage {
  const problems = limitViolations(message);
  if (problems.length > 0) throw new Error(`rendered digest breaks Discord limits: ${problems.join("; ")}`);
  return message;
}

function emptyMessage(heading: string, emptyLine: string | null): RenderedMessage[] {
  if (emptyLine === null) return [];
  const line = normalizeText(emptyLine);
  const content = [heading, line ? fitText(line, LIMITS.content - TITLE_MAX - 16) : ""]
    .filter((part) => part.length > 0)
    .join("\n");
  if (!content) return [];
  return [checked({ content, embeds: [], components: [], allowed_mentions: { parse: [] } })];
}

export function renderDigest(digest: Digest, options: RenderDigestOptions): RenderedMessage[] {
  const title = normalizeText(options.title);
  const heading = title ? `**${fitText(title, TITLE_MAX)}**` : "";
  if (digest.empty || digest.stories.length === 0) return emptyMessage(heading, options.emptyLine);
  const compact = compactDigest(digest);
  const messages = intoMessages(compact.stories.map((story) => storyEmbed(story, compact.sources)));
  const from = day(digest.since);
  const to = day(digest.until);
  const documents = compact.stories.reduce((n, s) => n + Math.max(0, Math.trunc(s.newDocuments) || 0), 0);
  const summary = [
    plural(compact.stories.length, "story", "stories"),
    plural(documents, "new document"),
    ...(from && to ? [`${from} – ${to}`] : []),
  ].join(" · ");
  return messages.map((group, i) => {
    const part = `${i + 1}/${messages.length}`;
    const content =
      i === 0
        ? [heading, messages.length > 1 ? `${summary} · ${part}` : summary]
            .filter((p) => p.length > 0)
            .join("\n")
        : `${heading || "Digest"} (continued, ${part})`;
    return checked({ content, embeds: group, components: [], allowed_mentions: { parse: [] } });
  });
}
