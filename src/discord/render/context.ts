// What every part of a rendering needs from the brief: its display label and the source numbering for markers.
import type { Brief } from "../../core/brief/schema.js";
import { fitText, normalizeText } from "./truncate.js";

const LABEL_MAX = 200;

export interface Context {
  brief: Brief;
  numberOf: ReadonlyMap<string, number>;
  label: string;
}

export interface Citation {
  marker: string;
  numbers: number[];
}

export function context(brief: Brief): Context {
  const numberOf = new Map<string, number>();
  // An id listed twice keeps its first number.
  brief.sources.forEach((s, i) => {
    if (!numberOf.has(s.id)) numberOf.set(s.id, i + 1);
  });
  const label = normalizeText(brief.label) || normalizeText(brief.topic) || "Topic";
  return { brief, numberOf, label: fitText(label, LABEL_MAX) };
}

/** `[1][3]` for the given source ids, in order, each once; `[?]` for an id not in the source list. */
export function cite(ctx: Context, ids: readonly string[]): Citation {
  const numbers: number[] = [];
  let unknown = false;
  for (const id of ids) {
    const n = ctx.numberOf.get(id);
    if (n === undefined) unknown = true;
    else if (!numbers.includes(n)) numbers.push(n);
  }
  const marker = numbers.map((n) => `[${n}]`).join("") + (unknown ? "[?]" : "");
  return { marker, numbers };
}
