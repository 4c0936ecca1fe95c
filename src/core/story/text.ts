// Word-level helpers the story kernel shares: content words, overlap, what a sentence looks like, and a
// sentence tidied into a bullet.

const STOP = new Set(
  (
    "the a an and or but of to in on at by for from with as is are was were be been being it its this that these " +
    "those which who whom whose what when where why how has have had will would could should may might must can do " +
    "does did not no so than then there their they them he she his her we our you your i said says also more most " +
    "after before over under into about up out new one two its it's just"
  ).split(" "),
);

export function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}.%$'’-]*/gu) ?? []) {
    const word = w.replace(/['’]s$/u, "").replace(/\.$/, "");
    // A plural and its singular ("users", "user") are one word to compare: outlets differ in number.
    if (word.length > 2 && !STOP.has(word))
      out.add(word.length > 3 ? word.replace(/(?<![su])s$/u, "") : word);
  }
  return out;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Digits, amounts, percentages or calendar dates: the facts a reader scans for. */
export const HAS_FIGURE =
  /\d|\b(?:jan(?:uary)?|feb(?:ruary)?|march|april|may \d|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|per ?cent/i;

/** A sentence cut off by the end of an excerpt does not end in punctuation; never show it as a fact. */
export function isComplete(sentence: string): boolean {
  return /[.!?…]["”’»)]?$|["”’»]$/.test(sentence.trim());
}

const OPENERS =
  /^(?:but|and|so|meanwhile|however|still|now|indeed|in fact|as a matter of fact|to be honest|also),?\s+/i;

/**
 * A dateline before a report's first sentence: "CITY (Agency) —", "City (Agency) -", "CITY, Dec. 6, 2024 –",
 * "City: ". It places the report, not the event, and means nothing once the sentence stands alone.
 */
export const DATELINE =
  /^(?:\p{Lu}[\p{L} .'’-]{1,30}\([^)]{1,30}\)\s*[—–-]{1,2}\s+|\p{Lu}[\p{Lu} .'’-]{2,30}(?:,\s*[\p{L}\d .,]{3,30})?\s*[—–-]{1,2}\s+|\p{Lu}\p{Ll}{2,20}:\s+)/u;

/**
 * A sentence as a bullet: without a dateline or a leading connective that points back to a sentence not
 * shown; two sentences shown together across a paragraph break read as one line.
 */
export function tidySentence(sentence: string): string {
  const trimmed = sentence
    .trim()
    .replace(DATELINE, "")
    .replace(OPENERS, "")
    .replace(/\s*\n\s*/gu, " ");
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

/** A sentence's words and figures as written ("$1,200" gives "1,200"; "May 8," gives "May" and "8"). */
export function factTokens(sentence: string): Set<string> {
  return new Set(sentence.match(/[\p{L}\p{N}]+(?:[.,]\d+)*/gu) ?? []);
}

/**
 * What another sentence must repeat to support this one: its figures (amounts, counts, days, years) and its
 * capitalised words (names, months). The first word is left out: it is capitalised as the start of a sentence.
 */
export function requiredFacts(sentence: string): string[] {
  const figures = sentence.match(/\d+(?:[.,]\d+)*/g) ?? [];
  const capitalised = (sentence.match(/(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{N}]*/gu) ?? []).slice(1);
  return [...new Set([...figures, ...capitalised])];
}

/** A sentence in the first person: a statement or transcript, not the reporter's account. */
export const FIRST_PERSON = /^(?:we|our|us|i|my)\b/i;

/**
 * The marks to quote a sentence with: double, or single when the sentence holds double marks of its own (a
 * quotation inside a quoted sentence reads ‘“…,” she said.’, not ““…,” she said.”).
 */
export function quoteMarks(text: string): readonly [string, string] {
  return /["“”]/u.test(text) ? ["‘", "’"] : ["“", "”"];
}
