// Builds the grounded brief for a topic from the story kernel: the story's documents, summary, quotes,
// open questions and sources, all taken from those documents. Phrasing is a separate step (phraseBrief.ts).
import type { AnalyzedDocument } from "../analyze/analyzeDocument.js";
import { EmptyTopicError, UnknownTopicError } from "../errors.js";
import type { DocumentIndex, Scope } from "../index/docIndex.js";
import { impliedDate, urlDate, weekdayTense, withoutUnplacedDay } from "../story/dates.js";
import { findStoryPoints } from "../story/openPoints.js";
import { selectStory } from "../story/select.js";
import { selectSummary } from "../story/summary.js";
import type { SummaryGroup } from "../story/types.js";
import { tidySentence } from "../story/text.js";
import { overtaken, stateLabel, storyTimeline, timelineText, writtenBeforeEnd } from "../story/timeline.js";
import { rankQuotes } from "./rankQuotes.js";
import { Brief, type SourceRef, type SummaryItem } from "./schema.js";

export interface BriefOptions {
  scope?: Scope;
  /** Most quotes a brief carries; front ends page through them. */
  maxQuotes?: number;
}

/** How a brief or a digest lists a document among its sources. */
export function sourceRef(analyzed: AnalyzedDocument): SourceRef {
  const doc = analyzed.doc;
  return {
    id: doc.id,
    title: doc.title,
    url: doc.url,
    // A full date the URL states counts as the document's date when it carries none of its own.
    published: analyzed.published ?? (urlDate(doc.url)?.length === 10 ? urlDate(doc.url) : null),
    outlet: doc.outlet,
    location: doc.location,
  };
}

const cache = new WeakMap<DocumentIndex, Map<string, Brief>>();

/**
 * The grounded brief for a topic: every text is a source sentence (tidied) or a template question filled
 * with spans of one; no phraser is involved. `phraseBrief` words it afterwards. Rejects with
 * EmptyTopicError / UnknownTopicError.
 */
export function buildBrief(index: DocumentIndex, topic: string, options: BriefOptions = {}): Promise<Brief> {
  try {
    return Promise.resolve(groundedBrief(index, topic, options));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** buildBrief's work, synchronous: the digest and tests that need no promise call it directly. */
export function groundedBrief(index: DocumentIndex, topic: string, options: BriefOptions = {}): Brief {
  const scope = options.scope ?? {};
  const trimmed = topic.trim();
  if (!trimmed) throw new EmptyTopicError();
  const cacheKey = `${index.version}\u0000${scope.guild ?? ""}\u0000${options.maxQuotes ?? ""}\u0000${trimmed.toLowerCase()}`;
  const cached = cache.get(index)?.get(cacheKey);
  if (cached) return cached;

  const groups = index.resolveTopic(trimmed);
  const story = groups ? selectStory(index, groups, scope) : null;
  if (!story || story.documents.length === 0)
    throw new UnknownTopicError(trimmed, index.suggest(trimmed, scope));

  const timeline = storyTimeline(story.documents, story.keys);
  const { summary, figures } = selectSummary(story.documents, story.keys, 6, 5, (c) =>
    overtaken(c.sentence, timeline.dates.get(c.source) ?? null, timeline, c.source),
  );
  const { open: points, settled } = findStoryPoints(story.documents, story.keys, 8, timeline);
  const quotes = rankQuotes(story.documents, story.keys, options.maxQuotes ?? 40);

  const bullet = (id: string, g: SummaryGroup): SummaryItem => {
    const lead = g.members[0];
    const docDate = timeline.dates.get(lead?.source ?? "") ?? null;
    const date = impliedDate(lead?.sentence ?? "", docDate);
    // A bullet with a date lead-in is dated already; one without shows the end that overtook its future.
    const end = date ? null : writtenBeforeEnd(lead?.sentence ?? "", docDate, timeline);
    return {
      id,
      text: withoutUnplacedDay(tidySentence(lead?.sentence ?? ""), docDate),
      sources: g.members.map((m) => m.source),
      evidence: g.members.map((m) => ({ source: m.source, sentence: m.sentence })),
      phrasedBy: "template",
      ...(date ? { date } : {}),
      ...(end ? { before: { label: stateLabel(end), date: end.date } } : {}),
    };
  };

  // Sources are numbered in the order a reader meets them: summary, quotes, questions, then the rest.
  const order: string[] = [];
  const cite = (id: string): void => {
    if (!order.includes(id)) order.push(id);
  };
  [...summary, ...figures].forEach((g) => {
    g.members.forEach((m) => {
      cite(m.source);
    });
  });
  quotes.forEach((q) => {
    cite(q.source);
    q.otherSources.forEach(cite);
  });
  points.forEach((p) => {
    cite(p.source);
  });
  settled.forEach((p) => {
    cite(p.source);
    cite(p.by.source);
  });
  timeline.events.forEach((e) => {
    cite(e.source);
  });
  story.documents.forEach((d) => {
    cite(d.analyzed.doc.id);
  });
  const byId = new Map(story.documents.map((d) => [d.analyzed.doc.id, d]));

  const brief = Brief.parse({
    topic: trimmed,
    state: timeline.state
      ? { label: stateLabel(timeline.state), date: timeline.state.date, source: timeline.state.source }
      : null,
    timeline: timeline.events.map((e) => ({
      date: e.date,
      text: e.kind === "deadline" ? `Deadline: ${timelineText(e)}` : timelineText(e),
      source: e.source,
      kind: e.kind,
    })),
    label: story.label,
    summary: summary.map((g, i) => bullet(`s${i + 1}`, g)),
    figures: figures.map((g, i) => bullet(`f${i + 1}`, g)),
    quotes,
    questions: points.map((p, i) => {
      const date = impliedDate(p.basis, timeline.dates.get(p.source) ?? null, weekdayTense(p.basis));
      return {
        id: `q${i + 1}`,
        text: p.text,
        kind: p.kind,
        cue: p.cue,
        basis: p.basis,
        source: p.source,
        related: p.related,
        phrasedBy: "template" as const,
        ...(date ? { date } : {}),
      };
    }),
    settled: settled.map((p, i) => {
      const date = impliedDate(p.basis, timeline.dates.get(p.source) ?? null, weekdayTense(p.basis));
      return {
        id: `r${i + 1}`,
        kind: p.kind,
        basis: tidySentence(p.basis),
        cue: p.cue,
        source: p.source,
        ...(date ? { date } : {}),
        by: { label: p.by.label, date: p.by.date, source: p.by.source },
      };
    }),
    sources: order.flatMap((id) => {
      const d = byId.get(id);
      return d ? [sourceRef(d.analyzed)] : [];
    }),
    related: story.related.map((r) => ({
      label: r.label,
      sources: r.documents.map((d) => d.analyzed.doc.id),
    })),
  });
  let perIndex = cache.get(index);
  if (!perIndex) {
    perIndex = new Map();
    cache.set(index, perIndex);
  }
  if (perIndex.size > 500) perIndex.clear();
  perIndex.set(cacheKey, brief);
  return brief;
}
