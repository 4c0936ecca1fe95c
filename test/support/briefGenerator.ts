// A seeded generator of briefs for tests: words, hostile markdown and mentions, emoji and RTL text, texts of
// every length up to past Discord's limits, counts from none to hundreds, URLs good and bad. The same seed gives
// the same briefs.
import type {
  Brief,
  QuestionItem,
  QuoteItem,
  SettledItem,
  SourceRef,
  SummaryItem,
} from "../../src/core/brief/schema.js";

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const WORDS =
  "the deal Microsoft TikTok ByteDance billion regulators said would data U.S. Mr. e.g. 42% $10 2020-09-15 Trump Oracle review security app users Canada Australia".split(
    " ",
  );
export const HOSTILE = [
  "@everyone",
  "@here",
  "<@123456789012345678>",
  "<@&987654321>",
  "<#555555>",
  "<t:1600000000:R>",
  "<:smile:123>",
  "</deal:42>",
  "**bold**",
  "__under__",
  "~~strike~~",
  "`code`",
  "```block```",
  "||spoiler||",
  "> quoted",
  "# Heading",
  "-# small",
  "1. item",
  "[click](https://evil.example/x)",
  "](javascript:alert(1))",
  "[1]",
  "\\",
  "\\*",
  "x\\](https://evil.example)",
  "http://evil.example/a_b",
  "*",
  "_",
  "|",
  "~",
  ">",
  "<",
  "@",
];
export const UNICODE = [
  "👍",
  "🇺🇸",
  "🇺🇸🇬🇧🇫🇷",
  "🏳️‍🌈",
  "👨‍👩‍👧‍👦",
  "🧑🏽‍💻",
  "é",
  "e\u0301",
  "مرحبا بالعالم",
  "שלום עולם",
  "日本語の文章です",
  "中文句子没有空格",
  "ภาษาไทย",
  "Ωμέγα",
  "\u202Eevil\u202C",
];
export const SEPARATORS = [" ", " ", " ", " ", ". ", "! ", "? ", ", ", "; ", "\n", "\n\n", "\t", "  "];
export const LENGTHS = [1, 2, 5, 12, 40, 90, 200, 450, 900, 1030, 1500, 2500, 4000, 4100, 5000];
export const COUNTS = [0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 6, 7, 8, 10, 12, 16, 25, 40];
/** Rendering every page of a view costs pages × items, so a few briefs only are this large. */
export const HEAVY_COUNTS = [60, 100, 150, 200];

export class Gen {
  /**
   * `heavy: false` keeps every count to the normal distribution (COUNTS): the same random draws are made, so
   * a seed gives the same briefs except that the rare heavy ones (2%) are drawn from COUNTS instead.
   */
  constructor(
    readonly random: () => number,
    readonly options: { heavy?: boolean } = {},
  ) {}
  int(n: number): number {
    return Math.floor(this.random() * n);
  }
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error("empty pick");
    return item;
  }
  token(): string {
    const r = this.random();
    if (r < 0.62) return this.pick(WORDS);
    if (r < 0.8) return this.pick(HOSTILE);
    if (r < 0.97) return this.pick(UNICODE);
    return "Supercalifragilistic".repeat(1 + this.int(300)); // a word longer than anything may hold
  }
  /** Text of exactly `length` UTF-16 units (maybe ending in half a surrogate pair: hostile too). */
  text(length = this.pick(LENGTHS)): string {
    let out = "";
    while (out.length < length) out += this.token() + this.pick(SEPARATORS);
    return out.slice(0, length);
  }
  count(): number {
    const heavy = this.random() < 0.02;
    return heavy && this.options.heavy !== false ? this.pick(HEAVY_COUNTS) : this.pick(COUNTS);
  }
}

const pickDate = (g: Gen): string => g.pick(["2020-08-02", "2021-03", "2019-12-31"]);

/** Settled points with hostile text, citing known or unknown sources for the sentence and for the outcome. */
function settledItems(g: Gen, count: number, source: () => string): SettledItem[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `r${i}`,
    kind: g.pick(["hedge", "pending", "deadline", "claim"] as const),
    basis: g.text(),
    cue: g.text(g.pick([1, 3, 20])),
    source: source(),
    by: { label: g.text(g.pick([5, 30, 200])), date: pickDate(g), source: source() },
  }));
}

/** Fixed item counts per kind; a kind left out is drawn with `g.count()`. */
export type BriefSizes = Partial<
  Record<"summary" | "figures" | "quotes" | "questions" | "settled" | "sources" | "related", number>
>;

/** A brief with hostile, Unicode and oversized text everywhere, and citations to known and unknown sources. */
export function generateBrief(g: Gen, sizes?: BriefSizes): Brief {
  const nSources = sizes?.sources ?? g.count();
  const urls = [
    () => `https://news.example/${g.int(1e6)}`,
    () => `http://plain.example/a_(b)/${g.int(100)}`,
    () => "javascript:alert(1)",
    () => "ftp://files.example/x",
    () => "https://user:pw@host.example/private",
    () => `https://long.example/${"a".repeat(600)}`,
    () => "not a url",
    () => null,
    () => null,
  ];
  const sources: SourceRef[] = Array.from({ length: nSources }, (_, i) => ({
    id: `src${i}`,
    title: g.random() < 0.8 ? g.text(g.pick([1, 10, 40, 90, 200, 400])) : g.text(),
    url: g.pick(urls)(),
    published: g.random() < 0.7 ? "2020-08-02" : null,
    outlet: g.random() < 0.6 ? g.text(g.pick([3, 10, 30, 150])) : null,
    location: g.random() < 0.8 ? `seeds/${g.int(100)}.txt` : g.text(60),
  }));
  const ids = () => {
    const n = nSources === 0 ? 1 : 1 + g.int(g.random() < 0.1 ? nSources : Math.min(nSources, 4));
    return Array.from({ length: n }, () =>
      nSources === 0 || g.random() < 0.03 ? "unknown" : `src${g.int(nSources)}`,
    );
  };
  const point = (prefix: string, i: number): SummaryItem => {
    const cited = ids();
    return {
      id: `${prefix}${i}`,
      text: g.text(),
      sources: cited,
      evidence: cited.map((source) => ({ source, sentence: g.text(80) })),
      phrasedBy: g.random() < 0.5 ? "template" : "llm",
    };
  };
  const quote = (): QuoteItem => ({
    text: g.text(),
    speaker: g.random() < 0.3 ? null : g.text(g.pick([1, 8, 20, 40])),
    source: ids()[0] ?? "unknown",
    otherSources: [],
  });
  const question = (i: number): QuestionItem => ({
    id: `q${i}`,
    text: `${g.text()}?`,
    kind: g.pick(["hedge", "pending", "deadline", "claim", "contradiction"] as const),
    basis: g.text(),
    source: ids()[0] ?? "unknown",
    related: Array.from({ length: g.pick([0, 0, 1, 2]) }, () => ({
      source: ids()[0] ?? "unknown",
      sentence: g.text(g.pick([20, 200, 1200])),
    })),
    phrasedBy: "template",
  });
  return {
    topic: g.text(g.pick([1, 6, 30])),
    state:
      g.random() < 0.3
        ? null
        : { label: g.text(g.pick([5, 30, 200])), date: pickDate(g), source: ids()[0] ?? "unknown" },
    timeline: Array.from({ length: g.pick([0, 1, 3, 12]) }, () => ({
      date: pickDate(g),
      text: g.text(),
      source: ids()[0] ?? "unknown",
      kind: g.pick(["agreed", "sued", "cleared", "abandoned"]),
    })),
    label: g.random() < 0.9 ? g.text(g.pick([1, 6, 30, 80])) : g.text(),
    summary: Array.from({ length: sizes?.summary ?? g.count() }, (_, i) => point("s", i)),
    figures: Array.from({ length: sizes?.figures ?? g.count() }, (_, i) => point("f", i)),
    quotes: Array.from({ length: sizes?.quotes ?? g.count() }, quote),
    questions: Array.from({ length: sizes?.questions ?? g.count() }, (_, i) => question(i)),
    settled: settledItems(g, sizes?.settled ?? g.count(), () => ids()[0] ?? "unknown"),
    sources,
    related: Array.from({ length: sizes?.related ?? g.pick([0, 0, 1, 3, 8]) }, () => ({
      label: g.text(g.pick([3, 30, 300])),
      sources: ids(),
    })),
  };
}
