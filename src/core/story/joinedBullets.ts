// Bullets and key figures that would not read on their own, mended by joining or deleting, never rewording:
// a follow-up sentence joins the bullet it leans on, a figure is shown with the sentence before it or from
// where its facts start, and a line a fuller sentence restates gives way to it.
import type { SummaryGroup } from "./types.js";
import { contained, relationEnd } from "./standAlone.js";

/**
 * A key figure (or a last-resort bullet) that leans on a sentence already shown as a bullet ("That sum
 * is twice last year's profit" after the bullet giving the sum) joins that bullet instead of standing apart: the
 * bullet then reads as the two sentences, as written. Only a bullet with one source: the other outlets would
 * not support the addition.
 */
export function attachFollowers(
  summary: SummaryGroup[],
  figures: SummaryGroup[],
): { bullets: SummaryGroup[]; rest: SummaryGroup[] } {
  const bullets = [...summary];
  const attached = (f: SummaryGroup): boolean => {
    const lead = f.members[0];
    if (!lead?.unreadable || lead.context === undefined) return false;
    const at = bullets.findIndex(
      (b) =>
        b !== f &&
        b.members.length === 1 &&
        b.members[0]?.source === lead.source &&
        b.members[0].sentence === lead.context?.trimEnd(),
    );
    const host = bullets[at];
    const bullet = host?.members[0];
    if (!host || !bullet) return false;
    bullets[at] = { ...host, members: [{ ...bullet, sentence: lead.context + lead.sentence }] };
    return true;
  };
  // A bullet that has become a host is a new object: it stays, whatever it leans on.
  for (const g of summary) if (bullets.includes(g) && attached(g)) bullets.splice(bullets.indexOf(g), 1);
  return { bullets, rest: figures.filter((f) => !attached(f)) };
}

/** A sentence whose words another, longer sentence all but repeats says less: the longer one is shown. */
export function withoutRestatements(groups: SummaryGroup[]): SummaryGroup[] {
  return groups.filter((g) => {
    const lead = g.members[0];
    return !groups.some((o) => {
      const other = o.members[0];
      return other && lead && other.words.size > lead.words.size && contained(other.words, lead.words);
    });
  });
}

/**
 * A key figure whose opening only relates it to news not shown ("The news came after months of lobbying by …")
 * is shown from where its facts start: a deletion, like the tidying of any bullet.
 */
export function withoutRelation(g: SummaryGroup): SummaryGroup {
  const [lead, ...rest] = g.members;
  const at = lead && lead.context === undefined ? relationEnd(lead.sentence) : -1;
  if (!lead || at < 0) return g;
  return { ...g, members: [{ ...lead, sentence: lead.sentence.slice(at), unreadable: false }, ...rest] };
}

/** A key figure that leans on the sentence before it is shown with that sentence, so it reads on its own. */
export function withContext(g: SummaryGroup): SummaryGroup {
  const [lead, ...rest] = g.members;
  if (!lead?.unreadable || lead.context === undefined) return g;
  const shown = { ...lead, sentence: lead.context + lead.sentence, unreadable: false };
  return { ...g, members: [shown, ...rest] };
}
