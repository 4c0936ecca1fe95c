// Dated events from news sentences: a deal agreed or announced, a challenge or lawsuit, an investigation
// opened, a provisional finding, a clearance (with conditions or not), a block, an abandonment, a
// completion, a law signed, a court ruling, a deadline. Only statements of fact count: a step that is
// planned, expected, conditional or denied ("will open", "is expected to block", "if it approves") is not
// an event yet. Each event keeps its sentence and the date the sentence or its document gives it.
import { sentenceDate, type Tense } from "./dates.js";

export const EVENT_KINDS = [
  "agreed",
  "announced",
  "sued",
  "investigation",
  "provisional",
  "cleared",
  "blocked",
  "ruled",
  "enacted",
  "abandoned",
  "completed",
  "deadline",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Kinds after which nothing more happens to the deal: no "will it close?" once one is the state. */
export const FINAL_KINDS: ReadonlySet<EventKind> = new Set(["abandoned", "completed", "blocked"]);

export interface StoryEvent {
  kind: EventKind;
  /** The state a reader sees ("Cleared with conditions", "Abandoned"). */
  label: string;
  date: string;
  /** True when the sentence dates the event itself; false when it is the document's date. */
  ownDate: boolean;
  sentence: string;
  /** The words that name the event ("called off", "opened an investigation"). */
  cue: string;
  source: string;
  /**
   * Where the sentence reports the step second-hand ("two people familiar said"): another outlet's sentence
   * that states the same step plainly. Unset when none does.
   */
  confirmedBy?: string;
}

interface Rule {
  kind: EventKind;
  label: string;
  pattern: RegExp;
}

// Verb forms that report a fact: past, present perfect, or the headline's present tense.
const RULES: Rule[] = [
  {
    kind: "abandoned",
    label: "Abandoned",
    pattern:
      /\b(?:called off|call off|calls off|abandon(?:ed|s)|scrapp(?:ed)|scraps|walk(?:ed|s) away from|(?:dropp(?:ed)|drops) (?:its|their|the) (?:bid|deal|plan|offer|pursuit)|pull(?:ed|s) out of the (?:deal|merger|acquisition))\b/iu,
  },
  {
    kind: "abandoned",
    label: "Terminated",
    pattern:
      /\b(?:terminat(?:ed|es)|(?:announced?|announces)(?: \p{Lu}\p{L}+day)? (?:the )?termination|agreed to terminate|(?:has|have) been terminated|was terminated)\b/iu,
  },
  {
    kind: "completed",
    label: "Completed",
    pattern:
      /\b(?:complet(?:ed|es) (?:its |the |their |his |her )?(?:\$?[\d.,]+ ?\w* )?(?:\w+ )?(?:deal|acquisition|takeover|purchase|merger|buyout|transaction|sale)|(?:deal|acquisition|takeover|purchase|merger|transaction) (?:was|has been|is) (?:completed|closed|finali[sz]ed)|closed (?:the|its) (?:deal|acquisition|takeover|purchase|merger|transaction)|finali[sz](?:ed|es) (?:the|its) (?:deal|acquisition|takeover|purchase|merger)|(?:has|have) taken (?:over|control of)|took (?:over|control of)|takes control of)\b/iu,
  },
  {
    kind: "blocked",
    label: "Blocked",
    pattern:
      /\b(?:(?<!(?:to|sued to|move to|moved to|seeks to|sought to|sue to) )block(?:ed|s) (?:the |its |a )?(?:\w+['’]s )?(?:\$?[\d.,]+ ?\w* )?(?:\w+ )?(?:deal|acquisition|takeover|purchase|merger|transaction)|prohibit(?:ed|s) the (?:deal|acquisition|merger)|(?:prevented|stopped|prevents|stops) the (?:deal|acquisition|takeover|purchase|merger|transaction) from (?:going ahead|proceeding))\b/iu,
  },
  {
    kind: "provisional",
    label: "Provisional finding",
    pattern:
      /\b(?:provisional(?:ly)? (?:findings?|report|decision|clearance|conclusion|view)|provisionally (?:concluded|found|cleared|approved)|statement of objections)\b/iu,
  },
  {
    kind: "cleared",
    label: "Cleared",
    pattern:
      /\b(?:(?:formally |unconditionally |conditionally )?(?:approv(?:ed|es)|clear(?:ed|s)) (?:the |its |a |an )?(?:\w+['’]s |\w+-\w+ )?(?:\$?[\d.,]+ ?\w* )?(?:\w+ )?(?:deal|acquisition|takeover|purchase|merger|transaction|buyout|sale|bid)|(?:won|wins|secured|secures|received|receives|got|gets|granted|gave|gives) (?:\w+ ){0,4}(?:approval|clearance|consent|the go-ahead|green light|nod)|(?:deal|acquisition|merger|takeover|purchase|transaction) (?:was|has been|is) (?:approved|cleared)|has (?:been )?(?:approved|cleared)|consented to|can go ahead)\b/iu,
  },
  {
    kind: "sued",
    label: "Sued",
    pattern:
      /\b(?:sued|sues|fil(?:ed|es) (?:a )?(?:lawsuit|suit|complaint|challenge)|launched (?:a )?legal challenge|took (?:\w+ )?to court|challeng(?:ed|es) the (?:law|deal|ban|merger|decision|ruling))\b/iu,
  },
  {
    kind: "investigation",
    label: "Under investigation",
    pattern:
      /\b(?:open(?:ed|s) (?:an? |its )?(?:formal |full |in-depth |official |antitrust |phase \d )?(?:investigation|probe|inquiry)|launch(?:ed|es) (?:an? |its )?(?:formal |full |in-depth |official |antitrust |phase \d )?(?:investigation|probe|inquiry)|(?:investigation|probe|inquiry) (?:\w+ ){0,5}was (?:launched|opened)|referred (?:the deal|it) (?:for|to) (?:an? )?(?:in-depth|phase 2|full))\b/iu,
  },
  {
    kind: "enacted",
    label: "Signed into law",
    pattern: /\b(?:sign(?:ed|s) (?:\w+ ){0,6}into law|became law|passed (?:the|a) (?:bill|law))\b/iu,
  },
  {
    kind: "ruled",
    label: "Upheld by court",
    pattern:
      /\b(?:uph(?:eld|olds)|affirm(?:ed|s)) (?:the |a |its )?(?:\w+ ){0,3}(?:law|ban|ruling|decision|order)\b/iu,
  },
  {
    kind: "ruled",
    label: "Struck down by court",
    pattern: /\b(?:struck|strikes) down\b/iu,
  },
  {
    kind: "agreed",
    label: "Agreed",
    pattern:
      /\b(?:agreed to (?:buy|acquire|sell|merge|a deal|terms)|(?:reached|reach|reaches|struck|strikes|signed|signs) (?:a |an )?(?:definitive |tentative |preliminary )?(?:deal|agreement|merger agreement)|(?:came|come|comes) to (?:a |an )?(?:\w+ )?agreement|agrees to (?:buy|acquire|sell|merge)|entered into (?:a )?(?:definitive )?agreement|ha(?:s|ve) (?:purchased|acquired|bought))\b/iu,
  },
  {
    kind: "announced",
    label: "Announced",
    pattern:
      /\b(?:announc(?:ed|es) (?:(?:that )?(?:it|they) (?:is|are|was|were|had|has|have|would|will) (?:going to )?(?:acquire|buy|purchase|merge|sell)|(?:the|a|an|its|their) (?:\$?[\d.,]+ ?\w* )?(?:\w+ )?(?:deal|acquisition|merger|takeover|purchase|agreement|sale))|(?:deal|acquisition|merger|takeover|purchase) was announced)\b/iu,
  },
];

/** Words that make the step not (yet) a fact: a plan, a forecast, a condition, a denial. */
const NOT_YET =
  /\b(?:will|would|could|may|might|should|must|can|expected|set|poised|likely|plans?|planning|intends?|aims?|seeks?|sought|wants?|threaten(?:s|ed)?|if|unless|whether|not|never|no longer|deny|denies|denied|refused?|failed|to)\s+(?:\w+,?\s+){0,3}$/iu;

/** A clause that hangs off an earlier mention ("the merger, which was announced in 2020") is background. */
const BACKGROUND_BEFORE =
  /\b(?:previously|originally|had|earlier|once|whereby|which|that)\s+(?:\w+\s+){0,2}$/iu;

/** A future date phrase makes a deadline ("by Oct. 14", "no later than Dec. 1", "deadline of March 3"). */
const DEADLINE =
  /\b(?:deadline(?: of| is| was)?|no later than|by|until|before|due (?:on|by)?)\s+(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\p{L}*\.?\s+\d)/u;

/** Where a clause ends: a comma, semicolon, dash or an "and"/"but" that opens the next one. */
const CLAUSE_BREAK = /[,;—–]\s|\s-\s|\s(?:and|but|while|after|before|as)\s/gu;

/**
 * The clause around [start, end): from the last break before it to the first break after it, with a phrase
 * fronted before the first clause. A date in another clause ("opened X last August and sent Y last month")
 * belongs to that clause's event.
 */
function clauseAround(sentence: string, start: number, end: number): string {
  let from = 0;
  let to = sentence.length;
  for (const m of sentence.matchAll(CLAUSE_BREAK)) {
    if (m.index + m[0].length <= start) from = m.index + m[0].length;
    else if (m.index >= end) {
      to = m.index;
      break;
    }
  }
  // A short phrase fronted before the first clause ("In April, the regulator blocked …") dates that clause.
  const fronted = /^[^,;]{1,40},\s/u.exec(sentence);
  if (fronted && from === fronted[0].length) from = 0;
  return sentence.slice(from, to);
}

/** The closing attribution of a sentence: ", two people familiar with the deal said on Thursday night." */
const CLOSING_ATTRIBUTION =
  /,\s+(?:[\p{L}\p{N}'’.-]+\s+){0,8}(?:said|says|told \p{L}+|announced|confirmed|reported)\s+((?:on|late on|early on)\s+\p{Lu}\p{Ll}+day\b[^,]*)[.!]?$/u;

/**
 * A step told in the present perfect ("has taken control") is dated by the report that tells it: the day
 * its closing attribution names, when the step's own clause names none.
 */
function reportDate(sentence: string, at: number, docDate: string | null): ReturnType<typeof sentenceDate> {
  const m = CLOSING_ATTRIBUTION.exec(sentence);
  if (!m?.[1] || m.index < at || !/\b(?:has|have)\s/u.test(sentence.slice(Math.max(0, at - 20), at + 5)))
    return null;
  return sentenceDate(m[1], docDate, "past");
}

function tenseOf(sentence: string, at: number): Tense {
  return NOT_YET.test(sentence.slice(Math.max(0, at - 40), at)) ? "future" : "past";
}

/**
 * The events one sentence states, dated by the sentence itself or else by the document's date (when it
 * has one and the sentence is not background). At most one event per kind per sentence.
 */
export function eventsIn(sentence: string, source: string, docDate: string | null): StoryEvent[] {
  const out: StoryEvent[] = [];
  const seen = new Set<EventKind>();
  for (const rule of RULES) {
    if (seen.has(rule.kind)) continue;
    const match = rule.pattern.exec(sentence);
    if (!match) continue;
    const before = sentence.slice(Math.max(0, match.index - 40), match.index);
    if (NOT_YET.test(before) || /\?\s*$/.test(sentence)) continue;
    const own =
      sentenceDate(clauseAround(sentence, match.index, match.index + match[0].length), docDate, "past") ??
      reportDate(sentence, match.index, docDate);
    const background = BACKGROUND_BEFORE.test(before) || /\bhad\s+(?:\w+\s+){0,2}$/iu.test(before);
    // A background clause without its own date cannot borrow the report's date: it happened before.
    const date = own?.date ?? (background ? null : docDate);
    if (!date) continue;
    // "Cleared" with conditions or commitments attached is a different state for the reader.
    const conditional =
      rule.kind === "cleared" &&
      /\b(?:conditions?|conditional|commitments?|remed(?:y|ies)|undertakings?)\b/iu.test(sentence);
    // An approval "in principle" or an informal one is not a clearance yet.
    const informal =
      rule.kind === "cleared" && /\b(?:informal|preliminary|tentative|in principle)\b/iu.test(match[0]);
    out.push({
      kind: rule.kind,
      label: informal ? "Approved informally" : conditional ? "Cleared with conditions" : rule.label,
      date,
      ownDate: Boolean(own),
      sentence,
      cue: match[0],
      source,
    });
    seen.add(rule.kind);
  }
  return out.concat(deadlineIn(sentence, source, docDate, seen));
}

function deadlineIn(
  sentence: string,
  source: string,
  docDate: string | null,
  seen: Set<EventKind>,
): StoryEvent[] {
  if (seen.has("deadline")) return [];
  const match = DEADLINE.exec(sentence);
  if (!match) return [];
  const when = sentenceDate(sentence.slice(match.index), docDate, "future");
  if (!when || (docDate && when.date.slice(0, docDate.length) < docDate.slice(0, when.date.length)))
    return [];
  return [
    {
      kind: "deadline",
      label: "Deadline",
      date: when.date,
      ownDate: true,
      sentence,
      cue: `${match[0]}${when.phrase}`.trim(),
      source,
    },
  ];
}

export { tenseOf };
