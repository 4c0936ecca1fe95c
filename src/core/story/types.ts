// The story kernel's shared shapes: a document with how much it is about the topic, a story (documents, the
// names it is about, its label), the kinds of open point, and the summary's candidate sentences and groups.
// Brief, digest and phrasing all read these.
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

export interface SummaryCandidate {
  sentence: string;
  source: string;
  published: string | null;
  score: number;
  words: Set<string>;
  /** Mostly a quotation: the quotes section shows it, so it is neither a summary bullet nor a key figure. */
  quoted: boolean;
  /** The entities the sentence mentions (keys), which a sentence merged under it must mention too. */
  names: Set<string>;
  /** The name the sentence opens with, its likely subject: two outlets' one statement share it. */
  subject: string | null;
  /** Names one of the story's central names, the deal or its market: a figure in it is about the story. */
  aboutStory: boolean;
  /**
   * Cannot be read on its own: it points back to a sentence not shown ("The statement differs …") or dates
   * itself by a weekday in a report with no date. A key figure may still quote it for its number.
   */
  unreadable: boolean;
  /** The writer's own forecast: an open question, never a summary bullet. */
  forecast: boolean;
  /**
   * For a sentence that leans on the one before it: that sentence and the space after it, verbatim, when
   * both are in one paragraph and it reads on its own. A key figure shows the two together.
   */
  context?: string;
}

export interface SummaryGroup {
  members: SummaryCandidate[];
  score: number;
}
