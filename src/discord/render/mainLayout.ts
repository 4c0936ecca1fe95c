// The first main page: summary, figures, quotes, questions, sources and related stories in one embed.
import type { APIEmbedField } from "discord-api-types/v10";
import { LIMITS, measure } from "./limits.js";
import { fitText, normalizeText } from "./truncate.js";
import type { Context } from "./context.js";
import { pointEntry, questionEntry, quoteEntry, SOURCE_TITLE_IN_FIELD, sourceLine } from "./entries.js";
import { lazyLines, packLines, waterFill, type Lines } from "./packing.js";
import { FOOTER_RESERVE, plural, TITLE_RESERVE } from "./page.js";

const MAIN_QUOTES = 3;
const MAIN_QUESTIONS = 3;
const MAIN_RELATED = 5;
const NO_SUMMARY = "No summary points were found in the documents.";
const more = (n: number) => `+${n} more — use the buttons`;

interface Section {
  key: "summary" | "figures" | "quotes" | "questions" | "sources" | "related";
  /** Field name; none for the description. */
  name?: string;
  cap: number;
  weight: number;
  lines: Lines;
  maxItems: number;
}

export interface MainLayout {
  description: string;
  fields: APIEmbedField[];
  /** How many items of each kind the first main page shows. */
  shown: Record<Section["key"], number>;
}

function sections(ctx: Context): Section[] {
  const { brief } = ctx;
  return [
    {
      key: "summary",
      cap: LIMITS.description,
      weight: 4,
      lines:
        brief.summary.length > 0
          ? lazyLines(brief.summary, (s) => pointEntry(ctx, s).variants[0] ?? "")
          : lazyLines([NO_SUMMARY], (line) => line),
      maxItems: Infinity,
    },
    {
      key: "figures",
      name: "Key figures",
      cap: LIMITS.fieldValue,
      weight: 1.5,
      lines: lazyLines(brief.figures, (f) => pointEntry(ctx, f).variants[0] ?? ""),
      maxItems: Infinity,
    },
    {
      key: "quotes",
      name: "Key quotes",
      cap: LIMITS.fieldValue,
      weight: 1.5,
      lines: lazyLines(brief.quotes, (q) => quoteEntry(ctx, q, false).variants[0] ?? ""),
      maxItems: MAIN_QUOTES,
    },
    {
      key: "questions",
      name: "Open questions",
      cap: LIMITS.fieldValue,
      weight: 1,
      lines: lazyLines(brief.questions, (q) => questionEntry(ctx, q, false).variants[0] ?? ""),
      maxItems: MAIN_QUESTIONS,
    },
    {
      key: "sources",
      name: "Sources",
      cap: LIMITS.fieldValue,
      weight: 1.5,
      lines: lazyLines(brief.sources, (s, i) => sourceLine(s, i + 1, SOURCE_TITLE_IN_FIELD)),
      maxItems: Infinity,
    },
    {
      key: "related",
      name: "Also in other stories",
      cap: LIMITS.fieldValue,
      weight: 0.5,
      lines: lazyLines(
        brief.related,
        (r) =>
          `• ${fitText(normalizeText(r.label) || "(unnamed)", 100)} (${plural(r.sources.length, "source")})`,
      ),
      maxItems: MAIN_RELATED,
    },
  ];
}

/** The first main page: description and fields sharing the 6000-character budget by weight. */
export function layoutMain(ctx: Context): MainLayout {
  const present = sections(ctx).filter((s) => s.lines.count > 0);
  const names = present.reduce((sum, s) => sum + measure(s.name ?? ""), 0);
  const available = LIMITS.total - TITLE_RESERVE - FOOTER_RESERVE - names;
  const pack = (s: Section, budget: number) => packLines(s.lines, budget, s.maxItems, more);
  const needs = present.map((s) => measure(pack(s, s.cap).text));
  const budgets = waterFill(
    needs,
    present.map((s) => s.weight),
    available,
  ).map((b, i) => Math.min(b, present[i]?.cap ?? 0));
  const packed = present.map((s, i) => pack(s, budgets[i] ?? 0));
  // Hand what the packing left unused to the sections that still hide items, most important first.
  let leftover = available - packed.reduce((sum, p) => sum + measure(p.text), 0);
  present.forEach((s, i) => {
    const current = packed[i];
    if (!current || current.shown >= Math.min(s.lines.count, s.maxItems) || leftover <= 0) return;
    const used = measure(current.text);
    const again = pack(s, Math.min(s.cap, used + leftover));
    packed[i] = again;
    leftover += used - measure(again.text);
  });
  const shown: MainLayout["shown"] = {
    summary: 0,
    figures: 0,
    quotes: 0,
    questions: 0,
    sources: 0,
    related: 0,
  };
  let description = "";
  const fields: APIEmbedField[] = [];
  present.forEach((s, i) => {
    const p = packed[i] ?? { text: "", shown: 0 };
    shown[s.key] = p.shown;
    if (s.name === undefined) description = p.text;
    else fields.push({ name: s.name, value: p.text });
  });
  // The no-summary notice takes the summary's place but is not a summary point.
  if (ctx.brief.summary.length === 0) shown.summary = 0;
  return { description, fields, shown };
}
