// Property: whatever a model answers, what is shown is made of the evidence. 10,000 generated requests over
// the corpus briefs, each item answered by a hostile generator (out-of-range, overlapping and reversed
// spans, main clauses and protected words cut out, spans and ids of other items, connectives off the list,
// free text in extra fields); most go straight to the validation, a sample through the real openai SDK
// against the OpenAI double on loopback. Every item shown keeps the invariants; every other keeps its
// template text.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import OpenAI from "openai";
import { applySelection, LlmPhraser } from "../../../src/core/phrase/llmPhraser.js";
import type { PhraseItem } from "../../../src/core/phrase/phraser.js";
import { applyQuestion, describeQuestion } from "../../../src/core/phrase/questionSelection.js";
import { maskQuotes, parseAnswer } from "../../../src/core/phrase/request.js";
import { splitEvidence, type Span } from "../../../src/core/phrase/spans.js";
import { OpenAIChatModel } from "../../../src/llm/openaiChatModel.js";
import { corpusBriefs, type CorpusBrief } from "../../support/corpusItems.js";
import { OpenAIDouble } from "../../doubles/openaiDouble.js";
import { questionViolations, violations } from "../../support/phrasingInvariants.js";
import { rng } from "../../support/briefGenerator.js";
import { hostileContent, type AskedItem } from "../../support/selectionAnswers.js";

const REQUESTS = 10_000;
/** One request in this many goes through the SDK and the double; the rest call the validation directly. */
const THROUGH_HTTP_EVERY = 250;

let briefs: CorpusBrief[];
let double: OpenAIDouble;

before(async () => {
  briefs = (await corpusBriefs()).filter((b) => b.items.length > 0);
  double = await OpenAIDouble.start("hostile");
});
after(() => double.close());

/** The item as the double sees it in a request. */
const asked = (item: PhraseItem, spans: readonly Span[]): AskedItem =>
  item.kind === "question"
    ? ({ spans: [], ...describeQuestion(item) } as unknown as AskedItem)
    : {
        id: item.id,
        spans: spans.map((s) => ({ n: s.n, sentence: s.sentence, text: maskQuotes(s.text), must: s.main })),
      };

/** What is wrong with a shown text for its item. */
const wrong = (item: PhraseItem, spans: readonly Span[], text: string): string[] =>
  item.kind === "question" ? questionViolations(text, item.evidence) : violations(text, item.evidence, spans);

test(`${REQUESTS.toLocaleString("en")} hostile answers over the corpus briefs: every shown item keeps the invariants`, async () => {
  assert.ok(briefs.length > 0, "no briefs to phrase");
  const split = briefs.map((b) =>
    [...b.items, ...b.questions].map((item) => ({ item, spans: splitEvidence(item.evidence) })),
  );
  const r = rng(20261203);
  const rules = new Map<string, number>();
  let shown = 0;
  let kept = 0;
  let viaHttp = 0;
  let questionsShown = 0;
  for (let n = 0; n < REQUESTS; n++) {
    const which = Math.floor(r() * briefs.length);
    const brief = briefs[which];
    const items = split[which];
    if (!brief || !items) continue;

    if (n % THROUGH_HTTP_EVERY === 0) {
      viaHttp++;
      double.seed = n + 1;
      const phraser = new LlmPhraser({
        model: new OpenAIChatModel({
          client: new OpenAI({ baseURL: double.baseUrl, apiKey: "test", maxRetries: 0 }),
          model: `hostile-${n}`,
          timeoutMs: 5000,
        }),
      });
      const out = await phraser.phrase([...brief.items, ...brief.questions]);
      for (const { item, spans } of items) {
        const phrasing = out.get(item.id);
        assert.ok(phrasing, `${item.id} lost`);
        if (phrasing.by === "template") {
          assert.equal(phrasing.text, brief.template.get(item.id));
          kept++;
          continue;
        }
        shown++;
        if (item.kind === "question") questionsShown++;
        assert.deepEqual(wrong(item, spans, phrasing.text), [], phrasing.text);
      }
      continue;
    }

    // The same generator the double uses, parsed the way the phraser parses an answer.
    const content = hostileContent(
      items.map(({ item, spans }) => asked(item, spans)),
      rng(Math.floor(r() * 2 ** 31)),
    );
    let parsed: ReturnType<typeof parseAnswer>;
    try {
      parsed = parseAnswer(content);
    } catch {
      kept += items.length;
      continue;
    }
    const done = new Set<string>();
    for (const answer of parsed.items) {
      const target = items.find((x) => x.item.id === answer.id);
      if (!target || done.has(answer.id)) continue;
      done.add(answer.id);
      const verdict: { text: string | null; broken: readonly string[] } =
        target.item.kind === "question"
          ? applyQuestion(target.item, answer.template, answer.slots)
          : applySelection(target.spans, target.item.evidence, answer.keep, answer.join);
      for (const rule of verdict.broken) rules.set(rule, (rules.get(rule) ?? 0) + 1);
      if (!verdict.text) {
        kept++;
        continue;
      }
      shown++;
      if (target.item.kind === "question") questionsShown++;
      const bad = wrong(target.item, target.spans, verdict.text);
      assert.deepEqual(bad, [], `${JSON.stringify(answer)} → ${verdict.text}`);
    }
    kept += items.length - done.size;
  }
  console.log(
    `phrasing property: ${REQUESTS} requests (${viaHttp} through the SDK), ${shown} items shown (${questionsShown} questions), ${kept} kept their template text; rules: ${[...rules].map(([k, v]) => `${k} ${v}`).join(", ")}`,
  );
  assert.ok(shown > REQUESTS, "most answers are repaired into something to show");
  assert.ok(kept > 0, "some answers are refused");
  assert.ok(
    questionsShown > 0 || briefs.every((b) => b.questions.length === 0),
    "no question was ever shown",
  );
  for (const rule of [
    "span-out-of-range",
    "span-repeated",
    "span-order",
    "main-clause-dropped",
    "connective-not-allowed",
    "empty-selection",
    "template-unknown",
    "template-not-allowed",
    "slot-out-of-range",
    "slot-invalid",
  ])
    assert.ok((rules.get(rule) ?? 0) > 0, `the generator never broke ${rule}`);
});
