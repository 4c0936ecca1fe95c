// The chat-model port over the official openai SDK (Chat Completions, any OpenAI-compatible server):
// strict JSON-schema structured output where the server has it, JSON mode or a plain request where it
// does not, one bounded call (the SDK's own retries on 429/5xx happen inside the timeout).
import OpenAI from "openai";
import type { ChatModel, ChatRequest } from "../core/phrase/ports.js";

export class ChatFailed extends Error {
  override readonly name = "ChatFailed";
}

export interface OpenAIChatModelOptions {
  client: OpenAI;
  model: string;
  /** Bounds the whole call, retries included. */
  timeoutMs: number;
}

export class OpenAIChatModel implements ChatModel {
  readonly model: string;
  /** Servers without structured output answer 400 to a JSON schema; after one such answer, ask plainly. */
  private jsonSchema = true;

  constructor(private readonly options: OpenAIChatModelOptions) {
    this.model = options.model;
  }

  async complete(request: ChatRequest): Promise<string> {
    const completion = await this.create(request);
    const choice = completion.choices[0];
    if (!choice) throw new ChatFailed("no choices in the answer");
    if (choice.message.refusal) throw new ChatFailed(`refused: ${choice.message.refusal.slice(0, 200)}`);
    const content = choice.message.content;
    if (!content) throw new ChatFailed("empty answer");
    return content;
  }

  private async create(request: ChatRequest): Promise<OpenAI.Chat.Completions.ChatCompletion> {
    const body = { model: this.options.model, messages: request.messages, temperature: 0 };
    const options = { timeout: this.options.timeoutMs, signal: AbortSignal.timeout(this.options.timeoutMs) };
    const { client } = this.options;
    if (this.jsonSchema) {
      try {
        return await client.chat.completions.create(
          {
            ...body,
            response_format: {
              type: "json_schema",
              json_schema: { name: request.schema.name, strict: true, schema: request.schema.schema },
            },
          },
          options,
        );
      } catch (error) {
        if (!isUnsupportedFormat(error)) throw error;
        this.jsonSchema = false;
      }
    }
    return client.chat.completions
      .create({ ...body, response_format: { type: "json_object" } }, options)
      .catch((error: unknown) => {
        // Some servers know neither; the prompt asks for JSON anyway and the answer is validated.
        if (!isUnsupportedFormat(error)) throw error;
        return client.chat.completions.create(body, options);
      });
  }
}

/** A chat model for a configured server: the SDK client built from the base URL and key. */
export function openAIChatModelFor(options: {
  baseURL: string | undefined;
  apiKey: string | undefined;
  model: string;
  timeoutMs: number;
}): OpenAIChatModel {
  const client = new OpenAI({
    // Local servers (Ollama, vLLM, llama.cpp) take any key; the SDK insists on one.
    apiKey: options.apiKey ?? "not-needed",
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
  });
  return new OpenAIChatModel({ client, model: options.model, timeoutMs: options.timeoutMs });
}

function isUnsupportedFormat(error: unknown): boolean {
  const status = (error as { status?: number }).status;
  return (
    status === 400 && /response_format|json_schema|json_object|structured/i.test((error as Error).message)
  );
}
