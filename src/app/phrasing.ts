// Chooses the phraser from the configuration: the LLM phraser when a server is configured and not
// switched off, else the template phraser; says which once, at start.
import type { Config } from "./config.js";
import { type PhraseLog } from "../core/phrase/ports.js";
import type { Phraser } from "../core/phrase/phraser.js";
import { templatePhraser } from "../core/phrase/templatePhraser.js";
import { KeyvPhrasingCache } from "../llm/keyvPhrasingCache.js";
import type { Store } from "../store/openStore.js";

export interface ChosenPhraser {
  phraser: Phraser;
  /** One line for the start-up log. */
  description: string;
}

/**
 * Async because the LLM phraser (its tokenizer) and the OpenAI SDK are imported only when a server is
 * configured: template phrasing never loads them.
 */
export async function choosePhraser(
  config: Config,
  store: Store | null,
  log: PhraseLog,
): Promise<ChosenPhraser> {
  if (config.DOCKET_LLM === "off")
    return { phraser: templatePhraser, description: "LLM switched off (DOCKET_LLM=off): template phrasing" };
  if (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) {
    return {
      phraser: templatePhraser,
      description: "no OPENAI_API_KEY or OPENAI_BASE_URL: template phrasing, no LLM",
    };
  }
  const { LlmPhraser } = await import("../core/phrase/llmPhraser.js");
  const { openAIChatModelFor } = await import("../llm/openaiChatModel.js");
  const phraser = new LlmPhraser({
    model: openAIChatModelFor({
      baseURL: config.OPENAI_BASE_URL,
      apiKey: config.OPENAI_API_KEY,
      model: config.OPENAI_MODEL,
      timeoutMs: config.DOCKET_LLM_TIMEOUT_MS,
    }),
    cache: store ? new KeyvPhrasingCache(store.namespace<string>("phrasing")) : undefined,
    log,
  });
  return {
    phraser,
    description: `LLM phrasing with ${config.OPENAI_MODEL} at ${config.OPENAI_BASE_URL ?? "api.openai.com"}, choosing evidence spans only`,
  };
}
