// One benchmark run: one engine at one corpus size, in its own process so memory and start-up figures are
// its own. Started by bench.ts (`node bench/run.ts ENGINE SIZE`); prints one JSON result line on stdout and
// progress on stderr.
import { performance } from "node:perf_hooks";
import { memoryEngine, sqliteEngine, type BenchEngine } from "./engines.js";
import { postgresEngine } from "./pgEngine.js";
import { latency, rssMB, type Latency } from "./measure.js";
import { at, int, pick, prng, type Rng } from "./random.js";
import { createGenerator, type Generator } from "./realCorpus.js";

export const SEED = 0x5eed2024;
const KNOWN_TOPICS = 200;
const UNKNOWN_TOPICS = 50;
const COMPLETIONS = 200;
const AFTER_ADD = 30;

export interface RunResult {
  engine: string;
  n: number;
  avgBytes: number;
  ingestS: number;
  docsPerS: number;
  /** Throughput over the last tenth of the ingest: the rate once the index is big. */
  tailDocsPerS: number;
  rssMB: number;
  /** Topics the index offers (named in a title or in two documents). */
  topics: number;
  restartReadyMs: number | null;
  restartFirstBriefMs: number | null;
  cold: Latency | null;
  unknown: Latency | null;
  complete: Latency | null;
  afterAdd: Latency | null;
  answered: number;
  tried: number;
  planned: number;
  errors: string[];
  notes: string[];
}

interface Query {
  topic: string;
  kind: string;
}

function typo(rng: Rng, word: string): string {
  const i = int(rng, 1, word.length - 2);
  return word.slice(0, i) + word.slice(i + 1);
}

/** Random topics from stories that have documents: their parties, people, typos and pairs. */
function queries(rng: Rng, gen: Generator): Query[] {
  const stories = gen.stories.filter((s) => s.documents > 0 && s.companies.length > 0);
  const out: Query[] = [];
  while (out.length < KNOWN_TOPICS) {
    const s = pick(rng, stories);
    const company = at(s.companies, 0).toLowerCase();
    const r = rng();
    if (r < 0.55) out.push({ topic: company, kind: "company" });
    else if (r < 0.7 && s.people.length > 0)
      out.push({ topic: at(s.people, 0).toLowerCase(), kind: "person" });
    else if (r < 0.8 && company.length >= 7) out.push({ topic: typo(rng, company), kind: "typo" });
    else if (r < 0.9 && s.companies.length > 1)
      out.push({ topic: `${company} ${at(s.companies, 1).toLowerCase()}`, kind: "two names" });
    else out.push({ topic: company.split(" ")[0] ?? company, kind: "first word" });
  }
  return out;
}

async function run(engine: BenchEngine, n: number): Promise<RunResult> {
  const notes: string[] = [];
  const errors: string[] = [];
  const gen = await createGenerator(SEED, n);
  const rng = prng(SEED ^ 0x7091c);
  let bytes = 0;
  let generateMs = 0;
  let tailStart = 0;
  let tailDocs = 0;
  const batch = 500;
  const ingestStart = performance.now();
  let lastReport = ingestStart;
  for (let done = 0; done < n; done += batch) {
    const g = performance.now();
    const docs = Array.from({ length: Math.min(batch, n - done) }, () => gen.next());
    for (const d of docs) bytes += Buffer.byteLength(d.raw);
    generateMs += performance.now() - g;
    if (done + docs.length > n * 0.9 && tailStart === 0) tailStart = performance.now();
    if (tailStart > 0) tailDocs += docs.length;
    await engine.add(docs);
    if (performance.now() - lastReport > 15000) {
      lastReport = performance.now();
      const rate = (done + docs.length) / ((lastReport - ingestStart - generateMs) / 1000);
      console.error(`[${engine.name} ${n}] ${done + docs.length} docs, ${rate.toFixed(0)} docs/s`);
    }
  }
  await engine.flush();
  const end = performance.now();
  // Generating the corpus is not ingest; the tail's share of generation is taken as proportional.
  const addMs = end - ingestStart - generateMs;
  const tailMs = (end - tailStart) * (addMs / (end - ingestStart));
  const ingestS = addMs / 1000;
  const rss = rssMB();
  console.error(
    `[${engine.name} ${n}] ingest ${ingestS.toFixed(1)} s (${(n / ingestS).toFixed(0)} docs/s); RSS ${rss.toFixed(0)} MB`,
  );

  const topics = await engine.topicCount();
  const known = queries(rng, gen);
  const unknownTopics = gen.unknownNames(UNKNOWN_TOPICS).map((t) => t.toLowerCase());
  const budgetMs = Number(process.env.BENCH_BRIEF_BUDGET_S ?? 180) * 1000;
  const cold: number[] = [];
  const unknown: number[] = [];
  let answered = 0;
  let tried = 0;
  const started = performance.now();
  for (const q of known) {
    if (performance.now() - started > budgetMs) {
      notes.push(`cold briefs stopped after ${tried} of ${known.length} topics (time budget)`);
      break;
    }
    tried++;
    const t = performance.now();
    const r = await engine.brief(q.topic);
    const took = performance.now() - t;
    if (r.outcome === "brief") {
      cold.push(took);
      answered++;
    } else if (r.outcome === "unknown") unknown.push(took);
    else errors.push(`${q.topic}: ${r.error ?? "error"}`);
  }
  const unknownOnly: number[] = [];
  for (const topic of unknownTopics) {
    if (performance.now() - started > budgetMs * 1.3) break;
    const t = performance.now();
    const r = await engine.brief(topic);
    unknownOnly.push(performance.now() - t);
    if (r.outcome === "brief") notes.push(`unknown topic "${topic}" found a brief`);
  }
  console.error(`[${engine.name} ${n}] briefs: ${answered}/${tried} answered; unknown topics timed`);

  const complete: number[] = [];
  for (let i = 0; i < COMPLETIONS; i++) {
    const q = pick(rng, known).topic;
    const prefix =
      i % 4 === 3 && q.length >= 6
        ? typo(rng, q.slice(0, 6))
        : q.slice(0, int(rng, 1, Math.min(6, q.length)));
    const t = performance.now();
    await engine.complete(prefix);
    complete.push(performance.now() - t);
  }

  const afterAdd: number[] = [];
  for (let i = 0; i < AFTER_ADD; i++) {
    const doc = gen.next();
    const story = gen.lastStory();
    await engine.add([doc]);
    const topic = story?.companies[0]?.toLowerCase() ?? "";
    const t = performance.now();
    const r = await engine.brief(topic);
    afterAdd.push(performance.now() - t);
    if (r.outcome !== "brief") notes.push(`after add: "${topic}" gave ${r.outcome}`);
  }
  console.error(`[${engine.name} ${n}] autocomplete and briefs after an add timed; restart…`);

  let restart: { readyMs: number; firstBriefMs: number } | null = null;
  if (process.env.BENCH_SKIP_RESTART !== "1") restart = await engine.restart(known[0]?.topic ?? "");
  else notes.push("restart not measured: it re-analyses every document, so it takes about the ingest time");
  await engine.close();
  return {
    engine: engine.name,
    n,
    avgBytes: bytes / n,
    ingestS,
    docsPerS: n / ingestS,
    tailDocsPerS: tailDocs / (tailMs / 1000),
    topics,
    rssMB: rss,
    restartReadyMs: restart?.readyMs ?? null,
    restartFirstBriefMs: restart?.firstBriefMs ?? null,
    cold: latency(cold),
    unknown: latency([...unknown, ...unknownOnly]),
    complete: latency(complete),
    afterAdd: latency(afterAdd),
    answered,
    tried,
    planned: known.length,
    errors,
    notes,
  };
}

export async function engineFor(name: string): Promise<BenchEngine> {
  if (name === "memory") return memoryEngine();
  if (name === "sqlite") return sqliteEngine();
  if (name === "postgres") return postgresEngine();
  throw new Error(`unknown engine ${name}`);
}

const [engineName, size] = process.argv.slice(2);
if (engineName && size) {
  const result = await run(await engineFor(engineName), Number(size));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
