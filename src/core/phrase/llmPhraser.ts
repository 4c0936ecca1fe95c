// The LLM phraser, by selection: the model only chooses which evidence spans each summary item keeps; our
// code writes the text from the evidence and checks the invariants before anything is shown. An answer
// that breaks a rule is repaired to the nearest valid selection or refused item by item (the template
// text stays), with a log line naming the rule. A failed call (timeout, errors after the SDK's retries,
// refusal, no JSON) leaves the whole brief on its template text, with one log line. Quotes are never sent.
import { createHash } from "node:crypto";
import { checkSummary, type InvariantRule } from "./invariants.js";
import type { PhraseItem, Phraser, Phrasing } from "./phraser.js";
import type { ChatModel, PhraseLog, PhrasingCache } from "./ports.js";
import { applyQuestion, type QuestionRule } from "./questionSelection.js";
import { buildRequest, MAX_ITEMS, MAX_SPANS_PER_ITEM, parseAnswer } from "./request.js";
import { assemble, expandRanges, repairSelection, type Selection, type SelectionRule } from "./selection.js";
import { splitEvidence, type Span } from "./spans.js";
import { templatePhraser } from "./templatePhraser.js";
import { countTokens } from "./tokens.js";

export interface LlmPhraserOptions {
  model: ChatModel;
  /** Accepted selections, keyed by model and evidence, so the same brief costs one call. */
  cache?: PhrasingCache | undefined;
  log?: PhraseLog | undefined;
}

/** Why an item kept its template text or was repaired: a selection rule, an invariant, or the answer's shape. */
export type PhrasingRule =
  SelectionRule | InvariantRule | QuestionRule | "missing-item" | "unknown-id" | "extra-field";

export interface Verdict {
  text: string | null;
  selection: Selection | null;
  /** Rules the answer broke (repaired when `text` is set, refused when it is null). */
  broken: PhrasingRule[];
}

/**
 * One summary item's answer → the text to show, or null to keep the template text. Pure: the property
 * tests call it directly for most of their 10,000 requests.
 */
export function applySelection(
  spans: readonly Span[],
  evidence: readonly string[],
  keep: ReadonlyArray<{ from: number; to: number }>,
  join: unknown,
): Verdict {
  const { selection, broken } = repairSelection(spans, expandRanges(keep, spans.length), join);
  if (!selection) return { text: null, selection: null, broken };
  const text = assemble(spans, selection);
  const failed = checkSummary(spans, evidence, selection, text);
  if (failed.length > 0) return { text: null, selection, broken: [...broken, ...failed] };
  return { text, selection, broken };
}

function cacheKey(model: string, item: PhraseItem): string {
  return createHash("sha256")
    .update(JSON.stringify(["selection/2", model, item.kind, item.evidence, item.questionKind ?? null]))
    .digest("hex");
}

/** Most questions one request offers the model. */
const MAX_QUESTIONS = 8;

interface Pending {
  item: PhraseItem;
  spans: readonly Span[];
  key: string;
}

/** One item's answer (from the model or the cache) → what to show, and the value worth caching. */
function judge(
  target: Pending,
  answer: { keep?: unknown; join?: unknown; template?: unknown; slots?: unknown },
): {
  text: string | null;
  broken: PhrasingRule[];
  cached: string | null;
} {
  if (target.item.kind === "question") {
    const verdict = applyQuestion(target.item, answer.template, answer.slots);
    return {
      text: verdict.text,
      broken: verdict.broken,
      cached: verdict.choice ? JSON.stringify(verdict.choice) : null,
    };
  }
  const keep = Array.isArray(answer.keep) ? (answer.keep as Array<{ from: number; to: number }>) : [];
  const verdict = applySelection(target.spans, target.item.evidence, keep, answer.join ?? null);
  return {
    text: verdict.text,
    broken: verdict.broken,
    cached: verdict.selection
      ? JSON.stringify({
          keep: verdict.selection.keep.map((n) => ({ from: n, to: n })),
          join: verdict.selection.join,
        })
      : null,
  };
}

const isPhrasable = (item: PhraseItem, spans: readonly Span[]): boolean =>
  item.kind === "summary" &&
  spans.length > 1 &&
  spans.length <= MAX_SPANS_PER_ITEM &&
  // A one-sentence item with nothing detachable has only one valid selection: its template text.
  (spans.some((s) => !s.main) || spans.some((s) => s.sentence > 0));

export class LlmPhraser implements Phraser {
  readonly name: string;
  /** Tokens in the last prompt sent (for `--json` and logs). */
  lastPromptTokens = 0;

  constructor(private readonly options: LlmPhraserOptions) {
    this.name = `llm:${options.model.model}`;
  }

  async phrase(items: readonly PhraseItem[]): Promise<Map<string, Phrasing>> {
    const out = await templatePhraser.phrase(items);
    const model = this.options.model.model;
    const summaries = items
      .map((item) => ({ item, spans: splitEvidence(item.evidence) }))
      .filter(({ item, spans }) => isPhrasable(item, spans))
      .slice(0, MAX_ITEMS);
    // Only a question the templates could word offline is offered: the model may choose it better, never invent one.
    const questions = items
      .filter((item) => item.kind === "question" && (out.get(item.id)?.text ?? "") !== "")
      .slice(0, MAX_QUESTIONS)
      .map((item) => ({ item, spans: [] as Span[] }));
    const asked = [...summaries, ...questions];
    if (asked.length === 0) return out;
    const keys = asked.map(({ item }) => cacheKey(model, item));
    const cached = this.options.cache ? await this.options.cache.getMany(keys) : [];
    const pending: Pending[] = [];
    asked.forEach(({ item, spans }, i) => {
      const target = { item, spans, key: keys[i] ?? cacheKey(model, item) };
      const hit = cached[i];
      // A cached choice is checked again like a fresh answer: the cache is not trusted to say more.
      const verdict = hit ? fromCache(target, hit) : null;
      if (verdict) out.set(item.id, { text: verdict, by: "llm" });
      else pending.push(target);
    });
    if (pending.length === 0) return out;

    const request = buildRequest(
      pending.filter((p) => p.item.kind === "summary").map((p) => ({ id: p.item.id, spans: p.spans })),
      pending.filter((p) => p.item.kind === "question").map((p) => p.item),
    );
    this.lastPromptTokens = countTokens(request.messages.map((m) => m.content).join("\n"));
    let parsed: ReturnType<typeof parseAnswer>;
    try {
      parsed = parseAnswer(await this.options.model.complete(request));
    } catch (error) {
      this.options.log?.warn(
        { model, items: pending.length, reason: (error as Error).message },
        "LLM phrasing failed; the template brief is shown",
      );
      return out;
    }

    const byId = new Map(pending.map((p) => [p.item.id, p]));
    const rules: Record<string, PhrasingRule[]> = {};
    const note = (id: string, list: readonly PhrasingRule[]): void => {
      if (list.length > 0) rules[id] = [...(rules[id] ?? []), ...list];
    };
    if (parsed.extra.length > 0) note("*", ["extra-field"]);
    const answered = new Set<string>();
    const accepted: Array<{ key: string; value: string }> = [];
    for (const answer of parsed.items) {
      const target = byId.get(answer.id);
      if (!target || answered.has(answer.id)) {
        note(answer.id.slice(0, 40), ["unknown-id"]);
        continue;
      }
      answered.add(answer.id);
      const verdict = judge(target, answer);
      note(answer.id, [...(answer.extra.length > 0 ? ["extra-field" as const] : []), ...verdict.broken]);
      if (!verdict.text || !verdict.cached) continue;
      out.set(answer.id, { text: verdict.text, by: "llm" });
      accepted.push({ key: target.key, value: verdict.cached });
    }
    for (const p of pending) if (!answered.has(p.item.id)) note(p.item.id, ["missing-item"]);
    if (accepted.length > 0) await this.options.cache?.setMany(accepted);
    const refused = pending.filter((p) => out.get(p.item.id)?.by !== "llm").map((p) => p.item.id);
    const data = { model, promptTokens: this.lastPromptTokens, accepted: accepted.length, refused, rules };
    // A repair or a refusal is worth a warning, naming the rules; a clean answer only an info line.
    if (Object.keys(rules).length > 0) this.options.log?.warn(data, "LLM phrasing checked");
    else this.options.log?.info(data, "LLM phrasing checked");
    return out;
  }
}

function fromCache(target: Pending, value: string): string | null {
  try {
    const parsed = JSON.parse(value) as unknown;
    if (typeof parsed !== "object" || parsed === null) return null;
    const verdict = judge(target, parsed);
    return verdict.broken.length === 0 ? verdict.text : null;
  } catch {
    return null;
  }
}
