// The OpenAI double's wire side: reading the phraser's asked items out of a chat request, OpenAI's checks
// of a strict json_schema response_format, and JSON and error replies shaped like OpenAI's.
import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { AskedItem } from "../support/selectionAnswers.js";

export class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly code: string | null,
    readonly param: string | null = null,
  ) {
    super(message);
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function messageText(content: unknown): string | null {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    const parts = content
      .filter(isRecord)
      .filter((p) => p["type"] === "text" && typeof p["text"] === "string")
      .map((p) => p["text"] as string);
    return parts.length > 0 ? parts.join("") : null;
  }
  return null;
}

/** The items of the last user message; a 400 naming what is wrong if there are none. */
export function askedItems(body: Record<string, unknown>): AskedItem[] {
  const messages: unknown = body["messages"];
  if (!Array.isArray(messages) || messages.length === 0)
    throw new RequestError(
      400,
      "'messages' must be a non-empty array.",
      "invalid_request_error",
      null,
      "messages",
    );
  const lastUser = [...(messages as unknown[])].reverse().find((m) => isRecord(m) && m["role"] === "user");
  const text = isRecord(lastUser) ? messageText(lastUser["content"]) : null;
  const bad = (why: string): RequestError =>
    new RequestError(400, `openai double: ${why}`, "invalid_request_error", null, "messages");
  if (text === null) throw bad("no user message with text content");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw bad('the last user message is not JSON of the shape {"items":[…]}');
  }
  const items = isRecord(parsed) ? parsed["items"] : undefined;
  if (!Array.isArray(items)) throw bad('the last user message has no "items" array');
  return items.map((raw, index) => {
    if (!isRecord(raw) || typeof raw["id"] !== "string") throw bad(`items[${index}] has no string id`);
    const spans = Array.isArray(raw["spans"]) ? raw["spans"].filter(isRecord) : [];
    const item: AskedItem = {
      id: raw["id"],
      spans: spans.map((sp) => ({
        n: typeof sp["n"] === "number" ? sp["n"] : -1,
        sentence: typeof sp["sentence"] === "number" ? sp["sentence"] : 0,
        text: typeof sp["text"] === "string" ? sp["text"] : "",
        must: sp["must"] === true,
      })),
    };
    if (Array.isArray(raw["words"]))
      item.words = raw["words"].map((w) => (Array.isArray(w) ? w.map((x) => String(x)) : []));
    if (Array.isArray(raw["templates"]))
      item.templates = raw["templates"]
        .filter(isRecord)
        .map((t) => ({ id: String(t["id"]), text: String(t["text"]) }));
    return item;
  });
}

/**
 * What OpenAI checks of a strict json_schema before answering: a name, an object root, and in every object
 * `additionalProperties: false` and every property required. Clients that get this wrong get a 400.
 */
export function checkResponseFormat(body: Record<string, unknown>): void {
  const format = body["response_format"];
  if (!isRecord(format) || format["type"] !== "json_schema") return;
  const spec = format["json_schema"];
  const invalid = (message: string): RequestError =>
    new RequestError(400, message, "invalid_request_error", null, "response_format");
  if (!isRecord(spec) || typeof spec["name"] !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(spec["name"]))
    throw invalid("Missing or invalid 'response_format.json_schema.name'.");
  const name = spec["name"];
  const schema = spec["schema"];
  if (spec["strict"] !== true) return;
  if (!isRecord(schema) || schema["type"] !== "object")
    throw invalid(
      `Invalid schema for response_format '${name}': schema must be a JSON Schema of 'type: "object"'.`,
    );
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        visit(child, `${path}/${i}`);
      });
      return;
    }
    if (!isRecord(node)) return;
    const properties = node["properties"];
    if (node["type"] === "object" || isRecord(properties)) {
      if (node["additionalProperties"] !== false)
        throw invalid(
          `Invalid schema for response_format '${name}': In context=(${path}), 'additionalProperties' is required to be supplied and to be false.`,
        );
      const keys = isRecord(properties) ? Object.keys(properties) : [];
      const required = Array.isArray(node["required"]) ? node["required"] : [];
      const missing = keys.find((k) => !required.includes(k));
      if (missing !== undefined)
        throw invalid(
          `Invalid schema for response_format '${name}': In context=(${path}), 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`,
        );
    }
    for (const [key, child] of Object.entries(node))
      if (typeof child === "object") visit(child, `${path}/${key}`);
  };
  visit(schema, "");
}

export function sendJson(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "x-request-id": `req_${randomBytes(12).toString("hex")}`,
    ...headers,
  });
  res.end(text);
}

export function sendError(
  res: ServerResponse,
  error: RequestError,
  headers: Record<string, string> = {},
): void {
  sendJson(
    res,
    error.status,
    { error: { message: error.message, type: error.type, param: error.param, code: error.code } },
    headers,
  );
}

// ---------------------------------------------------------------------------------------------------------
// The double
// ---------------------------------------------------------------------------------------------------------
