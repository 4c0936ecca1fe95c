// The OpenAI double, driven by the real `openai` SDK: every behaviour the LLM phraser must survive, answered
// in shapes the SDK parses (or rejects) exactly as it would the real API's.
import assert from "node:assert/strict";
import { test, type TestContext } from "node:test";
import OpenAI from "openai";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import { ANSWER_SCHEMA } from "../../src/core/phrase/request.js";
import type { AskedItem } from "../support/selectionAnswers.js";
import { OpenAIDouble, type Behaviour } from "./openaiDouble.js";
import { HOSTILE_KINDS } from "../support/selectionAnswers.js";

const MODEL = "gpt-4o-mini-2024-07-18";
const S1: AskedItem = {
  id: "s1",
  spans: [
    { n: 0, sentence: 0, text: "On Monday", must: false },
    { n: 1, sentence: 0, text: "Microsoft will speed up talks with ByteDance", must: true },
    { n: 2, sentence: 0, text: "its Chinese owner", must: false },
  ],
};
const S2: AskedItem = {
  id: "s2",
  spans: [
    { n: 0, sentence: 0, text: "The deal may close in May", must: true },
    { n: 1, sentence: 1, text: "Regulators have not approved it", must: true },
  ],
};
const ITEMS = [S1, S2];

const RESPONSE_FORMAT = {
  type: "json_schema",
  json_schema: { name: "selections", strict: true, schema: ANSWER_SCHEMA },
} as const;

// ---------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------

async function startDouble(t: TestContext, behaviour?: Behaviour): Promise<OpenAIDouble> {
  const double = await OpenAIDouble.start(behaviour);
  t.after(() => double.close());
  return double;
}

function client(double: OpenAIDouble, options: { maxRetries?: number; timeout?: number } = {}): OpenAI {
  return new OpenAI({ baseURL: double.baseUrl, apiKey: "test", maxRetries: 0, ...options });
}

function params(
  items: readonly AskedItem[] = ITEMS,
  withFormat = true,
): ChatCompletionCreateParamsNonStreaming {
  return {
    model: MODEL,
    messages: [
      { role: "system", content: "Choose the spans to keep." },
      { role: "user", content: JSON.stringify({ items }) },
    ],
    ...(withFormat ? { response_format: RESPONSE_FORMAT } : {}),
  };
}

interface Answered {
  id: string;
  keep: Array<{ from: number; to: number }>;
  join: unknown;
}

function answered(content: string | null): Answered[] {
  assert.ok(content !== null, "content is null");
  const parsed = JSON.parse(content) as { items: Answered[] };
  assert.ok(Array.isArray(parsed.items));
  return parsed.items;
}

// ---------------------------------------------------------------------------------------------------------
// Faithful answers, and the shape of a completion
// ---------------------------------------------------------------------------------------------------------

test("faithful: a valid chat.completion the SDK parses, the first sentence's main spans per asked id", async (t) => {
  const double = await startDouble(t);
  const { data: completion, request_id } = await client(double)
    .chat.completions.create(params())
    .withResponse();

  assert.equal(completion.object, "chat.completion");
  assert.equal(completion.model, MODEL);
  assert.match(completion.id, /^chatcmpl-/);
  assert.ok(Number.isInteger(completion.created));
  assert.match(request_id ?? "", /^req_/);
  const choice = completion.choices[0];
  assert.ok(choice);
  assert.equal(choice.index, 0);
  assert.equal(choice.finish_reason, "stop");
  assert.equal(choice.message.role, "assistant");
  assert.equal(choice.message.refusal, null);
  assert.ok((completion.usage?.total_tokens ?? 0) > 0);

  assert.deepEqual(answered(choice.message.content), [
    { id: "s1", keep: [{ from: 1, to: 1 }], join: null },
    { id: "s2", keep: [{ from: 0, to: 0 }], join: null },
  ]);
  assert.equal(double.lastContent, choice.message.content);

  // The request is recorded as sent.
  assert.equal(double.requests.length, 1);
  const recorded = double.requests[0];
  assert.equal(recorded?.path, "/v1/chat/completions");
  assert.equal(recorded?.method, "POST");
  assert.equal(recorded?.headers["authorization"], "Bearer test");
  assert.deepEqual((recorded?.body as { response_format?: unknown }).response_format, RESPONSE_FORMAT);
  assert.ok((recorded?.at ?? 0) > 0);
});

test("hostile: seeded answers that break every rule, the same for the same seed; array content parts", async (t) => {
  const double = await startDouble(t, "hostile");
  const ask = () =>
    client(double).chat.completions.create({
      model: MODEL,
      messages: [{ role: "user", content: [{ type: "text", text: JSON.stringify({ items: ITEMS }) }] }],
    });
  const contents = new Set<string>();
  for (let i = 0; i < 40; i++) contents.add((await ask()).choices[0]?.message.content ?? "");
  assert.ok(contents.size > 30, "the generator varies its answers");
  double.seed = 1;
  const again = (await ask()).choices[0]?.message.content;
  double.seed = 1;
  assert.equal((await ask()).choices[0]?.message.content, again, "a seed gives the same answer");
  const all = [...contents].join("\n");
  assert.match(all, /1000000000|-1000000000/, "out-of-range spans");
  assert.match(all, /"text":/, "free text in extra fields");
  assert.ok(HOSTILE_KINDS.length >= 10);
});

test("GET /v1/models answers a model list", async (t) => {
  const double = await startDouble(t);
  const models = await client(double).models.list();
  assert.ok(models.data.length > 0);
  assert.equal(models.data[0]?.object, "model");
  assert.equal(double.requests[0]?.path, "/v1/models");
});

// ---------------------------------------------------------------------------------------------------------
// Malformed answers
// ---------------------------------------------------------------------------------------------------------

test("invalid-json: the SDK returns the content; JSON.parse and parse() both throw", async (t) => {
  const double = await startDouble(t, "invalid-json");
  const sdk = client(double);
  const completion = await sdk.chat.completions.create(params());
  const content = completion.choices[0]?.message.content ?? "";
  assert.throws(() => JSON.parse(content) as unknown, SyntaxError);
  // parse() JSON.parses json_schema content itself and lets the SyntaxError escape, not an OpenAIError.
  await assert.rejects(sdk.chat.completions.parse(params()), SyntaxError);
});

test("wrong-ids: answers under ids that were not asked for", async (t) => {
  const double = await startDouble(t, "wrong-ids");
  const completion = await client(double).chat.completions.create(params());
  const ids = answered(completion.choices[0]?.message.content ?? null).map((i) => i.id);
  assert.equal(ids.length, 2);
  for (const id of ids) assert.ok(!ITEMS.some((i) => i.id === id), id);
});

test("missing-ids: only the first item is answered", async (t) => {
  const double = await startDouble(t, "missing-ids");
  const completion = await client(double).chat.completions.create(params());
  assert.deepEqual(
    answered(completion.choices[0]?.message.content ?? null).map((i) => i.id),
    ["s1"],
  );
});

test("refusal: message.refusal set and content null; parse() gives parsed: null", async (t) => {
  const double = await startDouble(t, "refusal");
  const sdk = client(double);
  const completion = await sdk.chat.completions.create(params());
  const message = completion.choices[0]?.message;
  assert.equal(message?.content, null);
  assert.match(message?.refusal ?? "", /can't help/);
  assert.equal(double.lastContent, null);
  const parsed = await sdk.chat.completions.parse(params());
  assert.equal(parsed.choices[0]?.message.parsed, null);
});

// ---------------------------------------------------------------------------------------------------------
// Errors, retries, timeouts
// ---------------------------------------------------------------------------------------------------------

test("rate-limit-then-ok: 429 with Retry-After: 1, and the SDK's default retries wait it out", async (t) => {
  const double = await startDouble(t, "rate-limit-then-ok");
  const seen: Array<{ status: number; retryAfter: string | null; body: string }> = [];
  const sdk = new OpenAI({
    baseURL: double.baseUrl,
    apiKey: "test",
    // default maxRetries (2); a fetch that shows what reached the SDK
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      seen.push({
        status: response.status,
        retryAfter: response.headers.get("retry-after"),
        body: await response.clone().text(),
      });
      return response;
    },
  });
  const completion = await sdk.chat.completions.create(params());
  assert.equal(answered(completion.choices[0]?.message.content ?? null).length, 2);

  assert.deepEqual(
    seen.map((s) => [s.status, s.retryAfter]),
    [
      [429, "1"],
      [200, null],
    ],
  );
  const error = (JSON.parse(seen[0]?.body ?? "{}") as { error?: { type?: string; code?: string } }).error;
  assert.equal(error?.code, "rate_limit_exceeded");
  const [first, second] = double.chatRequests;
  assert.ok(first && second && double.chatRequests.length === 2);
  assert.equal(first.headers["x-stainless-retry-count"], "0");
  assert.equal(second.headers["x-stainless-retry-count"], "1");
  assert.ok(second.at - first.at >= 900, `retried after ${second.at - first.at} ms`);

  // Setting the behaviour again re-arms the 429; without retries the SDK throws RateLimitError.
  double.behaviour = "rate-limit-then-ok";
  await assert.rejects(client(double).chat.completions.create(params()), (e: unknown) => {
    assert.ok(e instanceof OpenAI.RateLimitError);
    assert.equal(e.status, 429);
    assert.equal(e.headers.get("retry-after"), "1");
    assert.equal(e.code, "rate_limit_exceeded");
    return true;
  });
});

test("server-error: 500 with an OpenAI error body; the SDK retries 500s unless told not to", async (t) => {
  const double = await startDouble(t, "server-error");
  await assert.rejects(client(double).chat.completions.create(params()), (e: unknown) => {
    assert.ok(e instanceof OpenAI.InternalServerError);
    assert.equal(e.status, 500);
    assert.equal(e.type, "server_error");
    assert.match(e.message, /^500 The server had an error/);
    return true;
  });
  assert.equal(double.chatRequests.length, 1);
  await assert.rejects(
    client(double, { maxRetries: 1 }).chat.completions.create(params()),
    OpenAI.InternalServerError,
  );
  assert.equal(double.chatRequests.length, 3);
  assert.equal(double.lastContent, null);
});

test("hang: a short SDK timeout rejects with APIConnectionTimeoutError; timeouts are retried too", async (t) => {
  const double = await startDouble(t, "hang");
  const started = Date.now();
  await assert.rejects(
    client(double, { timeout: 150 }).chat.completions.create(params()),
    OpenAI.APIConnectionTimeoutError,
  );
  assert.ok(Date.now() - started < 1000);
  assert.equal(double.chatRequests.length, 1);
  await assert.rejects(
    client(double, { timeout: 150, maxRetries: 1 }).chat.completions.create(params()),
    /Request timed out/,
  );
  assert.equal(double.chatRequests.length, 3);
});

test("hang: close() ends a hanging request, which the SDK reports as a connection error", async (t) => {
  const double = await startDouble(t, "hang");
  const started = Date.now();
  const pending = client(double, { timeout: 5000 }).chat.completions.create(params());
  await double.waitForRequests(1);
  await double.close();
  await assert.rejects(pending, (e: unknown) => {
    assert.ok(e instanceof OpenAI.APIConnectionError);
    assert.ok(!(e instanceof OpenAI.APIConnectionTimeoutError));
    return true;
  });
  assert.ok(Date.now() - started < 2000);
  await double.close(); // idempotent
});

test("no-json-schema: 400 for a json_schema response_format, faithful otherwise", async (t) => {
  const double = await startDouble(t, "no-json-schema");
  const sdk = client(double);
  await assert.rejects(sdk.chat.completions.create(params()), (e: unknown) => {
    assert.ok(e instanceof OpenAI.BadRequestError);
    assert.equal(e.status, 400);
    assert.match(e.message, /response_format not supported/);
    assert.equal(e.param, "response_format");
    return true;
  });
  const plain = await sdk.chat.completions.create(params(ITEMS, false));
  assert.equal(answered(plain.choices[0]?.message.content ?? null).length, 2);
  const jsonObject = await sdk.chat.completions.create({
    ...params(ITEMS, false),
    response_format: { type: "json_object" },
  });
  assert.equal(answered(jsonObject.choices[0]?.message.content ?? null).length, 2);
});

// ---------------------------------------------------------------------------------------------------------
// Requests the real API would refuse
// ---------------------------------------------------------------------------------------------------------

test("a strict json_schema must close every object and require every property, as OpenAI checks", async (t) => {
  const double = await startDouble(t);
  const loose = structuredClone(RESPONSE_FORMAT) as unknown as {
    json_schema: { schema: { properties: { items: { items: Record<string, unknown> } } } };
  };
  delete loose.json_schema.schema.properties.items.items["additionalProperties"];
  await assert.rejects(
    client(double).chat.completions.create({
      ...params(ITEMS, false),
      response_format: loose as unknown as typeof RESPONSE_FORMAT,
    }),
    (e: unknown) => {
      assert.ok(e instanceof OpenAI.BadRequestError);
      assert.match(e.message, /'additionalProperties' is required to be supplied and to be false/);
      return true;
    },
  );
});

test("a user message that is not the items JSON, a missing key, an unknown path", async (t) => {
  const double = await startDouble(t);
  await assert.rejects(
    client(double).chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hello" }] }),
    (e: unknown) => e instanceof OpenAI.BadRequestError && /openai double/.test(e.message),
  );
  const unauthenticated = await fetch(`${double.baseUrl}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(params()),
  });
  assert.equal(unauthenticated.status, 401);
  const notFound = await fetch(`${double.baseUrl}/embeddings`, { method: "POST", body: "{}" });
  assert.equal(notFound.status, 404);
  const body = (await notFound.json()) as { error: { message: string; type: string; code: unknown } };
  assert.equal(body.error.type, "invalid_request_error");
  assert.ok("code" in body.error);
  assert.equal(double.requests.length, 3);
});
