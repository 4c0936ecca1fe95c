// The running record of who a document is talking about, for resolving "he", "she", "it", "the senator"
// and "the company" when a quote's own sentence names no one. Precision first: a pronoun resolves only to
// the main subject or last speaker when no other person (of a gender the text does not rule out) was named
// since; a role noun only to someone the document gave that role, or an organisation of a compatible kind;
// an outlet that only reports the story never speaks for "it".
import type { Mention } from "./entities.js";
import { canBePerson, isOrganisation, type EntityKind } from "./entityKinds.js";
import type { Gender } from "./personFacts.js";
import type { RolePhrase } from "./speechPatterns.js";

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
  /** The gender the text makes explicit for a person, if any (personFacts.ts). */
  gender?(key: string): Gender | null;
  /** Role nouns the document attaches to a person ("senator", "spokesman"). */
  roles?(key: string): ReadonlySet<string>;
  /** Names that only report the story ("the Daily Planet reported"). */
  reporters?: ReadonlySet<string>;
  /** Whether the document gives anyone this role anywhere (before or after the quote). */
  anyoneHolds?(role: string): boolean;
}

interface Recent {
  key: string;
  name: string;
  paragraph: number;
}

const lastWord = (key: string): string => key.slice(key.lastIndexOf(" ") + 1);

export const NOBODY: Speaker = { name: null, key: null };

/** How far back (in paragraphs) "he" or "the company" may reach. */
const REACH = 3;

/** Which organisations a role noun can refer to: a court is not a company, a company is not an agency. */
const COURT = /\b(?:court|tribunal|circuit)\b/;
const AGENCY =
  /\b(?:authority|commission|agency|department|ministry|government|administration|committee|board|bureau|office|council|regulator|service|senate|congress|parliament)\b/;
const OUTLET =
  /\b(?:news|times|post|journal|tribune|herald|press|magazine|radio|tv|network|review|daily|reuters)\b/;

const OUTLET_NOUN = /^(?:newspaper|paper|magazine|outlet|broadcaster|network|station)$/;

/** Role nouns that name the kind of body in its own name: "the union" is a "… Union" or "… Association". */
const IN_NAME: Record<string, RegExp> = {
  union: /\b(?:union|association|federation|guild|brotherhood)\b/,
  campaign: /\bcampaign\b/,
  party: /\bparty\b/,
  coalition: /\b(?:coalition|alliance)\b/,
  committee: /\b(?:committee|caucus)\b/,
  board: /\bboard\b/,
  bank: /\bbank\b/,
  network: /\b(?:network|news|tv|television|broadcasting)\b/,
};

function compatible(noun: string, key: string, surface: string): boolean {
  const acronym = /^\p{Lu}[\p{Lu}&.]{1,5}$/u.test(surface);
  if (noun === "it") return true;
  const named = IN_NAME[noun];
  if (named) return named.test(key);
  if (/^court$/.test(noun)) return COURT.test(key);
  if (OUTLET_NOUN.test(noun)) return OUTLET.test(key);
  if (
    /^(?:regulator|agency|watchdog|authority|commission|department|government|administration|ministry|committee|board)$/.test(
      noun,
    )
  )
    return AGENCY.test(key) || (acronym && !COURT.test(key));
  return !COURT.test(key) && !AGENCY.test(key) && !OUTLET.test(key);
}

export class AttributionContext {
  /** The person a "he"/"she" would refer to: the last main subject or speaker. */
  private focus: Recent | null = null;
  /** Other people named since the focus was set, in its sentence or after it: each makes "he" unsure. */
  private rivals = new Set<string>();
  /** Recent organisations, latest last, for "it" and role nouns that must match a kind ("the court"). */
  private orgs: Array<Recent & { surface: string; reporter: boolean }> = [];
  /** Every person named so far, latest mention last, for "the senator" to find the one with that role. */
  private named = new Map<string, Recent>();
  lastSpeaker: (Speaker & { paragraph: number }) | null = null;
  /** Every organisation named so far, as subject or not, for "the court" naming the one Court in the text. */
  private namedOrgs = new Map<string, Recent>();
  /** People quoted so far: named again beside the focus, even as an object, they make "he" unsure. */
  private speakers = new Set<string>();

  constructor(readonly people: DocumentPeople) {}

  private noteOrg(m: { key: string; name: string; surface: string }, paragraph: number): void {
    this.orgs = this.orgs.filter((o) => o.key !== m.key).slice(-5);
    this.orgs.push({ ...m, paragraph, reporter: this.people.reporters?.has(m.key) ?? false });
  }

  private setFocus(key: string, name: string, paragraph: number): void {
    this.focus = { key, name, paragraph };
    this.rivals.clear();
  }

  /**
   * Records a stretch of a sentence (outside its quotes). Its main subject, if a person, becomes the focus;
   * any other person who is the subject of a clause in it is a rival that makes "he" unsure. People named
   * only as objects or possessors ("met Roe", "Roe's plan") are no rivals: news writing keeps "he" for the
   * subject. In a sentence led by "he"/"she" (`pronounLed`) every named subject is a rival.
   */
  noteClause(
    mentions: readonly Mention[],
    subjects: readonly Mention[],
    paragraph: number,
    pronounLed = false,
  ): void {
    const isPerson = (m: Mention): boolean => canBePerson(this.people.kind(m.key));
    for (const m of mentions) {
      const kind = this.people.kind(m.key);
      const recent = { key: m.key, name: this.people.fullName(m), paragraph };
      if (isPerson(m)) this.named.set(m.key, recent);
      else if (isOrganisation(kind) && !this.people.reporters?.has(m.key)) this.namedOrgs.set(m.key, recent);
    }
    const main = pronounLed ? undefined : subjects.find(isPerson);
    if (main) this.setFocus(main.key, this.people.fullName(main), paragraph);
    const speakers = mentions.filter((m) => this.speakers.has(m.key) || this.speakers.has(lastWord(m.key)));
    for (const m of [...subjects, ...speakers]) {
      if (this.focus && m.key !== this.focus.key && isPerson(m) && !this.sameName(m.key, this.focus.key))
        this.rivals.add(m.key);
    }
    for (const m of subjects) {
      const kind = this.people.kind(m.key);
      if (isOrganisation(kind) || kind === "unknown")
        this.noteOrg({ key: m.key, name: this.people.fullName(m), surface: m.surface }, paragraph);
    }
  }

  /** "Roe" and "Jane Roe" are one person. */
  private sameName(a: string, b: string): boolean {
    return a.endsWith(` ${b}`) || b.endsWith(` ${a}`);
  }

  /** A sentence whose subject is "he"/"she" keeps the person that pronoun resolves to in focus. */
  notePronounSubject(word: string, paragraph: number): void {
    const who = this.pronoun(word, paragraph);
    if (who.key && who.name) this.setFocus(who.key, who.name, paragraph);
  }

  noteSpeaker(said: Speaker, paragraph: number, others: readonly Mention[] = []): void {
    this.lastSpeaker = { ...said, paragraph };
    // "Roe, according to the Daily Planet" continues as Roe herself for later pronouns.
    const speaker = { key: said.key, name: said.name?.replace(/,?\s*according to .*$/u, "") ?? null };
    if (!speaker.key || !speaker.name) return;
    const kind = this.people.kind(speaker.key);
    if (canBePerson(kind)) {
      this.setFocus(speaker.key, speaker.name, paragraph);
      for (const m of others)
        if (
          m.key !== speaker.key &&
          canBePerson(this.people.kind(m.key)) &&
          !this.sameName(m.key, speaker.key)
        )
          this.rivals.add(m.key);
    }
    this.named.set(speaker.key, { key: speaker.key, name: speaker.name, paragraph });
    // By surname too, so "Roe" after "Jane Roe" spoke counts (a shared surname only makes "he" unsure).
    this.speakers.add(speaker.key).add(lastWord(speaker.key));
    if (isOrganisation(kind) || kind === "unknown")
      this.noteOrg({ key: speaker.key, name: speaker.name, surface: speaker.name }, paragraph);
  }

  private genderOf(key: string): Gender | null {
    return this.people.gender?.(key) ?? null;
  }

  private person(paragraph: number, gender: Gender | null): Speaker {
    const found = this.focus;
    if (!found || paragraph - found.paragraph > REACH) return NOBODY;
    const own = this.genderOf(found.key);
    if (gender && own && own !== gender) return NOBODY;
    for (const rival of this.rivals) {
      const g = this.genderOf(rival);
      if (!gender || !g || g === gender) return NOBODY;
    }
    return { name: found.name, key: found.key };
  }

  private org(noun: string, paragraph: number): Speaker {
    for (let k = this.orgs.length - 1; k >= 0; k--) {
      const o = this.orgs[k];
      if (!o || paragraph - o.paragraph > REACH) continue;
      // An outlet that reports the story is "the newspaper", never "it" or "the company".
      if (o.reporter && !OUTLET_NOUN.test(noun)) continue;
      if (!compatible(noun, o.key, o.surface)) continue;
      // "it" names no kind: with two organisations acting in the last few paragraphs, it could be either.
      if (
        noun === "it" &&
        this.orgs.some((r) => r !== o && !r.reporter && paragraph - r.paragraph <= 2 * REACH)
      )
        return NOBODY;
      return { name: o.name, key: o.key };
    }
    return NOBODY;
  }

  pronoun(word: string, paragraph: number): Speaker {
    const lower = word.toLowerCase();
    if (lower === "he") return this.person(paragraph, "m");
    if (lower === "she") return this.person(paragraph, "f");
    if (lower === "it") {
      // "It continued: …" after an organisation spoke: the speaker goes on, whoever else acted since. A name
      // of unknown kind could be a person's, and "it" is never a person.
      const last = this.lastSpeaker;
      if (last?.key && paragraph - last.paragraph <= REACH && isOrganisation(this.people.kind(last.key)))
        return { name: last.name, key: last.key };
      return this.org("it", paragraph);
    }
    return NOBODY;
  }

  private anyoneHolds(noun: string): boolean {
    return this.people.anyoneHolds?.(noun) ?? false;
  }

  /** "the senator": the one person named so far whom the document calls a senator, the latest if recent. */
  private titled(noun: string, paragraph: number): Speaker {
    const holders = [...this.named.values()].filter((p) => this.people.roles?.(p.key).has(noun));
    if (holders.length === 0) return NOBODY;
    const recent = holders.filter((p) => paragraph - p.paragraph <= REACH);
    const distinct = (list: Recent[]): Recent[] =>
      list.filter((p) => !list.some((q) => q !== p && q.key.endsWith(` ${p.key}`)));
    const pool = distinct(recent.length > 0 ? recent : holders);
    if (pool.length !== 1 || !pool[0]) return NOBODY;
    return { name: pool[0].name, key: pool[0].key };
  }

  role(role: RolePhrase, modifier: Mention | undefined, paragraph: number): Speaker {
    const modifierKind = modifier ? this.people.kind(modifier.key) : undefined;
    if (role.kind === "person-role") {
      // "a Globex spokesperson" names who they speak for; "the senator" is the senator last named.
      if (modifier && (isOrganisation(modifierKind) || modifierKind === "unknown"))
        return { name: `${modifier.surface} ${role.noun}`, key: modifier.key };
      if (!role.definite || modifier) return NOBODY;
      const noun = role.noun.toLowerCase();
      if (this.anyoneHolds(noun)) return this.titled(noun, paragraph);
      // Nobody was given that role: "the spokeswoman" is the person in focus, as "she" would be, but only
      // when that person is also the last one quoted ("…,” Roe said. “…,” the senator added).
      if (!this.focus || this.lastSpeaker?.key !== this.focus.key) return NOBODY;
      return this.person(paragraph, /woman$/.test(noun) ? "f" : /man$/.test(noun) ? "m" : null);
    }
    if (role.kind === "statement") {
      const last = this.lastSpeaker;
      return last && paragraph === last.paragraph ? { name: last.name, key: last.key } : NOBODY;
    }
    if (modifier && (isOrganisation(modifierKind) || modifierKind === "unknown"))
      return { name: this.people.fullName(modifier), key: modifier.key };
    const noun = role.noun.toLowerCase();
    const recent = this.org(noun, paragraph);
    return recent.name || !role.definite ? recent : this.onlyNamed(noun);
  }

  /**
   * "the court" when the text has named exactly one organisation with that word in its name ("… Court of
   * Appeals …"), however far back: a definite description of a body refers to the one such body named.
   */
  private onlyNamed(noun: string): Speaker {
    const word = new RegExp(`(?:^|\\s)${noun}(?:\\s|$)`, "u");
    const bodies = [...this.namedOrgs.values()].filter((o) => word.test(o.key));
    const distinct = bodies.filter((o) => !bodies.some((p) => p !== o && p.key.includes(o.key)));
    if (distinct.length !== 1 || !distinct[0]) return NOBODY;
    return { name: distinct[0].name, key: distinct[0].key };
  }
}
