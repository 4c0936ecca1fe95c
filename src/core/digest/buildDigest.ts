// Builds a digest: the documents indexed in a window, grouped into stories, each with a headline, cited
// bullets, a new quote and what changed since the last digest. Everything comes from the documents (or the
// template question phrasing) and carries its source; the same index and options give the same digest.
import type { AnalyzedDocument } from "../analyze/analyzeDocument.js";
import { sourceRef } from "../brief/buildBrief.js";
import type { DocumentIndex } from "../index/docIndex.js";
import { groupStories } from "../story/cluster.js";
import { isAfter } from "../story/dates.js";
import { findOpenPoints, type OpenPoint } from "../story/openPoints.js";
import type { StoryEvent } from "../story/events.js";
import { stateLabel, storyTimeline, timelineText, type StoryTimeline } from "../story/timeline.js";
import { selectSummary } from "../story/summary.js";
import { isComplete, tidySentence, wordCount } from "../story/text.js";
import type { StoryDocument, StoryGroup } from "../story/types.js";
import { asQuestion, findAnswer, MAX_NEW_QUESTIONS, storyMatch } from "./changes.js";
import { aboutTopics, addedAt, documentsAdded } from "./window.js";
import { nextMemory } from "./memory.js";
import type {
  Digest,
  DigestBullet,
  DigestChange,
  DigestOptions,
  DigestQuestion,
  DigestQuote,
  DigestStory,
} from "./types.js";

export const DEFAULT_MAX_STORIES = 8;
const MAX_BULLETS = 3;
/** Dated steps a story carries: what changed, at a glance. */
const MAX_STEPS = 3;
/** A quote of at most this many words reads at a glance (two or three lines). */
const GLANCE_WORDS = 35;
/** The sentence part of a headline is cut at a word boundary to at most this many characters. */
export const HEADLINE_SENTENCE_MAX = 140;

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Text cut at the last word boundary within max characters, with "…"; whole when it fits. */
export function shortenAtWord(text: string, max: number): string {
  const clean = text.replace(/\s+/gu, " ").trim();
  if (clean.length <= max) return clean;
  const room = clean.slice(0, max);
  const space = room.lastIndexOf(" ");
  if (space > 0) return `${room.slice(0, space).replace(/[\s,;:—–-]+$/u, "")}…`;
  // One long word (or a script written without spaces): whole characters, never half a pair.
  let cut = "";
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(clean)) {
    if (cut.length + segment.length > max - 1) break;
    cut += segment;
  }
  return `${cut}…`;
}

/** When no sentence qualifies as a summary point (short notes, cut-off excerpts): the first whole sentence, else the title. */
function plainSentence(analyzed: AnalyzedDocument): string | null {
  for (const s of analyzed.sentences) {
    const sentence = analyzed.doc.raw.slice(s.start, s.end).trim();
    if (wordCount(sentence) >= 3 && isComplete(sentence) && !sentence.endsWith("?")) return sentence;
  }
  const title = analyzed.doc.title.trim();
  return title.length > 0 ? title : null;
}

function bulletsOf(group: StoryGroup): Array<{ sentence: string; sources: string[] }> {
  const { summary } = selectSummary(group.documents, group.keys, MAX_BULLETS, 0);
  const bullets = summary.flatMap((g) => {
    const lead = g.members[0];
    return lead ? [{ sentence: lead.sentence, sources: [...new Set(g.members.map((m) => m.source))] }] : [];
  });
  if (bullets.length > 0) return bullets;
  for (const { analyzed } of group.documents) {
    const sentence = plainSentence(analyzed);
    if (sentence) return [{ sentence, sources: [analyzed.doc.id] }];
  }
  return [];
}

/**
 * A quote from the new documents, verbatim: attributed ones first, then ones of a readable length, then
 * ones short enough to read at a glance (a digest shows one quote per story, whole or not at all).
 */
function quoteOf(group: StoryGroup): DigestQuote | null {
  let best: { quote: DigestQuote; score: number } | null = null;
  for (const { analyzed } of group.documents) {
    for (const q of analyzed.quotes) {
      if (analyzed.doc.raw.slice(q.start, q.end) !== q.text) continue;
      const words = wordCount(q.text);
      if (words < 4) continue;
      const lower = q.text.toLowerCase();
      const score =
        (q.speaker ? 100 : 0) +
        (words >= 8 && words <= 80 ? 10 : 0) +
        (words >= 8 && words <= GLANCE_WORDS ? 5 : 0) +
        ([...group.keys].some((k) => lower.includes(k)) ? 1 : 0);
      if (!best || score > best.score)
        best = { quote: { text: q.text, speaker: q.speaker, source: analyzed.doc.id }, score };
    }
  }
  return best?.quote ?? null;
}

/** The newest document: the latest stated date when any is dated, else the latest added. */
function newestDocument(documents: readonly StoryDocument[]): AnalyzedDocument | undefined {
  const dated = documents.filter((d) => d.analyzed.published !== null);
  const pool = dated.length > 0 ? dated : documents;
  return [...pool].sort(
    (a, b) =>
      compare(b.analyzed.published ?? "", a.analyzed.published ?? "") ||
      addedAt(b.analyzed) - addedAt(a.analyzed) ||
      compare(a.analyzed.doc.id, b.analyzed.doc.id),
  )[0]?.analyzed;
}

/**
 * The story's dated steps inside the window, oldest first: the ones its documents date on or after the
 * window's start (all of them for a window from the epoch), deadlines left out (they are ahead, not news).
 */
function stepsIn(timeline: StoryTimeline, since: number, group: StoryGroup): StoryEvent[] {
  const from = Number.isFinite(since) && since > 0 ? new Date(since).toISOString().slice(0, 10) : "";
  const raw = new Map(group.documents.map((d) => [d.analyzed.doc.id, d.analyzed.doc.raw]));
  // A step told only in a headline from metadata is not a sentence of the text: the digest quotes text.
  return timeline.events.filter(
    (e) => e.kind !== "deadline" && !isAfter(from, e.date) && raw.get(e.source)?.includes(e.sentence),
  );
}

/** The newest step inside the window as a change, else null (and the newest document's news is used). */
function latestStep(steps: readonly StoryEvent[]): DigestChange | null {
  const step = steps.at(-1);
  return step
    ? {
        kind: "development",
        text: tidySentence(step.sentence),
        source: step.source,
        date: step.date,
        label: step.label,
      }
    : null;
}

/** The newest document's news: its most salient sentence (which may also be a bullet), cited to it. */
function development(group: StoryGroup): DigestChange | null {
  const newest = newestDocument(group.documents);
  if (!newest) return null;
  const own = group.documents.filter((d) => d.analyzed === newest);
  const sentence =
    selectSummary(own, group.keys, 1, 0).summary[0]?.members[0]?.sentence ?? plainSentence(newest);
  return sentence ? { kind: "development", text: tidySentence(sentence), source: newest.doc.id } : null;
}

interface Built {
  story: DigestStory;
  group: StoryGroup;
  points: Array<{ point: OpenPoint; question: DigestQuestion }>;
  answered: string[];
}

export function buildDigest(index: DocumentIndex, options: DigestOptions): Digest {
  const { since, until } = options;
  const maxStories =
    options.maxStories !== undefined && Number.isFinite(options.maxStories)
      ? Math.max(0, Math.floor(options.maxStories))
      : DEFAULT_MAX_STORIES;
  const previous = options.previous?.questions ?? [];
  const added = documentsAdded(index, options.scope, since, until);
  const { documents, topicKeys } = aboutTopics(index, added, options.topics ?? []);
  const groups = groupStories(index, documents, topicKeys).sort(
    (a, b) =>
      b.documents.length - a.documents.length ||
      compare(a.label, b.label) ||
      compare(a.documents[0]?.analyzed.doc.id ?? "", b.documents[0]?.analyzed.doc.id ?? ""),
  );

  // Each earlier question goes to the one story it shares the most central names with.
  const assigned = new Map<StoryGroup, DigestQuestion[]>();
  for (const question of previous) {
    let home: StoryGroup | undefined;
    let best = 0;
    for (const group of groups) {
      const match = storyMatch(question, group.keys);
      if (match > best) [home, best] = [group, match];
    }
    if (home) assigned.set(home, [...(assigned.get(home) ?? []), question]);
  }
  const asked = new Set(previous.map((q) => q.key));

  const built: Built[] = groups.flatMap((group): Built[] => {
    const bullets = bulletsOf(group);
    const top = selectSummary(group.documents, group.keys, 1, 0).summary[0]?.members[0]?.sentence;
    const lead = top ?? bullets[0]?.sentence;
    if (!lead) return [];
    const sentence = shortenAtWord(tidySentence(lead), HEADLINE_SENTENCE_MAX);
    const label = group.label;
    const headline =
      label && !sentence.toLowerCase().startsWith(label.toLowerCase()) ? `${label}: ${sentence}` : sentence;
    const keys = [...group.keys].sort(compare);
    // The same story model as the brief: dated steps, and no question a later step already answered.
    const timeline = storyTimeline(group.documents, group.keys);
    const points = findOpenPoints(group.documents, group.keys, undefined, timeline).map((point) => ({
      point,
      question: asQuestion(point, keys),
    }));
    const changes: DigestChange[] = [];
    const steps = stepsIn(timeline, since, group);
    const news = latestStep(steps) ?? development(group);
    if (news) changes.push(news);
    const fresh = points.filter((p) => !asked.has(p.question.key));
    for (const p of fresh.slice(0, MAX_NEW_QUESTIONS))
      changes.push({ kind: "new-question", text: p.question.text, source: p.point.source });
    const answered: string[] = [];
    for (const question of assigned.get(group) ?? []) {
      const answer = findAnswer(question, group.documents);
      if (!answer) continue;
      answered.push(question.key);
      changes.push({
        kind: "answered",
        text: `Answered? ${question.text} — ${answer.sentence}`,
        source: answer.source,
      });
    }
    const state = timeline.state;
    const story: DigestStory = {
      label,
      state: state ? { label: stateLabel(state), date: state.date, source: state.source } : null,
      steps: steps.slice(-MAX_STEPS).map((e) => ({
        date: e.date,
        label: e.label,
        text: timelineText(e),
        source: e.source,
      })),
      documents: group.documents.map((d) => d.analyzed.doc.id),
      headline,
      bullets: bullets.map((b): DigestBullet => ({ text: tidySentence(b.sentence), sources: b.sources })),
      quote: quoteOf(group),
      changes,
      newDocuments: group.documents.length,
    };
    return [{ story, group, points, answered }];
  });

  const shown = built
    .sort(
      (a, b) =>
        b.story.newDocuments - a.story.newDocuments ||
        b.story.changes.length - a.story.changes.length ||
        compare(a.story.headline, b.story.headline) ||
        compare(a.group.documents[0]?.analyzed.doc.id ?? "", b.group.documents[0]?.analyzed.doc.id ?? ""),
    )
    .slice(0, maxStories);

  // Sources in the order a reader meets them: each story's bullets, quote and changes, then its other documents.
  const order = new Set<string>();
  for (const { story } of shown) {
    if (story.state) order.add(story.state.source);
    for (const step of story.steps) order.add(step.source);
    for (const b of story.bullets) for (const id of b.sources) order.add(id);
    if (story.quote) order.add(story.quote.source);
    for (const c of story.changes) order.add(c.source);
  }
  for (const { group } of shown) for (const d of group.documents) order.add(d.analyzed.doc.id);
  const sources = [...order].flatMap((id) => {
    const analyzed = index.get(id);
    return analyzed ? [sourceRef(analyzed)] : [];
  });

  const memory = nextMemory(
    shown.flatMap(({ points }) => points.map((p) => p.question)),
    options.previous,
    new Set(shown.flatMap((b) => b.answered)),
  );
  const stories = shown.map((b) => b.story);
  return { since, until, stories, sources, memory, empty: stories.length === 0 };
}
