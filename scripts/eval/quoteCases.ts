// `node --import tsx scripts/eval/quoteCases.ts <attribution dir> [wrong|abstained|missed|spurious] [even|odd]`:
// prints each failing case of the attribution development set with the text around it and the pattern
// that attributed it, so failures can be sorted by the structure of the sentence. A development tool.
import { loadPassages, passageQuotes } from "./quotesEval.js";
import { scorePassage } from "./quoteScore.js";

const [dir = "../shared/attribution", which = "wrong", half = ""] = process.argv.slice(2);
const parity = (id: string): number => Number(/(\d+)$/.exec(id)?.[1] ?? 0) % 2;
const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, " ¶ ");

for (const passage of await loadPassages(dir)) {
  if (half && (half === "even" ? 1 : 0) === parity(passage.id)) continue;
  const quotes = passageQuotes(passage);
  const score = scorePassage(passage.text, passage.quotes, passage.ignore, quotes);
  const show = (start: number, end: number, head: string): void => {
    const from = Math.max(0, start - 260);
    console.log(
      `${head}\n   …${oneLine(passage.text.slice(from, start))}⟦${oneLine(passage.text.slice(start, end)).slice(0, 120)}⟧${oneLine(passage.text.slice(end, end + 140))}…\n`,
    );
  };
  if (which === "spurious") {
    for (const e of score.unmatched) show(e.start, e.end, `${passage.id} spurious [${e.speaker}]`);
    continue;
  }
  for (const r of score.golds) {
    const verdict = r.match ? (r.verdict ?? "unscored") : "missed";
    if (verdict !== which) continue;
    const q = r.match ? quotes.find((x) => x.start === r.match?.start) : undefined;
    const at = r.match ? r.match.start : passage.text.indexOf(r.gold.text);
    const end = r.match ? r.match.end : at + r.gold.text.length;
    show(
      at,
      end,
      `${passage.id} ${verdict}: gold ${r.gold.speaker} [${r.gold.kind.join(",")}] got ${r.match?.speaker ?? "-"} (${q?.how ?? "-"})`,
    );
  }
}
