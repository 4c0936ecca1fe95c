// Chooses a brief's quotes: verbatim slices only, ranked by whether they have a speaker, their length and
// whether they name the topic. The same words from two outlets (or one quote inside a longer cut of it)
// are one quote that cites both sources, so a brief never shows a quote twice.
import { FRAGMENT_WORDS } from "../analyze/quotes.js";
import type { StoryDocument } from "../story/types.js";
import type { QuoteItem } from "./schema.js";

/** Lower case, words only: "Deal," and “deal” are the same words. */
function wordsOf(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[‘’`´ʼ]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, " ")
    .trim()} `;
}

/** Two speakers are the same when one name contains the other ("Roe", "Jane Roe"). */
function sameSpeaker(a: string, b: string): boolean {
  const x = wordsOf(a);
  const y = wordsOf(b);
  return x.includes(y) || y.includes(x);
}

interface Candidate {
  item: QuoteItem;
  words: string;
  score: number;
}

export function rankQuotes(
  story: readonly StoryDocument[],
  keys: ReadonlySet<string>,
  max: number,
): QuoteItem[] {
  const candidates: Candidate[] = [];
  story.forEach(({ analyzed }, rank) => {
    for (const q of analyzed.quotes) {
      // Quotes are slices of the source by construction; this guard keeps it true whatever changes upstream.
      if (analyzed.doc.raw.slice(q.start, q.end) !== q.text) continue;
      const words = q.text.split(/\s+/).length;
      // A few quoted words inside a paraphrase ("a “vast majority”") are the writer's sentence, not a key quote.
      if (words <= FRAGMENT_WORDS) continue;
      const namesTopic = [...keys].some((k) => q.text.toLowerCase().includes(k));
      const score =
        (q.speaker ? 3 : 0) +
        (words >= 8 ? 1.5 : 0) +
        (words > 80 ? -1 : 0) +
        (namesTopic ? 0.5 : 0) -
        rank * 0.05;
      candidates.push({
        item: { text: q.text, speaker: q.speaker, source: analyzed.doc.id, otherSources: [] },
        words: wordsOf(q.text),
        score,
      });
    }
  });
  candidates.sort((a, b) => b.score - a.score);
  const kept: Candidate[] = [];
  for (const c of candidates) {
    if (c.words.trim() === "") continue;
    // One entry per quote: a later equal or shorter cut only adds its source; a longer cut replaces the text.
    const same = kept.find((k) => k.words.includes(c.words) || c.words.includes(k.words));
    if (!same) {
      if (kept.length < max) kept.push(c);
      continue;
    }
    const { item } = same;
    // The fullest cut is the one shown: a fragment never stands in for the whole quote.
    if (c.words.length > same.words.length) {
      if (!item.otherSources.includes(item.source)) item.otherSources.push(item.source);
      item.text = c.item.text;
      item.source = c.item.source;
      same.words = c.words;
      item.otherSources = item.otherSources.filter((id) => id !== item.source);
    } else if (c.item.source !== item.source && !item.otherSources.includes(c.item.source))
      item.otherSources.push(c.item.source);
    // Two sources naming different speakers for the same words: one is wrong, so name neither.
    if (item.speaker && c.item.speaker && !sameSpeaker(item.speaker, c.item.speaker)) item.speaker = null;
    else if (!item.speaker && c.item.speaker && same.score >= c.score) item.speaker = c.item.speaker;
  }
  return kept.map((k) => k.item);
}
