// Separates article text from page furniture (comment forms, share lines, players, captions, bylines,
// repeated headlines) with generic line rules, keeping each kept paragraph's offsets into the source.

export interface Paragraph {
  text: string;
  start: number;
  end: number;
}

export interface CleanResult {
  paragraphs: Paragraph[];
  /** A date found in a byline or dateline near the top, when the document had none. */
  datelineDate: string | null;
  dropped: string[];
}

/** Everything after one of these is a comment form or site footer, never article text. */
const END_OF_ARTICLE =
  /^(leave a (reply|comment)|post a comment|\d+ comments?$|comments? \(\d+\)|your email address will not be published|join the discussion)/i;

const FURNITURE: RegExp[] = [
  /^(required fields are marked|save my name|notify me of)/i,
  /^(share|tweet|email|print|copy link)( (this|on|the|article|story|link)\b.*)?$/i,
  /^(share this|subscribe|sign up|follow us|add as a preferred source|get the (latest|newsletter)|newsletter)/i,
  /^(recommended|related|trending|most popular|more from|see also|also read|read more|read next|read|now reading|now playing|up next|watch)(\s+(videos?|stories|articles|posts|for you|this))?\s*(:|$)/i,
  /^(advertisement|sponsored|promoted|skip ad|click to (enlarge|expand|share|print))\b/i,
  /\b(html5 video|video capable browser|invalid file format|to view this video|enable javascript|your browser does not support)\b/i,
  /^(sorry, but you can['’]t access|by clicking ['‘’"]?\w+['‘’"]?, you agree|terms of (use|service)( and privacy policy)?$)/i,
  /^(posted in|filed under|tags?|topics|categories)\s*:/i,
  /^(by|written by|posted by|reporting by|edited by|published|updated|last updated)\b[^.!?]{0,100}$/i,
  /^\(?(image|photo|picture|illustration|video|graphic)s?( credit| courtesy)?\s*(by|:|\))/i,
  /\b(getty images|via reuters|ap photo|afp photo|shutterstock|unsplash|image credit)\b[^.!?]{0,40}\)?$/i,
];

const MONTH =
  "(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\\.?";
const DATE_IN_LINE = new RegExp(
  `\\b(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}\\s+(\\d{4})|${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4}))\\b`,
  "i",
);

const TERMINAL = /[.!?…"”»’'):;]\s*$/;

/**
 * The number of words in a line, counted only up to `limit`: the callers ask whether a line is short, and a
 * one-paragraph document of megabytes should not be split into an array of every word to say it is not.
 */
function words(line: string, limit: number): number {
  const re = /\S+/g;
  let count = 0;
  for (let m = re.exec(line); m && count < limit; m = re.exec(line)) if (/[\p{L}\p{N}]/u.test(m[0])) count++;
  return count;
}

/** Replacing over this many characters at once costs more per character as the string grows (V8). */
const NORMAL_CHUNK = 1 << 15;

/**
 * A line's comparison key: lower case, every run of non-letters one space. Long lines are replaced chunk by
 * chunk, a run cut by a chunk boundary joined back to one space, so the key is the same as one replace
 * over the whole line, and a one-paragraph document of megabytes costs the same per KB as a short one.
 */
function normal(line: string): string {
  // Lower case over the whole line: casing depends on context (a final sigma).
  const lower = line.toLowerCase();
  const parts: string[] = [];
  for (let from = 0; from < lower.length;) {
    let to = Math.min(from + NORMAL_CHUNK, lower.length);
    // Never between the two halves of a surrogate pair, which together may be a letter. Only a real pair: a
    // lone high surrogate before a pair must not pull the pair's first half into this chunk.
    const last = lower.charCodeAt(to - 1);
    const next = lower.charCodeAt(to);
    if (to < lower.length && last >= 0xd800 && last <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) to++;
    let part = lower.slice(from, to).replace(/[^\p{L}\p{N}]+/gu, " ");
    if (part.startsWith(" ") && parts.at(-1)?.endsWith(" ")) part = part.slice(1);
    // A chunk of only non-letters after one that ended in them adds nothing (and no empty part is kept, so
    // the last part always shows how the key so far ends).
    if (part !== "") parts.push(part);
    from = to;
  }
  return parts.join("").trim();
}

/** The line key under a name for the property tests that hold it equal to one replace over the line. */
export const lineKey = normal;

function dateOf(line: string): string | null {
  const match = DATE_IN_LINE.exec(line);
  if (!match) return null;
  const parsed = new Date(
    match[0].replace(/(\d)(st|nd|rd|th)\b/i, "$1").replace(/\bsept\b/i, "sep") + " 12:00 UTC",
  );
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString().slice(0, 10);
}

/** Splits the body into lines with offsets; hard-wrapped lines (next starts lowercase) stay together. */
function lines(body: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const leading = m[0].length - m[0].trimStart().length;
    const text = m[0].trim();
    if (!text) continue;
    const start = m.index + leading;
    const previous = out.at(-1);
    const gapIsSingleNewline = previous !== undefined && !body.slice(previous.end, start).includes("\n\n");
    if (previous && gapIsSingleNewline && /^[\p{Ll}]/u.test(text) && !TERMINAL.test(previous.text)) {
      previous.end = start + text.length;
      previous.text = body.slice(previous.start, previous.end);
      continue;
    }
    out.push({ text, start, end: start + text.length });
  }
  return out;
}

export function cleanBody(body: string, title: string): CleanResult {
  const titleKey = normal(title);
  const seen = new Set<string>();
  const paragraphs: Paragraph[] = [];
  const dropped: string[] = [];
  let datelineDate: string | null = null;
  const all = lines(body);
  for (const [index, line] of all.entries()) {
    const text = line.text;
    if (END_OF_ARTICLE.test(text)) {
      dropped.push(...all.slice(index).map((l) => l.text));
      break;
    }
    const key = normal(text);
    const isShortLabel = !TERMINAL.test(text) && words(text, 12) < 12;
    const furniture =
      key === "" ||
      key === titleKey ||
      seen.has(key) ||
      isShortLabel ||
      FURNITURE.some((rule) => rule.test(text));
    if (furniture) {
      if (index < 12 && datelineDate === null && words(text, 13) <= 12) datelineDate = dateOf(text);
      dropped.push(text);
      continue;
    }
    seen.add(key);
    paragraphs.push(line);
  }
  return { paragraphs, datelineDate, dropped };
}
