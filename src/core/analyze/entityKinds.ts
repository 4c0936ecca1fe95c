// The one place that decides what kind of thing a name is — person, organisation, place or other — from
// the evidence a document gives: titles before a name, a full name whose surname recurs, "the" before a
// name, organisation words and acronyms, and the closed classes of English that are capitalised without
// being speakers (demonyms, party labels, datelines). Attribution only lets a pronoun or role noun resolve
// to a name of a compatible kind, and never makes a place or an "other" a speaker.
import type { Mention } from "./entities.js";
import { looksLikePersonName, PLACES } from "./speechPatterns.js";

export type EntityKind = "person" | "organisation" | "place" | "other" | "unknown";

/** Demonyms and party labels: capitalised adjectives and group nouns of English, never a single speaker. */
const GROUP_WORDS = new Set(
  (
    "american republican democrat democratic conservative liberal progressive libertarian independent labour " +
    "tory green socialist communist british english scottish welsh irish european african asian hispanic " +
    "latino latina latinx arab muslim christian jewish catholic protestant evangelical mormon russian " +
    "mexican canadian french german italian spanish chinese japanese korean indian pakistani israeli " +
    "palestinian iranian iraqi syrian afghan saudi turkish ukrainian australian brazilian cuban african-american " +
    "western eastern northern southern federal national international global"
  ).split(" "),
);

const ORG_WORD =
  /\b(?:group|inc|corp|corporation|company|co|ltd|llc|plc|authority|commission|committee|department|ministry|court|council|agency|administration|institute|university|college|party|government|foundation|association|federation|bureau|service|services|network|news|times|post|journal|tribune|herald|press|review|magazine|radio|tv|television|bank|fund|board|union|campaign|office|center|centre|school|club|league|caucus|senate|congress|parliament|house|police|army|navy|watch|project|institution|organization|organisation|media|studios|games|technologies|systems|labs|reuters|associated)\b/;

/** Two names joined by a hyphen ("the Globex-Initech deal", "US-China talks"): a pairing, not someone. */
const PAIRING = /^\p{Lu}[\p{L}\p{N}&.]*(?:-\p{Lu}[\p{L}\p{N}&.]*)+$/u;

/** Laws, bills and treaties are named like organisations but never speak. */
const LAW = /\b(?:act|bill|amendment|treaty|accord|accords|law|code|resolution|directive|regulation)$/;

/** The word alone ("the 13th Amendment", "the Act"); "Bill" and "Law" are also people's names. */
const LAW_WORD = /^(?:act|amendment|treaty|accord|accords|resolution|directive|regulation)$/;

/** An acronym written in capitals (IMF, NAACP); longer all-capital words are datelines or transcript labels. */
const ACRONYM = /^\p{Lu}[\p{Lu}&.]{1,5}$/u;

/** A pronoun right after a name and its verb, or a relative pronoun after its comma. */
const PRONOUN_AFTER =
  /^(?:['’]s\s+\p{Ll}+\s+|\s+(?:\p{Ll}+ly\s+)?(?:said|says|added|told|wrote|announced|stated|confirmed|argued|noted)\s+(?:on\s+\p{Lu}\p{Ll}+\s+)?(?:that\s+)?|,\s+)(it|its|which|he|she|his|her|who)\b/u;

/** Two plain words, the first not a demonym or place ("Chinese Globex", "Texas Instruments" are not people). */
function personLike(key: string): boolean {
  const first = key.slice(0, key.indexOf(" "));
  return (
    looksLikePersonName(key) && key.split(" ").length === 2 && !GROUP_WORDS.has(first) && !PLACES.has(first)
  );
}

function singular(key: string): string {
  return key.endsWith("s") ? key.slice(0, -1) : key;
}

export interface KindEvidence {
  mentions: readonly Mention[];
  raw: string;
  /** Long forms of the acronyms the document defines. */
  acronymLongForms: ReadonlySet<string>;
}

/** Kinds of every key mentioned in a document. */
export function documentKinds(evidence: KindEvidence): Map<string, EntityKind> {
  const { mentions, raw } = evidence;
  const afterThe = new Set<string>();
  // "X said it …", "X, which …" mark an organisation; "X said he …", "X, who …" a person.
  const pronounVotes = new Map<string, number>();
  const afterRole = new Set<string>();
  const surfaces = new Map<string, string>();
  for (const m of mentions) {
    if (/\bthe\s+$/i.test(raw.slice(Math.max(0, m.start - 4), m.start))) afterThe.add(m.key);
    if (m.afterRole) afterRole.add(m.key);
    const after = PRONOUN_AFTER.exec(raw.slice(m.end, m.end + 60))?.[1]?.toLowerCase();
    if (after) {
      const vote = /^(?:it|its|which)$/.test(after) ? -1 : 1;
      pronounVotes.set(m.key, (pronounVotes.get(m.key) ?? 0) + vote);
    }
    if (!surfaces.has(m.key)) surfaces.set(m.key, m.surface);
  }
  // Surnames of full names that look like a person's ("Maria Lopez" … "Lopez said").
  const surnames = new Set<string>();
  for (const key of surfaces.keys()) {
    if (!key.includes(" ") || ORG_WORD.test(key) || PLACES.has(key)) continue;
    if (afterRole.has(key) || personLike(key)) surnames.add(key.slice(key.lastIndexOf(" ") + 1));
  }
  // "Ann Smith-Jones" lets a later "Smith-Jones" be her surname rather than a pairing of two names.
  const doubleSurnames = new Set<string>();
  for (const key of surfaces.keys()) {
    const words = key.split(" ");
    if (words.length >= 3) doubleSurnames.add(words.slice(-2).join(" "));
  }
  const kinds = new Map<string, EntityKind>();
  for (const [key, surface] of surfaces) {
    const single = !key.includes(" ");
    let kind: EntityKind;
    if (PLACES.has(key)) kind = "place";
    else if (PAIRING.test(surface) && !doubleSurnames.has(key)) kind = "other";
    else if (single && (GROUP_WORDS.has(key) || GROUP_WORDS.has(singular(key)))) kind = "other";
    else if (single && /^\p{Lu}{6,}$/u.test(surface)) kind = "other";
    else if (single ? LAW_WORD.test(key) : LAW.test(key)) kind = "other";
    else if (ORG_WORD.test(key) || ACRONYM.test(surface) || evidence.acronymLongForms.has(key))
      kind = "organisation";
    else if ((pronounVotes.get(key) ?? 0) < 0 && !afterRole.has(key)) kind = "organisation";
    else if (afterRole.has(key) || personLike(key) || (single && surnames.has(key))) kind = "person";
    else if (afterThe.has(key)) kind = "organisation";
    else if ((pronounVotes.get(key) ?? 0) > 0) kind = "person";
    else kind = "unknown";
    kinds.set(key, kind);
  }
  return kinds;
}

/** "he"/"she" may refer to a person, or to a bare name of unknown kind; never to an organisation. */
export const canBePerson = (kind: EntityKind | undefined): boolean => kind === "person" || kind === "unknown";
export const isOrganisation = (kind: EntityKind | undefined): boolean => kind === "organisation";
/** Places, demonyms, party labels and datelines never speak. */
export const canSpeak = (kind: EntityKind | undefined): boolean => kind !== "place" && kind !== "other";
