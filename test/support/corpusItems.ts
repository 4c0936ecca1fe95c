// The phrase items of real briefs, for phrasing tests and the phrasing bench: every summary and figure
// item of every gold query on ../shared/corpus and ../shared/corpus-b, or of the seed topics when the
// shared corpora are absent.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildBrief } from "../../src/core/brief/buildBrief.js";
import { phraseItemsOf } from "../../src/core/brief/phraseBrief.js";
import { indexFolders } from "../../src/core/index/corpus.js";
import type { PhraseItem } from "../../src/core/phrase/phraser.js";

const SHARED = fileURLToPath(new URL("../../../shared/", import.meta.url));
const SEEDS = fileURLToPath(new URL("../../seeds/", import.meta.url));

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

export const CORPORA = ["corpus", "corpus-b"]
  .map((name) => path.join(SHARED, name))
  .filter((dir) => existsSync(path.join(dir, "gold.json")));

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
