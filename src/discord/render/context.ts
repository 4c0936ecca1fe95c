// What every part of a rendering needs from the brief: its display label, the source numbering (the core's,
// as in the terminal) and each source's link, so that a citation marker is a link to its source.
import { citationOf, sourceNumbers } from "../../core/brief/citations.js";
import type { Brief, SourceRef } from "../../core/brief/schema.js";
import { measure } from "./limits.js";
import { fitText, normalizeText, safeHttpUrl } from "./truncate.js";

const LABEL_MAX = 200;
/** Longer addresses are not linked: a marker should not cost more than a line of text. */
export const URL_MAX = 512;
/** Keeps a marker on the line of the text it cites: a wrap never leaves `[3]` alone on a line. */
export const NBSP = "\u00A0";

export interface Context {
  brief: Brief;
  numberOf: ReadonlyMap<string, number>;
  /** The http(s) address of source n, when it has one short enough to link. */
  hrefOf: ReadonlyMap<number, string>;
  /** With one source every item cites it, so markers say nothing and are left out. */
  single: boolean;
  label: string;
}

export interface Citation {
  /** `[1](url)[3](url)`, or "" when the brief has one source. */
  marker: string;
  numbers: number[];
}

/** Where a source can be read: its URL, else a location that is itself an http(s) address. */
export function sourceHref(source: SourceRef): string | undefined {
  const href = safeHttpUrl(source.url) ?? (source.url === null ? safeHttpUrl(source.location) : undefined);
  return href !== undefined && measure(href) <= URL_MAX ? href : undefined;
}

export function context(brief: Brief): Context {
  const numberOf = sourceNumbers(brief.sources);
  const hrefOf = new Map<number, string>();
  brief.sources.forEach((s, i) => {
    // An id listed twice is cited by its first number: only that listing's address is a marker's link.
    if (numberOf.get(s.id) !== i + 1) return;
    const href = sourceHref(s);
    if (href !== undefined) hrefOf.set(i + 1, href);
  });
  const label = normalizeText(brief.label) || normalizeText(brief.topic) || "Topic";
  return { brief, numberOf, hrefOf, single: numberOf.size <= 1, label: fitText(label, LABEL_MAX) };
}

/** `[n]` as a link to source n (the brackets escaped, so they show), or plain when it has no address. */
export function markerFor(ctx: Context, n: number): string {
  const href = ctx.hrefOf.get(n);
  return href === undefined ? `[${n}]` : `[\\[${n}\\]](${href})`;
}

/** The markers for the given source ids, in order, each once; `[?]` for an id not in the source list. */
export function cite(ctx: Context, ids: readonly string[]): Citation {
  const { numbers, unknown } = citationOf(ctx.numberOf, ids);
  if (ctx.single && !unknown) return { marker: "", numbers };
  const marker = numbers.map((n) => markerFor(ctx, n)).join("") + (unknown ? "[?]" : "");
  return { marker, numbers };
}

/** Text followed by its marker, joined by a non-breaking space; the text alone when there is no marker. */
export function withMarker(text: string, marker: string): string {
  return marker.length > 0 ? `${text}${NBSP}${marker}` : text;
}
