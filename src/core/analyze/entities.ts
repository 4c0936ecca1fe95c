// Finds named-entity mentions (capitalised names, acronyms and their expansions) in a sentence, and the
// normalised keys that topic matching uses. Deliberately lexical: fast enough for ingest, and exact.

export interface Mention {
  /** Normalised name: lower case, words separated by one space ("donald trump"). */
  key: string;
  surface: string;
  /** Offsets into the text the sentence came from. */
  start: number;
  end: number;
  /** A role or title word stood right before the name ("CEO Jane Doe"), a strong sign of a person. */
  afterRole: boolean;
}

/** Words that open sentences or name days and months: capitalised, but not entities. */
const NOT_NAMES = new Set(
  (
    "a an the this that these those there here it its it's they them their he she his her him we our us i you your " +
    "in on at by for from with without within into onto of to as after before during since until while when where " +
    "what which who whom whose why how if but and or nor so yet also still even just only however meanwhile " +
    "although though because despite according under over about above below between among through across " +
    "last next first second third one two three four five early late today yesterday tomorrow now then " +
    "is are was were be been will would could should may might must can do does did has have had not no yes " +
    "all any both each every many more most much other some such several few mr mrs ms dr sir " +
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july august " +
    "september october november december sept jan feb mar apr jun jul aug sep oct nov dec " +
    "speaking asked read photo image video update updated published posted share click watch " +
    "likewise another multiple moreover furthermore nevertheless nonetheless additionally similarly instead " +
    "indeed thus hence therefore notably regardless otherwise besides"
  ).split(" "),
);

/** Number words are capitalised only at a sentence start ("Twenty-nine people …"): never names. */
const NUMBER_WORD =
  /^(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozens?|hundreds|thousands|millions)(?:[ -]\p{L}+)?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|six|seven|eight|nine|ten)$/u;

/** Titles and roles that precede a person's name; they are not part of the name. */
export const ROLE_WORDS = new Set(
  (
    "president ceo cfo coo cto chairman chairwoman chair chairperson commissioner secretary director senator sen " +
    "rep representative gov governor minister prime premier judge justice chief executive vice founder " +
    "co-founder spokesperson spokesman spokeswoman head leader mayor ambassador attorney general lawyer analyst " +
    "mr mrs ms dr sir lord professor prof officer manager partner deputy assistant agent king queen prince " +
    "chancellor commissioner, trustee editor reporter economist chairs boss"
  ).split(" "),
);

const CORPORATE_SUFFIX = /^(inc|corp|co|ltd|llc|plc|sa|ag|gmbh|nv|bv)\.?$/i;

const CONNECTORS = new Set(["of", "for", "&", "de", "du", "von", "van", "der"]);

/**
 * Characters that show nothing (soft hyphen, zero-width space and joiners, word joiner, BOM): inside a word
 * they are part of it, so "Tik\u200bTok" is one name, the same as "TikTok".
 */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/gu;

/** A name as shown: without invisible characters. */
export function visibleName(surface: string): string {
  return surface.replace(INVISIBLE, "");
}

const TOKEN = /[\p{L}\p{N}](?:[\p{L}\p{N}&'’\-.\u00AD\u200B-\u200D\u2060\uFEFF]*[\p{L}\p{N}])?\.?/gu;

function isCapitalised(token: string): boolean {
  const first = token.charCodeAt(0);
  // ASCII fast path: this runs for every word of every document at ingest.
  if (first >= 65 && first <= 90) return true;
  if (first >= 97 && first <= 122) return /[A-Z]/.test(token) && /^\p{Ll}+\p{Lu}/u.test(token);
  if (first < 128) return false;
  return /^\p{Lu}/u.test(token) || /^\p{Ll}+\p{Lu}/u.test(token);
}

/** "Globex’s" → "Globex", "U.S." stays "U.S.", a sentence-final "Inc." keeps its dot. */
function stripPossessive(token: string): string {
  return token.replace(/['’]s?$/u, "");
}

export function nameKey(name: string): string {
  return visibleName(name)
    .normalize("NFKC")
    .replace(/,?\s+(inc|corp|co|ltd|llc|plc|sa|ag|gmbh|nv|bv)\.?$/i, "")
    .toLowerCase()
    .replace(/['’]s\b/gu, "")
    .replace(/[.'’]/gu, "")
    .replace(/[^\p{L}\p{N}&]+/gu, " ")
    .trim();
}

/** The key with spaces removed: "glo bex", "Globex" and "Glo-Bex" all become "globex". */
export function compactKey(name: string): string {
  return nameKey(name).replace(/ /g, "");
}

interface Token {
  text: string;
  start: number;
  end: number;
  /** Punctuation or a line break between the previous token and this one. */
  joined: boolean;
}

/**
 * A sentence's tokens, read as they are asked for. Callers only look forward from a position they then
 * release, so the tokens behind it are dropped: a one-sentence document of megabytes never holds an array of
 * all its words, whose objects would outlive the young generation and make the collector's cost per KB grow
 * with the sentence.
 */
class Tokens {
  private readonly matches: Iterator<RegExpExecArray>;
  private buffer: Token[] = [];
  /** Index (in the sentence's token sequence) of buffer[0]. */
  private base = 0;
  private done = false;
  private lastEnd = 0;
  private lastStart = 0;

  constructor(
    private readonly text: string,
    private readonly offset: number,
  ) {
    this.matches = text.matchAll(TOKEN);
  }

  at(k: number): Token | undefined {
    while (!this.done && k >= this.base + this.buffer.length) this.read();
    return this.buffer[k - this.base];
  }

  slice(from: number, to: number): Token[] {
    this.at(to - 1);
    return this.buffer.slice(from - this.base, to - this.base);
  }

  /** Tokens before `k` are no longer needed. */
  release(k: number): void {
    if (k - this.base < 256) return;
    this.buffer = this.buffer.slice(k - this.base);
    this.base = k;
  }

  private read(): void {
    const next = this.matches.next();
    if (next.done) {
      this.done = true;
      return;
    }
    const m = next.value;
    const text = this.text;
    let word = m[0];
    // A trailing dot belongs to the token only for abbreviations like "U.S." or "Inc.".
    if (
      word.endsWith(".") &&
      !/^(?:\p{Lu}\.)+$|^(?:\p{Lu}\.)+\p{Lu}\.?$|^(inc|corp|co|ltd|jr|sr|st)\.$/iu.test(word)
    ) {
      word = word.slice(0, -1);
    }
    const between = text.slice(this.lastEnd, m.index);
    this.buffer.push({
      text: word,
      start: this.offset + m.index,
      end: this.offset + m.index + word.length,
      // "Sen. Sanders": a title's period (and a no-break space) does not separate it from the name.
      joined:
        /^[ \u00a0]?$/.test(between) ||
        (/^\.[ \u00a0]$/.test(between) &&
          ROLE_WORDS.has(text.slice(this.lastStart, this.lastEnd).toLowerCase())),
    });
    this.lastStart = m.index;
    this.lastEnd = m.index + word.length;
  }
}

export interface MentionContext {
  /** Lower-case words seen in the document; a sentence-initial word seen lower case elsewhere is no name. */
  lowercaseWords: ReadonlySet<string>;
}

/**
 * Mentions in one sentence. `offset` is where the sentence starts in its document, so mention offsets are
 * document offsets.
 */
export function findMentions(sentence: string, offset: number, context: MentionContext): Mention[] {
  const tokens = new Tokens(sentence, offset);
  const mentions: Mention[] = [];
  let i = 0;
  while (tokens.at(i) !== undefined) {
    tokens.release(i);
    const token = tokens.at(i);
    if (!token || !isCapitalised(token.text)) {
      i++;
      continue;
    }
    // Collect a run of capitalised tokens, allowing "of"/"for" between two of them.
    let j = i;
    let runEnd = i;
    while (tokens.at(j + 1) !== undefined) {
      const next = tokens.at(j + 1);
      if (!next || !next.joined) break;
      // "Acme's John Roe" is two names: a possessive or a corporate suffix ends a name.
      if (CORPORATE_SUFFIX.test(tokens.at(j)?.text ?? "") || /['’]s$/u.test(tokens.at(j)?.text ?? "")) break;
      if (isCapitalised(next.text)) {
        j++;
        runEnd = j;
        continue;
      }
      const after = tokens.at(j + 2);
      if (CONNECTORS.has(next.text.toLowerCase()) && after?.joined && isCapitalised(after.text)) {
        j += 2;
        runEnd = j;
        continue;
      }
      break;
    }
    const run = tokens.slice(i, runEnd + 1);
    i = runEnd + 1;
    // "Acme Inc. ACME": a ticker after a corporate suffix is not another name.
    const following = tokens.at(i);
    if (
      CORPORATE_SUFFIX.test(run.at(-1)?.text ?? "") &&
      following?.joined &&
      /^\p{Lu}{1,5}$/u.test(following.text)
    )
      i++;
    // Drop leading words that are sentence openers or roles; remember a role for person detection.
    let afterRole = false;
    let first = 0;
    for (let k = 0; k < run.length; k++) {
      const lower = stripPossessive(run[k]?.text ?? "").toLowerCase();
      // At a sentence start, "-ing", "-ly" and "-wise" words open clauses ("Declaring …", "Boasting …").
      const atStart = run[k]?.start === offset;
      const isOpener =
        k === 0 &&
        (NOT_NAMES.has(lower) ||
          (atStart && context.lowercaseWords.has(lower)) ||
          (atStart && run.length === 1 && /^\p{L}{3,}(?:ing|ly|wise)$/u.test(lower)));
      const isCountryBeforeRole =
        lower === "u.s." && ROLE_WORDS.has(stripPossessive(run[k + 1]?.text ?? "").toLowerCase());
      if (!(ROLE_WORDS.has(lower) || isOpener || CONNECTORS.has(lower) || isCountryBeforeRole)) break;
      if (ROLE_WORDS.has(lower)) afterRole = true;
      first = k + 1;
    }
    // "Acme CEO Jane Doe": split at an inner role word into the organisation and the person.
    let segmentStart = first;
    let roleBefore = afterRole;
    for (let k = first; k <= run.length; k++) {
      const lower = k < run.length ? stripPossessive(run[k]?.text ?? "").toLowerCase() : "";
      if (k < run.length && !ROLE_WORDS.has(lower)) continue;
      let part = run.slice(segmentStart, k);
      while (part.length > 0 && CONNECTORS.has(part.at(-1)?.text.toLowerCase() ?? "")) part.pop();
      // After a role, "Secretary of State John Roe": the person is the last two or three words.
      // "Rep. Elijah Cummings of Maryland": after a role, "of …" is where the person is from.
      const connector = part.findIndex((t, x) => x > 0 && /^(?:of|for)$/i.test(t.text));
      if (roleBefore && connector > 0) part = part.slice(0, connector);
      if (roleBefore && part.length > 2) {
        const initial = /^\p{Lu}\.?$/u.test(part.at(-2)?.text ?? "");
        part = part.slice(initial ? -3 : -2);
      }
      const head = part[0];
      const tail = part.at(-1);
      if (head && tail) {
        const surface = sentence.slice(head.start - offset, tail.end - offset).replace(/['’]s?$/u, "");
        const key = nameKey(surface);
        if (key && !NOT_NAMES.has(key) && !/^\d/.test(key) && !NUMBER_WORD.test(key)) {
          mentions.push({
            key,
            surface,
            start: head.start,
            end: head.start + surface.length,
            afterRole: roleBefore,
          });
        }
      }
      roleBefore = true;
      segmentStart = k + 1;
    }
  }
  const acronyms = sentence.includes("(") ? findAcronyms(sentence, offset) : [];
  if (acronyms.length === 0) return mentions;
  // An acronym's expansion is one name, even where it contains "and" or lower-case words.
  const merged = mentions.filter((m) => !acronyms.some((a) => m.start < a.end && m.end > a.start));
  for (const a of acronyms) {
    merged.push({
      key: a.long,
      surface: sentence.slice(a.start - offset, a.end - offset),
      start: a.start,
      end: a.end,
      afterRole: false,
    });
  }
  return merged.sort((x, y) => x.start - y.start);
}

const ACRONYM = /((?:\p{Lu}[\p{L}'’-]*\s+(?:(?:and|of|for|on|the|in|&)\s+)*){1,9})\((\p{Lu}{2,6})\)/gu;

export interface AcronymDefinition {
  acronym: string;
  long: string;
  /** Where the long form starts and ends in the text. */
  start: number;
  end: number;
}

/** "Competition and Markets Authority (CMA)" → acronym "cma", long "competition and markets authority". */
export function findAcronyms(text: string, offset = 0): AcronymDefinition[] {
  const found: AcronymDefinition[] = [];
  for (const m of text.matchAll(ACRONYM)) {
    const acronym = m[2] ?? "";
    const phrase = (m[1] ?? "").trimEnd();
    const words = [...phrase.matchAll(/\S+/g)];
    // Walk back from the parenthesis until the capitalised initials spell the acronym.
    let initials = "";
    for (let k = words.length - 1; k >= 0; k--) {
      const word = words[k];
      if (!word) break;
      const head = word[0].charAt(0);
      if (/^\p{Lu}/u.test(head)) initials = head + initials;
      if (initials === acronym) {
        const start = offset + m.index + word.index;
        found.push({
          acronym: nameKey(acronym),
          long: nameKey(phrase.slice(word.index)),
          start,
          end: offset + m.index + phrase.length,
        });
        break;
      }
      if (initials.length >= acronym.length) break;
    }
  }
  return found;
}
