// English verb forms for question templates: the only change a template may make to a span of its basis
// is to re-inflect the predicate's head verb, keeping its lemma ("blocks" → "block", "approve" → "approved").
// Also the one verb check both question paths share (isVerbHead), and the finite forms and joined second
// predicates a question's subject and predicate may not hold.

/** Irregular verbs common in news about deals, courts and regulators: base, past, past participle. */
const IRREGULAR: ReadonlyArray<readonly [string, string, string]> = [
  ["be", "was", "been"],
  ["have", "had", "had"],
  ["do", "did", "done"],
  ["go", "went", "gone"],
  ["make", "made", "made"],
  ["take", "took", "taken"],
  ["give", "gave", "given"],
  ["buy", "bought", "bought"],
  ["sell", "sold", "sold"],
  ["win", "won", "won"],
  ["lose", "lost", "lost"],
  ["get", "got", "got"],
  ["find", "found", "found"],
  ["hold", "held", "held"],
  ["bring", "brought", "brought"],
  ["keep", "kept", "kept"],
  ["pay", "paid", "paid"],
  ["set", "set", "set"],
  ["put", "put", "put"],
  ["cut", "cut", "cut"],
  ["let", "let", "let"],
  ["become", "became", "become"],
  ["come", "came", "come"],
  ["run", "ran", "run"],
  ["seek", "sought", "sought"],
  ["send", "sent", "sent"],
  ["spend", "spent", "spent"],
  ["strike", "struck", "struck"],
  ["leave", "left", "left"],
  ["meet", "met", "met"],
  ["lead", "led", "led"],
  ["tell", "told", "told"],
  ["say", "said", "said"],
  ["write", "wrote", "written"],
  ["bid", "bid", "bid"],
  ["withdraw", "withdrew", "withdrawn"],
  ["choose", "chose", "chosen"],
  ["know", "knew", "known"],
  ["see", "saw", "seen"],
  ["fall", "fell", "fallen"],
  ["rise", "rose", "risen"],
  ["begin", "began", "begun"],
  ["stand", "stood", "stood"],
  ["think", "thought", "thought"],
  ["drive", "drove", "driven"],
  ["shut", "shut", "shut"],
  ["split", "split", "split"],
];
const BY_FORM = new Map<string, string>();
for (const [base, past, participle] of IRREGULAR) {
  BY_FORM.set(base, base);
  BY_FORM.set(past, base);
  BY_FORM.set(participle, base);
}
for (const [form, base] of [
  ["is", "be"],
  ["are", "be"],
  ["am", "be"],
  ["were", "be"],
  ["being", "be"],
  ["has", "have"],
  ["does", "do"],
] as const)
  BY_FORM.set(form, base);
const PARTICIPLE = new Map(IRREGULAR.map(([base, , participle]) => [base, participle]));
const THIRD: ReadonlyMap<string, string> = new Map([
  ["be", "is"],
  ["have", "has"],
  ["do", "does"],
  ["go", "goes"],
]);

/** A short word ending vowel + single consonant doubles it before -ed ("ban" → "banned", not "open"). */
function doubles(base: string): boolean {
  return /^[^aeiou]*[aeiou][bdgklmnprt]$/.test(base);
}

/** The base of a regular -ed/-ing stem: "plann" → "plan", "clos" → "close", "block" → "block". */
function baseOfStem(stem: string): string {
  if (/([bdgkmnprt])\1$/.test(stem)) return stem.slice(0, -1);
  // Consonant pairs English only ends a verb on with an "e": "announce", "enforce", "merge", "judge",
  // "involve", "serve", "endorse", "collapse", "license", "change", "plunge", "enable", "settle" (not
  // "belong", "bring", "hang", "call").
  if (/(?:nc|rc|rg|dg|lv|rv|rs|ps|ls|ns|[bcdfgkptz]l)$/.test(stem) || /^\p{L}{2,}[aeu]ng$/u.test(stem))
    return `${stem}e`;
  // Two closing consonants, a vowel + w/x/y, or an unstressed last syllable take no "e" ("open", "offer").
  if (/(?:[^aeiou]{2}|[aeiou][wxy])$/.test(stem) || /[aeiou][^aeiou]+(?:en|er|on|or|el|al|it)$/.test(stem))
    return stem;
  // "appear", "claim", "obtain" take no "e"; after two vowels, s, z, c and v do ("release", "squeeze",
  // "voice", "receive").
  if (/[aeiou]{2}[szcv]$/.test(stem)) return `${stem}e`;
  if (/[aeiou]{2}[^aeiou]$/.test(stem)) return stem;
  return `${stem}e`;
}

/** The lemma of a word form, by the regular spelling rules and a list of irregular verbs. */
export function lemmaOf(word: string): string {
  const w = word.toLowerCase();
  const irregular = BY_FORM.get(w);
  if (irregular) return irregular;
  if (/[^aeiou]ied$/.test(w) || /[^aeiou]ies$/.test(w)) return `${w.slice(0, -3)}y`;
  // "agreed" is "agree" + d, but "speed", "need", "proceed" are bases: one-syllable -eed words and -ceed
  // words are verbs of their own ("freed" is the one-syllable -ee past that news uses).
  if (w.endsWith("eed"))
    return (/^[^aeiouy]*eed$/.test(w) && w !== "freed") || w.endsWith("ceed") ? w : w.slice(0, -1);
  if (w.endsWith("ed") && w.length > 3) return baseOfStem(w.slice(0, -2));
  if (w.endsWith("ing") && w.length > 5) return baseOfStem(w.slice(0, -3));
  if (/(?:ss|sh|ch|x|z|o)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith("s") && !w.endsWith("ss") && w.length > 3) return w.slice(0, -1);
  return w;
}

export type VerbForm = "base" | "participle" | "third";

/** The form of a base verb: "block" → "blocked" (participle), "blocks" (third person). */
export function inflect(base: string, form: VerbForm): string {
  const b = base.toLowerCase();
  if (form === "base") return b;
  if (form === "third") {
    const third = THIRD.get(b);
    if (third) return third;
    if (/[^aeiou]y$/.test(b)) return `${b.slice(0, -1)}ies`;
    if (/(?:s|x|z|ch|sh|o)$/.test(b)) return `${b}es`;
    return `${b}s`;
  }
  const irregular = PARTICIPLE.get(b);
  if (irregular) return irregular;
  if (b.endsWith("e")) return `${b}d`;
  if (/[^aeiou]y$/.test(b)) return `${b.slice(0, -1)}ied`;
  if (doubles(b)) return `${b}${b.slice(-1)}ed`;
  return `${b}ed`;
}

/** Whether two word forms share a lemma ("approves" and "approved"; not "approval" and "approved"). */
export function sameLemma(a: string, b: string): boolean {
  return lemmaOf(a) === lemmaOf(b);
}

/** The word re-inflected to `form`, keeping its lemma ("blocks" → "blocked"). */
export function reinflect(word: string, form: VerbForm): string {
  return inflect(lemmaOf(word), form);
}

/** Endings of nouns and adjectives ("approval", "operation", "agreement"): such a word is never re-inflected. */
const NOMINAL =
  /(?:tion|sion|ment|ness|ity|ance|ence|ship|ism|ist|ure|ics|ous|ful|less|ive|ary|ory|al|an|ian)$/;
/** Words after which the next word is a verb: modals, auxiliaries and the infinitive's "to". */
const BEFORE_VERB =
  /^(?:to|will|would|can|could|may|might|must|shall|should|do|does|did|not|never|also|still|yet|reportedly)$/;
const MODAL_BEFORE = /^(?:will|would|can|could|may|might|must|shall|should)$/;
const DETERMINER_BEFORE = /^(?:the|a|an|its|their|his|her|our|this|these|those|that|every|each|any|some|no)$/;
/** Words that are never a clause's verb. */
const FUNCTION_WORD =
  /^(?:the|a|an|its|their|his|her|this|that|these|those|of|in|on|at|to|for|from|by|with|into|over|about|and|or|but|nor|not|no|never|also|still|yet|just|only|even|ever|as|than|if|whether|which|who|what|how|why|when|where)$/;

/**
 * Adverbs that stand between a modal and its verb ("would soon decide", "could yet break down") and that a
 * question may leave out. Never a negation, nor "only"/"just"/"even", which change what is asked.
 */
const ADVERB =
  /^(?:also|still|now|then|soon|yet|already|again|quickly|swiftly|finally|eventually|ultimately|likely|probably|possibly|formally|officially|immediately|further|jointly|reportedly)$/;
/** Verbs that end in -ly like an adverb. */
const LY_VERB = /^(?:apply|rely|reply|supply|comply|imply|multiply|ally|rally|tally|fly|bully|sully)$/;

/** Whether the word is an adverb of the kind that sits inside a verb group ("soon", "formally"). */
export function isAdverb(word: string): boolean {
  const w = word.toLowerCase();
  return ADVERB.test(w) || (/^\p{Ll}{3,}ly$/u.test(w) && !LY_VERB.test(w));
}

/**
 * Whether `word` may be re-inflected as a verb: lower-case letters only, not a function word, not shaped like
 * a noun or adjective, and either an inflected form (irregular, -ed, -ing, -s) or a base form right after a
 * modal, an auxiliary or "to" (`previous`, the word before it in its sentence).
 */
export function isVerbHead(word: string, previous: string): boolean {
  if (!/^\p{Ll}+$/u.test(word) || FUNCTION_WORD.test(word) || isAdverb(word)) return false;
  const lemma = lemmaOf(word);
  if (BY_FORM.has(word)) return true;
  // Right after a modal the word is its verb, whatever its shape ("could signal", "would total"); a
  // capitalised "May" or "Will" is a month or a name, not a modal. Right after a determiner it is a noun or
  // an adjective ("the companies", "its planned").
  if (MODAL_BEFORE.test(previous)) return true;
  if (DETERMINER_BEFORE.test(previous.toLowerCase())) return false;
  if (NOMINAL.test(lemma) || NOMINAL.test(word)) return false;
  if (BEFORE_VERB.test(previous.toLowerCase())) return true;
  return lemma !== word && /(?:ed|ing|s)$/.test(word);
}

/** A verb that makes its words a finite clause: auxiliaries, modals, and verbs of saying or thinking. */
const FINITE =
  /^(?:is|are|was|were|am|has|have|had|will|would|can|could|may|might|must|shall|should|does|do|did|said|says|told|tells|thinks?|believes?|feels?|knows?|knew|thought|expects|hopes|plans|wants|argues|argued|insists|insisted|claims|claimed|added|adds|noted|notes|announced|announces|confirmed|confirms)$/;

/** Whether the word is an auxiliary, a modal, or a finite verb of saying or thinking. */
export function isFiniteWord(word: string): boolean {
  return FINITE.test(word.toLowerCase());
}

const RELATIVE_OR_PRONOUN = /^(?:that|which|who|whom|whose|it|they|he|she|we|i|you)$/;
/** Words after which a verb form ending in -s or -ed has its object or complement: it is the clause's verb. */
const COMPLEMENT = /^(?:to|the|a|an|its|their|his|her|that|it|them|this|these|those)$/;

/**
 * Where a second predicate joined by "and", "or" or "but" starts in `words` (a predicate's words), or -1: a
 * conjunct holding an auxiliary or a modal ("…and the shares will be…"), or a conjunct whose verb has a form
 * the template's verb does not ("Will X buy Y and expects to…": under "Will", every verb is a base form).
 */
export function secondPredicate(words: readonly string[], form: VerbForm): number {
  const bareWord = (k: number): string => (words[k] ?? "").toLowerCase().replace(/[^\p{L}’'-]/gu, "");
  for (let k = 1; k < words.length - 1; k++) {
    if (!/^(?:and|or|but)$/.test(bareWord(k))) continue;
    // "and the shares will be…" is a second clause; "and the bandwidth it had set aside" is a noun phrase
    // with a relative clause (a pronoun or relative word before the verb, not right after "and").
    for (let j = k + 1; j < Math.min(words.length, k + 7) && !/[,;:]$/.test(words[j - 1] ?? ""); j++) {
      if (j > k + 1 && RELATIVE_OR_PRONOUN.test(bareWord(j))) break;
      if (isFiniteWord(bareWord(j))) return k;
    }
    const next = bareWord(k + 1);
    const finite = form === "participle" ? /^\p{Ll}+s$/u.test(next) : /^\p{Ll}+(?:s|ed)$/u.test(next);
    if (finite && lemmaOf(next) !== next && !NOMINAL.test(next) && COMPLEMENT.test(bareWord(k + 2))) return k;
  }
  return -1;
}

/**
 * Whether a predicate's complement clause ("…ensure that {clause}", "…decide whether {clause}") has its verb:
 * a predicate cut before the verb of its own "that" clause asks nothing ("Will X ensure that all data?").
 */
export function complementHasVerb(words: readonly string[]): boolean {
  const list = words.map((w) => w.toLowerCase().replace(/[^\p{L}’'-]/gu, ""));
  const at = list.findLastIndex((w) => w === "that" || w === "whether");
  if (at < 0) return true;
  const rest = list.slice(at + 1);
  return rest.some(
    (w, k) =>
      isFiniteWord(w) ||
      (w === "to" && k < rest.length - 1) ||
      (lemmaOf(w) !== w && /(?:ed|s)$/.test(w) && !NOMINAL.test(w) && k < rest.length - 1),
  );
}
