// A loopback OpenAI-compatible double for tests: one node:http server on 127.0.0.1 that answers
// `POST /v1/chat/completions` (and `GET /v1/models`) well enough for the real `openai` SDK to parse, and
// misbehaves on cue the ways an LLM phraser must survive: hostile selections (see selectionAnswers.ts),
// broken or partial JSON, refusals, rate limits, server errors, a request that never ends and a server
// without structured output.
//
// The phraser's request carries, as the content of its last user message, `{"items":[{id, spans:[{n,
// sentence, text, must}]}]}`; the double answers `{"items":[{id, keep:[{from,to}], join}]}` as the
// assistant message content.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { rng } from "../support/briefGenerator.js";
import { faithfulAnswer, hostileContent } from "../support/selectionAnswers.js";

export type Behaviour =
  /** Each item: its first sentence's main spans (see {@link faithfulAnswer}). */
  | "faithful"
  /** Random and adversarial selections from a seeded generator (see {@link hostileContent}). */
  | "hostile"
  /** 200, but the content is prose with a truncated JSON fragment. */
  | "invalid-json"
  /** 200, faithful selections under ids that were not asked for (`x-<id>`). */
  | "wrong-ids"
  /** 200, only the first item answered. */
  | "missing-ids"
  /** 200, `message.refusal` set and `content: null`. */
  | "refusal"
  /** The first request after this behaviour is set: 429 + `Retry-After: 1`; later ones: faithful. */
  | "rate-limit-then-ok"
  /** 500 with an OpenAI error body, forever. */
  | "server-error"
  /** The request is read and recorded, and never answered (until close()). */
  | "hang"
  /** 400 "response_format not supported" when response_format is json_schema; otherwise faithful. */
  | "no-json-schema";

export interface RecordedRequest {
  /** The URL path and query as received, e.g. "/v1/chat/completions". */
  path: string;
  method: string;
  /** The parsed JSON body; the raw string if it was not JSON; undefined if there was none. */
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** Date.now() when the request's body had been read. */
  at: number;
}

// ---------------------------------------------------------------------------------------------------------
// Wire helpers
// ---------------------------------------------------------------------------------------------------------
import {
  RequestError,
  askedItems,
  checkResponseFormat,
  isRecord,
  sendError,
  sendJson,
} from "./openaiWire.js";

// ---------------------------------------------------------------------------------------------------------
// The double
// ---------------------------------------------------------------------------------------------------------

export class OpenAIDouble {
  /** "http://127.0.0.1:PORT/v1": pass it as the SDK's `baseURL`. */
  readonly baseUrl: string;
  /** Every request, in arrival order, whatever its path or outcome (hanging ones included). */
  readonly requests: RecordedRequest[] = [];
  /** The content of the last 200 chat completion (null after a refusal). */
  lastContent: string | null = null;
  /** Seeds the hostile generator; each hostile request advances it. */
  seed = 1;

  readonly #server: Server;
  readonly #hanging = new Set<ServerResponse>();
  readonly #waiters: Array<{ count: number; resolve: () => void }> = [];
  #behaviour: Behaviour;
  #rateLimited = false;
  #closed: Promise<void> | undefined;

  private constructor(server: Server, behaviour: Behaviour) {
    this.#server = server;
    this.#behaviour = behaviour;
    const { port } = server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}/v1`;
  }

  static async start(behaviour: Behaviour = "faithful"): Promise<OpenAIDouble> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    const double = new OpenAIDouble(server, behaviour);
    server.on("request", (req, res) => {
      double.#handle(req, res).catch((error: unknown) => {
        if (!res.headersSent)
          sendError(res, new RequestError(500, `openai double: ${String(error)}`, "server_error", null));
      });
    });
    return double;
  }

  /** Can be changed between calls; setting it (even to the same value) re-arms "rate-limit-then-ok". */
  get behaviour(): Behaviour {
    return this.#behaviour;
  }
  set behaviour(value: Behaviour) {
    this.#behaviour = value;
    this.#rateLimited = false;
  }

  /** The chat completion requests only, their bodies as sent. */
  get chatRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith("/v1/chat/completions"));
  }

  /** Resolves once at least `count` requests have been recorded (for "hang": the request has arrived). */
  waitForRequests(count: number): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ count, resolve }));
  }

  /** Stops listening and ends every connection, hanging requests included. Idempotent. */
  close(): Promise<void> {
    this.#closed ??= new Promise<void>((resolve) => {
      for (const res of this.#hanging) res.destroy();
      this.#hanging.clear();
      this.#server.close(() => {
        resolve();
      });
      this.#server.closeAllConnections();
    });
    return this.#closed;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: unknown = raw === "" ? undefined : raw;
    if (raw !== "") {
      try {
        body = JSON.parse(raw) as unknown;
      } catch {
        // recorded as the raw string
      }
    }
    const path = req.url ?? "/";
    const method = req.method ?? "GET";
    this.requests.push({ path, method, body, headers: { ...req.headers }, at: Date.now() });
    for (const waiter of this.#waiters.filter((w) => this.requests.length >= w.count)) {
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      waiter.resolve();
    }

    const route = path.split("?")[0];
    if (route === "/v1/models" && method === "GET") {
      sendJson(res, 200, {
        object: "list",
        data: [{ id: "gpt-4o-mini", object: "model", created: 1721172741, owned_by: "system" }],
      });
      return;
    }
    if (route !== "/v1/chat/completions" || method !== "POST") {
      sendError(
        res,
        new RequestError(404, `Invalid URL (${method} ${route ?? path})`, "invalid_request_error", null),
      );
      return;
    }
    const auth = req.headers.authorization;
    if (typeof auth !== "string" || !/^Bearer \S+/.test(auth)) {
      sendError(
        res,
        new RequestError(
          401,
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth.",
          "invalid_request_error",
          "missing_api_key",
        ),
      );
      return;
    }
    try {
      this.#answer(req, res, body, raw);
    } catch (error) {
      if (error instanceof RequestError) sendError(res, error);
      else throw error;
    }
  }

  #answer(req: IncomingMessage, res: ServerResponse, body: unknown, raw: string): void {
    const behaviour = this.#behaviour;
    if (behaviour === "hang") {
      this.#hanging.add(res);
      res.on("close", () => this.#hanging.delete(res));
      req.socket.setTimeout(0);
      return;
    }
    if (behaviour === "server-error")
      throw new RequestError(
        500,
        "The server had an error while processing your request. Sorry about that!",
        "server_error",
        null,
      );
    if (behaviour === "rate-limit-then-ok" && !this.#rateLimited) {
      this.#rateLimited = true;
      sendError(
        res,
        new RequestError(
          429,
          "Rate limit reached for gpt-4o-mini in organization org-double on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s.",
          "requests",
          "rate_limit_exceeded",
        ),
        { "retry-after": "1", "x-ratelimit-remaining-requests": "0" },
      );
      return;
    }

    if (!isRecord(body))
      throw new RequestError(
        400,
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)",
        "invalid_request_error",
        null,
      );
    if (typeof body["model"] !== "string" || body["model"] === "")
      throw new RequestError(
        400,
        "you must provide a model parameter",
        "invalid_request_error",
        null,
        "model",
      );
    if (body["stream"] === true)
      throw new RequestError(
        400,
        "openai double: streaming is not supported",
        "invalid_request_error",
        null,
        "stream",
      );
    const format = body["response_format"];
    if (behaviour === "no-json-schema" && isRecord(format) && format["type"] === "json_schema")
      throw new RequestError(
        400,
        "response_format not supported",
        "invalid_request_error",
        null,
        "response_format",
      );
    checkResponseFormat(body);
    const items = askedItems(body);

    let content: string | null;
    let refusal: string | null = null;
    switch (behaviour) {
      case "invalid-json": {
        const first = items[0];
        content = `Here are the selections you asked for:\n{"items": [{"id": "${first?.id ?? ""}", "keep": [{"from": 0`;
        break;
      }
      case "refusal":
        content = null;
        refusal = "I'm sorry, but I can't help with that request.";
        break;
      case "wrong-ids": {
        const asked = new Set(items.map((i) => i.id));
        content = JSON.stringify({
          items: items.map((item) => {
            let id = `x-${item.id}`;
            while (asked.has(id)) id = `x-${id}`;
            return { ...faithfulAnswer(item), id };
          }),
        });
        break;
      }
      case "missing-ids":
        content = JSON.stringify({ items: items.slice(0, 1).map(faithfulAnswer) });
        break;
      case "hostile":
        content = hostileContent(items, rng(this.seed++));
        break;
      default:
        content = JSON.stringify({ items: items.map(faithfulAnswer) });
    }
    this.lastContent = content;

    const promptTokens = Math.ceil(raw.length / 4);
    const completionTokens = Math.ceil((content ?? refusal ?? "").length / 4);
    sendJson(res, 200, {
      id: `chatcmpl-${randomBytes(12).toString("hex")}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: body["model"],
      choices: [
        {
          index: 0,
          message: { role: "assistant", content, refusal, annotations: [] },
          logprobs: null,
          finish_reason: "stop",
        },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
      service_tier: "default",
      system_fingerprint: "fp_openai_double",
    });
  }
}
