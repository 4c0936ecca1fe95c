// The ports the phrasing step needs from the outside world, so the core names no vendor SDK or store:
// a chat model that answers one structured request with text, and a cache for accepted selections.
// The adapters (the official openai SDK, Keyv) live in src/llm.

export interface ChatMessage {
  role: "system" | "user";
  content: string;
}

export interface ChatRequest {
  messages: ChatMessage[];
  /** The JSON schema the answer must follow (strict structured output where the server has it). */
  schema: { name: string; schema: Record<string, unknown> };
}

export interface ChatModel {
  /** The model's name: part of every cache key, so two models never share phrasings. */
  readonly model: string;
  /** The assistant message's text; rejects on timeout, HTTP errors after retries, refusals, empty answers. */
  complete(request: ChatRequest): Promise<string>;
}

export interface PhrasingCache {
  /** One round trip for the whole brief, whichever store is behind it. */
  getMany(keys: readonly string[]): Promise<Array<string | undefined>>;
  setMany(entries: ReadonlyArray<{ key: string; value: string }>): Promise<void>;
}

export interface PhraseLog {
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
}
