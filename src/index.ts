// The library entry, the package's public API (package.json "main" and "exports"): the engine without any
// front end. The one module that re-exports: each name from the module where it lives.
export { buildBrief, type BriefOptions } from "./core/brief/buildBrief.js";
export { phraseBrief } from "./core/brief/phraseBrief.js";
export {
  Brief,
  type QuestionItem,
  type QuoteItem,
  type SourceRef,
  type SummaryItem,
} from "./core/brief/schema.js";
export { splitSentences } from "./core/analyze/segment.js";
export { segmentSpans } from "./core/analyze/segment/blocks.js";
export type { SentenceSpan } from "./core/analyze/segment/scan.js";
export { analyzeDocument, type AnalyzedDocument } from "./core/analyze/analyzeDocument.js";
export type { Quote } from "./core/analyze/quotes.js";
export { DocumentIndex, type Scope } from "./core/index/docIndex.js";
export { indexFolders } from "./core/index/corpus.js";
export { loadFolder } from "./core/ingest/loadFolder.js";
export { parseDocument } from "./core/ingest/parseDocument.js";
export type { Owner, SourceDocument } from "./core/ingest/document.js";
export type { Phraser, PhraseItem, Phrasing } from "./core/phrase/phraser.js";
export { templatePhraser } from "./core/phrase/templatePhraser.js";
export { EmptyTopicError, UnknownTopicError, UserError } from "./core/errors.js";

import { analyzeDocument } from "./core/analyze/analyzeDocument.js";
import type { Quote } from "./core/analyze/quotes.js";
import { documentId } from "./core/ingest/document.js";

/** Quotes of a plain text, with speakers where the text makes them clear. */
export function extractQuotesFromText(text: string, title = ""): Quote[] {
  return analyzeDocument({
    id: documentId(text),
    title,
    url: null,
    published: null,
    outlet: null,
    location: "(text)",
    owner: "global",
    raw: text,
  }).quotes;
}
