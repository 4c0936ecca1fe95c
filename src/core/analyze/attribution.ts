// Tells who said a quote: speech-verb patterns around it, and a running record of the document's recent
// people and organisations for resolving "he", "it" and "the company" — only when that is unambiguous.
import type { Mention } from "./entities.js";
import {
  BETWEEN_SUBJECT_AND_VERB,
  LEADING_PHRASE,
  PARTICIPLE,
  PLACES,
  PRONOUN_AT_END,
  PRONOUN_AT_START,
  SPEECH_VERB,
  roleAtEnd,
  roleAtStart,
  type RolePhrase,
} from "./speechPatterns.js";

export interface Speaker {
  name: string | null;
  /** Entity key of the speaker when named or resolved; null for a role without a name. */
  key: string | null;
}

export interface DocumentPeople {
  /** Entity keys that are people in this document. */
  persons: ReadonlySet<string>;
  /** Display name for a key: "trump" → "Donald Trump" when the document names him in full. */
  fullName(mention: Mention): string;
}

interface Recent {
  key: string;
  name: string;
  paragraph: number;
}

/** How far back (in paragraphs) "he" or "the company" may reach. */
const REACH = 3;

export class AttributionContext {
  private lastPerson: Recent | null = null;
  private lastOrg: Recent | null = null;
  private ambiguousPerson = false;
  private ambiguousOrg = false;
  lastSpeaker: (Speaker & { paragraph: number }) | null = null;

  constructor(readonly people: DocumentPeople) {}

  private isPerson(key: string): boolean {
    return this.people.persons.has(key);
  }

  /** Records the subjects of a sentence (names followed by a verb) once its quotes are attributed. */
  noteSubjects(subjects: Mention[], paragraph: number): void {
    const persons = new Map<string, string>();
    const orgs = new Map<string, string>();
    for (const m of subjects) {
      if (PLACES.has(m.key)) continue;
      (this.isPerson(m.key) ? persons : orgs).set(m.key, this.people.fullName(m));
    }
    if (persons.size > 0) {
      const [key, name] = [...persons.entries()].at(-1) ?? ["", ""];
      this.lastPerson = { key, name, paragraph };
      this.ambiguousPerson = persons.size > 1;
    }
    if (orgs.size > 0) {
      const [key, name] = [...orgs.entries()].at(-1) ?? ["", ""];
      this.lastOrg = { key, name, paragraph };
      this.ambiguousOrg = orgs.size > 1;
    }
  }

  noteSpeaker(speaker: Speaker, paragraph: number): void {
    this.lastSpeaker = { ...speaker, paragraph };
    if (speaker.key && speaker.name) {
      const recent = { key: speaker.key, name: speaker.name, paragraph };
      if (this.isPerson(speaker.key)) {
        this.lastPerson = recent;
        this.ambiguousPerson = false;
      } else if (!PLACES.has(speaker.key)) {
        this.lastOrg = recent;
        this.ambiguousOrg = false;
      }
    }
  }

  private recent(which: "person" | "org", paragraph: number): Speaker {
    const found = which === "person" ? this.lastPerson : this.lastOrg;
    const ambiguous = which === "person" ? this.ambiguousPerson : this.ambiguousOrg;
    if (!found || ambiguous || paragraph - found.paragraph > REACH) return { name: null, key: null };
    return { name: found.name, key: found.key };
  }

  pronoun(word: string, paragraph: number): Speaker {
    const lower = word.toLowerCase();
    if (lower === "he" || lower === "she") return this.recent("person", paragraph);
    if (lower === "it") return this.recent("org", paragraph);
    return { name: null, key: null };
  }

  role(role: RolePhrase, modifier: Mention | undefined, paragraph: number): Speaker {
    if (role.kind === "person-role") {
      // "a TikTok spokesperson" names who they speak for; "a spokesperson" alone names no one.
      return modifier
        ? { name: `${modifier.surface} ${role.noun}`, key: modifier.key }
        : { name: null, key: null };
    }
    if (role.kind === "statement") {
      const last = this.lastSpeaker;
      return last && paragraph - last.paragraph <= REACH
        ? { name: last.name, key: last.key }
        : { name: null, key: null };
    }
    if (
      modifier &&
      !PLACES.has(modifier.key) &&
      !/^(redmond|tech|software|chinese|american|us|uk)$/i.test(modifier.key)
    ) {
      return { name: this.people.fullName(modifier), key: modifier.key };
    }
    return this.recent("org", paragraph);
  }
}

/** The text a quote's surroundings are read from, with every quotation blanked so verbs inside are ignored. */
export interface Surroundings {
  text: string;
  /** Offset of `text` in the document. */
  offset: number;
  mentions: readonly Mention[];
  paragraph: number;
}

function mentionEndingAt(mentions: readonly Mention[], end: number): Mention | undefined {
  return mentions.find((m) => m.end === end);
}

/** The subject right before a speech verb ending at `end` (exclusive) in `s.text`. */
function subjectBefore(s: Surroundings, end: number, ctx: AttributionContext): Speaker | null {
  const head = s.text.slice(0, end);
  const trimmed = head.replace(BETWEEN_SUBJECT_AND_VERB, "");
  const named = mentionEndingAt(s.mentions, s.offset + trimmed.length);
  if (named) return nameOf(named, ctx);
  const pronoun = PRONOUN_AT_END.exec(trimmed);
  if (pronoun?.[1]) return ctx.pronoun(pronoun[1], s.paragraph);
  const role = roleAtEnd(trimmed);
  if (role) {
    const modifier = role.modifier
      ? s.mentions.find((m) => m.surface === role.modifier && m.start < s.offset + end)
      : undefined;
    return ctx.role(role, modifier, s.paragraph);
  }
  return null;
}

function nameOf(mention: Mention, ctx: AttributionContext): Speaker {
  return { name: ctx.people.fullName(mention), key: mention.key };
}

/** The subject right after a speech verb: "says the company", "said Oracle CEO Safra Catz". */
function subjectAfter(s: Surroundings, start: number, ctx: AttributionContext): Speaker | null {
  const rest = s.text.slice(start).replace(/^\s+/, "");
  const at = s.text.length - rest.length;
  const pronoun = PRONOUN_AT_START.exec(rest);
  if (pronoun?.[1]) return ctx.pronoun(pronoun[1], s.paragraph);
  const role = roleAtStart(rest);
  if (role) {
    const modifier = role.modifier
      ? s.mentions.find((m) => m.surface === role.modifier && m.start >= s.offset + at)
      : undefined;
    return ctx.role(role, modifier, s.paragraph);
  }
  // Role words and "of the" may stand before the name: "says Director of Bureau Competition Holly Vedova".
  const named = s.mentions.find((m) => {
    if (m.start < s.offset + at) return false;
    const gap = s.text.slice(at, m.start - s.offset);
    return gap.length <= 80 && /^(?:[\p{Lu}][\p{L}.'’-]*\s+|(?:of|the|and|for|at)\s+)*$/u.test(gap);
  });
  if (!named) return null;
  // "Oracle CEO Safra Catz", "FCC Commissioner Brendan Carr": the person after the role is the speaker.
  const person = s.mentions.find((m) => m.afterRole && m.start > named.end && m.start - named.end <= 40);
  if (person && /^['’]?s?\s+[\p{L}\s-]*$/u.test(s.text.slice(named.end - s.offset, person.start - s.offset)))
    return nameOf(person, ctx);
  return nameOf(named, ctx);
}

/** The first subject of a sentence, after any leading "In a post on Sunday," phrase. */
function sentenceSubject(s: Surroundings, ctx: AttributionContext): Speaker | null {
  const lead = LEADING_PHRASE.exec(s.text)?.[0].length ?? 0;
  return subjectAfter(s, lead, ctx);
}

function lastSpeechVerb(text: string): RegExpExecArray | null {
  let last: RegExpExecArray | null = null;
  const re = new RegExp(SPEECH_VERB.source, SPEECH_VERB.flags);
  for (let m = re.exec(text); m; m = re.exec(text)) last = m;
  return last;
}

export interface Attribution {
  speaker: Speaker;
  /** Which pattern found it; "none" when no speech verb ties the quote to anyone. */
  how: "after" | "before" | "according-to" | "none";
}

/** Reads the words after a quote's closing mark: `”says the company`, `,” Smith said`, `», clarifies`. */
export function attributeAfter(s: Surroundings, ctx: AttributionContext): Attribution | null {
  const lead = /^[\s,—–-]*/.exec(s.text)?.[0].length ?? 0;
  const rest = s.text.slice(lead);
  const according = /^according to\s+/i.exec(rest);
  if (according) {
    const speaker = subjectAfter(s, lead + according[0].length, ctx);
    if (speaker) return { speaker, how: "according-to" };
  }
  const verb = new RegExp(`^(?:${SPEECH_VERB.source})`, "iu").exec(rest);
  if (verb) {
    const after = subjectAfter(s, lead + verb[0].length, ctx);
    if (after) return { speaker: after, how: "after" };
    // ", clarifies." — the verb alone continues the last speaker.
    if (/^[\s.,;:]*$/.test(rest.slice(verb[0].length, verb[0].length + 3))) {
      const last = ctx.lastSpeaker;
      return {
        speaker:
          last && s.paragraph - last.paragraph <= 2
            ? { name: last.name, key: last.key }
            : { name: null, key: null },
        how: "after",
      };
    }
    // ", adding that it is “…”": a participle continues the sentence; its subject is read before the quote.
    if (PARTICIPLE.test(verb[0])) return null;
    return { speaker: { name: null, key: null }, how: "after" };
  }
  // "Smith said", "the company added", "Colin Raftery, the CMA’s senior director ..., said".
  const subject = subjectAfter(s, lead, ctx);
  if (!subject) return null;
  const tail = rest.slice(0, 200);
  const verbLater = new RegExp(SPEECH_VERB.source, "iu").exec(tail);
  if (!verbLater || /[.!?]\s/.test(tail.slice(0, verbLater.index))) return null;
  const between = tail.slice(0, verbLater.index);
  // The subject must be the words right before the verb, or a name followed by an apposition.
  if (!/^[\p{L}\p{N}'’. -]{0,60}$/u.test(between) && !/^[^,]{0,60},[^,]{0,160},?\s*$/u.test(between))
    return null;
  return { speaker: subject, how: "after" };
}

/** Reads the words before a quote in its sentence: "Microsoft said it", "Pompeo warned ... that". */
export function attributeBefore(s: Surroundings, ctx: AttributionContext): Attribution | null {
  const according = /according to\s+/i.exec(s.text);
  if (according) {
    const speaker = subjectAfter(s, according.index + according[0].length, ctx);
    if (speaker) return { speaker, how: "according-to" };
  }
  const verb = lastSpeechVerb(s.text);
  if (!verb) return null;
  const word = verb[0];
  const precededByAnd = /\band\s+$/i.test(s.text.slice(0, verb.index));
  const speaker =
    PARTICIPLE.test(word) || precededByAnd
      ? sentenceSubject(s, ctx)
      : (subjectBefore(s, verb.index, ctx) ?? sentenceSubject(s, ctx));
  return { speaker: speaker ?? { name: null, key: null }, how: "before" };
}
