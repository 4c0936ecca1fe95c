// Word lists for the sentence segmenter (segment.ts): which abbreviations can end a sentence, which words
// typically open one, and which verbs mark a quote's attribution. Lookups are on lower-cased words unless noted.

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

/**
 * Abbreviations that stand before a name or number and so never end a sentence, even before a capital:
 * "Mr. Smith", "Sen. Obama", "e.g. Paris", "Vol. II". Dotted forms are stored without the final period.
 */
export const NEVER_FINAL = words(`
  mr mrs ms messrs mmes mme mlle dr drs prof profs sen sens rep reps gov govs gen gens lt col maj capt cmdr
  cmdt adm sgt cpl pvt rev hon pres supt insp det atty ald amb
  e.g i.e cf viz vs approx
  vol vols fig figs pp para paras eq eqs op
`);

/**
 * Abbreviations that often end a sentence ("... with Briggs & Co. It closed") but as often sit inside one
 * ("Apple Inc. Chief", "the U.S. Senate"). After these, only a word from SENTENCE_STARTERS opens a new sentence.
 */
export const MAY_END = words(`
  inc corp co cos ltd llc llp plc bros assn intl natl dept univ govt
  jr sr st ste mt ft ave blvd rd hwy
  jan feb mar apr jun jul aug sep sept oct nov dec
  ala ariz ark calif colo conn del fla ind kan kans ky md mass mich minn neb nev okla ore penn tenn tex
  va vt wash wis wyo
  al min mins hr hrs yr yrs mo mos est
`);

/** Time abbreviations end a sentence before any capital ("at 6 p.m. Travelers ..."). Dotted form, no final period. */
export const TIME = words(`a.m p.m am pm`);

/** Time zones continue a time rather than start a sentence: "at 9 a.m. ET on Tuesday". */
export const TIME_ZONES = words(`
  et est edt ct cst cdt mt mst mdt pt pst pdt akst hst gmt utc bst cet cest ist jst aest
  eastern central mountain pacific local
`);

/** Abbreviations that close a list and end a sentence before any capital ("apples, etc. The ..."). */
export const LIST_END = words(`etc`);

/**
 * Capitalised words that commonly begin an English sentence: pronouns, determiners, conjunctions,
 * prepositions, auxiliaries, sentence adverbs, quantifiers and titles. Case-sensitive, letters only.
 * Deliberately without words that are also names or months ("May", "Will", "June").
 */
export const SENTENCE_STARTERS = words(`
  A An The This That These Those There Then Thus Their They Them He She It Its I We You Your Our My His Her
  Who Whom Whose What When Where Why How Which Whether While If Unless In On At By For From To With Without
  After Before Since During Under Over Among Across Against Despite Through Throughout As But And Or Nor So
  Yet Also However Meanwhile Moreover Furthermore Nevertheless Nonetheless Still Instead Although Though
  Because Even Now Today Yesterday Tomorrow Last Next Later Earlier Finally Here Some Many Most Much More Few
  Several All Both Each Every No None Not Only Other Others Such Another Any Millions Thousands Hundreds
  Dozens Billions Is Are Was Were Be Being Been Do Does Did Has Have Had Can Could Would Should Shall Might
  Must Let Yes Please Nobody Everyone Everybody Someone Somebody Nothing Mr Mrs Ms Dr Officials Analysts Critics
  Experts Sources Shares Prices
`);

/** Prepositions that open a time phrase, so that "At 5 a.m." is read as the start of a sentence. */
export const TIME_PREPOSITIONS = words(`at by until till before after from since around about circa`);

/** Verbs that, after a quotation and a name, make the name an attribution: “Is it over?” Smith asked. */
export const SPEECH_VERBS = words(`
  said says say asked asks told tells added adds wrote writes replied replies continued continues explained
  explains noted notes argued argues insisted insists shouted yelled cried whispered recalled recalls warned
  warns stated states declared declares answered answers responded responds remarked exclaimed joked
  tweeted posted acknowledged admitted conceded countered quipped suggested suggests agreed concluded
  observed stressed emphasized emphasised claimed claims announced announces urged urges cautioned
`);
