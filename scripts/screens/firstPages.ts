// Prints the /deal first page of every gold story of the shared corpora with its size (characters a reader
// sees, and raw), for reviewing the one-screen budget. A review tool, not part of the test command.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { groundedBrief } from "../../src/core/brief/buildBrief.js";
import { indexFolders } from "../../src/core/index/corpus.js";
import { renderBrief } from "../../src/discord/render/brief.js";
import { visibleLength } from "../../src/discord/render/firstPage.js";

const corpora = process.argv.slice(2);
for (const dir of corpora) {
  const gold = path.join(dir, "gold.json");
  if (!existsSync(gold)) continue;
  const queries = (JSON.parse(readFileSync(gold, "utf8")) as Array<{ query: string }>).map((g) => g.query);
  const { index } = await indexFolders([dir]);
  for (const query of queries) {
    const brief = groundedBrief(index, query);
    const page = renderBrief(brief, { customId: (p, i) => `deal:${p}:${i}:${query}` });
    const embed = page.embeds[0];
    const seen = [embed?.title ?? "", embed?.description ?? "", embed?.footer?.text ?? ""];
    const visible = seen.reduce((n, s) => n + visibleLength(s), 0);
    const raw = seen.reduce((n, s) => n + s.length, 0);
    console.log(`\n=== ${path.basename(dir)} / ${query}: ${visible} visible, ${raw} raw`);
    if (process.env.SHOW)
      console.log(embed?.description, "\n--", embed?.footer?.text, "\n--", JSON.stringify(page.components));
  }
}
