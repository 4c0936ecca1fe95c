// Extracts a document's direct quotes with their speakers; every quote is a verbatim slice of the source.
import {
  AttributionContext,
  attributeAfter,
  attributeBefore,
  type Attribution,
  type DocumentPeople,
  type Surroundings,
} from "./attribution.js";
import { NEVER_FINAL } from "./abbreviations.js";
import type { Paragraph } from "./clean.js";
import type { Mention } from "./entities.js";
import { findQuoteSpans, type QuoteSpan } from "./quoteSpans.js";

export interface SentenceInfo {
  start: number;
  end: number;
  paragraph: number;
  mentions: Mention[];
  /** Names followed by a verb: the sentence's likely subjects, used to resolve later pronouns. */
  subjects: Mention[];
}

export interface Quote {
  text: string;
  /** Offsets of `text` in the document's raw text. */
  start: number;
  end: number;
  speaker: string | null;
  speakerKey: string | null;
  paragraph: number;
  /** Index of the sentence the quote opens in. */
  sentence: number;
  how: Attribution["how"] | "continuation";
}

export interface LocatedSpan extends QuoteSpan {
  paragraph: number;
}

/** Quotes of at most this many words need a speech verb and a named speaker to count as quotes. */
export const FRAGMENT_WORDS = 4;

/**
 * Where the clause after a quote ends: the first sentence-final mark before a space or the end, skipping
 * the periods of titles and initials ("said Gov. Kasich", "said G.K. Smith"); -1 when there is none.
 */
export function clauseEnd(text: string): number {
  const re = /[.!?](?=\s|$)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] !== ".") return m.index;
    const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, m.index - 12), m.index))?.[1] ?? "";
    const bare = word.toLowerCase().replace(/\.$/, "");
    if (NEVER_FINAL.has(bare) || /^(?:\p{Lu}\.)*\p{Lu}$/u.test(word)) continue;
    return m.index;
  }
  return -1;
}

const OPENS_WITH_MARK = /^["“„«‘'‚‹]/u;

/**
 * Quote spans of every paragraph, with offsets into the document. A quote left open at the end of its
 * paragraph is the multi-paragraph convention only when the next paragraph opens with a mark, or when it
 * ends the text on a finished sentence; otherwise the mark is unbalanced and nothing was quoted (a text cut
 * off mid-quote, a stray mark).
 */
export function locateQuoteSpans(paragraphs: readonly Paragraph[]): LocatedSpan[][] {
  return paragraphs.map((p, index) => {
    const next = paragraphs[index + 1];
    const continues = next ? OPENS_WITH_MARK.test(next.text) : /[.!?…]["”’»]?$/u.test(p.text);
    return findQuoteSpans(p.text)
      .filter((s) => !s.unclosed || continues)
      .map((s) => ({
        open: s.open + p.start,
        close: s.close + p.start,
        innerStart: s.innerStart + p.start,
        innerEnd: s.innerEnd + p.start,
        unclosed: s.unclosed,
        paragraph: index,
      }));
  });
}

const NO_ONE = { name: null, key: null };

/** The paragraph with every quotation blanked, so verbs inside quotes are never read as attribution. */
function mask(text: string, spans: readonly QuoteSpan[], base: number): string {
  const parts: string[] = [];
  let at = 0;
  for (const s of spans) {
    const from = Math.max(s.open - base, at);
    const to = s.close - base;
    if (to <= from) continue;
    parts.push(text.slice(at, from), " ".repeat(to - from));
    at = to;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

/** How far before and after a quote its attribution is looked for: bounded, so long paragraphs stay linear. */
const WINDOW = 400;

/** First index in a list sorted by `start` whose start is ≥ `at`. */
function lowerBound(list: readonly Mention[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid]?.start ?? 0) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export function extractQuotes(
  raw: string,
  paragraphs: readonly Paragraph[],
  sentences: readonly SentenceInfo[],
  spansByParagraph: readonly LocatedSpan[][],
  people: DocumentPeople,
): Quote[] {
  const ctx = new AttributionContext(people);
  const masked = paragraphs.map((p, i) => mask(p.text, spansByParagraph[i] ?? [], p.start));
  const quotes: Quote[] = [];
  let previousInParagraph: Quote | null = null;
  let lastParagraphQuote: { quote: Quote; endsParagraph: boolean } | null = null;

  const mentionsByParagraph: Mention[][] = paragraphs.map(() => []);
  for (const s of sentences) for (const m of s.mentions) mentionsByParagraph[s.paragraph]?.push(m);

  const surroundings = (paragraph: number, from: number, to: number): Surroundings => {
    const p = paragraphs[paragraph];
    const text = masked[paragraph] ?? "";
    const base = p?.start ?? 0;
    const all = mentionsByParagraph[paragraph] ?? [];
    const mentions: Mention[] = [];
    for (let k = lowerBound(all, from); k < all.length && (all[k]?.start ?? to) < to; k++) {
      const m = all[k];
      if (m) mentions.push(m);
    }
    return { text: text.slice(from - base, to - base), offset: from, paragraph, mentions };
  };

  let spanCursor = 0;
  sentences.forEach((sentence, sentenceIndex) => {
    const paragraph = paragraphs[sentence.paragraph];
    if (!paragraph) return;
    if (sentenceIndex === 0 || sentences[sentenceIndex - 1]?.paragraph !== sentence.paragraph) {
      previousInParagraph = null;
      spanCursor = 0;
    }
    const all = spansByParagraph[sentence.paragraph] ?? [];
    while (spanCursor < all.length && (all[spanCursor]?.open ?? 0) < sentence.start) spanCursor++;
    const first = spanCursor;
    while (spanCursor < all.length && (all[spanCursor]?.open ?? 0) < sentence.end) spanCursor++;
    // The sentence's own subjects before its first quote come first ("Roe speaks: “…,” he says").
    const firstOpen = all[first]?.open ?? sentence.end;
    ctx.noteSubjects(
      sentence.subjects.filter((m) => m.start < firstOpen),
      sentence.paragraph,
    );
    for (let k = first; k < spanCursor; k++) {
      const span = all[k];
      if (!span) continue;
      const next = all[k + 1];
      // After the quote: up to the next quote or the end of the clause's sentence.
      const postEnd = Math.min(next?.open ?? paragraph.end, paragraph.end, span.close + WINDOW);
      const post = surroundings(sentence.paragraph, span.close, postEnd);
      const stop = clauseEnd(post.text);
      if (stop >= 0) post.text = post.text.slice(0, stop);
      let attribution =
        attributeAfter(post, ctx) ??
        attributeBefore(
          surroundings(sentence.paragraph, Math.max(sentence.start, span.open - WINDOW), span.open),
          ctx,
        );
      let how: Quote["how"] | null = attribution?.how ?? null;
      const opensParagraph = span.open === paragraph.start;
      const previousParagraph = paragraphs[sentence.paragraph - 1];
      if (!attribution && opensParagraph && previousParagraph && /:\s*$/.test(previousParagraph.text)) {
        // "this is what she said about the deal:" then the quote as its own paragraph.
        const lastSentence = sentences[sentenceIndex - 1];
        if (lastSentence?.paragraph === sentence.paragraph - 1)
          attribution = attributeBefore(
            surroundings(
              sentence.paragraph - 1,
              Math.max(lastSentence.start, lastSentence.end - WINDOW),
              lastSentence.end,
            ),
            ctx,
          );
        how = attribution?.how ?? null;
      }
      if (!attribution) {
        const prior: Quote | null =
          previousInParagraph ??
          (opensParagraph &&
          lastParagraphQuote?.endsParagraph &&
          lastParagraphQuote.quote.paragraph === sentence.paragraph - 1
            ? lastParagraphQuote.quote
            : null);
        if (prior) {
          attribution = {
            speaker: { name: prior.speaker, key: prior.speakerKey },
            how: prior.how === "continuation" ? "before" : "before",
          };
          how = "continuation";
        }
      }
      const text = raw.slice(span.innerStart, span.innerEnd);
      const words = wordCount(text);
      const longSpeech = words >= 10 && (span.unclosed || /[.!?…]$/.test(text));
      // Four words or fewer is a label or scare quote unless a speech verb ties it to a named speaker.
      const tied =
        attribution !== null &&
        attribution.speaker.name !== null &&
        (how === "after" || how === "before" || how === "according-to" || how === "continuation");
      const keep = words > FRAGMENT_WORDS ? attribution !== null || longSpeech : tied;
      if (!keep) continue;
      const speaker = attribution?.speaker ?? NO_ONE;
      const quote: Quote = {
        text,
        start: span.innerStart,
        end: span.innerEnd,
        speaker: speaker.name,
        speakerKey: speaker.key,
        paragraph: sentence.paragraph,
        sentence: sentenceIndex,
        how: how ?? "none",
      };
      quotes.push(quote);
      previousInParagraph = quote;
      if (how && how !== "none") ctx.noteSpeaker(speaker, sentence.paragraph);
      // `…," said X, role.` ends the paragraph too: only its own attribution clause follows the quote.
      const rest = raw.slice(span.close, paragraph.end);
      const restStop = clauseEnd(rest);
      const endsParagraph =
        span.unclosed ||
        /^[\s.,]*$/.test(rest) ||
        (how === "after" && rest.length <= 300 && (restStop < 0 || rest.slice(restStop + 1).trim() === ""));
      lastParagraphQuote = { quote, endsParagraph };
    }
    ctx.noteSubjects(
      sentence.subjects.filter((m) => m.start >= firstOpen),
      sentence.paragraph,
    );
  });
  return quotes;
}
