// The LLM phraser with the real openai SDK against a loopback OpenAI-compatible server that paraphrases,
// lies, stalls or breaks: every brief that comes out is correct, and quotes never pass through the model.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import OpenAI from "openai";
import { buildBrief } from "../src/core/brief/buildBrief.js";
import { phraseBrief } from "../src/core/brief/phraseBrief.js";
import type { Brief } from "../src/core/brief/schema.js";
import { indexFolders } from "../src/core/corpus.js";
import type { DocumentIndex } from "../src/core/index/docIndex.js";
import { LlmPhraser } from "../src/core/phrase/llmPhraser.js";
import { openStore, type Store } from "../src/store/openStore.js";
import { CORRUPTIONS, OpenAIDouble, type Behaviour } from "./helpers/openaiDouble.js";
import { CORPUS, HAS_CORPUS, SEEDS } from "./helpers/shared.js";

let server: OpenAIDouble;
let index: DocumentIndex;
let store: Store;
const dir = mkdtempSync(path.join(tmpdir(), "docket-llm-"));
const warnings: string[] = [];

before(async () => {
  server = await OpenAIDouble.start("faithful");
  index = (await indexFolders([SEEDS])).index;
  store = await openStore(`sqlite://${dir}/store.sqlite`);
});

after(async () => {
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

let calls = 0;
function phraser(options: { timeoutMs?: number; cache?: boolean } = {}): LlmPhraser {
  calls++;
  return new LlmPhraser({
    client: new OpenAI({ baseURL: server.baseUrl, apiKey: "test" }),
    // A model name per phraser keeps the phrasing cache from answering for another test.
    model: `test-model-${calls}`,
    timeoutMs: options.timeoutMs ?? 5000,
    cache: options.cache === false ? undefined : store.namespace<string>("phrasing"),
    log: { info: () => undefined, warn: (_data, message) => warnings.push(message) },
  });
}

async function briefWith(
  behaviour: Behaviour,
  options: { timeoutMs?: number } = {},
): Promise<{ brief: Brief; template: Brief }> {
  server.behaviour = behaviour;
  const template = await buildBrief(index, "tiktok");
  const brief = await phraseBrief(template, phraser(options));
  return { brief, template };
}

const phrased = (brief: Brief) => [...brief.summary, ...brief.figures, ...brief.questions];

function assertGrounded(brief: Brief, template: Brief): void {
  // Quotes, sources and evidence never change, whatever the model says.
  assert.deepEqual(brief.quotes, template.quotes);
  assert.deepEqual(brief.sources, template.sources);
  assert.deepEqual(
    brief.summary.map((s) => s.evidence),
    template.summary.map((s) => s.evidence),
  );
  assert.deepEqual(
    brief.questions.map((q) => q.basis),
    template.questions.map((q) => q.basis),
  );
  for (const q of brief.questions) assert.ok(q.text.endsWith("?"));
}

test("a faithful server: its rewordings are shown, quotes are never sent, the prompt stays small", async () => {
  const before = server.requests.length;
  const { brief, template } = await briefWith("faithful");
  assertGrounded(brief, template);
  assert.ok(
    phrased(brief).every((item) => item.phrasedBy === "llm"),
    JSON.stringify(phrased(brief)),
  );
  const request = server.requests.at(-1);
  assert.equal(server.requests.length, before + 1, "one call for the whole brief");
  const body = JSON.stringify(request?.body);
  const sent = JSON.parse(
    (request?.body as { messages: Array<{ role: string; content: string }> }).messages.at(-1)?.content ??
      "{}",
  ) as { items: Array<{ id: string }> };
  assert.ok(
    sent.items.every((item) => /^[sfq]\d+$/.test(item.id)),
    "only summary, figure and question items",
  );
  assert.ok(!body.includes("Microsoft fully appreciates the importance"), "a quote-only text was sent");
});

for (const behaviour of CORRUPTIONS) {
  test(`a server that answers with ${behaviour}: every corrupted item falls back to its template text`, async () => {
    const { brief, template } = await briefWith(behaviour);
    assertGrounded(brief, template);
    for (const item of phrased(brief)) {
      const answer = server.lastAnswers.get(item.id);
      if (item.phrasedBy === "llm")
        assert.equal(item.text, answer?.trim(), "an accepted text is the model's");
    }
    // The double corrupts every item it can; an item with nothing to corrupt in that way may pass.
    const accepted = phrased(brief).filter((i) => i.phrasedBy === "llm");
    for (const item of accepted) {
      const evidence = "evidence" in item ? item.evidence.map((e) => e.sentence).join(" ") : item.basis;
      assert.ok(!/\d/.test(item.text) || /\d/.test(evidence), `${behaviour} accepted: ${item.text}`);
    }
    const fallbacks = phrased(brief).filter((i) => i.phrasedBy === "template");
    assert.ok(
      fallbacks.length >= phrased(brief).length - 1,
      `${behaviour}: ${accepted.map((a) => a.text).join(" | ")}`,
    );
  });
}

test("mixed: faithful items are shown and corrupted ones fall back, item by item", async () => {
  const { brief, template } = await briefWith("mixed");
  assertGrounded(brief, template);
  const kinds = new Set(phrased(brief).map((i) => i.phrasedBy));
  assert.deepEqual([...kinds].sort(), ["llm", "template"]);
});

for (const behaviour of ["invalid-json", "wrong-ids", "missing-ids", "refusal", "server-error"] as const) {
  test(`a server that answers ${behaviour}: the whole brief falls back to the template, with one log line`, async () => {
    const logged = warnings.length;
    const { brief, template } = await briefWith(behaviour);
    assert.deepEqual(brief.summary, template.summary);
    assert.deepEqual(brief.questions, template.questions);
    assert.equal(warnings.length, logged + 1);
  });
}

test("a server that hangs: the phraser gives up at its timeout and the template brief is shown", async () => {
  const started = Date.now();
  const { brief, template } = await briefWith("hang", { timeoutMs: 1500 });
  assert.ok(Date.now() - started < 4000, "bounded by the timeout, retries included");
  assert.deepEqual(brief.summary, template.summary);
});

test("429 with Retry-After, then success: the SDK waits and retries by itself", async () => {
  const before = server.requests.length;
  const { brief } = await briefWith("rate-limit-then-ok");
  assert.equal(server.requests.length, before + 2);
  assert.ok(phrased(brief).some((i) => i.phrasedBy === "llm"));
});

test("a server without structured output: the phraser asks again without a JSON schema", async () => {
  const { brief } = await briefWith("no-json-schema");
  assert.ok(phrased(brief).every((i) => i.phrasedBy === "llm"));
});

test("accepted phrasings are cached in Keyv: the same brief costs one call", async () => {
  server.behaviour = "faithful";
  const cached = phraser();
  const first = server.requests.length;
  const a = await cached.phrase([
    { id: "s1", kind: "summary", evidence: ["Microsoft will speed up talks with ByteDance."] },
  ]);
  const b = await cached.phrase([
    { id: "s1", kind: "summary", evidence: ["Microsoft will speed up talks with ByteDance."] },
  ]);
  assert.equal(server.requests.length, first + 1);
  assert.deepEqual(a, b);
});

test(
  "the prompt for every corpus brief stays within 2,000 tokens",
  { skip: HAS_CORPUS ? false : "corpus not found" },
  async () => {
    server.behaviour = "faithful";
    const corpus = (await indexFolders([CORPUS])).index;
    for (const topic of ["tiktok", "microsoft tiktok", "oracle", "activision"]) {
      const p = phraser({ cache: false });
      await phraseBrief(await buildBrief(corpus, topic), p);
      console.log(`prompt tokens for ${topic}: ${p.lastPromptTokens}`);
      assert.ok(
        p.lastPromptTokens > 0 && p.lastPromptTokens <= 2000,
        `${topic}: ${p.lastPromptTokens} tokens`,
      );
    }
  },
);
