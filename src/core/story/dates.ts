// Dates for the story's time axis: a document's own date (its metadata, a dateline, or a date its URL
// states) and the date a sentence gives an event ("on Oct. 12", "last week", "in March", "on Tuesday"),
// read relative to the document's date. Nothing is guessed: what the text does not fix stays null.
// Dates are ISO strings, "YYYY-MM-DD" or "YYYY-MM" when only the month is known; they sort as strings.

const MONTHS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^jan/i, 1],
  [/^feb/i, 2],
  [/^mar/i, 3],
  [/^apr/i, 4],
  [/^may/i, 5],
  [/^jun/i, 6],
  [/^jul/i, 7],
  [/^aug/i, 8],
  [/^sep/i, 9],
  [/^oct/i, 10],
  [/^nov/i, 11],
  [/^dec/i, 12],
];

const MONTH =
  "(?:Jan(?:uary)?|Feb(?:ruary)?|March|Mar|April|Apr|May|June|Jun|July|Jul|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** The event is still ahead of the document ("will close on Wednesday") or behind it ("said on Tuesday"). */
export type Tense = "past" | "future";

function monthNumber(name: string): number | null {
  return MONTHS.find(([re]) => re.test(name))?.[1] ?? null;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function isoDay(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function parseDay(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

function shift(day: Date, days: number): string {
  return new Date(day.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A date the document's address states: /2021/03/04/, /2021/03/ or a run like -20210304 at the end of a
 * path segment. Two-digit years are ambiguous and ignored.
 */
export function urlDate(url: string | null): string | null {
  if (!url) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const slashed = /\/((?:19|20)\d{2})\/(\d{1,2})(?:\/(\d{1,2}))?(?:\/|$)/.exec(path);
  if (slashed) {
    const [year, month] = [Number(slashed[1]), Number(slashed[2])];
    if (month < 1 || month > 12) return null;
    return slashed[3] ? isoDay(year, month, Number(slashed[3])) : `${year}-${pad(month)}`;
  }
  const packed = /(?:^|[-_/])((?:19|20)\d{2})(\d{2})(\d{2})(?=[-_/.]|$)/.exec(path);
  return packed ? isoDay(Number(packed[1]), Number(packed[2]), Number(packed[3])) : null;
}

/** The document's own date: its metadata or dateline first, else a date its URL states. */
export function documentDate(published: string | null, url: string | null): string | null {
  return published ?? urlDate(url);
}

export interface SentenceDate {
  date: string;
  /** The words that give it ("on Oct. 12", "last week"). */
  phrase: string;
  /** True when the phrase is the sentence's own date and not the document's. */
  explicit: boolean;
}

/** The year a month (and day) without a year most plausibly falls in, relative to the document. */
function yearFor(month: number, day: number | null, docDate: string | null, tense: Tense): number | null {
  if (!docDate) return null;
  const year = Number(docDate.slice(0, 4));
  const doc = docDate;
  const candidate = `${year}-${pad(month)}${day ? `-${pad(day)}` : ""}`;
  // A past event cannot come after the report of it; a future one cannot come before.
  if (tense === "past" && candidate.slice(0, doc.length) > doc) return year - 1;
  if (tense === "future" && candidate < doc.slice(0, candidate.length)) return year + 1;
  return year;
}

const ABSOLUTE_DAY = new RegExp(
  `\\b(?:(${MONTH})\\s+(\\d{1,2})(?!\\d)(?:st|nd|rd|th)?(?:,?\\s+((?:19|20)\\d{2}))?|(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH})(?:,?\\s+((?:19|20)\\d{2}))?)(?![\\d,]*\\s*(?:%|per ?cent|billion|million))`,
  "gu",
);
const ABSOLUTE_MONTH = new RegExp(
  `\\b(?:(in|since|from|last|early|late|mid-?|until|through|this|next)\\s+)?(${MONTH})(?:\\s+(?:of\\s+)?((?:19|20)\\d{2}))?(?![\\p{L}\\d]|\\s+\\d)`,
  "giu",
);
const ISO = /\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b/u;
const WEEKDAY =
  /\b(?:on\s+|last\s+|this\s+|next\s+)?(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/u;
const RELATIVE =
  /\b((?:earlier |later )?this week|yesterday|today|tonight|this morning|this afternoon|this evening|earlier today|(?:over|during) the weekend|last weekend|this weekend|last week|last month|this month|next week|next month)\b/iu;

function relativeDate(phrase: string, docDate: string, tense: Tense): string | null {
  const day = parseDay(docDate);
  const p = phrase.toLowerCase();
  if (/^(?:today|tonight|this (?:morning|afternoon|evening)|earlier today)$/.test(p)) return docDate;
  if (p === "yesterday") return day ? shift(day, -1) : null;
  // "Earlier this week": some day before the report in its week; only the month is sure (the day before's).
  if (p === "earlier this week") return day ? shift(day, -1).slice(0, 7) : null;
  if (/this week$/.test(p)) return docDate;
  const month = (offset: number): string => {
    const y = Number(docDate.slice(0, 4));
    const m = Number(docDate.slice(5, 7)) + offset;
    const d = new Date(Date.UTC(y, m - 1, 1));
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
  };
  if (p === "this month") return month(0);
  if (p === "last month") return month(-1);
  if (p === "next month") return month(1);
  if (!day) return null;
  if (p === "last week")
    return shift(day, -7).slice(0, 7) === docDate.slice(0, 7) ? docDate.slice(0, 7) : month(-1);
  if (p === "next week") return tense === "future" ? shift(day, 7) : null;
  // A weekend is dated by its Saturday: the one just past, or the next for a step still ahead.
  const saturday = (6 - day.getUTCDay() + 7) % 7;
  if (/^(?:over|during) the weekend$|^last weekend$/.test(p))
    return shift(day, day.getUTCDay() === 6 ? 0 : day.getUTCDay() === 0 ? -1 : saturday - 7);
  // "this weekend" in a report of a past step usually dates another clause ("… set to take effect this weekend").
  if (p === "this weekend") return tense === "future" ? shift(day, saturday) : null;
  return null;
}

function weekdayDate(name: string, modifier: string, docDate: string, tense: Tense): string | null {
  const day = parseDay(docDate);
  if (!day) return null;
  const target = WEEKDAYS.indexOf(name.toLowerCase());
  const today = day.getUTCDay();
  if (/next/i.test(modifier) || tense === "future") {
    // "will close on Wednesday" in Wednesday's report is that day, as a past weekday is; "next Wednesday" is not.
    const ahead = (target - today + 7) % 7 || (/next/i.test(modifier) ? 7 : 0);
    return shift(day, ahead);
  }
  // News reports a past weekday within the last week; the report's own weekday means that day.
  const back = (today - target + 7) % 7;
  return shift(day, -back);
}

/**
 * The date a sentence gives its event, read against the document's date: an absolute date first ("on
 * Oct. 12, 2023", "in March 2022", "2023-10-12"), then a weekday or relative phrase, which needs the
 * document's date. Null when the sentence fixes no date.
 */
export function sentenceDate(
  sentence: string,
  docDate: string | null,
  tense: Tense = "past",
): SentenceDate | null {
  const iso = ISO.exec(sentence);
  if (iso) {
    const d = isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (d) return { date: d, phrase: iso[0], explicit: true };
  }
  for (const m of sentence.matchAll(ABSOLUTE_DAY)) {
    const monthName = m[1] ?? m[5] ?? "";
    const month = monthNumber(monthName);
    const dayOf = Number(m[2] ?? m[4]);
    // "May" is also a modal: only "May 3" with a capital and a day counts, which the pattern requires.
    if (!month || dayOf < 1 || dayOf > 31) continue;
    const givenYear = m[3] ?? m[6];
    const year = givenYear ? Number(givenYear) : yearFor(month, dayOf, docDate, tense);
    if (!year) continue;
    const d = isoDay(year, month, dayOf);
    if (d) return { date: d, phrase: m[0], explicit: true };
  }
  for (const m of sentence.matchAll(ABSOLUTE_MONTH)) {
    const lead = m[1]?.toLowerCase() ?? "";
    const monthName = m[2] ?? "";
    const givenYear = m[3];
    // "may" the modal and "march" the verb: a month needs a capital and a year or a preposition before it.
    if (!/^\p{Lu}/u.test(monthName) || (!givenYear && !lead) || (/^may$/i.test(monthName) && !givenYear))
      continue;
    const month = monthNumber(monthName);
    if (!month) continue;
    const year = givenYear
      ? Number(givenYear)
      : yearFor(month, null, docDate, lead === "last" ? "past" : tense);
    if (!year) continue;
    return { date: `${year}-${pad(month)}`, phrase: m[0].trim(), explicit: true };
  }
  if (!docDate) return null;
  const weekday = WEEKDAY.exec(sentence);
  if (weekday?.[1]) {
    const d = weekdayDate(weekday[1], weekday[0], docDate, tense);
    if (d) return { date: d, phrase: weekday[0], explicit: true };
  }
  const relative = RELATIVE.exec(sentence);
  if (relative?.[1]) {
    const d = relativeDate(relative[1], docDate, tense);
    if (d) return { date: d, phrase: relative[0], explicit: true };
  }
  return null;
}

/**
 * True when a sentence names the month and day of `isoDay` ("by September 15", "Sept. 15, 2020"), with no
 * year or the same one: an undated report restating a deadline another report dates in full.
 */
export function namesDay(sentence: string, isoDay: string): boolean {
  const [year, month, day] = isoDay.split("-").map(Number);
  if (!day) return false;
  for (const m of sentence.matchAll(ABSOLUTE_DAY)) {
    const given = m[3] ?? m[6];
    if (
      monthNumber(m[1] ?? m[5] ?? "") === month &&
      Number(m[2] ?? m[4]) === day &&
      (!given || Number(given) === year)
    )
      return true;
  }
  return false;
}

/**
 * "last August": a month the report's own date places, as it does "last week". (A bare "in April" is left: a
 * story's timeline gives its year, and news copy names past months that way all the time.)
 */
const LAST_MONTH_NAME = new RegExp(`\\b[Ll]ast\\s+${MONTH}\\b(?!\\.?\\s*\\d|,?\\s+(?:19|20)\\d{2})`, "u");

/**
 * True when a sentence places its event only by words that need the report's own date: a relative phrase
 * ("last week", "over the weekend", "last August") — another date in the sentence does not say when that
 * was — or a weekday with no calendar date beside it. From an undated report a reader cannot tell when.
 */
export function needsReportDate(sentence: string): boolean {
  if (RELATIVE.test(sentence) || LAST_MONTH_NAME.test(sentence)) return true;
  if (!WEEKDAY.test(sentence)) return false;
  return !ISO.test(sentence) && !new RegExp(ABSOLUTE_DAY.source, "u").test(sentence);
}

/** A weekday is ahead when a future verb governs its clause ("will close on Wednesday"), else behind ("told CNN on Friday"). */
export function weekdayTense(sentence: string): Tense {
  const at = WEEKDAY.exec(sentence)?.index ?? -1;
  if (at < 0) return "past";
  return /\b(?:will|shall|is (?:set|due|expected|scheduled) to|are (?:set|due|expected|scheduled) to)\b[^,;.]*$/u.test(
    sentence.slice(0, at),
  )
    ? "future"
    : "past";
}

/** Compares two ISO dates of either precision: a month sorts before the days inside it. */
/**
 * The date a sentence means by a weekday or a relative phrase ("on Tuesday", "earlier this week", "last
 * August", "last year"), which a reader of the sentence alone cannot place; null when it names none or dates
 * itself in full.
 */
export function impliedDate(sentence: string, docDate: string | null, tense: Tense = "past"): string | null {
  // Two relative times ("last August … last month") would need two dates: one lead-in would mislead.
  const relatives = sentence.match(
    /\b(?:(?:last|this|next|earlier this|later this)\s+(?:week|month|year|weekend|\p{Lu}\p{Ll}+)|yesterday|today|(?:on\s+)?(?:Sun|Mon|Tues|Wednes|Thurs|Fri|Satur)day)\b/gu,
  );
  if ((relatives?.length ?? 0) > 1) return null;
  const found = sentenceDate(sentence, docDate, tense);
  // "last August" is a month only the report's date places, as "on Tuesday" is a day.
  if (
    found &&
    (WEEKDAY.test(found.phrase) ||
      RELATIVE.test(found.phrase) ||
      /^(?:last|this|next)\s/iu.test(found.phrase))
  )
    return found.date;
  // "said last year that …": the year it means.
  const year = /\b(last|this|next) year\b/iu.exec(sentence)?.[1]?.toLowerCase();
  if (found || !year || !docDate) return null;
  return String(Number(docDate.slice(0, 4)) + (year === "last" ? -1 : year === "next" ? 1 : 0));
}

export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when `later` is strictly after `earlier`, a month counting as after none of its own days. */
export function isAfter(later: string, earlier: string): boolean {
  const n = Math.min(later.length, earlier.length);
  return later.slice(0, n) > earlier.slice(0, n);
}

/** " on Tuesday" as an adjunct: not followed by the date it falls on (", August 2"), which would place it. */
const UNPLACED_DAY =
  /\s+on\s+(?:Sun|Mon|Tues|Wednes|Thurs|Fri|Satur)day\b(?!,?\s+(?:\p{Lu}\p{Ll}+\.?\s+\d|\d))/u;

/**
 * A bullet's sentence without the weekday its report's missing date cannot place ("The agency on Thursday sued
 * …" → "The agency sued …"): a day nobody can put on a calendar tells a reader nothing, and leaving it out
 * removes words only, so the sentence still says just what its source says. Only a sentence with one such
 * day and no lead-in date is changed.
 */
export function withoutUnplacedDay(sentence: string, docDate: string | null): string {
  if (impliedDate(sentence, docDate) !== null) return sentence;
  const days = sentence.match(new RegExp(UNPLACED_DAY.source, "gu")) ?? [];
  return days.length === 1 ? sentence.replace(UNPLACED_DAY, "") : sentence;
}
