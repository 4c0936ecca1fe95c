// The phrasing seam: a Phraser turns grounded brief items into readable text. The template phraser needs
// nothing; an LLM phraser may only re-word the evidence it is handed, and must fall back item by item.
import type { QuestionKind } from "../story/types.js";

export interface PhraseItem {
  id: string;
  kind: "summary" | "question";
  /** The verbatim sentences the item rests on; the only facts a phrasing may use. */
  evidence: string[];
  questionKind?: QuestionKind;
  /** The words that make a question open ("subject to", "by September 15"). */
  cue?: string;
  /** A bullet's grounded text as the brief built it (its sentence, tidied); the template phrasing keeps it. */
  grounded?: string;
}

export interface Phrasing {
  text: string;
  by: "template" | "llm";
}

export interface Phraser {
  readonly name: string;
  phrase(items: readonly PhraseItem[]): Promise<Map<string, Phrasing>>;
}
