// Phrasing as its own step after the grounded brief is built: the phraser re-words summary items and
// questions from the evidence each carries; whatever it does not return keeps its grounded text. Quotes,
// sources and everything else pass through untouched, so a front end can re-phrase a built brief.
import type { Phraser, PhraseItem } from "../phrase/phraser.js";
import { Brief, type QuestionItem, type SummaryItem } from "./schema.js";

/** The phrase items a brief offers a phraser: its bullets and figures, then its questions. */
export function phraseItemsOf(brief: Brief): PhraseItem[] {
  const summary = (item: SummaryItem): PhraseItem => ({
    id: item.id,
    kind: "summary",
    evidence: item.evidence.map((e) => e.sentence),
    grounded: item.text,
  });
  const question = (item: QuestionItem): PhraseItem => ({
    id: item.id,
    kind: "question",
    evidence: [item.basis, ...item.related.map((r) => r.sentence)],
    questionKind: item.kind,
    ...(item.cue !== undefined ? { cue: item.cue } : {}),
  });
  return [...brief.summary.map(summary), ...brief.figures.map(summary), ...brief.questions.map(question)];
}

export async function phraseBrief(brief: Brief, phraser: Phraser): Promise<Brief> {
  const phrased = await phraser.phrase(phraseItemsOf(brief));
  const reword = <T extends SummaryItem | QuestionItem>(item: T): T => {
    const p = phrased.get(item.id);
    if (!p || !p.text.trim()) return item;
    return { ...item, text: p.text, phrasedBy: p.by };
  };
  const questions = brief.questions.map((q) => {
    const item = reword(q);
    // A question keeps its form; a phrasing that lost it falls back to the grounded text.
    return /\?$|^Pending: /.test(item.text) ? item : q;
  });
  return Brief.parse({
    ...brief,
    summary: brief.summary.map(reword),
    figures: brief.figures.map(reword),
    questions,
  });
}
