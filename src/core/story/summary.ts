// Picks the summary: the sentences most salient to the topic across the story's documents, with
// near-duplicates from different outlets merged into one bullet that cites them all — only those that
// support it: a sentence that says much the same with another number, date or name is not merged (a bullet
// on "day 0" never cites a source that says "day 39").
import type { StoryDocument, SummaryCandidate, SummaryGroup } from "./types.js";
import {
  contentWords,
  DATELINE,
  factTokens,
  FIRST_PERSON,
  HAS_FIGURE,
  isComplete,
  jaccard,
  requiredFacts,
  tidySentence,
  wordCount,
} from "./text.js";
import { needsReportDate } from "./dates.js";
import { contained, HABITUAL, LEANS_ON_CONTEXT, pointsBack, sameStatement, TENURE } from "./standAlone.js";
import { attachFollowers, withContext, withoutRelation, withoutRestatements } from "./joinedBullets.js";
import { SPEECH_VERB } from "../analyze/speechPatterns.js";

const DEAL_WORDS =
  /\b(acqui\w+|buy\w*|bought|purchas\w+|deal|merger|stake|sell|sale|sold|bid|talks|negotiat\w+|approv\w+|block\w*|ban(?:s|ned|ning)?|sue[sd]?|lawsuit|review|divest\w*|invest\w*|agree\w*|ruling|fine[sd]?|regulat\w+)\b/i;

/**
 * The writer's own opinion or forecast, not a reported fact: an imperative lead-in addressed to the reader
 * ("Mark my words: …", "Make no mistake: …"), certainty words that stand in for a source ("surely",
 * "undoubtedly"), or the writer in the first person.
 */
const WRITERS_OPINION =
  /^[\p{Lu}][\p{Ll}]+\s+(?:it|this|that|them|me|us|no|my|our|your)\b[^:,.]{0,30}:\s|\b(?:surely|undoubtedly|no doubt|of course|in (?:my|our) (?:opinion|view))\b|(?:^|[^\p{L}])(?:I|we) (?:think|believe|expect|bet)\b/u;

/**
 * A sentence that only sets the scene: its verb a bare "was"/"is" placing something at a named place or event
 * ("The speech was at the Spring Forum, titled …"). Where something happened is no news of the deal.
 */
const SETTING = /^[^,;:]{0,80}?\b(?:was|were|is|are)\s+(?:at|in|on|during)\s+(?:the\s+)?\p{Lu}/u;

/**
 * A figure about the deal's market: a count of users, customers, staff or shares ("170 million users"), or
 * a stock, price or revenue move given as a percentage or an amount.
 */
const MARKET_FIGURE =
  /\d[\d.,]*\s*(?:%|per ?cent|million|billion|bn)?\s+(?:[\p{L}-]+\s+)?(?:users|subscribers|customers|employees|jobs|workers|shares)\b|\b(?:stocks?|shares?|valuation|premium|revenues?|sales|prices?)\b[^.]{0,60}(?:\d(?:\.\d+)?\s?%|\$\s?\d)/iu;

const DUPLICATE = 0.5;
/** Below almost any readable sentence: a bullet that cannot stand alone is the last resort. */
const UNREADABLE_PENALTY = 3;
/** A bullet shown with the sentence it leans on reads on its own, but is twice as long. */
const CONTEXT_PENALTY = 0.5;
const TOO_CLOSE = 0.35;

/**
 * The writer's own forecast, not a reported fact: the main clause is in the future ("Microsoft will buy the
 * app despite …") and nobody is said to have said it. The terms of an agreement ("Under the deal, X will pay
 * …") and what someone said or plans are reported facts.
 */
/** Case-sensitive: "United States" is no "states". */
const SPEECH_VERB_LOWER = new RegExp(SPEECH_VERB.source, "u");

function writersForecast(masked: string): boolean {
  const main =
    /^(?:[\p{L}\p{N}’'.&-]+\s+){1,6}(?:will|is going to|are going to)\s+(?!be\s+(?:required|allowed|able)\b)\p{Ll}/u;
  return (
    main.test(masked) &&
    !SPEECH_VERB_LOWER.test(masked) &&
    !/\b(?:according to|under the (?:terms|agreement|deal|plan|law|order|ruling)|as part of|plans?|expects?|hopes?|intends?|aims?)\b/iu.test(
      masked,
    )
  );
}

/** The sentence with its quotations blanked: a speaker's "surely" is reported, the writer's is not. */
function maskQuotes(sentence: string): string {
  return sentence.replace(/[“"«][^”"»]*[”"»]/gu, (q) => " ".repeat(q.length));
}

/**
 * The sentence before a sentence that points back to it (see SummaryCandidate.context): in its paragraph,
 * or the whole paragraph before when that is one sentence (news copy often gives each sentence its own
 * paragraph) and no quotation, whose speaker would be lost.
 */
function contextOf(analyzed: StoryDocument["analyzed"], i: number, tidied: string): { context?: string } {
  const s = analyzed.sentences[i];
  const prev = analyzed.sentences[i - 1];
  if (!s || !prev || !pointsBack(tidied)) return {};
  if (prev.paragraph !== s.paragraph) {
    // Only blank lines between: no caption, link or other furniture the cleaner kept out of sentences.
    if (analyzed.doc.raw.slice(prev.end, s.start).trim() !== "") return {};
    const alone =
      prev.paragraph === s.paragraph - 1 && analyzed.sentences[i - 2]?.paragraph !== prev.paragraph;
    const quoted = analyzed.quotes
      .filter((q) => q.start < prev.end && q.end > prev.start)
      .reduce((n, q) => n + Math.min(q.end, prev.end) - Math.max(q.start, prev.start), 0);
    if (!alone || quoted > (prev.end - prev.start) * 0.3) return {};
  }
  const before = analyzed.doc.raw.slice(prev.start, prev.end);
  const own = tidySentence(before);
  if (pointsBack(own) || FIRST_PERSON.test(own)) return {};
  if (before.endsWith("?") || !isComplete(before) || wordCount(before) > 45) return {};
  return { context: analyzed.doc.raw.slice(prev.start, s.start) };
}

/** The name a sentence opens with (after any dateline), or null when it opens otherwise. */
function openingName(analyzed: StoryDocument["analyzed"], i: number): string | null {
  const s = analyzed.sentences[i];
  const first = s?.mentions[0];
  if (!s || !first) return null;
  const before = analyzed.doc.raw.slice(s.start, first.start).replace(DATELINE, "");
  return /^[^\p{L}\p{N}]*$/u.test(before) ? first.key : null;
}

function candidates(story: StoryDocument[], keys: ReadonlySet<string>): SummaryCandidate[] {
  const out: SummaryCandidate[] = [];
  for (const { analyzed } of story) {
    const titleWords = contentWords(analyzed.doc.title);
    const storyOrder = analyzed.sentences.length;
    analyzed.sentences.forEach((s, i) => {
      const sentence = analyzed.doc.raw.slice(s.start, s.end);
      const words = wordCount(sentence);
      if (words < 7 || words > 80 || sentence.endsWith("?") || !isComplete(sentence)) return;
      if (WRITERS_OPINION.test(maskQuotes(sentence)) || SETTING.test(maskQuotes(sentence))) return;
      // A sentence that is mostly a quotation belongs under quotes, not the summary.
      const quoted = analyzed.quotes
        .filter((q) => q.start >= s.start && q.end <= s.end)
        .reduce((n, q) => n + q.end - q.start, 0);
      const mostlyQuoted = quoted > sentence.length * 0.5;
      const names = new Set(s.mentions.map((m) => m.key));
      const hasTopic = [...names].some((k) => keys.has(k));
      const set = contentWords(sentence);
      const tidied = tidySentence(sentence);
      const score =
        (hasTopic ? 2 : 0) +
        Math.min(names.size, 4) * 0.5 +
        (HAS_FIGURE.test(sentence) ? 1.2 : 0) +
        (DEAL_WORDS.test(sentence) ? 0.8 : 0) +
        1.5 / (1 + i * 0.6) +
        2 * jaccard(set, titleWords) -
        (i / Math.max(storyOrder, 1)) * 0.5 -
        (mostlyQuoted ? 1 : 0) -
        (LEANS_ON_CONTEXT.test(sentence) ? 1.5 : 0);
      out.push({
        sentence,
        source: analyzed.doc.id,
        published: analyzed.published,
        score,
        words: set,
        quoted: mostlyQuoted,
        names,
        subject: openingName(analyzed, i),
        aboutStory: hasTopic || DEAL_WORDS.test(sentence) || MARKET_FIGURE.test(sentence),
        unreadable:
          pointsBack(tidied) ||
          FIRST_PERSON.test(tidied) ||
          (!analyzed.published && needsReportDate(sentence)),
        forecast: writersForecast(maskQuotes(sentence)),
        ...contextOf(analyzed, i, tidied),
      });
    });
  }
  return out;
}

/** Whether `cited` supports the bullet `lead` is shown as: it repeats each of its figures, dates and names. */
function supports(cited: SummaryCandidate, lead: SummaryCandidate): boolean {
  const has = factTokens(cited.sentence);
  return (
    requiredFacts(lead.sentence).every((fact) => has.has(fact)) &&
    [...lead.names].every((name) => cited.names.has(name))
  );
}

/**
 * Near-duplicate sentences (same facts, other outlets) become one group; each source counts once. The group's
 * first member is its bullet, and every member is cited for it, so a member must support the first.
 */
function group(list: SummaryCandidate[]): SummaryGroup[] {
  const groups: SummaryGroup[] = [];
  for (const c of list.sort((a, b) => b.score - a.score).slice(0, 80)) {
    const home = groups.find(
      (g) =>
        g.members.some((m) => m.source !== c.source && jaccard(m.words, c.words) >= DUPLICATE) &&
        g.members[0] !== undefined &&
        supports(c, g.members[0]),
    );
    if (home) {
      if (!home.members.some((m) => m.source === c.source)) {
        home.members.push(c);
        home.score += 0.8;
      }
    } else groups.push({ members: [c], score: c.score });
  }
  return groups;
}

export interface SummarySelection {
  summary: SummaryGroup[];
  /** Sentences carrying figures or dates the summary left out: stakes, amounts, deadlines. */
  figures: SummaryGroup[];
}

/**
 * A share price's move over a day: "shares closed 0.54% higher", "the stock slid 4.6 per cent to $143",
 * "shares were halted at 2:41 p.m., with the stock up 5.5%".
 */
const SHARE_MOVE =
  /\b(?:shares?|stocks?|\p{Lu}\p{L}+)\s+(?:\p{Ll}+\s+){0,2}(?:closed|rose|fell|slid|slipped|jumped|dropped|gained|climbed|sank|tumbled|surged|ended|halted|(?:were |was |are |is )?(?:up|down|higher|lower))\b[^.]{0,40}(?:\d(?:\.\d+)?\s?(?:%|per ?cent)|\$\s?\d)/u;

/** A month with its day or year ("Dec. 14", "March 2023"); a bare "in August" dates nothing a reader can use. */
const DAY_OR_YEAR =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d/iu;

/**
 * Counted things written in words: "four Americans on a board of five directors" (not "the one that", nor
 * "the two companies", which names the parties).
 */
const FIGURE_WORDS =
  /(?<!\b(?:the|these|those|both|its|their)\s)\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|thousand|million|billion)\s+\p{L}+s\b/iu;

/**
 * Digits that belong to a name are no figure: letters before them ("COVID-19", "G7", "F-35") or a capital
 * after them ("5G", "4K"). Amounts keep their lower-case units ("$61bn", "10am").
 */
const NAMED_DIGITS = /\b\p{Lu}\p{L}*-?\d[\p{L}\d-]*|\b\d+\p{Lu}+\b/gu;

function withoutNamedDigits(sentence: string): string {
  // The dateline's date is dropped from the bullet, so it cannot make the sentence a figure either; nor
  // can a firm's age or tenure, which is no term of the deal.
  return sentence.replace(DATELINE, "").replace(NAMED_DIGITS, " ").replace(TENURE, " ");
}

export function selectSummary(
  story: StoryDocument[],
  keys: ReadonlySet<string>,
  max = 6,
  maxFigures = 5,
  /** Sentences a later source has overtaken ("will open an investigation" once one was opened). */
  stale: (candidate: SummaryCandidate) => boolean = () => false,
): SummarySelection {
  const groups = withoutRestatements(
    group(candidates(story, keys).filter((c) => !stale(c))).sort((a, b) => b.score - a.score),
  );
  // A sentence that is mostly a quotation is the speaker's, shown under quotes with its speaker; as a
  // bullet it would repeat the quote and lose who said it.
  // A bullet should read on its own: one that cannot ranks lower (a key figure may still quote it).
  // One that reads with the sentence before it (shown with it, see withContext) costs less.
  const rank = (g: SummaryGroup): number => {
    const lead = g.members[0];
    if (!lead?.unreadable) return g.score;
    return g.score - (lead.context === undefined ? UNREADABLE_PENALTY : CONTEXT_PENALTY);
  };
  const readableFirst = [...groups].sort((a, b) => rank(b) - rank(a));
  const eligible = readableFirst.filter(
    (g) =>
      !g.members[0]?.quoted &&
      !g.members[0]?.forecast &&
      !(SHARE_MOVE.test(g.members[0]?.sentence ?? "") && !DEAL_WORDS.test(g.members[0]?.sentence ?? "")),
  );
  // A pick that joins the bullet it leans on frees its slot: pick a few spare, then cut to `max`.
  const summary = attachFollowers(pick(eligible, story.length, max + 2, []), []).bullets.slice(0, max);
  // A sentence a bullet already shows, joined to the one it leans on, is not shown again as a figure.
  const shown = summary.map((b) => b.members[0]?.sentence ?? "");
  const withFigures = groups.map(withoutRelation).filter(
    (g) =>
      !shown.some((b) => b.includes(g.members[0]?.sentence ?? "\u0000")) &&
      // A figure reads on its own, or with the sentence before it (withContext); else a reader cannot use it.
      // (A weekday the report cannot place is dropped from the text, so that alone does not keep it out.)
      (!pointsBack(tidySentence(g.members[0]?.sentence ?? "")) || g.members[0]?.context !== undefined) &&
      g.members.some(
        (m) =>
          !m.quoted &&
          !HABITUAL.test(m.sentence) &&
          m.aboutStory &&
          // "We accepted a 10-year licence …" outside quotation marks is someone's statement, speaker unknown.
          !FIRST_PERSON.test(m.sentence) &&
          // A day's share-price move says nothing about the deal unless the sentence ties it to the deal.
          !(SHARE_MOVE.test(m.sentence) && !DEAL_WORDS.test(m.sentence)) &&
          (/\d|per ?cent/iu.test(withoutNamedDigits(m.sentence)) ||
            DAY_OR_YEAR.test(withoutNamedDigits(m.sentence)) ||
            FIGURE_WORDS.test(m.sentence)),
      ),
  );
  const picked = pick(withFigures, story.length, maxFigures + 3, summary);
  const { bullets, rest } = attachFollowers(summary, picked);
  const figures = rest.slice(0, maxFigures).map(withContext);
  return { summary: latestFirst(bullets.map(withContext)), figures: latestFirst(figures) };
}

function pick(
  groups: SummaryGroup[],
  storySize: number,
  max: number,
  already: SummaryGroup[],
): SummaryGroup[] {
  const chosen: SummaryGroup[] = [];
  const taken = [...already];
  const perSource = new Map<string, number>();
  for (const g of groups) {
    if (chosen.length >= max) break;
    const lead = g.members[0];
    if (!lead) continue;
    const closeTo = (c: SummaryGroup): boolean =>
      c.members.some((m) => jaccard(m.words, lead.words) >= TOO_CLOSE || contained(m.words, lead.words));
    const twinOf = (c: SummaryGroup): boolean =>
      c.members.some((m) => sameStatement(m, lead) !== null || sameStatement(lead, m) !== null);
    if (taken.some(twinOf)) continue;
    // One statement from two outlets is shown once, by the one that dates it to the day.
    const twin = chosen.findIndex(twinOf);
    if (twin >= 0) {
      const others = [...taken, ...chosen.filter((_, k) => k !== twin)];
      const finer = sameStatement(chosen[twin]?.members[0] ?? lead, lead) === "finer";
      if (finer && !others.some(closeTo)) chosen[twin] = g;
      continue;
    }
    if ([...taken, ...chosen].some(closeTo)) continue;
    // Spread the bullets over the story's documents rather than summarising one article.
    const used = perSource.get(lead.source) ?? 0;
    if (used >= 2 && storySize > 2) continue;
    perSource.set(lead.source, used + 1);
    chosen.push(g);
  }
  return chosen;
}

function latestFirst(chosen: SummaryGroup[]): SummaryGroup[] {
  // The latest state of the story first when documents are dated; undated bullets keep their rank.
  const latest = (g: SummaryGroup): string =>
    g.members
      .map((m) => m.published ?? "")
      .sort()
      .at(-1) ?? "";
  return chosen
    .map((g, rank) => ({ g, rank }))
    .sort((a, b) => {
      const da = latest(a.g);
      const db = latest(b.g);
      if (da && db && da !== db) return db.localeCompare(da);
      if (da && !db) return -1;
      if (db && !da) return 1;
      return a.rank - b.rank;
    })
    .map(({ g }) => g);
}
