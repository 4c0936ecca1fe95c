// `npm run bench:phrasing`: how much a faithful model shortens summary bullets when it may only choose
// evidence spans. A scripted faithful model (the OpenAI double: keeps the main clause of the first
// sentence, drops appositives and adjuncts) phrases every brief of ../shared/corpus and corpus-b (or the
// seeds) through the real openai SDK on loopback; prints the mean word reduction against the template
// bullets and how many items were refused, per corpus and overall. Target: ≥ 30 % shorter on average on
// each corpus, 0 refused (the exit code is 1 when one corpus misses it).
import OpenAI from "openai";
import { LlmPhraser } from "../src/core/phrase/llmPhraser.js";
import { OpenAIChatModel } from "../src/llm/openaiChatModel.js";
import { corpusBriefs } from "../test/support/corpusItems.js";
import { OpenAIDouble } from "../test/doubles/openaiDouble.js";

const words = (text: string): number => text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

const double = await OpenAIDouble.start("faithful");
try {
  const briefs = await corpusBriefs();
  const perCorpus = new Map<string, { items: number; reduction: number; refused: number; sent: number }>();
  for (const brief of briefs) {
    const rejected: string[] = [];
    const phraser = new LlmPhraser({
      model: new OpenAIChatModel({
        client: new OpenAI({ baseURL: double.baseUrl, apiKey: "bench", maxRetries: 0 }),
        model: "faithful-double",
        timeoutMs: 10_000,
      }),
      log: {
        info: () => undefined,
        warn: (data) => {
          rejected.push(JSON.stringify(data));
        },
      },
    });
    const sentBefore = double.chatRequests.length;
    const out = await phraser.phrase(brief.items);
    const sent = double.chatRequests.at(-1);
    const asked =
      double.chatRequests.length > sentBefore && sent
        ? (
            JSON.parse(
              (sent.body as { messages: Array<{ content: string }> }).messages.at(-1)?.content ?? "{}",
            ) as { items: Array<{ id: string }> }
          ).items.map((i) => i.id)
        : [];
    const stats = perCorpus.get(brief.corpus) ?? { items: 0, reduction: 0, refused: 0, sent: 0 };
    for (const item of brief.items) {
      const before = words(brief.template.get(item.id) ?? "");
      const after = words(out.get(item.id)?.text ?? "");
      stats.items++;
      stats.reduction += before > 0 ? 1 - after / before : 0;
      if (asked.includes(item.id)) {
        stats.sent++;
        if (out.get(item.id)?.by !== "llm") stats.refused++;
      }
    }
    perCorpus.set(brief.corpus, stats);
    for (const line of rejected) console.error(`  ${brief.corpus}/${brief.topic}: ${line}`);
  }
  let items = 0;
  let reduction = 0;
  let refused = 0;
  let below = 0;
  for (const [corpus, s] of perCorpus) {
    if (s.items === 0 || s.reduction / s.items < 0.3) below++;
    console.log(
      `${corpus.padEnd(10)} bullets ${String(s.items).padStart(3)}  sent ${String(s.sent).padStart(3)}  ` +
        `shorter by ${((s.reduction / Math.max(s.items, 1)) * 100).toFixed(1)} % in words on average (target ≥ 30 %)  ` +
        `refused ${s.refused} (target 0)`,
    );
    items += s.items;
    reduction += s.reduction;
    refused += s.refused;
  }
  const mean = reduction / Math.max(items, 1);
  console.log(
    `all        bullets ${String(items).padStart(3)}  shorter by ${(mean * 100).toFixed(1)} % on average  refused ${refused}`,
  );
  process.exitCode = below === 0 && refused === 0 ? 0 : 1;
} finally {
  await double.close();
}
