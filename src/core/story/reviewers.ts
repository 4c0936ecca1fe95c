// Who acts on a deal, as a sentence names them: the regulators, courts and agencies a review step's subject
// names ("The British CMA has approved …"). A decision settles its own reviewer's doubts (a concern, a
// provisional finding) and not another reviewer's: the UK's concern stays open beside China's clearance.
import type { StoryEvent } from "./events.js";

/** An acronym that is not a possessive owner ("the CMA", not "AMD's") nor a currency ("US$61 billion"). */
const ACRONYM = /\b\p{Lu}(?:\p{Lu}|\.\p{Lu}){1,5}\.?(?![\p{L}'’$\d])/gu;
/** A named public body: capitalised words ending in the kind of body it is. */
const BODY =
  /\b(?:\p{Lu}[\p{L}-]+\s+){1,4}(?:Commission|Authority|Court|Department|Ministry|Regulator|Agency|Administration|Tribunal|Bureau|Board|Office)\b/gu;

function normal(name: string): string {
  return name.replace(/\./g, "").toLowerCase();
}

/** The reviewers a stretch of text names, normalised ("CMA" → "cma", "U.K." → "uk"). */
export function reviewersIn(text: string, exclude: ReadonlySet<string> = new Set()): Set<string> {
  const out = new Set<string>();
  for (const match of text.matchAll(ACRONYM)) out.add(normal(match[0]));
  for (const match of text.matchAll(BODY)) out.add(normal(match[0].replace(/^(?:The|A|An)\s+/u, "")));
  for (const name of exclude) out.delete(name);
  return out;
}

/** The reviewers named in the subject of an event's sentence (the words before the step it reports). */
export function actingReviewers(event: StoryEvent, exclude: ReadonlySet<string> = new Set()): Set<string> {
  const at = event.sentence.indexOf(event.cue);
  return at <= 0 ? new Set() : reviewersIn(event.sentence.slice(0, at), exclude);
}

/** True when the text names a reviewer who acts in the event: the event decided that reviewer's own doubt. */
export function sameReviewer(
  text: string,
  event: StoryEvent,
  exclude: ReadonlySet<string> = new Set(),
): boolean {
  const acting = actingReviewers(event, exclude);
  if (acting.size === 0) return false;
  for (const name of reviewersIn(text, exclude)) if (acting.has(name)) return true;
  return false;
}
