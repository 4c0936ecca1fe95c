// The digest as a reader scans it: one compact block per story (where it stands, with its date and source;
// what changed as one to three dated lines; one quote with its speaker) and nothing said twice (no headline
// repeated as a bullet). Platform-free: an outlet formats it (src/discord/render/digest.ts). Sources are
// numbered in the order a reader meets them in the blocks, so the markers run [1], [2], … without gaps.
import type { SourceRef } from "../core/brief/schema.js";
import { shortenAtWord } from "../core/digest/buildDigest.js";
import type { Digest, DigestStory } from "../core/digest/types.js";

/** Characters of a line's text: at most two lines of an embed on a desktop, so a block stays a glance. */
export const LINE_MAX = 110;
/** A longer quote is left out, never cut: a reader would take part of a quote for all of it. */
export const QUOTE_MAX = 200;
export const MAX_LINES = 3;
const TITLE_MAX = 100;

export type CompactLineKind = "step" | "news" | "point" | "answered";

export interface CompactLine {
  kind: CompactLineKind;
  /** "YYYY-MM-DD" or "YYYY-MM" for a dated step; null otherwise. */
  date: string | null;
  text: string;
  /** The source's number in CompactDigest.sources (1-based). */
  source: number;
}

export interface CompactStory {
  title: string;
  status: { label: string; date: string; source: number } | null;
  /** Oldest first. */
  lines: CompactLine[];
  quote: { text: string; speaker: string | null; source: number } | null;
  /** The numbers the block cites, ascending. */
  cited: number[];
  /** How many of the story's new documents the block does not cite. */
  uncited: number;
  newDocuments: number;
  /** The story's newest source (by stated date), where its latest news can be read. */
  latest: SourceRef | null;
}

export interface CompactDigest {
  since: number;
  until: number;
  stories: CompactStory[];
  /** Only the sources the blocks cite: [n] is sources[n - 1]. */
  sources: SourceRef[];
}

const clean = (text: string): string => text.replace(/\s+/gu, " ").trim();
const same = (a: string, b: string): boolean => clean(a).toLowerCase() === clean(b).toLowerCase();

interface Draft {
  kind: CompactLineKind;
  date: string | null;
  text: string;
  source: string;
}

/**
 * What changed: the window's dated steps; without any, the newest document's news and a summary point
 * it does not repeat. An earlier question a new source answers takes the place of the oldest step.
 */
function changedLines(story: DigestStory): Draft[] {
  const answered = story.changes
    .filter((c) => c.kind === "answered")
    .slice(0, 1)
    .map((c): Draft => ({
      kind: "answered",
      date: null,
      text: c.text.replace(/^\s*Answered\?\s*/u, ""),
      source: c.source,
    }));
  const room = MAX_LINES - answered.length;
  if (story.steps.length > 0) {
    const steps = story.steps
      .slice(-room)
      .map((s): Draft => ({ kind: "step", date: s.date, text: s.text, source: s.source }));
    return [...steps, ...answered];
  }
  const news = story.changes.find((c) => c.kind === "development");
  const drafts: Draft[] = news ? [{ kind: "news", date: null, text: news.text, source: news.source }] : [];
  for (const bullet of story.bullets) {
    if (drafts.length >= Math.min(room, 2)) break;
    const source = bullet.sources[0];
    if (source === undefined || drafts.some((d) => same(d.text, bullet.text))) continue;
    drafts.push({ kind: "point", date: null, text: bullet.text, source });
  }
  return [...drafts, ...answered];
}

/** Numbers sources as they are first cited; every block cites from the same list. */
class Numbering {
  readonly sources: SourceRef[] = [];
  private readonly numberOf = new Map<string, number>();
  constructor(private readonly byId: ReadonlyMap<string, SourceRef>) {}

  number(id: string): number | undefined {
    const known = this.numberOf.get(id);
    if (known !== undefined) return known;
    const source = this.byId.get(id);
    if (!source) return undefined;
    this.sources.push(source);
    this.numberOf.set(id, this.sources.length);
    return this.sources.length;
  }
}

function newest(ids: readonly string[], byId: ReadonlyMap<string, SourceRef>): SourceRef | null {
  let best: SourceRef | null = null;
  for (const id of ids) {
    const source = byId.get(id);
    if (source && (!best || (source.published ?? "") > (best.published ?? ""))) best = source;
  }
  return best;
}

function compactStory(
  story: DigestStory,
  numbering: Numbering,
  byId: ReadonlyMap<string, SourceRef>,
): CompactStory {
  const cited = new Set<number>();
  const use = (id: string): number | undefined => {
    const n = numbering.number(id);
    if (n !== undefined) cited.add(n);
    return n;
  };
  const stateSource = story.state ? use(story.state.source) : undefined;
  const status =
    story.state && stateSource !== undefined
      ? { label: clean(story.state.label), date: story.state.date, source: stateSource }
      : null;
  const lines = changedLines(story).flatMap((d): CompactLine[] => {
    const source = use(d.source);
    const text = shortenAtWord(d.text, LINE_MAX);
    return source === undefined || text.length === 0 ? [] : [{ kind: d.kind, date: d.date, text, source }];
  });
  const quoteText = story.quote ? clean(story.quote.text) : "";
  const quoteSource =
    story.quote && quoteText.length > 0 && quoteText.length <= QUOTE_MAX
      ? use(story.quote.source)
      : undefined;
  const quote =
    story.quote && quoteSource !== undefined
      ? {
          text: quoteText,
          speaker: story.quote.speaker ? clean(story.quote.speaker) : null,
          source: quoteSource,
        }
      : null;
  const citedIds = new Set([...cited].map((n) => numbering.sources[n - 1]?.id));
  return {
    title: shortenAtWord(clean(story.label) || clean(story.headline) || "Story", TITLE_MAX),
    status,
    lines,
    quote,
    cited: [...cited].sort((a, b) => a - b),
    uncited: story.documents.filter((id) => !citedIds.has(id)).length,
    newDocuments: story.newDocuments,
    latest: newest(story.documents, byId),
  };
}

export function compactDigest(digest: Digest): CompactDigest {
  const byId = new Map<string, SourceRef>();
  for (const source of digest.sources) if (!byId.has(source.id)) byId.set(source.id, source);
  const numbering = new Numbering(byId);
  const stories = digest.stories.map((story) => compactStory(story, numbering, byId));
  return { since: digest.since, until: digest.until, stories, sources: numbering.sources };
}
