// English verb forms for question templates: the only change a template may make to a span of its basis
// is to re-inflect the predicate's head verb, keeping its lemma ("blocks" → "block", "approve" → "approved").

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
  // Two closing consonants, a vowel + w/x/y, or an unstressed last syllable take no "e" ("open", "offer").
  if (/(?:[^aeiou]{2}|[aeiou][wxy])$/.test(stem) || /[aeiou][^aeiou]+(?:en|er|on|or|el|al|it)$/.test(stem))
    return stem;
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
/** Words that are never a clause's verb. */
const FUNCTION_WORD =
  /^(?:the|a|an|its|their|his|her|this|that|these|those|of|in|on|at|to|for|from|by|with|into|over|about|and|or|but|nor|not|no|never|also|still|yet|as|than|if|whether|which|who|what|how|why|when|where)$/;

/**
 * Whether `word` may be re-inflected as a verb: lower-case letters only, not a function word, not shaped like
 * a noun or adjective, and either an inflected form (irregular, -ed, -ing, -s) or a base form right after a
 * modal, an auxiliary or "to" (`previous`, the word before it in its sentence).
 */
export function isVerbHead(word: string, previous: string): boolean {
  if (!/^\p{Ll}+$/u.test(word) || FUNCTION_WORD.test(word)) return false;
  const lemma = lemmaOf(word);
  if (BY_FORM.has(word)) return true;
  if (NOMINAL.test(lemma) || NOMINAL.test(word)) return false;
  if (BEFORE_VERB.test(previous.toLowerCase())) return true;
  return lemma !== word && /(?:ed|ing|s)$/.test(word);
}
