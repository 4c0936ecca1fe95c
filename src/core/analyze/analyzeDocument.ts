// Runs the analyzers over one document: cleaning, sentences, names, quotes. The result is what the index
// stores and what briefs are built from; offsets everywhere point into the document's raw text.
import type { SourceDocument } from "../ingest/document.js";
import { cleanBody, type Paragraph } from "./clean.js";
import { compactKey, findAcronyms, findMentions, nameKey, visibleName, type Mention } from "./entities.js";
import { distance as editDistance } from "fastest-levenshtein";
import { canBePerson, documentKinds, type EntityKind } from "./entityKinds.js";
import { personFacts } from "./personFacts.js";
import { extractQuotes, locateQuoteSpans, type Quote, type SentenceInfo } from "./quotes.js";
import { segmentSpans } from "./segment/blocks.js";
import { SPEECH_VERB } from "./speechPatterns.js";

export interface EntityStat {
  key: string;
  /** The most frequent way the document writes the name. */
  name: string;
  count: number;
  inTitle: boolean;
  person: boolean;
}

export interface AnalyzedDocument {
  doc: SourceDocument;
  paragraphs: Paragraph[];
  sentences: SentenceInfo[];
  quotes: Quote[];
  entities: Map<string, EntityStat>;
  /** The document's date, from its metadata or a dateline in the text. */
  published: string | null;
  /** Acronyms the document defines: [short key, long key]. */
  acronyms: Array<[string, string]>;
}

const IRREGULAR_PAST =
  "(?:spoke|met|made|took|gave|went|put|wrote|told|led|won|lost|sold|bought|held|left|came|saw|became|began|brought|found|kept|ran|set|sent|spent|stood|struck|thought|chose|paid|bid)\\b";

const VERB_AFTER_NAME = new RegExp(
  `^\\s+(?:\\p{Ll}+ly\\s+)?(?:(?:has|had|have|is|was|were|will|would|could|may|might|does|did|can|should|must|also|then|now|later|previously|still|has since)\\b|(?:does|did|has|is|was|would|could|ca|wo)n['’]t\\b|cannot\\b|\\p{Ll}+(?:ed|es|s)\\b|${IRREGULAR_PAST}|${SPEECH_VERB.source})`,
  "u",
);

/**
 * A preposition before a name, perhaps with a title between ("with Radio Harbour host"), but not a
 * conjunction such as "after" or "before", which opens a clause of its own.
 */
const PREPOSITIONS =
  "in on at with from of to by about against into onto over under for toward towards among between through without within near during like via alongside";
const PREPOSITION_BEFORE = new RegExp(
  `(?:^|[^\\p{L}])(?:${PREPOSITIONS.split(" ")
    .map((w) => `[${w[0]?.toUpperCase()}${w[0]}]${w.slice(1)}`)
    .join("|")})\\s+(?:the\\s+)?(?:\\p{Lu}[\\p{L}'’.-]*\\s+){0,3}(?:\\p{Ll}+\\s+)?$`,
  "u",
);

/** A verb that addresses someone right before a name: "asked Roe", "then pressed Roe". */
const ADDRESSEE_BEFORE = /\b(?:asked|pressed|questioned|interviewed|challenged)\s+$/u;

/**
 * ", the agency's chief, " or ", appearing after the others, " after a name: an apposition or participle,
 * which may hold a list of names ("…, who served in Paris, Rome and Oslo, said").
 */
const APPOSITION =
  /^,\s(?:who\s|the\s|a\s|an\s|\p{Ll}+ing\s|former\s)[^,;:.!?"“”()]{1,150}(?:,\s(?:and\s)?\p{Lu}[^,;:.!?"“”()]{0,60}){0,3},/u;

function surfacesOf(mentions: readonly Mention[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const m of mentions) {
    const bySurface = counts.get(m.key) ?? new Map<string, number>();
    const surface = visibleName(m.surface);
    bySurface.set(surface, (bySurface.get(surface) ?? 0) + 1);
    counts.set(m.key, bySurface);
  }
  const surfaces = new Map<string, string>();
  for (const [key, bySurface] of counts) {
    surfaces.set(key, [...bySurface.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? key);
  }
  return surfaces;
}

/** Typos are told from other names only in names long enough that one letter does not make a new word. */
const MIN_TYPO_NAME = 5;

/** The body's most frequent name within one edit of a title-only name, if any. */
function bodySpelling(key: string, entities: ReadonlyMap<string, EntityStat>): EntityStat | undefined {
  const compact = compactKey(key);
  if (compact.length < MIN_TYPO_NAME) return undefined;
  let best: EntityStat | undefined;
  for (const stat of entities.values()) {
    if (stat.count === 0 || (best && best.count >= stat.count)) continue;
    const other = compactKey(stat.key);
    if (Math.abs(other.length - compact.length) <= 1 && editDistance(other, compact) === 1) best = stat;
  }
  return best;
}

export function analyzeDocument(doc: SourceDocument): AnalyzedDocument {
  const raw = doc.raw;
  const cleaned = cleanBody(raw, doc.title);
  // Collected match by match: an array of every lower-case word of a megabyte paragraph outlives the young
  // generation and makes the collector's cost per KB grow with the document.
  const lowercaseWords = new Set<string>();
  const lower = /\b\p{Ll}+\b/gu;
  for (let m = lower.exec(raw); m; m = lower.exec(raw)) lowercaseWords.add(m[0]);
  const spans = locateQuoteSpans(cleaned.paragraphs);
  // Spans are sorted and disjoint: a binary search keeps long paragraphs with many quotes linear.
  const insideQuote = (at: number, paragraph: number): boolean => {
    const list = spans[paragraph] ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((list[mid]?.close ?? 0) <= at) lo = mid + 1;
      else hi = mid;
    }
    const s = list[lo];
    return s !== undefined && at > s.open && at < s.close;
  };
  const sentences: SentenceInfo[] = [];
  const allMentions: Mention[] = [];
  cleaned.paragraphs.forEach((p, paragraph) => {
    for (const span of segmentSpans(p.text)) {
      const start = p.start + span.start;
      const mentions = findMentions(span.text, start, { lowercaseWords });
      // "Jane Roe and John Doe met": both are subjects, so a later "he" is ambiguous.
      const subjects = mentions.filter((m, k) => {
        if (insideQuote(m.start, paragraph)) return false;
        // "Doe then asked Roe which states he could win": the one asked is the likely next speaker, so a
        // later "he" could be either; counting Roe as a subject makes it unsure.
        if (ADDRESSEE_BEFORE.test(raw.slice(Math.max(start, m.start - 30), m.start))) return true;
        // "an interview with Jane Roe, Doe said", "the vote in Ohio seems": the object of a preposition
        // is never the subject of the verb that follows it.
        if (PREPOSITION_BEFORE.test(raw.slice(Math.max(start, m.start - 60), m.start))) return false;
        if (VERB_AFTER_NAME.test(raw.slice(m.end, m.end + 40))) return true;
        // "Jane Roe, appearing after the others, said …": a name opening the sentence, an apposition, a verb.
        const apposition = k === 0 ? APPOSITION.exec(raw.slice(m.end, m.end + 200)) : null;
        if (
          apposition &&
          VERB_AFTER_NAME.test(raw.slice(m.end + apposition[0].length, m.end + apposition[0].length + 40))
        )
          return true;
        const next = mentions[k + 1];
        return (
          next !== undefined &&
          /^\s*(?:,|and|&)\s*$/.test(raw.slice(m.end, next.start)) &&
          VERB_AFTER_NAME.test(raw.slice(next.end, next.end + 40))
        );
      });
      sentences.push({ start, end: p.start + span.end, paragraph, mentions, subjects });
      allMentions.push(...mentions);
    }
  });
  const acronyms = cleaned.paragraphs
    .flatMap((p) => findAcronyms(p.text))
    .map((a): [string, string] => [a.acronym, a.long]);
  const surfaces = surfacesOf(allMentions);
  const kinds = documentKinds({
    mentions: allMentions,
    raw,
    acronymLongForms: new Set(acronyms.map(([, long]) => long)),
  });
  const persons = new Set([...kinds].filter(([, kind]) => kind === "person").map(([key]) => key));
  const fullNames = new Map<string, string>();
  for (const key of persons) {
    if (!key.includes(" ")) continue;
    const last = key.slice(key.lastIndexOf(" ") + 1);
    // A bare name the text treats as an organisation ("Globex, which …") is not this person's surname.
    const own = kinds.get(last);
    if (own !== undefined && !canBePerson(own)) continue;
    if (!fullNames.has(last)) fullNames.set(last, surfaces.get(key) ?? key);
  }
  const fullName = (m: Mention): string => fullNames.get(m.key) ?? surfaces.get(m.key) ?? m.surface;
  const kind = (key: string): EntityKind => kinds.get(key) ?? "unknown";
  // U+FFFD stands for bytes that were not valid UTF-8: a quote holding one is not what the source said.
  const facts = personFacts(raw, allMentions);
  // A bare surname shares what the text says about the full name it stands for.
  const fullKey = (key: string): string | null => {
    const full = fullNames.get(key);
    return full ? nameKey(full) : null;
  };
  const people = {
    persons,
    kind,
    fullName,
    gender: (key: string) => facts.gender(key) ?? facts.gender(fullKey(key) ?? key),
    roles: (key: string) => {
      const own = facts.roles(key);
      return own.size > 0 ? own : facts.roles(fullKey(key) ?? key);
    },
    reporters: facts.reporters,
    anyoneHolds: (role: string) => facts.anyoneHolds(role),
  };
  const quotes = extractQuotes(raw, cleaned.paragraphs, sentences, spans, people).filter(
    (q) => !q.text.includes("\uFFFD"),
  );

  const titleMentions = findMentions(doc.title, 0, { lowercaseWords: new Set() });
  const titleKeys = new Set(titleMentions.map((m) => m.key));
  const entities = new Map<string, EntityStat>();
  for (const m of allMentions) {
    const stat = entities.get(m.key);
    if (stat) stat.count++;
    else
      entities.set(m.key, {
        key: m.key,
        name: surfaces.get(m.key) ?? m.surface,
        count: 1,
        inTitle: titleKeys.has(m.key),
        person: persons.has(m.key),
      });
  }
  for (const m of titleMentions) {
    if (entities.has(m.key)) continue;
    // A name only the title writes, one letter off a name the body uses, is the title's typo: the topic is
    // the body's spelling ("Globx buys Initech" over a text that says Globex throughout).
    const spelled = bodySpelling(m.key, entities);
    if (spelled) spelled.inTitle = true;
    else
      entities.set(m.key, {
        key: m.key,
        name: visibleName(m.surface),
        count: 0,
        inTitle: true,
        person: false,
      });
  }
  return {
    doc,
    paragraphs: cleaned.paragraphs,
    sentences,
    quotes,
    entities,
    published: doc.published ?? cleaned.datelineDate,
    acronyms,
  };
}
