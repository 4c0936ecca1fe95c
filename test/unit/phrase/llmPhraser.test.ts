// The LLM phraser with the real openai SDK against a loopback OpenAI-compatible server that selects well,
// answers with hostile selections, stalls or breaks: every brief that comes out is made of its evidence,
// and quotes never pass through the model.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import OpenAI from "openai";
import { buildBrief } from "../../../src/core/brief/buildBrief.js";
import { phraseBrief } from "../../../src/core/brief/phraseBrief.js";
import type { Brief } from "../../../src/core/brief/schema.js";
import { indexFolders } from "../../../src/core/index/corpus.js";
import type { DocumentIndex } from "../../../src/core/index/docIndex.js";
import { LlmPhraser } from "../../../src/core/phrase/llmPhraser.js";
import { splitEvidence } from "../../../src/core/phrase/spans.js";
import { KeyvPhrasingCache } from "../../../src/llm/keyvPhrasingCache.js";
import { OpenAIChatModel } from "../../../src/llm/openaiChatModel.js";
import { openStore, type Store } from "../../../src/store/openStore.js";
import { OpenAIDouble, type Behaviour } from "../../doubles/openaiDouble.js";
import { questionViolations, violations } from "../../support/phrasingInvariants.js";
import { CORPUS, HAS_CORPUS, SEEDS } from "../../support/shared.js";

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
    model: new OpenAIChatModel({
      client: new OpenAI({ baseURL: server.baseUrl, apiKey: "test" }),
      // A model name per phraser keeps the phrasing cache from answering for another test.
      model: `test-model-${calls}`,
      timeoutMs: options.timeoutMs ?? 5000,
    }),
    cache: options.cache === false ? undefined : new KeyvPhrasingCache(store.namespace<string>("phrasing")),
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
  for (const q of brief.questions) assert.match(q.text, /\?$|^Pending: /);
}

/** Every summary bullet shown is made of its evidence; every other keeps its template text. */
function assertMadeOfEvidence(brief: Brief, template: Brief): void {
  const bullets = [...brief.summary, ...brief.figures];
  const before = [...template.summary, ...template.figures];
  bullets.forEach((item, i) => {
    const evidence = item.evidence.map((e) => e.sentence);
    if (item.phrasedBy === "template") assert.equal(item.text, before[i]?.text);
    else assert.deepEqual(violations(item.text, evidence, splitEvidence(evidence)), [], item.text);
  });
  // A question is the offline one, or the same kind of template filled with spans of its own evidence.
  brief.questions.forEach((q, i) => {
    const was = template.questions[i];
    assert.deepEqual({ ...q, text: "", phrasedBy: "" }, { ...was, text: "", phrasedBy: "" });
    if (q.phrasedBy === "template") assert.equal(q.text, was?.text);
    else
      assert.deepEqual(
        questionViolations(q.text, [q.basis, ...q.related.map((r) => r.sentence)]),
        [],
        q.text,
      );
  });
}

test("a faithful server: bullets shortened from their evidence, one call, no quote sent, a small prompt", async () => {
  const before = server.requests.length;
  const { brief, template } = await briefWith("faithful");
  assertGrounded(brief, template);
  assertMadeOfEvidence(brief, template);
  const shortened = [...brief.summary, ...brief.figures].filter((item) => item.phrasedBy === "llm");
  assert.ok(shortened.length > 0, "some bullet was shortened");
  const words = (text: string): number => text.split(/\s+/).length;
  for (const item of shortened) {
    const was = [...template.summary, ...template.figures].find((t) => t.id === item.id);
    assert.ok(words(item.text) <= words(was?.text ?? ""), `${item.text} is longer than ${was?.text ?? ""}`);
  }
  assert.equal(server.requests.length, before + 1, "one call for the whole brief");
  const body = JSON.stringify(server.requests.at(-1)?.body);
  for (const quote of brief.quotes) assert.ok(!body.includes(quote.text), `a quote was sent: ${quote.text}`);
  const sent = JSON.parse(
    (server.requests.at(-1)?.body as { messages: Array<{ content: string }> }).messages.at(-1)?.content ??
      "{}",
  ) as { items: Array<{ id: string }> };
  assert.ok(
    sent.items.every((item) => /^[sfq]\d+$/.test(item.id)),
    "only summary, figure and question items",
  );
  const quoted = JSON.stringify(sent).match(/“[^”]*”/gu) ?? [];
  assert.ok(
    quoted.every((q) => q === "“…”"),
    `a quotation was sent: ${quoted.join(" ")}`,
  );
});

test("a hostile server: repaired selections are shown, broken ones keep their template text, nothing else", async () => {
  for (let seed = 1; seed <= 12; seed++) {
    server.seed = seed;
    const { brief, template } = await briefWith("hostile");
    assertGrounded(brief, template);
    assertMadeOfEvidence(brief, template);
  }
});

for (const behaviour of ["invalid-json", "refusal", "server-error"] as const) {
  test(`a server that answers ${behaviour}: the whole brief falls back to the template, with one log line`, async () => {
    const logged = warnings.length;
    const { brief, template } = await briefWith(behaviour);
    assert.deepEqual(brief.summary, template.summary);
    assert.deepEqual(brief.questions, template.questions);
    assert.equal(warnings.length, logged + 1);
  });
}

for (const behaviour of ["wrong-ids", "missing-ids"] as const) {
  test(`a server that answers ${behaviour}: unanswered items keep their template text, with one log line`, async () => {
    server.behaviour = behaviour;
    const logged = warnings.length;
    const items = [
      { id: "s1", kind: "summary" as const, evidence: ["On Monday, Acme, a toolmaker, bought Beta."] },
      { id: "s2", kind: "summary" as const, evidence: ["Gamma, which makes chips, sued Delta last week."] },
    ];
    const out = await phraser({ cache: false }).phrase(items);
    assert.equal(out.get("s1")?.by, behaviour === "missing-ids" ? "llm" : "template");
    assert.equal(
      out.get("s1")?.text,
      behaviour === "missing-ids" ? "Acme bought Beta." : "On Monday, Acme, a toolmaker, bought Beta.",
    );
    assert.deepEqual(out.get("s2"), {
      text: "Gamma, which makes chips, sued Delta last week.",
      by: "template",
    });
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
  assert.ok(phrased(brief).some((i) => i.phrasedBy === "llm"));
});

test("accepted selections are cached in Keyv and checked again when read: the same brief costs one call", async () => {
  server.behaviour = "faithful";
  const cached = phraser();
  const first = server.requests.length;
  const item = {
    id: "s1",
    kind: "summary" as const,
    evidence: ["On Monday, Acme, a toolmaker, said it would buy Beta for $2 billion."],
  };
  const a = await cached.phrase([item]);
  const b = await cached.phrase([item]);
  assert.equal(server.requests.length, first + 1);
  assert.deepEqual(a, b);
  assert.equal(a.get("s1")?.text, "Acme said it would buy Beta for $2 billion.");
});

test("a cached selection is checked again when read: a poisoned entry is not shown", async () => {
  const entries = new Map<string, string>();
  const cache = {
    getMany: (keys: readonly string[]) => Promise.resolve(keys.map((k) => entries.get(k))),
    setMany: (list: ReadonlyArray<{ key: string; value: string }>) => {
      for (const { key, value } of list) entries.set(key, value);
      return Promise.resolve();
    },
  };
  const make = (): LlmPhraser =>
    new LlmPhraser({
      model: new OpenAIChatModel({
        client: new OpenAI({ baseURL: server.baseUrl, apiKey: "test", maxRetries: 0 }),
        model: "poison-test",
        timeoutMs: 5000,
      }),
      cache,
    });
  const item = {
    id: "s1",
    kind: "summary" as const,
    evidence: ["On Monday, Acme, a toolmaker, said it would buy Beta for $2 billion."],
  };
  server.behaviour = "faithful";
  assert.equal((await make().phrase([item])).get("s1")?.by, "llm");
  // Only the detachable spans, or another text altogether: neither may come back out of the cache.
  for (const poison of ['{"keep":[0,2],"join":null}', '{"keep":[1],"join":"because"}', '"FTC cleared it"']) {
    for (const key of entries.keys()) entries.set(key, poison);
    server.behaviour = "server-error";
    const out = await make().phrase([item]);
    assert.equal(out.get("s1")?.by, "template", poison);
  }
});

test(
  "the prompt for every corpus brief stays within 2,500 tokens",
  { skip: HAS_CORPUS ? false : "corpus not found" },
  async () => {
    server.behaviour = "faithful";
    const corpus = (await indexFolders([CORPUS])).index;
    for (const topic of ["tiktok", "microsoft tiktok", "oracle", "activision"]) {
      const p = phraser({ cache: false });
      await phraseBrief(await buildBrief(corpus, topic), p);
      console.log(`prompt tokens for ${topic}: ${p.lastPromptTokens}`);
      assert.ok(
        p.lastPromptTokens > 0 && p.lastPromptTokens <= 2500,
        `${topic}: ${p.lastPromptTokens} tokens`,
      );
    }
  },
);
