// The closed word classes phrasing by selection relies on: the words that carry a fact and so may never be
// dropped on their own (negations, modals and hedges, conditionals, attributions, figures, dates, names),
// and the openers that mark a unit of a sentence as detachable (relatives, subordinators, appositives).
// These describe English grammar, not any story: they decide which units of a sentence may go whole.

export type ProtectedKind = "negation" | "hedge" | "conditional" | "attribution" | "figure" | "date" | "name";

const set = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/).filter(Boolean));

const NEGATION = set(
  "not no never neither nor none nobody nothing nowhere without cannot can't won't don't doesn't didn't isn't " +
    "aren't wasn't weren't hasn't haven't hadn't wouldn't couldn't shouldn't mustn't n't deny denies denied " +
    "refuse refuses refused reject rejects rejected fail fails failed",
);
const HEDGE = set(
  "may might could would should can will must shall expect expects expected expecting likely unlikely " +
    "possible possibly potential potentially proposed provisional provisionally tentative tentatively " +
    "preliminary reportedly allegedly apparently purportedly plan plans planned planning aim aims aimed hope " +
    "hopes hoped intend intends intended seek seeks sought considering consider considers appears appear " +
    "seems seem set poised rumoured rumored speculated estimated about around nearly almost roughly some " +
    "approximately up",
);
const CONDITIONAL = set(
  "if unless provided providing subject pending conditional conditionally condition conditions whether " +
    "otherwise assuming should albeit",
);
const ATTRIBUTION = set(
  "said say says saying told tell tells according reported reports reporting announced announces stated states " +
    "added adds noted notes wrote writes claimed claims claim argued argues contended contends maintained " +
    "maintains insisted insists alleged alleges confirmed confirms warned warns",
);
const MONTHS = set(
  "january february march april may june july august september october november december jan feb mar apr jun " +
    "jul aug sep sept oct nov dec",
);
const WEEKDAYS = set("monday tuesday wednesday thursday friday saturday sunday");
const NUMBER_WORDS = set(
  "one two three four five six seven eight nine ten eleven twelve dozen dozens hundred hundreds thousand " +
    "thousands million millions billion billions trillion bn m k half quarter third percent per cent",
);

/** The letters and digits of a token, lower-cased, without surrounding punctuation ("“Deal,”" → "deal"). */
export function bare(token: string): string {
  return token
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}$£€¥]+|[^\p{L}\p{N}%]+$/gu, "")
    .replace(/['’]s$/u, "");
}

/** The fact-carrying classes a token belongs to; `first` says whether it opens its sentence (no name test). */
export function protectedKinds(token: string, first: boolean): ProtectedKind[] {
  const word = bare(token);
  const kinds: ProtectedKind[] = [];
  if (word === "") return kinds;
  if (NEGATION.has(word) || /n['’]t$/u.test(word)) kinds.push("negation");
  if (HEDGE.has(word)) kinds.push("hedge");
  if (CONDITIONAL.has(word)) kinds.push("conditional");
  if (ATTRIBUTION.has(word)) kinds.push("attribution");
  if (/\d|[$£€¥%]/u.test(token) || NUMBER_WORDS.has(word)) kinds.push("figure");
  if (MONTHS.has(word.replace(/\.$/, "")) || WEEKDAYS.has(word) || /^(?:1[89]|20)\d\d$/.test(word))
    kinds.push("date");
  if (!first && /^[^\p{L}]*\p{Lu}/u.test(token) && !kinds.includes("date")) kinds.push("name");
  return kinds;
}

/** Openers of a unit that hangs on the sentence without carrying its main claim. */
const DETACHABLE_OPENERS = set(
  "which who whom whose whereby because although though while whilst amid amidst following including citing " +
    "paving adding halting calling bringing making ending marking leaving sending prompting raising since " +
    "after as a an the through despite besides beyond like unlike days weeks months years hours shortly",
);
/** Openers that scope over the whole sentence: the unit goes with the main clause or not at all. */
const BINDING_OPENERS = set(
  "if unless provided providing subject pending assuming should or otherwise according conditional " +
    "conditionally with but and nor yet so",
);
/** Hedges that qualify a whole claim wherever they stand ("…, reportedly, …"). */
const SCOPE_HEDGES = set(
  "reportedly allegedly apparently purportedly provisionally tentatively conditionally if unless subject " +
    "pending condition conditions conditional provided providing according albeit provisional preliminary " +
    "tentative draft interim proposed unconfirmed",
);

export const isDetachableOpener = (token: string): boolean => DETACHABLE_OPENERS.has(bare(token));
export const isBindingOpener = (token: string): boolean => BINDING_OPENERS.has(bare(token));
export const isScopeHedge = (token: string): boolean => SCOPE_HEDGES.has(bare(token));
export const isAttributionVerb = (token: string): boolean => ATTRIBUTION.has(bare(token));

/** Words that can open a time adjunct ("on Monday", "last month", "in 2016", "earlier this week"). */
const TIME_OPENERS = set("on in at last earlier later this");
/** Words a time adjunct is made of after its opener. */
const TIME_WORDS = set(
  "this last next week month year weekend morning afternoon evening night day today yesterday early late " +
    "earlier later mid the of",
);

/** A time of day: "2:41", "14:00", "p.m.", "am" (bare forms, final dot removed). */
const CLOCK = /^(?:\d{1,2}:\d{2}|[ap]\.?m)$/;

export function isTimeWord(token: string): boolean {
  const word = bare(token).replace(/\.$/, "");
  return (
    TIME_WORDS.has(word) ||
    MONTHS.has(word) ||
    WEEKDAYS.has(word) ||
    /^\d{1,2}(?:st|nd|rd|th)?$/.test(word) ||
    /^(?:1[89]|20)\d\d$/.test(word) ||
    CLOCK.test(word)
  );
}

/** Whether the token names a moment on its own: a weekday, month, year or "today"/"yesterday". */
export function isTimeAnchor(token: string): boolean {
  const word = bare(token).replace(/\.$/, "");
  return (
    MONTHS.has(word) ||
    WEEKDAYS.has(word) ||
    /^(?:1[89]|20)\d\d$/.test(word) ||
    CLOCK.test(word) ||
    word === "today" ||
    word === "yesterday" ||
    word === "week" ||
    word === "month" ||
    word === "year" ||
    word === "weekend" ||
    word === "morning" ||
    word === "afternoon" ||
    word === "evening" ||
    word === "night"
  );
}

export const isTimeOpener = (token: string): boolean => TIME_OPENERS.has(bare(token));

/** The connectives our code may put between two kept evidence sentences: none of them asserts anything. */
export const CONNECTIVES = ["and", ";", "—"] as const;
export type Connective = (typeof CONNECTIVES)[number];
