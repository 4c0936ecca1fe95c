// Sentence segmentation for English news text: the public entry; the stages live in ./segment/.
//
// Every span's offsets point back into the source verbatim, so callers can prove that a sentence or a quote
// is a substring of the document. Linear scans, no regex on the hot path: it runs on every document at ingest.
import { segmentSpans } from "./segment/blocks.js";

export function splitSentences(text: string): string[] {
  return segmentSpans(text).map((span) => span.text);
}
