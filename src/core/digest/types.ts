// The digest as plain data: what changed in the indexed news between two moments, story by story.
// Every text in it is a document sentence (or a part of one) or a template question, and carries its source.
import type { Scope } from "../index/docIndex.js";
import type { SourceRef } from "../brief/schema.js";

export interface DigestOptions {
  scope: Scope;
  /** Documents added after this moment (ms since the epoch, exclusive)… */
  since: number;
  /** …and up to this one (inclusive). */
  until: number;
  /** Only stories about these topics (resolved like /deal topics); empty or absent = all. */
  topics?: readonly string[];
  /** What the last digest left open; null or absent for the first digest. */
  previous?: DigestMemory | null;
  /** Most stories in one digest (default 8). */
  maxStories?: number;
}

export type DigestChangeKind = "development" | "new-question" | "answered";

export interface DigestChange {
  kind: DigestChangeKind;
  text: string;
  source: string;
  /** For a dated step of the story's timeline: its date ("YYYY-MM-DD" or "YYYY-MM") and state label. */
  date?: string;
  label?: string;
}

export interface DigestBullet {
  text: string;
  /** Document ids, at least one. */
  sources: string[];
}

export interface DigestQuote {
  /** Verbatim from the source, without its quotation marks. */
  text: string;
  speaker: string | null;
  source: string;
}

/** A dated step of the story's timeline ("agreed", "cleared", "abandoned"), told by one source. */
export interface DigestStep {
  /** "YYYY-MM-DD" or "YYYY-MM". */
  date: string;
  /** The state the step leaves the story in ("Abandoned"). */
  label: string;
  /** The step's clause of its sentence, verbatim but for a dateline and a cut tail ("…"). */
  text: string;
  source: string;
}

/** Where the story stands: its latest step that has happened, whatever the window. */
export interface DigestState {
  label: string;
  date: string;
  source: string;
}

export interface DigestStory {
  /** The story's central name ("Globex"). */
  label: string;
  state: DigestState | null;
  /** The latest dated steps inside the window (at most three), oldest first. */
  steps: DigestStep[];
  /** The story's documents that are new in this digest, by id. */
  documents: string[];
  /** The central name and the story's most salient new sentence, shortened at a word boundary. */
  headline: string;
  /** 1–3 bullets, each a sentence of a new document. */
  bullets: DigestBullet[];
  quote: DigestQuote | null;
  changes: DigestChange[];
  /** How many of the story's documents are new in this digest. */
  newDocuments: number;
}

export interface DigestQuestion {
  /** Stable id of the question: a hash of its basis sentence. */
  key: string;
  /** The question as the template phraser words it. */
  text: string;
  /** The verbatim sentence it rests on. */
  basis: string;
  /** The central names of the story it was asked about. */
  storyKeys: string[];
}

/** What the next digest compares against; plain JSON, safe to store. */
export interface DigestMemory {
  questions: DigestQuestion[];
}

export interface Digest {
  since: number;
  until: number;
  stories: DigestStory[];
  /** Numbered in the order a reader meets them: [n] is sources[n - 1]. */
  sources: SourceRef[];
  /** What the next digest compares against. */
  memory: DigestMemory;
  empty: boolean;
}
