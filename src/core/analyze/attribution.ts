// Tells who said a quote: speech-verb patterns around it, and a running record of the document's recent
// people and organisations for resolving "he", "it" and "the company" — only when that is unambiguous.
import type { Mention } from "./entities.js";
import { canBePerson, canSpeak, isOrganisation, type EntityKind } from "./entityKinds.js";
import {
  BETWEEN_SUBJECT_AND_VERB,
  LEADING_PHRASE,
  PARTICIPLE,
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
  /** What kind of thing a key names (entityKinds.ts). */
  kind(key: string): EntityKind;
  /** Display name for a key: "lopez" → "Maria Lopez" when the document names her in full. */
  fullName(mention: Mention): string;
}

interface Recent {
  key: string;
  name: string;
  paragraph: number;
}

/** How far back (in paragraphs) "he" or "the company" may reach. */
const REACH = 3;

/** Which organisations a role noun can refer to: a court is not a company, a company is not an agency. */
const COURT = /\b(?:court|tribunal|circuit)\b/;
const AGENCY =
  /\b(?:authority|commission|agency|department|ministry|government|administration|committee|board|bureau|office|council|regulator|service|senate|congress|parliament)\b/;
const OUTLET =
  /\b(?:news|times|post|journal|tribune|herald|press|magazine|radio|tv|network|review|daily|reuters)\b/;

function compatible(noun: string, key: string, surface: string): boolean {
  const acronym = /^\p{Lu}[\p{Lu}&.]{1,5}$/u.test(surface);
  if (/^court$/.test(noun)) return COURT.test(key);
  if (/^(?:newspaper|paper|magazine|outlet|broadcaster|network|station)$/.test(noun)) return OUTLET.test(key);
  if (
    /^(?:regulator|agency|watchdog|authority|commission|department|government|administration|ministry|committee|board)$/.test(
      noun,
    )
  )
    return AGENCY.test(key) || (acronym && !COURT.test(key));
  return !COURT.test(key) && !AGENCY.test(key) && !OUTLET.test(key);
}

export class AttributionContext {
  private lastPerson: Recent | null = null;
  /** Recent organisations, latest last, for role nouns that must match a kind ("the court"). */
  private orgs: Array<Recent & { surface: string }> = [];
  private ambiguousPerson = false;
  lastSpeaker: (Speaker & { paragraph: number }) | null = null;

  constructor(readonly people: DocumentPeople) {}

  private noteOrg(m: { key: string; name: string; surface: string }, paragraph: number): void {
    this.orgs = this.orgs.filter((o) => o.key !== m.key).slice(-5);
    this.orgs.push({ ...m, paragraph });
  }

  /** Records the subjects of a sentence (names followed by a verb); pronouns in later sentences use them. */
  noteSubjects(subjects: Mention[], paragraph: number): void {
    const persons = new Map<string, string>();
    for (const m of subjects) {
      const kind = this.people.kind(m.key);
      if (canBePerson(kind)) persons.set(m.key, this.people.fullName(m));
      if (isOrganisation(kind) || kind === "unknown")
        this.noteOrg({ key: m.key, name: this.people.fullName(m), surface: m.surface }, paragraph);
    }
    if (persons.size > 0) {
      const [key, name] = [...persons.entries()].at(-1) ?? ["", ""];
      this.lastPerson = { key, name, paragraph };
      this.ambiguousPerson = persons.size > 1;
    }
  }

  noteSpeaker(speaker: Speaker, paragraph: number, reportedOnly = false): void {
    this.lastSpeaker = { ...speaker, paragraph };
    if (!speaker.key || !speaker.name || reportedOnly) return;
    const kind = this.people.kind(speaker.key);
    if (canBePerson(kind)) {
      this.lastPerson = { key: speaker.key, name: speaker.name, paragraph };
      this.ambiguousPerson = false;
    }
    if (isOrganisation(kind) || kind === "unknown") {
      this.noteOrg({ key: speaker.key, name: speaker.name, surface: speaker.name }, paragraph);
    }
  }

  private person(paragraph: number): Speaker {
    const found = this.lastPerson;
    if (!found || this.ambiguousPerson || paragraph - found.paragraph > REACH) return NOBODY;
    return { name: found.name, key: found.key };
  }

  private org(noun: string, paragraph: number): Speaker {
    for (let k = this.orgs.length - 1; k >= 0; k--) {
      const o = this.orgs[k];
      if (!o || paragraph - o.paragraph > REACH) continue;
      if (compatible(noun, o.key, o.surface)) return { name: o.name, key: o.key };
    }
    return NOBODY;
  }

  pronoun(word: string, paragraph: number): Speaker {
    const lower = word.toLowerCase();
    if (lower === "he" || lower === "she") return this.person(paragraph);
    if (lower === "it") return this.org("company", paragraph);
    return NOBODY;
  }

  role(role: RolePhrase, modifier: Mention | undefined, paragraph: number): Speaker {
    const modifierKind = modifier ? this.people.kind(modifier.key) : undefined;
    if (role.kind === "person-role") {
      // "a Globex spokesperson" names who they speak for; "the senator" is the person last named.
      if (modifier && (isOrganisation(modifierKind) || modifierKind === "unknown"))
        return { name: `${modifier.surface} ${role.noun}`, key: modifier.key };
      return role.definite ? this.person(paragraph) : NOBODY;
    }
    if (role.kind === "statement") {
      const last = this.lastSpeaker;
      return last && paragraph === last.paragraph ? { name: last.name, key: last.key } : NOBODY;
    }
    if (modifier && (isOrganisation(modifierKind) || modifierKind === "unknown"))
      return { name: this.people.fullName(modifier), key: modifier.key };
    return this.org(role.noun, paragraph);
  }
}

const NOBODY: Speaker = { name: null, key: null };

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

/** A name as a speaker; places, demonyms, party labels and datelines speak for no one. */
function nameOf(mention: Mention, ctx: AttributionContext): Speaker {
  if (!canSpeak(ctx.people.kind(mention.key))) return NOBODY;
  return { name: ctx.people.fullName(mention), key: mention.key };
}

/** The subject right after a speech verb: "says the company", "said Acme CEO Jane Doe". */
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
  // Role words and "of the" may stand before the name: "says Director of the Bureau of Competition Jane Doe".
  const named = s.mentions.find((m) => {
    if (m.start < s.offset + at) return false;
    const gap = s.text.slice(at, m.start - s.offset);
    return gap.length <= 80 && /^(?:[\p{Lu}][\p{L}.'’-]*\s+|(?:of|the|and|for|at)\s+)*$/u.test(gap);
  });
  if (!named) return null;
  // "Acme CEO Jane Doe", "Agency Commissioner John Roe": the person after the role is the speaker.
  // "MSNBC's Chris Matthews", "IMF chief economist Maury Obstfeld": possessive or lower-case role words
  // between an organisation and a person's name make the person the speaker.
  const person = s.mentions.find((m) => m.start > named.end && m.start - named.end <= 40);
  const gap = person ? s.text.slice(named.end - s.offset, person.start - s.offset) : "";
  if (
    person &&
    (person.afterRole || canBePerson(ctx.people.kind(person.key))) &&
    !canBePerson(ctx.people.kind(named.key)) &&
    /^(?:['’]s?)?\s+(?:[\p{Ll}-]+\s+){0,3}$/u.test(gap)
  )
    return nameOf(person, ctx);
  if (person?.afterRole && /^['’]?s?\s+[\p{L}\s-]*$/u.test(gap)) return nameOf(person, ctx);
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
  // "… material.” The candidate repeated: “…" introduces the next quote, not this one.
  if (/:\s*$/.test(rest)) return null;
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
  // "Smith said", "the company added", "John Roe, the regulator’s senior director ..., said".
  const tail = rest.slice(0, 200);
  const verbLater = new RegExp(SPEECH_VERB.source, "iu").exec(tail);
  if (!verbLater || /[!?]\s/.test(tail.slice(0, verbLater.index))) return null;
  // "IMF chief economist Maury Obstfeld said": the name right before the verb is the speaker.
  const before = subjectBefore(s, lead + verbLater.index, ctx);
  if (before?.name && /^[\p{L}\p{N}'’.\s-]{0,80}$/u.test(tail.slice(0, verbLater.index)))
    return { speaker: before, how: "after" };
  const subject = subjectAfter(s, lead, ctx);
  if (!subject) return null;
  const between = tail.slice(0, verbLater.index);
  // The subject must be the words right before the verb, or a name followed by an apposition.
  if (!/^[\p{L}\p{N}'’.\s-]{0,60}$/u.test(between) && !/^[^,]{0,60},[^,]{0,160},?\s*$/u.test(between))
    return null;
  return { speaker: subject, how: "after" };
}

/** Reads the words before a quote in its sentence: "Acme said it", "Roe warned ... that". */
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
