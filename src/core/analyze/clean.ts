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

function words(line: string): number {
  return line.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function normal(line: string): string {
  return line
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

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
    const isShortLabel = !TERMINAL.test(text) && words(text) < 12;
    const furniture =
      key === "" ||
      key === titleKey ||
      seen.has(key) ||
      isShortLabel ||
      FURNITURE.some((rule) => rule.test(text));
    if (furniture) {
      if (index < 12 && datelineDate === null && words(text) <= 12) datelineDate = dateOf(text);
      dropped.push(text);
      continue;
    }
    seen.add(key);
    paragraphs.push(line);
  }
  return { paragraphs, datelineDate, dropped };
}
