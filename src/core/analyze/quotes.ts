// Extracts a document's direct quotes with their speakers; every quote is a verbatim slice of the source.
import {
  AttributionContext,
  attributeAfter,
  attributeBefore,
  type Attribution,
  type DocumentPeople,
  type Surroundings,
} from "./attribution.js";
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

/** Quote spans of every paragraph, with offsets into the document. */
export function locateQuoteSpans(paragraphs: readonly Paragraph[]): LocatedSpan[][] {
  return paragraphs.map((p, index) =>
    findQuoteSpans(p.text).map((s) => ({
      open: s.open + p.start,
      close: s.close + p.start,
      innerStart: s.innerStart + p.start,
      innerEnd: s.innerEnd + p.start,
      unclosed: s.unclosed,
      paragraph: index,
    })),
  );
}

const NO_ONE = { name: null, key: null };

function mask(text: string, spans: readonly QuoteSpan[], base: number): string {
  let out = text;
  for (const s of spans) {
    const from = s.open - base;
    const to = s.close - base;
    out = out.slice(0, from) + " ".repeat(to - from) + out.slice(to);
  }
  return out;
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

  const surroundings = (paragraph: number, from: number, to: number): Surroundings => {
    const p = paragraphs[paragraph];
    const text = masked[paragraph] ?? "";
    const base = p?.start ?? 0;
    return {
      text: text.slice(from - base, to - base),
      offset: from,
      paragraph,
      mentions: sentences.filter((s) => s.paragraph === paragraph).flatMap((s) => s.mentions),
    };
  };

  sentences.forEach((sentence, sentenceIndex) => {
    const paragraph = paragraphs[sentence.paragraph];
    if (!paragraph) return;
    if (sentenceIndex === 0 || sentences[sentenceIndex - 1]?.paragraph !== sentence.paragraph)
      previousInParagraph = null;
    const spans = (spansByParagraph[sentence.paragraph] ?? []).filter(
      (s) => s.open >= sentence.start && s.open < sentence.end,
    );
    for (const span of spans) {
      const all = spansByParagraph[sentence.paragraph] ?? [];
      const next = all.find((s) => s.open >= span.close);
      // After the quote: up to the next quote or the end of the clause's sentence.
      const postEnd = Math.min(next?.open ?? paragraph.end, paragraph.end);
      const post = surroundings(sentence.paragraph, span.close, postEnd);
      const stop = /[.!?](?=\s|$)/.exec(post.text);
      if (stop) post.text = post.text.slice(0, stop.index);
      let attribution =
        attributeAfter(post, ctx) ??
        attributeBefore(surroundings(sentence.paragraph, sentence.start, span.open), ctx);
      let how: Quote["how"] | null = attribution?.how ?? null;
      const opensParagraph = span.open === paragraph.start;
      const previousParagraph = paragraphs[sentence.paragraph - 1];
      if (!attribution && opensParagraph && previousParagraph && /:\s*$/.test(previousParagraph.text)) {
        // "this is what she said about the deal:" then the quote as its own paragraph.
        const lastSentence = sentences.filter((s) => s.paragraph === sentence.paragraph - 1).at(-1);
        if (lastSentence)
          attribution = attributeBefore(
            surroundings(sentence.paragraph - 1, lastSentence.start, lastSentence.end),
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
      const keep = attribution ? words >= 2 : longSpeech;
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
      const endsParagraph = span.unclosed || /^[\s.,]*$/.test(raw.slice(span.close, paragraph.end));
      lastParagraphQuote = { quote, endsParagraph };
    }
    ctx.noteSubjects(sentence.subjects, sentence.paragraph);
  });
  return quotes;
}
