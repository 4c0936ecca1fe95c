// How every front end numbers sources and cites them, so a terminal brief, a Discord brief and a digest
// agree on which [n] is which: [n] is sources[n - 1]. Only the marks themselves ([1], a link, a superscript)
// belong to a front end.
import type { SourceRef } from "./schema.js";

/** Source id → its number (1-based); an id listed twice keeps its first number. */
export function sourceNumbers(sources: readonly Pick<SourceRef, "id">[]): Map<string, number> {
  const numberOf = new Map<string, number>();
  sources.forEach((source, i) => {
    if (!numberOf.has(source.id)) numberOf.set(source.id, i + 1);
  });
  return numberOf;
}

export interface Citation {
  /** The numbers of the cited sources, in the order cited, each once. */
  numbers: number[];
  /** True when an id is not among the sources: a front end shows that rather than dropping it silently. */
  unknown: boolean;
}

/** What an item citing `ids` points at. */
export function citationOf(numberOf: ReadonlyMap<string, number>, ids: readonly string[]): Citation {
  const numbers: number[] = [];
  let unknown = false;
  for (const id of ids) {
    const n = numberOf.get(id);
    if (n === undefined) unknown = true;
    else if (!numbers.includes(n)) numbers.push(n);
  }
  return { numbers, unknown };
}
