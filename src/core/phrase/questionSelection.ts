// Questions by selection: the model picks one of the story kernel's question templates allowed for the
// open point's kind and fills each slot with a word range of the item's own evidence; the kernel's
// fillTemplate writes the question (only the predicate's head verb is re-inflected, same lemma) and
// refuses unclean spans. Anything else keeps the offline question.
import {
  fillTemplate,
  TEMPLATE_IDS,
  TEMPLATES,
  wordBefore,
  type SlotSpan,
  type TemplateId,
} from "../story/questionTemplates.js";
import type { QuestionKind } from "../story/types.js";
import { isVerbHead } from "../story/verbs.js";
import type { PhraseItem } from "./phraser.js";

const AUXILIARY = /^(?:will|would|can|could|may|might|must|shall|should|is|are|was|were|has|have|had)$/;

/** Which templates ask what each kind of open point leaves open; another form would ask something else. */
export const ALLOWED_TEMPLATES: Readonly<Record<QuestionKind, readonly TemplateId[]>> = {
  hedge: ["will", "when", "has"],
  deadline: ["will", "when", "pendingBy"],
  pending: ["final", "pending", "pendingBy", "has", "will"],
  claim: ["confirmed"],
  contradiction: ["figures"],
};

export type QuestionRule =
  | `template: ${string}`
  | "template-unknown"
  | "template-not-allowed"
  | "slot-out-of-range"
  | "slot-order"
  | "slot-overlap"
  | "predicate-head-not-a-verb"
  | "slot-invalid";

export interface Word {
  text: string;
  start: number;
  end: number;
}

/** Every most words per evidence sentence offered; a longer sentence is offered up to here. */
const MAX_WORDS = 80;

export function wordsOf(sentence: string): Word[] {
  return [...sentence.matchAll(/\S+/gu)]
    .slice(0, MAX_WORDS)
    .map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

export interface SlotAnswer {
  name: string;
  sentence: number;
  from: number;
  to: number;
}

export interface QuestionVerdict {
  text: string | null;
  choice: { template: TemplateId; slots: SlotAnswer[] } | null;
  broken: QuestionRule[];
}

const isInt = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n);

/** A model's template and slots for one question item → the question, or null with the rules it broke. */
export function applyQuestion(item: PhraseItem, template: unknown, slots: unknown): QuestionVerdict {
  const refuse = (rule: QuestionRule): QuestionVerdict => ({
    text: null,
    choice: null,
    broken: [rule],
  });
  if (typeof template !== "string" || !(TEMPLATE_IDS as readonly string[]).includes(template))
    return refuse("template-unknown");
  const id = template as TemplateId;
  if (!ALLOWED_TEMPLATES[item.questionKind ?? "hedge"].includes(id)) return refuse("template-not-allowed");
  if (!Array.isArray(slots) || slots.length > TEMPLATES[id].slots.length) return refuse("slot-invalid");
  const broken: QuestionRule[] = [];
  const spans: Record<string, SlotSpan> = {};
  const kept: SlotAnswer[] = [];
  for (const raw of slots as unknown[]) {
    const slot = raw as Partial<SlotAnswer> | null;
    if (
      !slot ||
      typeof slot.name !== "string" ||
      !isInt(slot.sentence) ||
      !isInt(slot.from) ||
      !isInt(slot.to)
    )
      return refuse("slot-invalid");
    const sentence = item.evidence[slot.sentence];
    const words = sentence === undefined ? [] : wordsOf(sentence);
    let [from, to] = [slot.from, slot.to];
    if (from > to) {
      broken.push("slot-order");
      [from, to] = [to, from];
    }
    const first = words[from];
    const last = words[to];
    if (from < 0 || !first || !last) return refuse("slot-out-of-range");
    spans[slot.name] = { evidence: slot.sentence, start: first.start, end: last.end };
    kept.push({ name: slot.name, sentence: slot.sentence, from, to });
  }
  // Roles keep their evidence order: the slots, in the template's order, stand in the evidence in that order.
  const ordered = TEMPLATES[id].slots.map((name) => spans[name]);
  for (let k = 1; k < ordered.length; k++) {
    const a = ordered[k - 1];
    const b = ordered[k];
    if (a && b && (b.evidence < a.evidence || (b.evidence === a.evidence && b.start < a.end)))
      return refuse("slot-overlap");
  }
  // Re-inflecting is only for a verb: a name, a noun or an adverb at the head ("Americas" → "americaned") is
  // refused, by the same check the offline questions and fillTemplate use (isVerbHead, adverbs skipped).
  const predicate = spans["predicate"];
  if (predicate && TEMPLATES[id].verb) {
    const sentence = item.evidence[predicate.evidence] ?? "";
    const [head = "", next = ""] = sentence.slice(predicate.start).match(/\p{L}+/gu) ?? [];
    // A modal or an auxiliary right after the head makes it the subject's last noun ("data centres would …").
    if (!isVerbHead(head, wordBefore(sentence, predicate.start)) || AUXILIARY.test(next))
      return refuse("predicate-head-not-a-verb");
  }
  const result = fillTemplate({ template: id, slots: spans }, item.evidence);
  if (!result.ok) return refuse(`template: ${result.rule}`);
  return { text: result.text, choice: { template: id, slots: kept }, broken };
}

/** A quotation's words are sent as "…": the model sees where the quotation stands, never what it says. */
function masked(words: readonly Word[]): string[] {
  let inside = false;
  return words.map((w) => {
    const opens = /^[(]?[“«„"]/u.test(w.text);
    const closes = /[”»"][)\].,;:!?]*$/u.test(w.text) && !(opens && w.text.length === 1);
    const hidden = inside || opens;
    if (opens) inside = true;
    if (closes) inside = false;
    return hidden ? "…" : w.text;
  });
}

/** What the model is told about a question item: its kind, the templates it may use, the words by number. */
export function describeQuestion(item: PhraseItem): Record<string, unknown> {
  const kind = item.questionKind ?? "hedge";
  return {
    id: item.id,
    open: kind,
    templates: ALLOWED_TEMPLATES[kind].map((t) => ({ id: t, text: TEMPLATES[t].text })),
    words: item.evidence.map((sentence) => masked(wordsOf(sentence))),
  };
}
