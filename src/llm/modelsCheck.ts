// The LLM check behind `docket doctor`: one bounded GET /models through the official SDK (no retries), and
// whether the configured model is among the server's models; one line for a person. It never throws.
import OpenAI from "openai";
import { networkReason } from "../core/networkReason.js";

export interface ModelsCheck {
  ok: boolean;
  message: string;
}

export async function checkModels(options: {
  apiKey: string | undefined;
  baseURL: string | undefined;
  model: string;
  /** How the server is named in messages (its variable, password hidden). */
  where: string;
  timeoutMs: number;
}): Promise<ModelsCheck> {
  const { where, timeoutMs, model } = options;
  const client = new OpenAI({
    // Local servers take any key; the SDK insists on one.
    apiKey: options.apiKey ?? "not-needed",
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    timeout: timeoutMs,
    maxRetries: 0,
  });
  const started = performance.now();
  try {
    const page = await client.models.list({ signal: AbortSignal.timeout(timeoutMs) });
    const ids = page.data.map((m) => m.id);
    const ms = Math.round(performance.now() - started);
    if (ids.length > 0 && !ids.includes(model)) {
      const shown = ids.slice(0, 5).join(", ") + (ids.length > 5 ? ", …" : "");
      return {
        ok: false,
        message: `${where} answers, but OPENAI_MODEL=${model} is not among its models (${shown})`,
      };
    }
    return { ok: true, message: `${where} answers in ${ms} ms; model ${model} is available` };
  } catch (error) {
    if (error instanceof OpenAI.AuthenticationError || error instanceof OpenAI.PermissionDeniedError)
      return { ok: false, message: `${where} refused OPENAI_API_KEY (${error.status}); check the key` };
    if (error instanceof OpenAI.APIConnectionTimeoutError)
      return { ok: false, message: `${where} did not answer within ${timeoutMs} ms` };
    if (error instanceof OpenAI.APIError && error.status !== undefined)
      return {
        ok: false,
        message: `${where} answered GET /models with HTTP ${error.status}; is it OpenAI-compatible?`,
      };
    return { ok: false, message: `cannot reach ${where} (${networkReason(error)})` };
  }
}
