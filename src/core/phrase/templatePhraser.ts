// The default phraser: no model, no network. Summary items are their evidence sentence, tidied; questions
// come from the story kernel's question templates filled with spans of the evidence.
import { offlineQuestion } from "../story/questionChoice.js";
import { tidySentence } from "../story/text.js";
import type { PhraseItem, Phraser, Phrasing } from "./phraser.js";

/** The question for an item, from the story kernel's templates; empty when no template fits. */
export function questionText(item: PhraseItem): string {
  const basis = item.evidence[0] ?? "";
  return (
    offlineQuestion({
      kind: item.questionKind ?? "hedge",
      basis,
      cue: item.cue ?? "",
      related: item.evidence.slice(1).map((sentence) => ({ sentence })),
    }) ?? ""
  );
}

export const templatePhraser: Phraser = {
  name: "template",
  phrase(items: readonly PhraseItem[]): Promise<Map<string, Phrasing>> {
    const out = new Map<string, Phrasing>();
    for (const item of items) {
      const text =
        item.kind === "summary"
          ? (item.grounded ?? tidySentence(item.evidence[0] ?? ""))
          : questionText(item);
      out.set(item.id, { text, by: "template" });
    }
    return Promise.resolve(out);
  },
};
