// What a document says about the people and organisations it names, beyond their kind: the role words
// attached to a person ("Sen. Jane Roe", "Roe, the agency's chief economist,") so that "the senator" can
// find her; the gender a text makes explicit ("Ms. Roe", "Roe said she …") so that "he" never lands on her;
// and the names that only report a story ("the Daily Planet reported") and so never speak for "it".
import type { Mention } from "./entities.js";

export type Gender = "m" | "f";

export interface PersonFacts {
  gender(key: string): Gender | null;
  /** Role nouns the document attaches to a key, lower case and unabbreviated ("senator", "spokesman"). */
  roles(key: string): ReadonlySet<string>;
  /** Keys that are the subject of "reported", "reports": outlets reporting the story, not speakers in it. */
  reporters: ReadonlySet<string>;
  /** Whether the document gives anyone this role, anywhere in it. */
  anyoneHolds(role: string): boolean;
}

/** Abbreviated titles and the role noun a later "the …" would use for the same person. */
const TITLE_ROLE: Record<string, string[]> = {
  sen: ["senator"],
  rep: ["representative", "congressman", "congresswoman", "lawmaker"],
  gov: ["governor"],
  pres: ["president"],
  gen: ["general"],
  sec: ["secretary"],
  atty: ["attorney"],
  ceo: ["ceo", "executive", "chief"],
  cfo: ["executive"],
  coo: ["executive"],
  congressman: ["congressman", "lawmaker", "representative"],
  congresswoman: ["congresswoman", "lawmaker", "representative"],
  senator: ["senator", "lawmaker"],
  spokesman: ["spokesman", "spokesperson"],
  spokeswoman: ["spokeswoman", "spokesperson"],
  chairman: ["chairman", "chair"],
  chairwoman: ["chairwoman", "chair"],
  businessman: ["businessman", "billionaire"],
  billionaire: ["billionaire", "businessman"],
  judge: ["judge"],
  justice: ["justice", "judge"],
};

/** Words before or in apposition to a name that say what the person is. */
const ROLE_NOUN =
  /^(?:president|senator|sen|rep|representative|congressman|congresswoman|governor|gov|mayor|judge|justice|secretary|sec|minister|ambassador|general|gen|attorney|atty|lawyer|prosecutor|spokesman|spokeswoman|spokesperson|chairman|chairwoman|chair|ceo|cfo|coo|executive|chief|director|commissioner|founder|candidate|nominee|economist|analyst|strategist|adviser|advisor|aide|manager|pollster|businessman|businesswoman|billionaire|host|anchor|lawmaker|official|researcher|professor|leader|premier|chancellor|treasurer|speaker|sheriff|officer|member|mother|father|wife|husband|daughter|son|sister|brother|actor|actress|singer|author|columnist|editor|reporter)$/;

const FEMALE =
  /^(?:ms|mrs|miss|madam|lady|queen|princess|she|her|hers|herself|congresswoman|chairwoman|spokeswoman|businesswoman|mother|wife|daughter|sister|actress)$/;
const MALE =
  /^(?:mr|sir|lord|king|prince|he|his|him|himself|congressman|chairman|spokesman|businessman|father|husband|son|brother|actor)$/;

/** Words that may stand inside a title phrase before a name without being roles themselves. */
const TITLE_MODIFIER =
  /^(?:former|then|deputy|vice|senior|chief|acting|assistant|associate|campaign|press|presidential|general|national|state|federal|district|top|lead|interim|longtime|retired|the)$/;

function rolesOf(word: string): string[] {
  const w = word.toLowerCase().replace(/\.$/, "");
  if (!ROLE_NOUN.test(w)) return [];
  return TITLE_ROLE[w] ?? [w];
}

/**
 * Reads the role words right before each mention ("former Gov. Jane Roe", "campaign manager John Doe"), an
 * apposition right after it ("Roe, the agency's chief economist,"), the gendered title or pronoun next to it
 * ("Ms. Roe", "Roe said she"), and "X reported".
 */
export function personFacts(raw: string, mentions: readonly Mention[]): PersonFacts {
  const roles = new Map<string, Set<string>>();
  const votes = new Map<string, number>();
  const reporters = new Set<string>();
  const addRole = (key: string, word: string): void => {
    const found = rolesOf(word);
    if (found.length === 0) return;
    const set = roles.get(key) ?? new Set<string>();
    for (const r of found) set.add(r);
    roles.set(key, set);
  };
  const vote = (key: string, word: string | undefined, weight: number): void => {
    const w = (word ?? "").toLowerCase().replace(/\.$/, "");
    const v = FEMALE.test(w) ? -weight : MALE.test(w) ? weight : 0;
    if (v !== 0) votes.set(key, (votes.get(key) ?? 0) + v);
  };
  for (const m of mentions) {
    const before = raw.slice(Math.max(0, m.start - 60), m.start);
    // The title phrase right before the name: role nouns and their modifiers, read backwards until another
    // word ("former Gov.", "campaign manager", "Acme chief executive"; not "sounded off on").
    const words = (before.split(/[,;:()"“”\n]/u).at(-1) ?? "").trim().split(/\s+/).filter(Boolean);
    for (let k = words.length - 1, n = 0; k >= 0 && n < 4; k--, n++) {
      const w = (words[k] ?? "").replace(/['’]s$/u, "");
      const isRole = rolesOf(w).length > 0;
      if (!isRole && !TITLE_MODIFIER.test(w) && !/^\p{Lu}/u.test(w)) break;
      addRole(m.key, w);
    }
    vote(m.key, words.at(-1), 3);
    const after = raw.slice(m.end, m.end + 90);
    const apposition =
      /^,\s+(?:the|a|an|its|their|[\p{Lu}][\p{L}'’.-]*['’]s)\s+((?:[\p{L}'’.-]+\s+){0,5}?[\p{Ll}]+),/u.exec(
        after,
      );
    if (apposition?.[1]) for (const w of apposition[1].split(/\s+/)) addRole(m.key, w);
    const pronoun =
      /^(?:,\s+who\s+\p{Ll}+\s+|\s+(?:\p{Ll}+ly\s+)?(?:said|says|added|told|wrote|argued|noted|explained)\s+(?:that\s+)?)(he|she|his|her)\b/u.exec(
        after,
      );
    vote(m.key, pronoun?.[1], 1);
    if (/^\s+(?:first\s+|previously\s+|also\s+|has\s+|had\s+)?report(?:ed|s)\b/u.test(after))
      reporters.add(m.key);
  }
  const held = new Set([...roles.values()].flatMap((set) => [...set]));
  return {
    gender: (key) => {
      const v = votes.get(key) ?? 0;
      return v > 0 ? "m" : v < 0 ? "f" : null;
    },
    roles: (key) => roles.get(key) ?? EMPTY,
    reporters,
    anyoneHolds: (role) => held.has(role),
  };
}

const EMPTY: ReadonlySet<string> = new Set();
