// The phrase items of real briefs, for phrasing tests and the phrasing bench: every summary and figure
// item of every gold query on ../shared/corpus and ../shared/corpus-b, or of the seed topics when the
// shared corpora are absent; and every offline question the corpora's sentences give.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { buildBrief } from "../../src/core/brief/buildBrief.js";
import { phraseItemsOf } from "../../src/core/brief/phraseBrief.js";
import { indexFolders } from "../../src/core/index/corpus.js";
import type { PhraseItem } from "../../src/core/phrase/phraser.js";
import { cuesOf } from "../../src/core/story/cues.js";
import { offlineQuestion } from "../../src/core/story/questionChoice.js";
import { isComplete } from "../../src/core/story/text.js";
import type { QuestionKind } from "../../src/core/story/types.js";
import { DEV_CORPORA, SEEDS } from "./shared.js";

export interface CorpusBrief {
  corpus: string;
  topic: string;
  /** Summary and figure items, as the brief hands them to a phraser. */
  items: PhraseItem[];
  /** Question items, as the brief hands them to a phraser. */
  questions: PhraseItem[];
  /** The grounded (offline) text of each item, by id. */
  template: Map<string, string>;
}

export const CORPORA = DEV_CORPORA.filter((dir) => existsSync(path.join(dir, "gold.json")));

export async function corpusBriefs(): Promise<CorpusBrief[]> {
  const out: CorpusBrief[] = [];
  const sources = CORPORA.length > 0 ? CORPORA : [SEEDS];
  for (const dir of sources) {
    const { index } = await indexFolders([dir]);
    const gold = path.join(dir, "gold.json");
    const topics = existsSync(gold)
      ? (JSON.parse(readFileSync(gold, "utf8")) as Array<{ query: string }>).map((g) => g.query)
      : index.complete("", {}, 10).map((t) => t.name);
    for (const topic of topics) {
      const brief = await buildBrief(index, topic);
      const all = phraseItemsOf(brief);
      out.push({
        corpus: path.basename(dir),
        topic,
        items: all.filter((i) => i.kind === "summary"),
        questions: all.filter((i) => i.kind === "question"),
        template: new Map(
          [...brief.summary, ...brief.figures, ...brief.questions].map((b) => [b.id, b.text]),
        ),
      });
    }
  }
  return out;
}

export interface CorpusQuestion {
  corpus: string;
  /** The evidence sentence the question rests on. */
  basis: string;
  text: string;
}

/**
 * Every offline question the corpora can give, not only the briefs' few: each complete sentence of each
 * document, asked as each open point its cues name, and as a hedge and a deadline when no cue names them.
 */
export async function corpusQuestions(): Promise<CorpusQuestion[]> {
  const out = new Map<string, CorpusQuestion>();
  for (const dir of CORPORA) {
    const { index } = await indexFolders([dir]);
    for (const analyzed of index.documents()) {
      for (const s of analyzed.sentences) {
        const basis = analyzed.doc.raw.slice(s.start, s.end);
        if (!isComplete(basis)) continue;
        const cues = cuesOf(basis).filter((c) => c.kind !== "contradiction");
        const asks: Array<{ kind: QuestionKind; cue: string }> = cues.map((c) => ({
          kind: c.kind,
          cue: c.text,
        }));
        for (const kind of ["hedge", "deadline"] as const)
          if (!cues.some((c) => c.kind === kind)) asks.push({ kind, cue: "" });
        for (const { kind, cue } of asks) {
          const text = offlineQuestion({ kind, basis, cue, related: [] });
          if (text) out.set(`${text}\n${basis}`, { corpus: path.basename(dir), basis, text });
        }
      }
    }
  }
  return [...out.values()];
}
