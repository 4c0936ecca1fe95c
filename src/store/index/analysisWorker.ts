// Worker-thread side of the analysis pool: analyses documents and encodes them for the index, so the
// main thread (Discord interactions, the database writer) never spends milliseconds per document on it.
import { analyzeDocument } from "../../core/analyze/analyzeDocument.js";
import type { SourceDocument } from "../../core/ingest/document.js";
import { encodeAnalysis, type EncodedAnalysis } from "./codec.js";

export default function analyze(docs: SourceDocument[]): EncodedAnalysis[] {
  return docs.map((doc) => encodeAnalysis(analyzeDocument(doc)));
}
