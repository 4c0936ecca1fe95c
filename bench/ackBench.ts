// Acknowledgement latency while briefs are being built (issue 12, acceptance 5): the real bot (startBot) against
// the loopback Discord double, on an index of realistic documents (bench/realCorpus.ts). It fires 50 /deal for
// distinct topics at once and, until all 50 briefs are answered, sends other interactions every 50 ms
// (autocomplete; every tenth a /deal for a further topic), timing each from when it was due to when its
// acknowledgement reached the double. Once with briefs built on the event loop (DOCKET_BRIEF_WORKERS=0, the
// design before the brief pool), once with the worker pool, in one run. Usage: npm run bench:ack
// (BENCH_ACK_DOCS, default 4000). Writes bench/ack-results.md.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { performance } from "node:perf_hooks";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DATA_DIR } from "../src/app/paths.js";
import { AnalysisPool } from "../src/store/index/analysisPool.js";
import { seedsIndexPath } from "../src/store/index/openIndex.js";
import { SqliteIndex } from "../src/store/index/sqliteIndex.js";
import { DiscordDouble } from "../test/doubles/discord/discordDouble.js";
import { CHANNEL, GUILD, withBenchBot } from "./benchBot.js";
import type { InteractionHandle, MessageRecord } from "../test/doubles/discord/types.js";
import { latency, ms, table } from "./measure.js";
import { prng, shuffle } from "./random.js";
import { createGenerator } from "./realCorpus.js";

const DOCS = Number(process.env.BENCH_ACK_DOCS ?? 4000);
const BURST = 50;
const PROBE_EVERY_MS = 50;
const SEED = 0x5eed2024;
const STRING = 3;
const RESULTS = fileURLToPath(new URL("./ack-results.md", import.meta.url));

interface Setup {
  storeUrl: string;
  seeds: string;
  burst: string[];
  probes: string[];
  prefixes: string[];
  warmTopic: string;
}

interface ModeResult {
  mode: string;
  /** Probes due after all 50 /deal were acknowledged (or lost), while their briefs are built. */
  autocomplete: number[];
  dealProbe: number[];
  /** Probes of both kinds due while the 50 /deal were still arriving and being acknowledged. */
  arrival: number[];
  /** Every probe. */
  all: number[];
  /** Acknowledgement of the 50 /deal themselves, and their final message. */
  burstAck: number[];
  burstFinal: number[];
  makespanMs: number;
  load: string;
}

const sleep = (msec: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, msec)));
const loads = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");

/** An index of realistic documents beside a store with no sources, for a seeds folder with no files. */
async function buildIndex(dir: string): Promise<Setup> {
  const seeds = path.join(dir, "seeds");
  mkdirSync(seeds);
  const storeUrl = `sqlite://${path.join(dir, "docket.sqlite")}`;
  const index = new SqliteIndex(seedsIndexPath(storeUrl, [seeds], DATA_DIR));
  const pool = new AnalysisPool();
  const gen = await createGenerator(SEED, DOCS);
  const started = performance.now();
  for (let done = 0; done < DOCS; done += 500) {
    const docs = Array.from({ length: Math.min(500, DOCS - done) }, () => gen.next());
    index.addEncoded(await pool.analyze(docs));
  }
  await pool.close();
  console.error(
    `ack bench: ${DOCS} documents indexed in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  // Topics a reader would ask for: names in at least three documents, in a random order.
  const topics = shuffle(
    prng(SEED),
    index.topics({}, 3).map((t) => t.name),
  );
  index.close();
  if (topics.length < BURST + 60) throw new Error(`only ${topics.length} topics; raise BENCH_ACK_DOCS`);
  return {
    storeUrl,
    seeds,
    burst: topics.slice(0, BURST),
    probes: topics.slice(BURST, topics.length - 1),
    prefixes: topics.slice(BURST).map((t) => t.slice(0, 3)),
    warmTopic: topics.at(-1) ?? "",
  };
}

const hasEmbeds = (m: MessageRecord): boolean => Array.isArray(m.embeds) && m.embeds.length > 0;

function deal(discord: DiscordDouble, topic: string): InteractionHandle {
  return discord.chatInput({
    name: "deal",
    options: [{ name: "topic", type: STRING, value: topic }],
    guildId: GUILD,
    channelId: CHANNEL,
  });
}

function complete(discord: DiscordDouble, typed: string): InteractionHandle {
  return discord.autocomplete({
    name: "deal",
    options: [{ name: "topic", type: STRING, value: typed, focused: true }],
    guildId: GUILD,
    channelId: CHANNEL,
  });
}

/** Discord refuses an acknowledgement later than this after the interaction was sent (the double too). */
const ACK_WINDOW_MS = 3000;

/**
 * Milliseconds from `due` to the acknowledgement reaching the double, or Infinity when none came inside
 * Discord's window: the double refuses a later one, so the user saw "the application did not respond".
 */
async function ackAfter(discord: DiscordDouble, handle: InteractionHandle, due: number): Promise<number> {
  // Waits for the acknowledgement, or for the window to close (checked on the loop the double answers on:
  // past the window without an ack, none can be accepted any more).
  const closes = (): Promise<void> => sleep(handle.sentAt + ACK_WINDOW_MS + 1 - discord.now());
  await Promise.race([handle.callback(ACK_WINDOW_MS + 1000).catch(() => undefined), closes()]);
  for (;;) {
    const at = handle.ackedAt();
    // Later than the window from when it was due: Discord, which sent it then, would have refused it.
    if (at !== undefined) return at - due > ACK_WINDOW_MS ? Number.POSITIVE_INFINITY : at - due;
    if (discord.now() - handle.sentAt > ACK_WINDOW_MS) return Number.POSITIVE_INFINITY;
    await closes();
  }
}

async function runMode(mode: string, workers: string | undefined, setup: Setup): Promise<ModeResult> {
  const env = {
    DOCKET_SEEDS: setup.seeds,
    DOCKET_STORE_URL: setup.storeUrl,
    ...(workers === undefined ? {} : { DOCKET_BRIEF_WORKERS: workers }),
  };
  return withBenchBot(env, async (discord) => {
    // One brief and one completion first, so neither mode pays for loading code inside the measurement.
    await deal(discord, setup.warmTopic).waitForOriginal(hasEmbeds, 60_000);
    await complete(discord, setup.prefixes[0] ?? "a").callback(60_000);
    return measure(discord, mode, setup);
  });
}

/** Probe k: mostly autocomplete; every tenth a /deal for a further topic, which adds a brief of its own. */
function probe(discord: DiscordDouble, setup: Setup, k: number, due: number): Probe {
  if (process.env.BENCH_ACK_TRACE) console.error(`probe ${k} sent ${discord.now() - due} ms late`);
  const kind = k % 10 === 0 ? "deal" : "autocomplete";
  const handle =
    kind === "autocomplete"
      ? complete(discord, setup.prefixes[k % setup.prefixes.length] ?? "a")
      : deal(discord, setup.probes[Math.floor(k / 10) % setup.probes.length] ?? "a");
  return { kind, due, ms: ackAfter(discord, handle, due) };
}

interface Probe {
  kind: "autocomplete" | "deal";
  due: number;
  ms: Promise<number>;
}

async function measure(discord: DiscordDouble, mode: string, setup: Setup): Promise<ModeResult> {
  const started = discord.now();
  const burst = setup.burst.map((topic) => deal(discord, topic));
  let finished = false;
  let finishedAt = Number.POSITIVE_INFINITY;
  const burstAcks = burst.map((h) => ackAfter(discord, h, h.sentAt));
  let allAckedAt = Number.POSITIVE_INFINITY;
  const elu = performance.eventLoopUtilization();
  const hr0 = process.hrtime.bigint() / 1000n;
  const cpu = process.cpuUsage();
  void Promise.all(burstAcks).then(() => {
    allAckedAt = discord.now();
    if (process.env.BENCH_ACK_TRACE) {
      const used = process.cpuUsage(cpu);
      console.error(
        `arrival: ${allAckedAt - started} ms, main-thread utilisation ${performance.eventLoopUtilization(elu).utilization.toFixed(2)}, process CPU ${((used.user + used.system) / 1000).toFixed(0)} ms, µs ${hr0}–${process.hrtime.bigint() / 1000n}`,
      );
    }
  });
  const finals = Promise.all(
    burst.map(async (h, i) => {
      if ((await burstAcks[i]) === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
      // A brief that failed (a full queue, a time limit) never gets its embeds: counted as lost.
      const answered = await h.waitForOriginal(hasEmbeds, 120_000).then(
        () => true,
        () => false,
      );
      return answered ? discord.now() - h.sentAt : Number.POSITIVE_INFINITY;
    }),
  ).finally(() => {
    finished = true;
    finishedAt = discord.now();
  });
  const probes: Probe[] = [];
  // Every probe that fell due before the 50 were done is sent, late ones as soon as the loop lets us (a
  // blocked loop delays sending them too), each timed from when it was due: on Discord it would have been
  // sent then, so the delay counts.
  for (let k = 1; ;) {
    await sleep(started + k * PROBE_EVERY_MS - discord.now());
    // A timer may fire a millisecond before Date.now() reaches its time: the probe it waited for is due.
    const end = finished ? finishedAt : Math.max(discord.now(), started + k * PROBE_EVERY_MS + 1);
    if (started + k * PROBE_EVERY_MS >= end) break;
    for (; started + k * PROBE_EVERY_MS < end; k++)
      probes.push(probe(discord, setup, k, started + k * PROBE_EVERY_MS));
  }
  const settled = await Promise.all(probes.map(async (p) => ({ ...p, ms: await p.ms })));
  const after = (kind: string): number[] =>
    settled.filter((p) => p.kind === kind && p.due >= allAckedAt).map((p) => p.ms);
  const toFinal = await finals;
  const makespanMs = discord.now() - started;
  const burstAck = await Promise.all(burstAcks);
  const result: ModeResult = {
    mode,
    autocomplete: after("autocomplete"),
    dealProbe: after("deal"),
    arrival: settled.filter((p) => p.due < allAckedAt).map((p) => p.ms),
    all: settled.map((p) => p.ms),
    burstAck,
    burstFinal: toFinal,
    makespanMs,
    load: loads(),
  };
  // Let the probe briefs still being built finish before the bot stops.
  await sleep(2000);
  return result;
}

function ratio(a: readonly number[] | undefined, b: readonly number[] | undefined): string {
  const before = latency(a ?? []);
  const after = latency(b ?? []);
  if (!before || !after || after.p99 <= 0 || after.p99 === Number.POSITIVE_INFINITY) return "–";
  // A lost acknowledgement took longer than the window: the ratio is at least the window over the other.
  if (before.p99 === Number.POSITIVE_INFINITY) return `> ${(ACK_WINDOW_MS / after.p99).toFixed(0)}×`;
  return `${(before.p99 / after.p99).toFixed(1)}×`;
}

/** p50 / p99 / max; "lost" stands for no acknowledgement inside Discord's window. */
function lat(samples: readonly number[]): string {
  const l = latency(samples);
  if (!l) return "–";
  const lost = samples.filter((x) => x === Number.POSITIVE_INFINITY).length;
  const f = (x: number): string => (x === Number.POSITIVE_INFINITY ? "lost" : ms(x));
  return `${f(l.p50)} / ${f(l.p99)} / ${f(l.max)} (n=${l.count}${lost > 0 ? `, ${lost} lost` : ""})`;
}

function report(results: ModeResult[], loadBefore: string): string[] {
  const [before, after] = results;
  const rows = results.map((r) => [
    r.mode,
    lat(r.all),
    lat(r.autocomplete),
    lat(r.dealProbe),
    lat(r.arrival),
    lat(r.burstAck),
    lat(r.burstFinal),
    ms(r.makespanMs),
    r.load,
  ]);
  return [
    `# Acknowledgement while ${BURST} briefs are built (${DOCS} realistic documents)`,
    "",
    `${new Date().toISOString()}, Node ${process.version}, load average before: ${loadBefore} (1 / 5 / 15 min).`,
    `Latencies p50 / p99 / max in ms; probes every ${PROBE_EVERY_MS} ms, timed from when they were due;`,
    `"building": probes due after all ${BURST} /deal were acknowledged (or lost), while their briefs are built;`,
    `"arrival": probes due while the ${BURST} were still arriving; "lost": no acknowledgement within 3 s.`,
    "",
    ...table(
      [
        "briefs built",
        "every probe ack",
        "autocomplete ack (building)",
        "/deal other topic ack (building)",
        "any probe ack (arrival)",
        "burst /deal ack",
        "burst /deal final",
        "all 50 done (ms)",
        "load after",
      ],
      rows,
    ),
    "",
    `p99 ratio (event loop / workers): every probe ${ratio(before?.all, after?.all)}, autocomplete ${ratio(before?.autocomplete, after?.autocomplete)}, ` +
      `/deal ${ratio(before?.dealProbe, after?.dealProbe)}, ` +
      `probes during arrival ${ratio(before?.arrival, after?.arrival)}, ` +
      `burst /deal ack ${ratio(before?.burstAck, after?.burstAck)}.`,
  ];
}

const dir = mkdtempSync(path.join(tmpdir(), "docket-ackbench-"));
try {
  const loadBefore = loads();
  const setup = await buildIndex(dir);
  const results: ModeResult[] = [];
  // BENCH_ACK_MODES=workers measures the pool alone (for profiling); both by default.
  const only = process.env.BENCH_ACK_MODES;
  for (const [mode, workers] of [
    ["event loop", "0"],
    ["worker pool", undefined],
  ] as const) {
    if (only && !mode.startsWith(only.slice(0, 5))) continue;
    console.error(`ack bench: ${mode}…`);
    results.push(await runMode(mode, workers, setup));
  }
  const lines = report(results, loadBefore);
  console.log(lines.join("\n"));
  writeFileSync(RESULTS, `${lines.join("\n")}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
