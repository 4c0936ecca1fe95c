// What the gate reads out of a sentence: figures, dates and time units, quotations, words by stem, and
// the verbs that a hedge or a negation governs ("may invite" → invite, "has not accepted" → accepted).

// prettier-ignore
const NUMBER_WORDS: Record<string, string> = {
  two: "2", three: "3", four: "4", five: "5", six: "6", seven: "7", eight: "8", nine: "9", ten: "10",
  eleven: "11", twelve: "12", thirteen: "13", fourteen: "14", fifteen: "15", twenty: "20", thirty: "30",
  forty: "40", fifty: "50", hundred: "100", third: "3", fourth: "4", fifth: "5", dozen: "12", half: "0.5",
};
// prettier-ignore
const SCALES: Record<string, string> = {
  thousand: "thousand", million: "million", m: "million", billion: "billion", bn: "billion", b: "billion",
  trillion: "trillion", tn: "trillion",
};
// prettier-ignore
const MONTHS: Record<string, string> = {
  jan: "1", january: "1", feb: "2", february: "2", mar: "3", march: "3", apr: "4", april: "4", may: "5",
  jun: "6", june: "6", jul: "7", july: "7", aug: "8", august: "8", sep: "9", sept: "9", september: "9",
  oct: "10", october: "10", nov: "11", november: "11", dec: "12", december: "12",
};
const WEEKDAYS =
  /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|weekend)\b/gi;
const TIME_UNITS = /\b(hour|day|week|fortnight|month|quarter|year|decade)s?\b/gi;
/** Words that change how many: adding "all" to "four of five directors" is a new fact. */
export const QUANTIFIERS = /\b(all|every|entire|whole|only|most|majority|none|sole|solely)\b/gi;

export const HEDGE =
  /\b(may|might|could|would|should|can|expects?|expected|expecting|plans?|planned|planning|aims?|aimed|aiming|hopes?|hoped|hoping|intends?|intended|likely|unlikely|possible|possibly|potential|potentially|proposed?|proposal|tentative|tentatively|conditional|conditionally|provisional|provisionally|subject to|pending|awaiting|reportedly|allegedly|alleg\w*|claim\w*|accus\w*|maintain\w*|insist\w*|considering|looking to|set to|seeks?|seeking|wants?|wanted|mooted|if|unclear|uncertain|whether|appears?|seems?|suggests?|rumou?red|needs?|requires?|awaits?|awaiting|weighing|considers?)\b/i;
export const NEGATION =
  /\b(not|no|never|none|neither|nor|without|cannot|unless|denied|denies|deny|refused|refuses|rejected|rejects|fails? to|failed to|failure to)\b|n['’]t\b/i;

/** The words that put the verb after them in doubt ("may invite") or deny it ("has not accepted"). */
export const HEDGE_GOVERNOR =
  /\b(?:may|might|could|would|should|expects? to|expected to|plans? to|planning to|aims? to|hopes? to|intends? to|likely to|set to|seeks? to|seeking|wants? to|looking to|tentatively|proposed|subject to|pending|needs?|requires?|awaits?|awaiting|until)\b/i;
export const NEGATION_GOVERNOR =
  /\b(?:not|never|no|without|cannot|unless|fails? to|failed to|refused to)\b|n['’]t\b/i;

/** Auxiliaries and adverbs between a governor and the verb it governs. */
const FILLER = new Set([
  "be",
  "been",
  "being",
  "have",
  "has",
  "had",
  "also",
  "still",
  "yet",
  "ever",
  "the",
  "a",
  "an",
  "to",
  "is",
  "are",
  "was",
  "were",
  "it",
  "its",
  "their",
  "any",
  "tentatively",
  "eventually",
  "soon",
  "then",
  "formally",
  "publicly",
  "immediately",
  "not",
  "never",
  "n't",
  "only",
  "now",
]);

export function figures(text: string): Set<string> {
  const out = new Set<string>();
  const lower = text.toLowerCase();
  for (const m of lower.matchAll(/\d+(?:[.,]\d+)*/g)) {
    const n = m[0].replace(/,(?=\d{3}\b)/g, "");
    out.add(String(Number(n.replace(/,/g, "."))));
  }
  for (const m of lower.matchAll(/\b[a-z]+\b/g)) {
    const word = m[0];
    const number = NUMBER_WORDS[word];
    if (number) out.add(number);
    const scale = SCALES[word];
    // "m" and "b" count only right after a number ("$4m").
    if (scale && (word.length > 2 || /\d\s?$/.test(lower.slice(0, m.index)))) out.add(scale);
  }
  for (const m of lower.matchAll(QUANTIFIERS)) out.add(`quantifier:${m[1] ?? ""}`);
  return out;
}

export function dates(text: string): Set<string> {
  const out = new Set<string>();
  const lower = text.toLowerCase();
  for (const m of lower.matchAll(/\b([a-z]+)\.?/g)) {
    const month = MONTHS[m[1] ?? ""];
    // "may" is a month only before a day or year; otherwise it is the hedge.
    if (month && (m[1] !== "may" || /^\s+\d/.test(lower.slice((m.index ?? 0) + m[0].length))))
      out.add(`month:${month}`);
  }
  for (const m of lower.matchAll(WEEKDAYS)) out.add(`day:${m[1] ?? ""}`);
  for (const m of lower.matchAll(TIME_UNITS)) out.add(`unit:${m[1] ?? ""}`);
  for (const m of lower.matchAll(/\b(first|second|third|fourth|last)\s+(quarter|half)\b/g))
    out.add(`period:${m[1] ?? ""}-${m[2] ?? ""}`);
  return out;
}

/** A loose stem: lower case, no possessive, no plural, no common suffix ("appealed" → "appeal"). */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s?$/u, "");
  for (const suffix of ["ing", "ed", "es", "s"]) {
    if (w.length - suffix.length >= 4 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w.replace(/e$/, "");
}

export function words(text: string): string[] {
  return (text.normalize("NFKC").match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []).map((w) => w.toLowerCase());
}

/** Two words name the same thing: equal, plural, or a demonym of it ("Americans", "European"). */
export function sameName(a: string, b: string): boolean {
  const x = a.toLowerCase().replace(/['’]s?$/u, "");
  const y = b.toLowerCase().replace(/['’]s?$/u, "");
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return (
    short.length >= 4 &&
    long.startsWith(short) &&
    /^(?:s|es|n|an|ean|ns|ans|eans|ese|ian|ians|ish)$/.test(long.slice(short.length))
  );
}

interface Token {
  word: string;
  /** Index of the clause (split at , ; : — and brackets) the word is in. */
  clause: number;
}

export function tokens(text: string): Token[] {
  const out: Token[] = [];
  let clause = 0;
  for (const m of text.normalize("NFKC").matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?|[,;:—–()]/gu)) {
    if (/^[,;:—–()]$/.test(m[0])) clause++;
    else out.push({ word: m[0].toLowerCase(), clause });
  }
  return out;
}

/** Stems of the verbs that `governor` governs: "may invite other investors" → invit. */
export function governed(text: string, governor: RegExp): Set<string> {
  const out = new Set<string>();
  const list = tokens(text);
  const joined = list.map((t) => t.word).join(" ");
  for (const m of joined.matchAll(new RegExp(governor.source, "gi"))) {
    const after = joined
      .slice((m.index ?? 0) + m[0].length)
      .split(" ")
      .filter(Boolean);
    const verb = after.find((w) => !FILLER.has(w) && !new RegExp(`^(?:${governor.source})$`, "i").test(w));
    if (verb) out.add(stem(verb));
  }
  return out;
}

/** Stems the text uses without a governor before them in the same clause (within eight words). */
export function ungoverned(text: string, governor: RegExp): Set<string> {
  const out = new Set<string>();
  const list = tokens(text);
  for (const [i, t] of list.entries()) {
    const window = list
      .slice(Math.max(0, i - 8), i)
      .filter((w) => w.clause === t.clause)
      .map((w) => w.word)
      .join(" ");
    if (!new RegExp(governor.source, "i").test(window)) out.add(stem(t.word));
  }
  return out;
}

const QUOTED = /[“"«„]([^“”"«»„]{1,300})[”"»“]|(?:^|[\s(])[‘']([^‘’']{2,200})[’'](?=[\s.,;:!?)]|$)/gu;

export function quotations(text: string): string[] {
  return [...text.matchAll(QUOTED)].map((m) => (m[1] ?? m[2] ?? "").trim().replace(/[.,;:!?]+$/, ""));
}

export const LINK_OR_INSTRUCTION =
  /https?:\/\/|www\.|\b[a-z0-9-]+\.(?:com|org|net|io|ai|co|gov|eu|uk|ly|app|nl|de|fr|es|it|jp|cn|in|au|ca|info|news)\b|click|tap here|learn more|read more|read the full|share this|sign up|subscribe|follow us|ignore (?:all |any )?(?:previous|prior|above)|as an ai|language model|instructions?\b|\bvisit\b|\bprompt\b|link below/i;
