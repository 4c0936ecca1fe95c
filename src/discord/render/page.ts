// What every embed page shares: its budgets, the sources-cited field, the footer and the page index.
import type { APIEmbedField } from "discord-api-types/v10";
import { LIMITS, measure } from "./limits.js";
import { fitText, neutraliseMentions, normalizeText } from "./truncate.js";
import type { Context } from "./context.js";
import { SOURCE_TITLE_IN_FIELD, sourceLine, type Entry } from "./entries.js";
import { lazyLines, packLines, type PageSpan } from "./packing.js";

export const COLOR = 0x5865f2;
/** Every title is fitted within this; the budgets below assume the worst. */
export const TITLE_RESERVE = LIMITS.title;
/** Every footer is fitted within this (the phrasing note is cut to fit). */
export const FOOTER_RESERVE = 512;
const PAGE_SOURCES_FIELD = "Sources cited on this page";
/** A paged view's description: the sources field, title and footer always fit beside it. */
export const PAGE_DESCRIPTION = Math.min(
  LIMITS.description,
  LIMITS.total - TITLE_RESERVE - FOOTER_RESERVE - PAGE_SOURCES_FIELD.length - LIMITS.fieldValue,
);

const moreSources = (n: number) => `+${n} more — see All sources`;
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The sources the page's entries cite, numbered as in the brief. */
export function citedField(
  ctx: Context,
  entries: readonly Entry[],
  span: PageSpan,
): APIEmbedField | undefined {
  const numbers = [...new Set(entries.slice(span.from, span.to).flatMap((e) => e.cites))].sort(
    (a, b) => a - b,
  );
  const listed = numbers.flatMap((n) => {
    const source = ctx.brief.sources[n - 1];
    return source ? [{ source, n }] : [];
  });
  if (listed.length === 0) return undefined;
  const lines = lazyLines(listed, ({ source, n }) => sourceLine(source, n, SOURCE_TITLE_IN_FIELD));
  return { name: PAGE_SOURCES_FIELD, value: packLines(lines, LIMITS.fieldValue, Infinity, moreSources).text };
}

/** Spread into an embed, so that a page citing nothing has no `fields` key rather than an empty list. */
export function cited(field: APIEmbedField | undefined): { fields?: APIEmbedField[] } {
  return field ? { fields: [field] } : {};
}

export function footer(base: string, note: string | undefined): string {
  const clean = normalizeText(note ?? "");
  const room = FOOTER_RESERVE - measure(base) - 1;
  // A note cut to a few characters says nothing; leave it out.
  if (!clean || room < 8) return base;
  return `${base} ${fitText(clean, room, neutraliseMentions)}`;
}

/** Any index, out of range or not an integer, lands on a real page. */
export function clampIndex(index: number | undefined, pages: number): number {
  const n = index !== undefined && Number.isFinite(index) ? Math.trunc(index) : 0;
  return Math.min(Math.max(n, 0), pages - 1);
}
