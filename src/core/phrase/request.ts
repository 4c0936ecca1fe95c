// The phrasing request and its answer: ids, the evidence split into numbered spans (quotations masked, so
// no quote is ever sent), the closed connective list; back, per item, the spans to keep and a connective.
// The answer is parsed leniently (servers without structured output add prose and fields) and every
// field outside the schema is ignored and reported, never shown.
import { z } from "zod";
import type { PhraseItem } from "./phraser.js";
import type { ChatRequest } from "./ports.js";
import { describeQuestion } from "./questionSelection.js";
import type { Span } from "./spans.js";
import { CONNECTIVES } from "./words.js";

export interface AskedSummary {
  id: string;
  spans: readonly Span[];
}

/** Bounds the request whatever the brief: items beyond these keep their template text. */
export const MAX_ITEMS = 16;
export const MAX_SPANS_PER_ITEM = 48;
const MAX_SPAN_CHARS = 400;

export const SYSTEM_PROMPT = [
  "You shorten the bullets of a news brief by choosing which numbered spans of each item's evidence to keep.",
  "You never write text: our code writes each bullet from the spans you keep, in their order.",
  "Spans marked must:true are the main clause of their sentence and are kept whenever any span of that",
  "sentence is kept; the others (appositives, relative clauses, time and setting adjuncts) may be dropped.",
  "Keep each bullet one readable sentence; keep spans from at most two sentences, and you may join two",
  `sentences with one of ${CONNECTIVES.map((c) => JSON.stringify(c)).join(", ")} or null.`,
  'Answer JSON {"items":[{"id":…,"keep":[{"from":n,"to":n}],"join":null}]}, one entry per item id;',
  "from/to are inclusive span numbers.",
  "Question items instead list their evidence as numbered words per sentence and the templates allowed:",
  'answer {"id":…,"template":<template id>,"slots":[{"name":<slot>,"sentence":s,"from":w,"to":w}]} filling',
  "every slot of the template with a word range of that item's own evidence; our code writes the question.",
  'Unused fields: "keep":[] and "join":null for questions, "template":null and "slots":[] for bullets.',
].join(" ");

/** A quotation's words never leave the process: the model sees where it stands, not what it says. */
export function maskQuotes(text: string): string {
  return text
    .replace(/[“«„][^”»]*[”»]?/gu, "“…”")
    .replace(/"[^"]*"?/gu, '"…"')
    .slice(0, MAX_SPAN_CHARS);
}

export function buildRequest(
  items: readonly AskedSummary[],
  questions: readonly PhraseItem[] = [],
): ChatRequest {
  const payload = {
    connectives: CONNECTIVES,
    items: [
      ...items.map((item) => ({
        id: item.id,
        spans: item.spans.map((s) => ({
          n: s.n,
          sentence: s.sentence,
          text: maskQuotes(s.text),
          must: s.main,
        })),
      })),
      ...questions.map(describeQuestion),
    ],
  };
  return {
    messages: [
      { role: "system", content: SYSTEM_PROMPT },
      { role: "user", content: JSON.stringify(payload) },
    ],
    schema: { name: "selections", schema: ANSWER_SCHEMA },
  };
}

export const ANSWER_SCHEMA: Record<string, unknown> = {
  type: "object",
  additionalProperties: false,
  required: ["items"],
  properties: {
    items: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["id", "keep", "join", "template", "slots"],
        properties: {
          id: { type: "string" },
          keep: {
            type: "array",
            items: {
              type: "object",
              additionalProperties: false,
              required: ["from", "to"],
              properties: { from: { type: "integer" }, to: { type: "integer" } },
            },
          },
          join: { anyOf: [{ type: "string", enum: [...CONNECTIVES] }, { type: "null" }] },
          template: { anyOf: [{ type: "string" }, { type: "null" }] },
          slots: {
            type: "array",
            items: {
              type: "object",
              additionalProperties: false,
              required: ["name", "sentence", "from", "to"],
              properties: {
                name: { type: "string" },
                sentence: { type: "integer" },
                from: { type: "integer" },
                to: { type: "integer" },
              },
            },
          },
        },
      },
    },
  },
};

const Range = z.union([
  z.object({ from: z.number(), to: z.number() }).loose(),
  z.number().transform((n) => ({ from: n, to: n })),
]);
const AnswerItem = z
  .object({
    id: z.string(),
    keep: z.array(Range).max(1000).default([]),
    join: z.unknown().optional(),
    template: z.unknown().optional(),
    slots: z.unknown().optional(),
  })
  .loose();
const Answer = z.object({ items: z.array(z.unknown()).max(1000) }).loose();

export interface ParsedItem {
  id: string;
  keep: Array<{ from: number; to: number }>;
  join: unknown;
  template: unknown;
  slots: unknown;
  /** Fields outside the schema (free text a model slipped in): ignored, and logged by name. */
  extra: string[];
}

export class AnswerInvalid extends Error {
  override readonly name = "AnswerInvalid";
}

/** The JSON object in an answer, even when a server without JSON mode wrapped it in prose or a fence. */
function jsonIn(content: string): unknown {
  const trimmed = content.trim();
  try {
    return JSON.parse(trimmed);
  } catch {
    const start = trimmed.indexOf("{");
    const end = trimmed.lastIndexOf("}");
    if (start < 0 || end <= start) throw new AnswerInvalid("the answer holds no JSON object");
    try {
      return JSON.parse(trimmed.slice(start, end + 1));
    } catch {
      throw new AnswerInvalid("the answer is not the JSON asked for");
    }
  }
}

const KNOWN = new Set(["id", "keep", "join", "template", "slots"]);

export function parseAnswer(content: string): { items: ParsedItem[]; extra: string[] } {
  const root = Answer.safeParse(jsonIn(content));
  if (!root.success) throw new AnswerInvalid("the answer has no items array");
  const extra = Object.keys(root.data).filter((k) => k !== "items");
  const items: ParsedItem[] = [];
  for (const raw of root.data.items) {
    const item = AnswerItem.safeParse(raw);
    if (!item.success) continue;
    items.push({
      id: item.data.id,
      keep: item.data.keep,
      join: item.data.join,
      template: item.data.template,
      slots: item.data.slots,
      extra: Object.keys(item.data).filter((k) => !KNOWN.has(k)),
    });
  }
  return { items, extra };
}
