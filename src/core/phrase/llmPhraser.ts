// The LLM phraser: asks any OpenAI-compatible server (Chat Completions) to re-word the grounded summary
// and question items it is handed, then lets only what passes the gate replace the template text. Quotes
// are never sent. Any failed call (timeout, 429/5xx after the SDK's own retries, bad JSON, refusal, wrong
// ids) falls back to the template text for the whole brief, with one log line.
import { createHash } from "node:crypto";
import type Keyv from "keyv";
import type OpenAI from "openai";
import { z } from "zod";
import { checkRewording, type GateReason } from "./gate.js";
import type { PhraseItem, Phraser, Phrasing } from "./phraser.js";
import { templatePhraser } from "./templatePhraser.js";
import { countTokens } from "./tokens.js";

export interface PhraseLog {
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
}

export interface LlmPhraserOptions {
  client: OpenAI;
  model: string;
  /** Per request; the SDK's own retries (429 with Retry-After, 5xx) happen inside it. */
  timeoutMs: number;
  /** Accepted phrasings, keyed by model and evidence, so the same brief costs one call. */
  cache?: Keyv<string> | undefined;
  log?: PhraseLog | undefined;
}

const Answer = z.object({ items: z.array(z.object({ id: z.string(), text: z.string() })) });

const JSON_SCHEMA = {
  name: "rewordings",
  strict: true,
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["items"],
    properties: {
      items: {
        type: "array",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["id", "text"],
          properties: { id: { type: "string" }, text: { type: "string" } },
        },
      },
    },
  },
} as const;

export const SYSTEM_PROMPT = [
  "You re-word items of a news brief so they read well. You are given each item's evidence: the only facts you may use.",
  "Rules: use no number, date, name, place, product or quotation that is not in the item's evidence; keep every hedge",
  "(may, would, expects, subject to, tentatively) and every negation exactly as strong as in the evidence; add no links,",
  "citations or advice. Summary items: one plain sentence. Question items: one short question ending in '?', asking",
  "what the evidence leaves open; a draft is given — improve it. If an item cannot be improved, return its evidence",
  'or draft unchanged. Answer with JSON {"items":[{"id":…,"text":…}]}, exactly one entry per item id.',
].join(" ");

export class PhrasingFailed extends Error {
  override readonly name = "PhrasingFailed";
}

function cacheKey(model: string, item: PhraseItem): string {
  return createHash("sha256")
    .update(JSON.stringify([model, item.kind, item.evidence, item.questionKind ?? null, item.cue ?? null]))
    .digest("hex");
}

export class LlmPhraser implements Phraser {
  readonly name: string;
  /** Servers without structured output answer 400 to a JSON schema; after one such answer, ask plainly. */
  private jsonSchema = true;
  /** Tokens in the last prompt sent (for `--json` and logs). */
  lastPromptTokens = 0;

  constructor(private readonly options: LlmPhraserOptions) {
    this.name = `llm:${options.model}`;
  }

  async phrase(items: readonly PhraseItem[]): Promise<Map<string, Phrasing>> {
    const template = await templatePhraser.phrase(items);
    const out = new Map(template);
    const keys = new Map(items.map((item) => [item.id, cacheKey(this.options.model, item)]));
    // One round trip for the whole brief, whichever store is behind the cache.
    const cached = this.options.cache ? await this.options.cache.getMany([...keys.values()]) : [];
    const pending: PhraseItem[] = [];
    items.forEach((item, i) => {
      const text = cached[i];
      if (text) out.set(item.id, { text, by: "llm" });
      else pending.push(item);
    });
    if (pending.length === 0) return out;

    let answers: Map<string, string>;
    try {
      answers = await this.ask(pending, template);
    } catch (error) {
      this.options.log?.warn(
        { model: this.options.model, items: pending.length, reason: (error as Error).message },
        "LLM phrasing failed; the template brief is shown",
      );
      return out;
    }
    const rejected: Record<string, GateReason[]> = {};
    const accepted: Array<{ key: string; value: string }> = [];
    for (const item of pending) {
      const text = answers.get(item.id)?.trim() ?? "";
      const verdict = checkRewording({ kind: item.kind, evidence: item.evidence }, text);
      if (!verdict.ok) {
        rejected[item.id] = verdict.reasons;
        continue;
      }
      out.set(item.id, { text, by: "llm" });
      accepted.push({ key: keys.get(item.id) ?? cacheKey(this.options.model, item), value: text });
    }
    if (accepted.length > 0) await this.options.cache?.setMany(accepted);
    this.options.log?.info(
      {
        model: this.options.model,
        promptTokens: this.lastPromptTokens,
        accepted: pending.length - Object.keys(rejected).length,
        rejected,
      },
      "LLM phrasing checked",
    );
    return out;
  }

  private async ask(
    items: readonly PhraseItem[],
    template: ReadonlyMap<string, Phrasing>,
  ): Promise<Map<string, string>> {
    const payload = {
      items: items.map((item) => ({
        id: item.id,
        kind: item.kind,
        evidence: item.evidence,
        ...(item.kind === "question" ? { draft: template.get(item.id)?.text ?? "" } : {}),
      })),
    };
    const messages = [
      { role: "system" as const, content: SYSTEM_PROMPT },
      { role: "user" as const, content: JSON.stringify(payload) },
    ];
    this.lastPromptTokens = countTokens(messages.map((m) => m.content).join("\n"));
    const completion = await this.complete(messages);
    const choice = completion.choices[0];
    if (!choice) throw new PhrasingFailed("no choices in the answer");
    if (choice.message.refusal) throw new PhrasingFailed(`refused: ${choice.message.refusal.slice(0, 200)}`);
    let parsed: z.infer<typeof Answer>;
    try {
      parsed = Answer.parse(JSON.parse(choice.message.content ?? ""));
    } catch {
      throw new PhrasingFailed("the answer is not the JSON asked for");
    }
    const asked = new Set(items.map((i) => i.id));
    const answered = new Map(parsed.items.map((a) => [a.id, a.text]));
    const wrong = parsed.items.filter((a) => !asked.has(a.id)).map((a) => a.id);
    const missing = [...asked].filter((id) => !answered.has(id));
    if (wrong.length > 0 || missing.length > 0 || answered.size !== parsed.items.length) {
      throw new PhrasingFailed(
        `wrong ids in the answer (unknown: ${wrong.join(",") || "none"}; missing: ${missing.join(",") || "none"})`,
      );
    }
    return answered;
  }

  private async complete(
    messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[],
  ): Promise<OpenAI.Chat.Completions.ChatCompletion> {
    const request = { model: this.options.model, messages, temperature: 0 };
    // The timeout bounds the whole call, the SDK's own retries included.
    const options = { timeout: this.options.timeoutMs, signal: AbortSignal.timeout(this.options.timeoutMs) };
    if (this.jsonSchema) {
      try {
        return await this.options.client.chat.completions.create(
          { ...request, response_format: { type: "json_schema", json_schema: JSON_SCHEMA } },
          options,
        );
      } catch (error) {
        if (!isUnsupportedSchema(error)) throw error;
        this.jsonSchema = false;
      }
    }
    return this.options.client.chat.completions
      .create({ ...request, response_format: { type: "json_object" } }, options)
      .catch((error: unknown) => {
        // Some servers know neither; the prompt asks for JSON anyway and the answer is validated.
        if (!isUnsupportedSchema(error)) throw error;
        return this.options.client.chat.completions.create(request, options);
      });
  }
}

function isUnsupportedSchema(error: unknown): boolean {
  const status = (error as { status?: number }).status;
  return (
    status === 400 && /response_format|json_schema|json_object|structured/i.test((error as Error).message)
  );
}
