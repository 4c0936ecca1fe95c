// The word lists attribution is built from: speech verbs, role nouns, pronouns, and words that mark an
// organisation or a place rather than a person.

export const SPEECH_VERB =
  /\b(?:says?|said|saying|speak(?:s|ing)?|spoke|report(?:s|ed|ing)?|add(?:s|ed|ing)?|tell(?:s|ing)?|told|stat(?:es|ed|ing)|explain(?:s|ed|ing)?|not(?:es|ed|ing)|warn(?:s|ed|ing)?|claim(?:s|ed|ing)?|argu(?:es|ed|ing)|wr(?:ites|ote|iting)|continu(?:es|ed|ing)|clarif(?:y|ies|ied|ying)|point(?:s|ed|ing)? out|announc(?:es|ed|ing)|confirm(?:s|ed|ing)?|insist(?:s|ed|ing)?|call(?:s|ed|ing)?|describ(?:es|ed|ing)|defin(?:es|ed|ing)|respond(?:s|ed|ing)?|repl(?:y|ies|ied|ying)|ask(?:s|ed|ing)?|acknowledg(?:es|ed|ing)|admit(?:s|ted|ting)?|suggest(?:s|ed|ing)?|recall(?:s|ed|ing)?|declar(?:es|ed|ing)|predict(?:s|ed|ing)?|vow(?:s|ed|ing)?|promis(?:es|ed|ing)|put it|tweet(?:s|ed|ing)?|maintain(?:s|ed|ing)?|emphasi[sz](?:es|ed|ing)|stress(?:es|ed|ing)|conclud(?:es|ed|ing)|urg(?:es|ed|ing)|testif(?:y|ies|ied|ying)|reiterat(?:es|ed|ing)|observ(?:es|ed|ing)|commented|remark(?:s|ed)|quipped|boasted|countered|conceded|cautioned|proclaim(?:s|ed|ing)?|assert(?:s|ed|ing)?|complain(?:s|ed|ing)?|lament(?:s|ed|ing)?|jok(?:es|ed|ing)|retort(?:s|ed|ing)?|scoff(?:s|ed|ing)?|shout(?:s|ed|ing)?|yell(?:s|ed|ing)?|scream(?:s|ed|ing)?|chant(?:s|ed|ing)?|mutter(?:s|ed|ing)?|whisper(?:s|ed|ing)?|exclaim(?:s|ed|ing)?|mus(?:es|ed)|contend(?:s|ed|ing)?|alleg(?:es|ed|ing)|recount(?:s|ed|ing)?|opin(?:es|ed))\b/giu;

/**
 * Verbs that characterise someone or something in the subject's own words, which a short quote then gives:
 * "criticized the law as a “crazy system”", "blasted the media for being “dishonest”", "summed her up as
 * “terrible”". Only for a quote in the same sentence after them, with the subject right before the verb.
 */
export const CHARACTERISING_VERB =
  /\b(?:criticiz(?:es|ed|ing)|criticis(?:es|ed|ing)|blast(?:s|ed|ing)|slamm?(?:s|ed|ing)|label(?:s|ed|led|ing|ling)|brand(?:s|ed|ing)|dubb?(?:s|ed|ing)|denounc(?:es|ed|ing)|decr(?:ies|ied)|dismiss(?:es|ed|ing)|mock(?:s|ed|ing)|prais(?:es|ed|ing)|tout(?:s|ed|ing)|accus(?:es|ed|ing)|summ?(?:s|ed) up|exhort(?:s|ed)|pledg(?:es|ed)|characteri[sz](?:es|ed)|refer(?:s|red|ring) to|lambast(?:s|ed)|attack(?:s|ed)|hail(?:s|ed)|deride[sd]|condemn(?:s|ed))\b/iu;

/** A verb form whose subject is the sentence's subject, not the words right before it. */
export const PARTICIPLE = /ing$/;

export const PERSON_ROLE_NOUNS =
  "spokesperson|spokesman|spokeswoman|representative|official|executive|lawyer|attorney|source|insider|analyst|aide|adviser|advisor|senator|congressman|congresswoman|governor|mayor|candidate|nominee|president|judge|justice|chairman|chairwoman|secretary|minister|host|billionaire|businessman|businesswoman|economist|founder|ceo|general|lawmaker|prosecutor|director|chief|commissioner|ambassador|pollster|strategist|anchor";
export const ORG_ROLE_NOUNS =
  "company|firm|regulator|agency|group|giant|watchdog|authority|commission|department|government|administration|startup|retailer|grocer|bank|platform|maker|publisher|developer|organi[sz]ation|business|conglomerate|corporation|ministry|court|committee|board|network|app|service|carrier|operator|newspaper|paper|magazine|outlet|broadcaster|station|union|campaign|party|coalition|network";
export const STATEMENT_NOUNS =
  "statement|post|release|report|filing|letter|announcement|blog post|memo|document";

const ROLE_NP = new RegExp(
  `(?:^|\\s)(?:the|a|an|its|their)\\s+(?:([\\p{Lu}][\\p{L}\\p{N}'’&.-]*)\\s+)?(?:[\\p{Ll}-]+\\s+)?(${PERSON_ROLE_NOUNS}|${ORG_ROLE_NOUNS}|${STATEMENT_NOUNS})$`,
  "iu",
);
const ROLE_NP_START = new RegExp(
  `^(?:the|a|an|its|their)\\s+(?:([\\p{Lu}][\\p{L}\\p{N}'’&.-]*)\\s+)?(?:[\\p{Ll}-]+\\s+)?(${PERSON_ROLE_NOUNS}|${ORG_ROLE_NOUNS}|${STATEMENT_NOUNS})\\b`,
  "iu",
);

export type RoleKind = "person-role" | "org-role" | "statement";

export interface RolePhrase {
  kind: RoleKind;
  noun: string;
  /** A capitalised word before the noun ("a Globex spokesperson", "the Springfield giant"). */
  modifier: string | null;
  /** "the senator" refers back to someone named; "a senator" does not. */
  definite: boolean;
}

function roleOf(match: RegExpExecArray | null): RolePhrase | null {
  if (!match) return null;
  // "the Post", "the Times": a capitalised noun is a name, not a role.
  if (/^\p{Lu}/u.test(match[2] ?? "")) return null;
  const noun = (match[2] ?? "").toLowerCase();
  const kind: RoleKind = new RegExp(`^(${PERSON_ROLE_NOUNS})$`, "i").test(noun)
    ? "person-role"
    : new RegExp(`^(${STATEMENT_NOUNS})$`, "i").test(noun)
      ? "statement"
      : "org-role";
  const definite = /^\s*(?:the|its|their)\b/i.test(match[0]);
  return { kind, noun, modifier: match[1] ?? null, definite };
}

export const roleAtEnd = (text: string): RolePhrase | null => roleOf(ROLE_NP.exec(text));
export const roleAtStart = (text: string): RolePhrase | null => roleOf(ROLE_NP_START.exec(text));

export const PRONOUN_AT_END = /(?:^|[^\p{L}])(he|she|it|they|we|i)$/iu;
export const PRONOUN_AT_START = /^(he|she|it|they|we)\b/iu;

/**
 * Adverbs, auxiliaries, time words and a party-and-state label ("Sen. Jane Roe (D-Nev.) said") that may stand
 * between a subject and its speech verb.
 */
export const BETWEEN_SUBJECT_AND_VERB =
  /(?:\s*\((?:[\p{Lu}][\p{L}.]*(?:-[\p{Lu}][\p{L}.]*)?)\)|\s+(?:\p{Ll}+ly|also|has|had|have|was|is|then|later|further|again|previously|once|would|will|did|does|do|not|never|already|today|yesterday|last \p{L}+|on (?:mon|tues|wednes|thurs|fri|satur|sun)day))*\s*$/u;

/**
 * Sentence openers after which the subject comes only after the first comma ("Two years ago, …", "Weighing in
 * on the debate, …").
 */
export const LEADING_PHRASE =
  /^(?:(?:\p{L}+ing\s+(?:in|on|at|to|about|with|for|from|after|over|out|up|back|the|a|an|his|her|their|its)\b|in|on|at|last|during|after|before|earlier|later|speaking|asked|as|when|while|following|with|by|for|from|since|under|speaking|meanwhile|however|separately|if|unless|although|though|because|once|until|whether|despite|amid)\b[^,]{0,120}|(?:[\p{L}\p{N}-]+\s+){1,3}(?:ago|later|earlier)),\s*/iu;

const ORG_WORDS = new Set(
  (
    "group inc corp corporation company co ltd llc plc authority commission committee department ministry house " +
    "global states union court news times post journal bank games studios entertainment technologies " +
    "systems labs network networks media office council agency administration institute university party " +
    "government foundation association federation bureau service services app store cloud"
  ).split(" "),
);

export const PLACES = new Set(
  (
    "united states|us|usa|america|u s|china|uk|united kingdom|britain|great britain|eu|european union|europe|" +
    "canada|australia|new zealand|india|japan|russia|germany|france|washington|beijing|london|brussels|california|" +
    "redmond|texas|new york|hong kong|taiwan|korea|south korea|ireland"
  ).split("|"),
);

/** A name that looks like a person's: two or three plain words, none of them an organisation word. */
export function looksLikePersonName(key: string): boolean {
  const words = key.split(" ");
  return (
    words.length >= 2 && words.length <= 3 && words.every((w) => /^\p{L}+$/u.test(w) && !ORG_WORDS.has(w))
  );
}

/** Lower-case nouns naming a person's role; a name after them is that person ("campaign manager Jane Doe"). */
export const PERSON_ROLE = new RegExp(
  `^(?:${PERSON_ROLE_NOUNS}|manager|member|researcher|professor|chair|head|leader|officer|staffer|partner|counsel|consultant|writer|editor|reporter|columnist|correspondent|historian|scientist|expert|activist|organizer|organiser|operative|donor|surrogate|supporter|deputy|treasurer|whip|speaker)s?$`,
  "u",
);

/** Words ending like agent nouns that are not ("a senior Globex adviser" is not Globex speaking). */
export const NOT_AGENT_NOUN =
  /^(?:senior|junior|prior|minor|major|former|latter|other|another|inner|outer|upper|lower|under|over|after|never|ever|either|neither|together|whether|rather|further|earlier|later|longer|longtime)$/u;

/** A plural noun of people right after a name ("Roe supporters", "Acme shareholders"), then more words. */
export const GROUP_AFTER_NAME =
  /^\s+(?!(?:says|adds|tells|writes|notes|argues|insists|explains|claims|warns|continues|recalls|states|stresses|concludes|suggests|asks|answers|offers|considers)\b)\p{Ll}+(?:ers|ors|ists|ians|ants|ents|als|ees|ites)\s+\p{Ll}/u;

/** "Roe's claim that … “…”": a possessor, a speech noun and its "that" clause holding the quote. */
export const POSSESSIVE_SPEECH =
  /['’]s\s+(?:[\p{Ll}-]+\s+)?(?:claims?|statements?|remarks?|comments?|words|warnings?|promises?|pledges?|assertions?|accusations?|arguments?|descriptions?|insistence|contention|boast)\s+that\s+(?:[^,.;:]{0,80}?\s)?$/u;

/** "Roe's response was: “…”", "Acme's statement read: “…”": a possessor's words, given after a copula. */
export const POSSESSIVE_WORDS_WERE =
  /['’]s\s+(?:[\p{Ll}-]+\s+)?(?:response|reply|answer|message|statement|words|comment|remarks|tweet|post|verdict|advice)\s+(?:was|is|were|are|read|reads|went)\s*:\s*$|['’]s\s+(?:[\p{Ll}-]+\s+){0,2}(?:slogan|motto|mantra|catchphrase)\s+(?:is|was)\s*:?\s*$/u;

/**
 * A noun for someone's words right before a colon that introduces them: "her new campaign message:", "issued
 * the following statement:".
 */
export const WORDS_NOUN_COLON =
  /\b(?:message|slogan|motto|mantra|catchphrase|warning|promise|pledge|plea|pitch|reply|response|answer|retort|vow|statement|remarks|tweet)\s*:\s*$/iu;

/**
 * An unnamed person described right after the speech verb and ending the clause: "said a former senior law
 * enforcement official." A description followed by whom they work for ("a spokesperson for Acme") is left
 * to the rules that name the organisation.
 */
export const DESCRIBED = new RegExp(
  `^\\s+((?:a|an|one|another)\\s+(?:[\\p{Ll}-]+\\s+){0,5}(?:${PERSON_ROLE_NOUNS}))\\s*(?:[.,;]|$)`,
  "u",
);

/** The same with capitalised words among the modifiers, read only when no rule named the speaker. */
export const DESCRIBED_WITH_NAME = new RegExp(
  `^\\s+((?:a|an|one|another)\\s+(?:[\\p{L}-]+\\s+){0,5}(?:${PERSON_ROLE_NOUNS}))\\s*(?:[.,;]|$)`,
  "u",
);
