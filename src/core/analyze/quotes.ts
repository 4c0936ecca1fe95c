// Extracts a document's direct quotes with their speakers; every quote is a verbatim slice of the source.
import {
  attributeAfter,
  attributeBefore,
  type Attribution,
  reportingSubject,
  type Surroundings,
  viaReporter,
} from "./attribution.js";
import { AttributionContext, type DocumentPeople } from "./focus.js";
import { NEVER_FINAL } from "./abbreviations.js";
import type { Paragraph } from "./clean.js";
import type { Mention } from "./entities.js";
import { findQuoteSpans, type QuoteSpan } from "./quoteSpans.js";
import { LEADING_PHRASE, SPEECH_VERB } from "./speechPatterns.js";

/** A sentence whose subject is a personal pronoun: "She added that …", "He then told reporters …". */
const PRONOUN_SUBJECT = /^\s*(he|she)(?:['’]s\s+|\s+)(?:\p{Ll}+ly\s+|also\s+|then\s+|later\s+)?\p{Ll}/iu;

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

/**
 * "… could appeal to the Supreme Court": a body named as where a case may go next has not acted; "the court
 * wrote" later means the court that ruled, so the one named as a destination is not recorded as a candidate.
 */
const APPEAL_TO =
  /\b(?:appeal|appeals|appealed|appealing|petition|petitions|petitioned|petitioning)\s+(?:[\p{L}'’-]+\s+){0,3}?to\s+(?:the\s+)?$/iu;

/**
 * The sentence's subjects before its first quote, less a bare name of a clause it reports: in "Roe explained
 * that Globex would fold", Globex is the subject of Roe's words, not a second actor, and a later "he" is still
 * Roe. A name the text shows is a person's stays ("Roe said John Doe would lead": "she" could be either).
 */
/** A speech verb right after a subject, opening the clause it reports: "… explained that". */
const REPORTING_VERB = new RegExp(`^\\s+(?:\\p{Ll}+ly\\s+)?(?:${SPEECH_VERB.source})\\s+(?:that\\s+)?`, "iu");

function ownSubjects(
  raw: string,
  sentence: SentenceInfo,
  firstOpen: number,
  isPerson: (m: Mention) => boolean,
): Mention[] {
  const before = sentence.subjects.filter((m) => m.start < firstOpen);
  const main = before[0];
  if (!main) return before;
  const lead = raw.slice(main.end, Math.min(firstOpen, main.end + 40));
  const verb = REPORTING_VERB.exec(lead);
  if (!verb || /ing$/u.test(verb[0].trim())) return before;
  const reported = main.end + verb[0].length;
  return before.filter((m) => m === main || m.start < reported || isPerson(m));
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

/** A paragraph opening with a mark: any opening mark, or a closing-shaped one right before a word (”So …). */
const OPENS_WITH_MARK = /^(?:["“„«‘'‚‹]|[”»〞’](?=[\p{L}\p{N}]))/u;

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

const MINOR_WORDS = /^(?:a|an|the|of|and|or|in|on|at|to|for|by|with|from|vs|nor|but|as)$/;

/**
 * A quoted title of a show, book, film or song ("Modern Days (Part Two)", "The Long Road"): two to six
 * words, every word but the minor ones capitalised. Titles are named, not said.
 */
export function looksLikeTitle(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length < 2 || words.length > 6) return false;
  return words.every((w, i) => {
    const bare = w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    return /^[\p{Lu}\p{N}]/u.test(bare) || (i > 0 && MINOR_WORDS.test(bare));
  });
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

  // Whether a paragraph has a speech verb outside its quotes: computed once per paragraph (long paragraphs).
  const verbIn = new Map<number, boolean>();
  const paragraphHasVerb = (index: number): boolean => {
    let has = verbIn.get(index);
    if (has === undefined) {
      has = new RegExp(SPEECH_VERB.source, "iu").test(masked[index] ?? "");
      verbIn.set(index, has);
    }
    return has;
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
    // The sentence's own subjects before its first quote come first ("Roe speaks: “…,” he says"). Names
    // inside quotes are not the text's own mentions; a sentence opening "She added that …" keeps her in focus.
    const firstOpen = all[first]?.open ?? sentence.end;
    const maskedText = masked[sentence.paragraph] ?? "";
    const outside = sentence.mentions.filter((m) => maskedText[m.start - paragraph.start] !== " ");
    const opening = raw.slice(sentence.start, Math.min(sentence.end, firstOpen));
    const pronounSubject = PRONOUN_SUBJECT.exec(opening.slice(LEADING_PHRASE.exec(opening)?.[0].length ?? 0));
    if (pronounSubject?.[1]) ctx.notePronounSubject(pronounSubject[1], sentence.paragraph);
    ctx.noteClause(
      outside.filter(
        (m) =>
          m.start < firstOpen && !APPEAL_TO.test(raw.slice(Math.max(sentence.start, m.start - 60), m.start)),
      ),
      ownSubjects(raw, sentence, firstOpen, (m) => ctx.people.kind(m.key) === "person"),
      sentence.paragraph,
      pronounSubject !== null,
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
      // A quote worked into its sentence ends without punctuation and the sentence goes on in lower case.
      const integrated =
        !/[,.!?…:;—–-]$/u.test(raw.slice(span.innerStart, span.close - 1)) &&
        /^\s+\p{Ll}/u.test(post.text) &&
        /[\p{L}\p{N}]\s*$/u.test(raw.slice(Math.max(sentence.start, span.open - 8), span.open));
      // A period inside the closing mark ends the sentence when a capital follows ("… her.” She spoke"):
      // the next sentence is not this quote's attribution ("?" and "!" may still be: “Why?” Roe asked).
      const closed = /\.$/u.test(raw.slice(span.innerStart, span.innerEnd)) && /^\s+\p{Lu}/u.test(post.text);
      let attribution =
        (closed ? null : attributeAfter(post, ctx, integrated)) ??
        viaReporter(
          attributeBefore(
            surroundings(sentence.paragraph, Math.max(sentence.start, span.open - WINDOW), span.open),
            ctx,
          ),
          post,
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
      const previousSentence = sentences[sentenceIndex - 1];
      if (
        !attribution &&
        !previousInParagraph &&
        previousSentence?.paragraph === sentence.paragraph &&
        // Only the sentence's first span can open it, and the spans are in order: the one before it is the
        // previous sentence's last, if that sentence has any. Constant work per quote (long paragraphs).
        k === first &&
        /^\s*$/.test(raw.slice(sentence.start, span.open)) &&
        (all[first - 1]?.open ?? -1) < previousSentence.start
      ) {
        // "Acme said it would appeal. “We will …”": the quote stands alone after its speaker's report.
        const speaker = reportingSubject(
          surroundings(sentence.paragraph, previousSentence.start, previousSentence.end),
          ctx,
        );
        if (speaker?.name) {
          attribution = { speaker, how: "before" };
          how = "before";
        }
      }
      if (!attribution) {
        const prior: Quote | null =
          previousInParagraph ??
          (opensParagraph &&
          lastParagraphQuote?.endsParagraph &&
          lastParagraphQuote.quote.paragraph === sentence.paragraph - 1
            ? lastParagraphQuote.quote
            : null);
        // A paragraph with its own speech verb outside the quotes is attributed there, not continued.
        const ownVerb = paragraphHasVerb(sentence.paragraph);
        if (prior && !(prior !== previousInParagraph && ownVerb)) {
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
      const keep =
        !looksLikeTitle(text) && (words > FRAGMENT_WORDS ? attribution !== null || longSpeech : tied);
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
      if (how && how !== "none")
        ctx.noteSpeaker(
          speaker,
          sentence.paragraph,
          sentence.subjects.filter((m) => maskedText[m.start - paragraph.start] !== " "),
        );
      // `…," said X, role.` ends the paragraph too: only its own attribution clause follows the quote.
      // A rest longer than 300 characters never "ends the paragraph": reading it would make long paragraphs
      // quadratic in their quotes.
      const short = span.close + 300 >= paragraph.end;
      const rest = short ? raw.slice(span.close, paragraph.end) : "";
      const restStop = short ? clauseEnd(rest) : -1;
      const endsParagraph =
        span.unclosed ||
        (short &&
          (/^[\s.,]*$/.test(rest) ||
            (how === "after" && (restStop < 0 || rest.slice(restStop + 1).trim() === ""))));
      lastParagraphQuote = { quote, endsParagraph };
    }
    ctx.noteClause(
      outside.filter((m) => m.start >= firstOpen),
      sentence.subjects.filter((m) => m.start >= firstOpen),
      sentence.paragraph,
    );
  });
  return quotes;
}
