// What changed in a story since the last digest: the development (the newest document's news), open
// questions not asked before, and earlier questions a new sentence seems to answer. Every text is a
// document sentence or a template question, with its source.
import { findMentions } from "../analyze/entities.js";
import type { OpenPoint } from "../story/openPoints.js";
import { contentWords, isComplete, jaccard, wordCount } from "../story/text.js";
import type { StoryDocument } from "../story/types.js";
import { questionKey } from "./memory.js";
import type { DigestQuestion } from "./types.js";

/** Most new questions listed under one story (the memory keeps them all). */
export const MAX_NEW_QUESTIONS = 3;

/**
 * A verb that settles something (approved, cleared, completed, closed, signed, blocked, rejected, dropped,
 * abandoned, agreed, …) used as the sentence's predicate: not "the agreed deal", not the background "had agreed".
 */
const RESOLVED =
  /(?<!\b(?:the|a|an|its|their|his|her|our|had|previously|already|once)\s+)\b(?:approv(?:ed|es)|clear(?:ed|s)|complet(?:ed|es)|closed|signed|blocked|reject(?:ed|s)|dropped|abandon(?:ed|s)|agree(?:d|s)|finali[sz](?:ed|es)|conclud(?:ed|es)|settled|terminated|withdr(?:ew|awn)|called off|struck down|upheld)\b/i;

/** Without the verb's own stem in the question's basis ("approval" → "approved"), this many shared words. */
const SHARED_WORDS = 0.2;

/** A sentence that is itself still open (hedged, negated, conditional) settles nothing. */
const STILL_OPEN =
  /\b(?:not|never|no longer|yet to|may|might|could|would|should|if|whether|unless|expects? to|expected to|plans? to|likely|pending|awaiting|subject to|reportedly|considering|proposed|hopes? to|aims? to|seeks? to|wants? to|set to|poised to)\b|n['’]t\b/i;

/** The open point as the digest remembers it. */
export function asQuestion(point: OpenPoint, storyKeys: readonly string[]): DigestQuestion {
  return {
    key: questionKey(point.basis),
    text: point.text,
    basis: point.basis,
    storyKeys: [...storyKeys],
  };
}

/** Names in a sentence read on its own (a memory keeps sentences, not documents). */
function namesIn(sentence: string): Set<string> {
  const lowercaseWords = new Set(sentence.match(/\b\p{Ll}+\b/gu) ?? []);
  return new Set(findMentions(sentence, 0, { lowercaseWords }).map((m) => m.key));
}

function overlap(a: Iterable<string>, b: ReadonlySet<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

/**
 * How well an earlier question belongs to a story: the central names they share, 0 when too few (two, or
 * all of the smaller set when it has fewer).
 */
export function storyMatch(question: DigestQuestion, keys: ReadonlySet<string>): number {
  const shared = overlap(new Set(question.storyKeys), keys);
  const needed = Math.min(2, new Set(question.storyKeys).size, keys.size);
  return needed > 0 && shared >= needed ? shared : 0;
}

export interface Answer {
  sentence: string;
  source: string;
}

/**
 * The new sentence that settles the question, if one does: it names the question's names (two of them, or
 * all when fewer; the story's when the basis names none), has a settling verb and is not itself hedged or
 * negated. The best match wins: most shared names, then most shared words, then the newest document.
 */
export function findAnswer(question: DigestQuestion, documents: readonly StoryDocument[]): Answer | null {
  const basisNames = namesIn(question.basis);
  const wanted = basisNames.size > 0 ? basisNames : new Set(question.storyKeys);
  const needed = Math.min(2, wanted.size);
  if (needed === 0) return null;
  const basisWords = contentWords(question.basis);
  const basis = question.basis.trim();
  let best: (Answer & { score: number }) | null = null;
  for (const { analyzed } of documents) {
    for (const s of analyzed.sentences) {
      const sentence = analyzed.doc.raw.slice(s.start, s.end).trim();
      const length = wordCount(sentence);
      if (length < 4 || length > 80 || sentence === basis || !isComplete(sentence) || sentence.endsWith("?"))
        continue;
      const verb = RESOLVED.exec(sentence)?.[0].toLowerCase();
      if (!verb || STILL_OPEN.test(sentence)) continue;
      const shared = overlap(new Set(s.mentions.map((m) => m.key)), wanted);
      if (shared < needed) continue;
      const words = jaccard(contentWords(sentence), basisWords);
      const sameStem = [...basisWords].some((w) => w.startsWith(verb.slice(0, 4)));
      if (!sameStem && words < SHARED_WORDS) continue;
      const score = shared + words + (sameStem ? 1 : 0);
      if (!best || score > best.score) best = { sentence, source: analyzed.doc.id, score };
    }
  }
  return best ? { sentence: best.sentence, source: best.source } : null;
}
