// Fitting rendered lines into character budgets: packing fields, sharing the embed total, cutting pages.
//
// Whole items are dropped before any is cut ("+N more — use the buttons"): a reader can page to a dropped
// item, but cannot recover the part of one that was cut away.
import { measure } from "./limits.js";
import type { Entry } from "./entries.js";

/** Lines rendered on demand (a page shows few of many), each once. */
export interface Lines {
  count: number;
  at: (i: number) => string;
}

/** A page of a view: entries [from, to). */
export interface PageSpan {
  from: number;
  to: number;
}

export function lazyLines<T>(items: readonly T[], render: (item: T, i: number) => string): Lines {
  const cache = new Map<number, string>();
  return {
    count: items.length,
    at: (i) => {
      let line = cache.get(i);
      const item = items[i];
      if (line === undefined && item !== undefined) cache.set(i, (line = render(item, i)));
      return line ?? "";
    },
  };
}

/**
 * Whole lines, in order, while they fit the budget, keeping room for "+N more"; at most maxItems.
 * The budget must allow the "+N more" line for all lines.
 */
export function packLines(
  lines: Lines,
  budget: number,
  maxItems: number,
  moreLine: (n: number) => string,
): { text: string; shown: number } {
  const out: string[] = [];
  let used = 0;
  const limit = Math.min(lines.count, maxItems);
  for (let i = 0; i < limit; i++) {
    const line = lines.at(i);
    const rest = lines.count - i - 1;
    const reserve = rest > 0 ? 1 + measure(moreLine(rest)) : 0;
    const cost = (out.length > 0 ? 1 : 0) + measure(line);
    if (used + cost + reserve > budget) break;
    out.push(line);
    used += cost;
  }
  const shown = out.length;
  if (shown < lines.count) out.push(moreLine(lines.count - shown));
  return { text: out.join("\n"), shown };
}

/** Shares total among sections by weight; a section never gets more than it needs. */
export function waterFill(needs: readonly number[], weights: readonly number[], total: number): number[] {
  const alloc = needs.map(() => 0);
  let active = needs.map((_, i) => i).filter((i) => (needs[i] ?? 0) > 0);
  let remaining = total;
  while (active.length > 0) {
    const weight = active.reduce((sum, i) => sum + (weights[i] ?? 1), 0);
    const share = (i: number) => (remaining * (weights[i] ?? 1)) / weight;
    const satisfied = active.filter((i) => (needs[i] ?? 0) <= share(i));
    if (satisfied.length === 0) {
      for (const i of active) alloc[i] = Math.floor(share(i));
      break;
    }
    for (const i of satisfied) {
      alloc[i] = needs[i] ?? 0;
      remaining -= needs[i] ?? 0;
    }
    active = active.filter((i) => !satisfied.includes(i));
  }
  return alloc;
}

/** Entries in order, page by page: whole entries while they fit; one that cannot fit gets a page to itself. */
export function paginate(entries: readonly Entry[], budget: number): PageSpan[] {
  const pages: PageSpan[] = [];
  let i = 0;
  while (i < entries.length) {
    const from = i;
    let used = 0;
    let header: string | undefined;
    while (i < entries.length) {
      const entry = entries[i];
      if (!entry) break;
      const heading = entry.header !== undefined && entry.header !== header ? entry.header : undefined;
      const cost =
        (i > from ? 1 : 0) +
        (heading === undefined ? 0 : measure(heading) + 1) +
        measure(entry.variants[0] ?? "");
      if (used + cost <= budget) {
        used += cost;
        header = entry.header;
        i++;
        continue;
      }
      if (i === from) i++;
      break;
    }
    pages.push({ from, to: i });
  }
  return pages.length > 0 ? pages : [{ from: 0, to: 0 }];
}

/** The description of one page: headings, then each entry whole, or (alone and too long) its fallback. */
export function pageText(entries: readonly Entry[], span: PageSpan, budget: number): string {
  const lines: string[] = [];
  let header: string | undefined;
  for (let i = span.from; i < span.to; i++) {
    const entry = entries[i];
    if (!entry) continue;
    if (entry.header !== undefined && entry.header !== header) lines.push(entry.header);
    header = entry.header;
    const room = budget - measure(lines.join("\n")) - (lines.length > 0 ? 1 : 0);
    const fitting = entry.variants.find((v) => measure(v) <= room);
    lines.push(fitting ?? entry.shrink?.(room) ?? entry.placeholder());
  }
  return lines.join("\n");
}
