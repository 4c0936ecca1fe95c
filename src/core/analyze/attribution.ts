// Tells who said a quote: speech-verb patterns around it, and a running record of the document's recent
// people and organisations for resolving "he", "it" and "the company" — only when that is unambiguous.
import type { Mention } from "./entities.js";
import { canBePerson, canSpeak, isOrganisation } from "./entityKinds.js";
import { AttributionContext, NOBODY, type Speaker } from "./focus.js";
import {
  BETWEEN_SUBJECT_AND_VERB,
  CHARACTERISING_VERB,
  DESCRIBED,
  DESCRIBED_WITH_NAME,
  GROUP_AFTER_NAME,
  LEADING_PHRASE,
  NOT_AGENT_NOUN,
  PARTICIPLE,
  PERSON_ROLE,
  POSSESSIVE_SPEECH,
  POSSESSIVE_WORDS_WERE,
  PRONOUN_AT_END,
  PRONOUN_AT_START,
  SPEECH_VERB,
  WORDS_NOUN_COLON,
  roleAtEnd,
  roleAtStart,
} from "./speechPatterns.js";

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
  // "Her chief aide, Jane Roe, calls it …": a name set off by commas right before the verb is its subject.
  const apposed = /,\s*$/.test(trimmed)
    ? mentionEndingAt(s.mentions, s.offset + trimmed.replace(/,\s*$/, "").length)
    : undefined;
  if (apposed && /,\s+$/.test(s.text.slice(0, apposed.start - s.offset))) return nameOf(apposed, ctx);
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
    if (gap.length > 80) return false;
    // "former Arkansas Gov. Jane Roe": a time word before capitalised titles.
    if (
      /^(?:(?:former|then|ex-|late|acting|outgoing|incoming|retired|current)\s*)?(?:[\p{Lu}][\p{L}.'’-]*\s+|(?:of|the|and|for|at)\s+)*$/u.test(
        gap,
      )
    )
      return true;
    // "according to conservative radio host Jane Roe", "said regulator Omar Lund": lower-case words ending
    // in a person's role or an agent noun ("regulator", "economist") stand before the name.
    // A role may take its "of" phrase: "former secretary of state Jane Roe".
    const roleWord = (words: string): string | undefined =>
      /^(?:(?:a|an|the)\s+)?(?:[\p{Ll}-]+\s+){0,3}([\p{Ll}-]+)\s+$/u.exec(words)?.[1];
    const isRole = (word: string | undefined): boolean =>
      word !== undefined &&
      (PERSON_ROLE.test(word) || (/^\p{Ll}{3,}(?:or|er|ist|ian)$/u.test(word) && !NOT_AGENT_NOUN.test(word)));
    return isRole(roleWord(gap)) || isRole(roleWord(gap.replace(/\s+of\s+(?:the\s+)?[\p{Ll}-]+\s+$/u, " ")));
  });
  if (!named) return null;
  // "Acme CEO Jane Doe", "Agency Commissioner John Roe": the person after the role is the speaker.
  // "MSNBC's Chris Matthews", "IMF chief economist Maury Obstfeld": possessive or lower-case role words
  // between an organisation and a person's name make the person the speaker.
  const person = s.mentions.find((m) => m.start > named.end && m.start - named.end <= 40);
  const gap = person ? s.text.slice(named.end - s.offset, person.start - s.offset) : "";
  // "Acme campaign manager Jane Doe", "Band member John Roe": lower-case role words end at the person.
  const roleGap = /^(?:['’]s?)?\s+(?:[\p{Ll}-]+\s+){0,3}?([\p{Ll}-]+)\s+$/u.exec(gap);
  if (person && roleGap?.[1] && PERSON_ROLE.test(roleGap[1])) return nameOf(person, ctx);
  const after = s.text.slice(named.end - s.offset, named.end - s.offset + 80);
  // "Roe's former campaign strategist said": someone of Roe's, unnamed; "Globex's lawyer": Globex's side.
  const possessed = /^['’]s?\s+((?:[\p{Ll}-]+\s+){0,3}[\p{Ll}-]+)\b/u.exec(after);
  const ownedRole = possessed?.[1]?.split(/\s+/).find((w) => PERSON_ROLE.test(w));
  if (ownedRole && !(person && roleGap)) {
    const kind = ctx.people.kind(named.key);
    if (!canSpeak(kind)) return NOBODY;
    // The words as written ("Roe's former campaign strategist"): a description, never Roe herself.
    const phrase = after.slice(0, after.indexOf(ownedRole) + ownedRole.length);
    return { name: `${named.surface}${phrase}`, key: isOrganisation(kind) ? named.key : null };
  }
  // "Roe supporters chanted", "Globex shareholders said": the name only modifies the subject.
  if (GROUP_AFTER_NAME.test(after)) return NOBODY;
  if (
    person &&
    (person.afterRole || canBePerson(ctx.people.kind(person.key))) &&
    !canBePerson(ctx.people.kind(named.key)) &&
    /^(?:['’]s?)?\s+(?:[\p{Ll}-]+\s+){0,3}$/u.test(gap)
  )
    return nameOf(person, ctx);
  // "Arkansas Gov. Jane Roe": a title, abbreviated or not, between a place or body and the person.
  if (person?.afterRole && /^['’]?s?\s+[\p{L}\s.-]*$/u.test(gap)) return nameOf(person, ctx);
  return nameOf(named, ctx);
}

/** The first subject of a sentence, after any leading "In a post on Sunday," phrase. */
function sentenceSubject(s: Surroundings, ctx: AttributionContext): Speaker | null {
  const lead = LEADING_PHRASE.exec(s.text)?.[0].length ?? 0;
  return subjectAfter(s, lead, ctx);
}

/**
 * A speech word after a determiner or possessive is a noun: "his tweet", "the report", "a call", "Roe's
 * claim" (but "he's claiming" is a verb).
 */
const DETERMINER_BEFORE =
  /(?:^|[^\p{L}])(?:a|an|the|his|her|its|their|our|my|your|this|that|these|those|every|each|another)\s+$|(?<!\b(?:he|she|it|that|there|who|what|here|where))['’]s?\s+$/iu;

/** The matches of `pattern` in `text` that are verbs, not nouns after a determiner, in order. */
function* verbsIn(text: string, pattern: RegExp): Generator<RegExpExecArray> {
  const re = new RegExp(pattern.source, "giu");
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!DETERMINER_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) yield m;
  }
}

function lastVerb(text: string, pattern: RegExp): RegExpExecArray | null {
  let last: RegExpExecArray | null = null;
  for (const m of verbsIn(text, pattern)) last = m;
  return last;
}

/** The first speech verb of a text that is not a noun after a determiner ("The remarks seemed …"). */
function firstSpeechVerb(text: string): RegExpExecArray | null {
  for (const m of verbsIn(text, SPEECH_VERB)) return m;
  return null;
}

function lastSpeechVerb(text: string): RegExpExecArray | null {
  return lastVerb(text, SPEECH_VERB);
}

export interface Attribution {
  speaker: Speaker;
  /** Which pattern found it; "none" when no speech verb ties the quote to anyone. */
  how: "after" | "before" | "according-to" | "none";
}

/**
 * "X said, according to Y": the words are X's as Y reports them, and the speaker names both; with X unnamed
 * ("the judge said, according to Y") the quote stands on Y's report.
 */
export function viaReporter(
  found: Attribution | null,
  s: Surroundings,
  ctx: AttributionContext,
): Attribution | null {
  if (!found || found.how === "according-to") return found;
  const according = /,?\s+according to\s+/i.exec(s.text);
  if (!according) return found;
  const from = according.index + according[0].length;
  // "according to the Daily Planet", or "according to excerpts released by the Daily Planet".
  const reporter = s.mentions.find((m) => {
    const gap = s.text.slice(from, m.start - s.offset);
    return m.start - s.offset >= from && gap.length <= 60 && /^(?:(?:the|[\p{Ll}'’-]+)\s+)*$/iu.test(gap);
  });
  const via = reporter ? nameOf(reporter, ctx) : null;
  if (!via?.name) return found;
  const name = found.speaker.name
    ? `${found.speaker.name}, according to ${via.name}`
    : `according to ${via.name}`;
  return { speaker: { name, key: found.speaker.key ?? via.key }, how: found.how };
}

/**
 * Reads the words after a quote's closing mark: `”says the company`, `,” Smith said`, `», clarifies`.
 * `integrated` is a quote worked into its sentence (`an “artful smear” while Roe says …`): the words after
 * it go on with the sentence, so only a speech verb right after the mark can attribute it.
 */
export function attributeAfter(
  s: Surroundings,
  ctx: AttributionContext,
  integrated = false,
): Attribution | null {
  return viaReporter(readAfter(s, ctx, integrated), s, ctx);
}

function readAfter(s: Surroundings, ctx: AttributionContext, integrated: boolean): Attribution | null {
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
    // "said a former senior official.": no one named, but the text says who; the description is the speaker.
    const described = DESCRIBED.exec(rest.slice(verb[0].length));
    if (described?.[1]) return { speaker: { name: described[1], key: null }, how: "after" };
    const after = subjectAfter(s, lead + verb[0].length, ctx);
    if (after?.name) return { speaker: after, how: "after" };
    // "said a senior Globex adviser.": a description naming whom the person works for, but not who.
    const namedDescription = DESCRIBED_WITH_NAME.exec(rest.slice(verb[0].length));
    if (namedDescription?.[1]) return { speaker: { name: namedDescription[1], key: null }, how: "after" };
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
  if (integrated) return null;
  const tail = rest.slice(0, 200);
  const verbLater = firstSpeechVerb(tail);
  if (!verbLater || /[!?]\s/.test(tail.slice(0, verbLater.index))) return null;
  // "IMF chief economist Maury Obstfeld said": the name right before the verb is the speaker.
  const before = subjectBefore(s, lead + verbLater.index, ctx);
  // A party-and-state label may stand before the verb: "Sen. Jane Roe (D-Nev.) said".
  const words = tail.slice(0, verbLater.index).replace(/\s*\([^()]{1,20}\)/gu, "");
  if (before?.name && /^[\p{L}\p{N}'’.\s-]{0,80}$/u.test(words)) return { speaker: before, how: "after" };
  const between = tail.slice(0, verbLater.index);
  // "the union wrote", "a longtime adviser said": an unnamed subject; no one else is the speaker.
  if (/^(?:the|a|an|one|another)\s+(?:[\p{L}-]+\s+){0,3}$/iu.test(between) && !before)
    return { speaker: NOBODY, how: "after" };
  const subject = subjectAfter(s, lead, ctx);
  if (!subject) return null;
  // The subject must be the words right before the verb, or a name followed by an apposition.
  // "Jane Roe, the state's attorney general, one of the officials suing, said": up to two appositions.
  if (
    !/^[\p{L}\p{N}'’.\s-]{0,60}$/u.test(between) &&
    !/^[^,]{0,60}(?:,[^,]{0,160}){1,2},?\s*$/u.test(between)
  )
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
  // Only the end of the text can hold it; the cheap test first keeps long runs of marks linear.
  const tailFrom = Math.max(0, s.text.length - 160);
  const tail = s.text.slice(tailFrom);
  const found = /['’]s\s/u.test(tail)
    ? (POSSESSIVE_SPEECH.exec(tail) ?? POSSESSIVE_WORDS_WERE.exec(tail))
    : null;
  const possessive = found ? { index: found.index + tailFrom } : null;
  if (possessive) {
    const owner = mentionEndingAt(s.mentions, s.offset + possessive.index);
    if (owner) return { speaker: nameOf(owner, ctx), how: "before" };
  }
  const verb = lastSpeechVerb(s.text);
  if (!verb) {
    // "Roe criticized the law as a “crazy system”": a verb that characterises in someone's words makes the
    // subject right before it the speaker; no fallback to another subject (in "the bill, which critics
    // blasted as …" the speaker is unnamed).
    // "Roe is rolling out a new campaign message: “…”": a noun for words, then a colon, gives the words of
    // the sentence's named subject.
    if (WORDS_NOUN_COLON.test(s.text)) {
      const subject = sentenceSubject(s, ctx);
      return subject?.name ? { speaker: subject, how: "before" } : null;
    }
    const characterising = lastVerb(s.text, CHARACTERISING_VERB);
    if (!characterising) return null;
    // "Roe agreed, praising Doe as “…”": a participle's subject is the sentence's.
    const subject = PARTICIPLE.test(characterising[0])
      ? sentenceSubject(s, ctx)
      : subjectBefore(s, characterising.index, ctx);
    return subject?.name ? { speaker: subject, how: "before" } : null;
  }
  const word = verb[0];
  const precededByAnd = /\band\s+$/i.test(s.text.slice(0, verb.index));
  // "…, with Roe reportedly yelling: “…”": the participle's subject is the name "with" introduces.
  const withSubject = PARTICIPLE.test(word) && /\bwith\s+[^,;]{1,60}$/u.test(s.text.slice(0, verb.index));
  const speaker = withSubject
    ? subjectBefore(s, verb.index, ctx)
    : PARTICIPLE.test(word) || precededByAnd
      ? sentenceSubject(s, ctx)
      : (subjectBefore(s, verb.index, ctx) ?? invertedSubject(s, verb, ctx) ?? sentenceSubject(s, ctx));
  return { speaker: speaker ?? { name: null, key: null }, how: "before" };
}

/**
 * "“…,” said Jane Roe, director of the institute, “but …”": the verb right after the first quote comes
 * before its subject, which then speaks the second quote too.
 */
function invertedSubject(s: Surroundings, verb: RegExpExecArray, ctx: AttributionContext): Speaker | null {
  if (!/^[\s,—–-]*$/u.test(s.text.slice(0, verb.index)) || PARTICIPLE.test(verb[0])) return null;
  const speaker = subjectAfter(s, verb.index + verb[0].length, ctx);
  return speaker?.name ? speaker : null;
}

/**
 * The named subject of a sentence of reported speech: "Acme said it would appeal.", "In a statement, the
 * agency said …". A quote standing alone as the next sentence of the same paragraph is that speaker's own
 * words. Only a subject that opens its clause counts: in "a lawyer for Roe said" the speaker is not Roe.
 */
export function reportingSubject(s: Surroundings, ctx: AttributionContext): Speaker | null {
  const lead = LEADING_PHRASE.exec(s.text)?.[0].length ?? 0;
  const verb = new RegExp(SPEECH_VERB.source, "iu").exec(s.text.slice(lead, lead + 160));
  if (!verb || PARTICIPLE.test(verb[0])) return null;
  const subject = s.text.slice(lead, lead + verb.index).replace(BETWEEN_SUBJECT_AND_VERB, "");
  const named = mentionEndingAt(s.mentions, s.offset + lead + subject.length);
  if (named) {
    const before = s.text.slice(lead, named.start - s.offset);
    if (!/^(?:(?:the|[\p{Lu}][\p{L}\p{N}.'’&-]*)\s+)*$/u.test(before)) return null;
    const speaker = nameOf(named, ctx);
    return speaker.name ? speaker : null;
  }
  const pronoun = /^\s*(he|she|it)\s*$/iu.exec(subject);
  if (pronoun?.[1]) return ctx.pronoun(pronoun[1], s.paragraph);
  const role = roleAtStart(subject);
  if (!role || role.kind === "statement" || roleAtEnd(subject) === null) return null;
  if (subject.trim().split(/\s+/).length > 4) return null;
  return ctx.role(role, undefined, s.paragraph);
}
