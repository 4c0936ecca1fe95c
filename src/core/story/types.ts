// The story kernel's shared shapes: a document with how much it is about the topic, a story (documents, the
// names it is about, its label), and the kinds of open point. Brief, digest and phrasing all read these.
import type { AnalyzedDocument } from "../analyze/analyzeDocument.js";

export interface StoryDocument {
  analyzed: AnalyzedDocument;
  /** How strongly the document is about the topic (mentions, with a title mention worth three). */
  salience: number;
}

export const QUESTION_KINDS = ["hedge", "pending", "deadline", "claim", "contradiction"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** The documents of one story, the central names they are about, and the name a reader knows it by. */
export interface StoryGroup {
  documents: StoryDocument[];
  /** Its central names: what its bullets and questions are ranked against. */
  keys: Set<string>;
  /** The name it is most distinctively about, as the documents write it. */
  label: string;
}
