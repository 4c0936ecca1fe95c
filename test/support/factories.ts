// Small factories for the data tests build by hand: brief items, sources, whole briefs and the slash-command
// interactions the Discord double sends. Each takes only what a test means to say and fills the rest with
// valid defaults, so a literal in a test shows what that test is about.
import type { Brief, QuestionItem, QuoteItem, SourceRef, SummaryItem } from "../../src/core/brief/schema.js";
import { FRESH_STATE, type DigestSubscription } from "../../src/digest/subscriptions.js";
import type { CommandInput } from "../doubles/discord/types.js";

/** A summary bullet or key figure, phrased by the template, resting on one sentence of its first source. */
export function summaryItem(
  id: string,
  text: string,
  sources: readonly string[],
  evidence?: string,
): SummaryItem {
  const first = sources[0] ?? "s";
  return {
    id,
    text,
    sources: [...sources],
    evidence: [{ source: first, sentence: evidence ?? text }],
    phrasedBy: "template",
  };
}

export function quoteItem(text: string, speaker: string | null, source: string): QuoteItem {
  return { text, speaker, source, otherSources: [] };
}

/** An open question resting on `basis`; `kind` defaults to a deadline. */
export function questionItem(
  id: string,
  text: string,
  basis: string,
  source: string,
  fields: Partial<Pick<QuestionItem, "kind" | "cue" | "related">> = {},
): QuestionItem {
  return { id, text, kind: "deadline", basis, source, related: [], phrasedBy: "template", ...fields };
}

/** A source; without a location the file name is made from the id. */
export function sourceRef(
  id: string,
  title: string,
  fields: Partial<Omit<SourceRef, "id" | "title">> = {},
): SourceRef {
  return { id, title, url: null, published: null, outlet: null, location: `${id}.txt`, ...fields };
}

/** A brief with nothing in it but what `fields` gives; the label defaults to the topic. */
export function brief(topic: string, fields: Partial<Omit<Brief, "topic">> = {}): Brief {
  return {
    topic,
    state: null,
    timeline: [],
    label: topic,
    summary: [],
    figures: [],
    quotes: [],
    questions: [],
    settled: [],
    sources: [],
    related: [],
    ...fields,
  };
}

const STRING_OPTION = 3;

/** A chat-input command for the Discord double: `/name sub? key:value …` with string options. */
export function command(
  name: string,
  options: Record<string, string> = {},
  where: Omit<CommandInput, "name" | "options"> = {},
): CommandInput {
  const list = Object.entries(options).map(([key, value]) => ({ name: key, type: STRING_OPTION, value }));
  return { name, ...(list.length > 0 ? { options: list } : {}), ...where };
}

/** A daily digest subscription that has never run: what `/digest subscribe` stores, on the test's terms. */
export function digestSubscription(
  fields: Pick<
    DigestSubscription,
    "id" | "guild" | "channelId" | "at" | "timezone" | "createdBy" | "createdAt"
  > &
    Partial<DigestSubscription>,
): DigestSubscription {
  return {
    every: "day",
    topics: [],
    whenEmpty: "line",
    ...FRESH_STATE,
    ...fields,
  };
}
