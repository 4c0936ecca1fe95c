// The stories an index holds, for listing (/topics): the recent documents grouped by the kernel's
// clustering, each named by the organisations and products it is most distinctively about (the names its
// documents mention that few other documents do), with its current state, latest date and source count
// from the brief a reader gets for that name.
import { groundedBrief } from "./buildBrief.js";
import type { Brief } from "./schema.js";
import type { DocumentIndex, Scope } from "../index/docIndex.js";
import { clusterDocuments } from "../story/cluster.js";
import type { StoryDocument } from "../story/types.js";

/** Grouping is pairwise: the most recent documents are enough to say what the index is about now. */
const MAX_DOCUMENTS = 300;
/** A second name joins the label when it is nearly as distinctive as the first ("Globex · Initech"). */
const SECOND_NAME = 0.8;

export interface StoryListing {
  /** "Globex" or "Globex · Initech": what a reader would type to get the brief is its first name. */
  label: string;
  /** The name to ask /deal for. */
  topic: string;
  state: { label: string; date: string; source: string } | null;
  /** The latest date among its sources (YYYY-MM-DD), if any is dated. */
  latest: string | null;
  sources: number;
}

interface Candidate {
  name: string;
  /** Documents of the story that name it, times the share of all its documents that are in the story. */
  score: number;
  weight: number;
}

/** The story's names, most distinctive first: people are left out (a story is about a deal, not a person). */
function candidates(index: DocumentIndex, documents: readonly StoryDocument[]): Candidate[] {
  const found = new Map<string, { name: string; docs: number; weight: number; named: Map<string, number> }>();
  for (const { analyzed } of documents) {
    for (const stat of analyzed.entities.values()) {
      if (stat.person) continue;
      const entry = found.get(stat.key) ?? {
        name: stat.name,
        docs: 0,
        weight: 0,
        named: new Map<string, number>(),
      };
      entry.docs++;
      entry.weight += stat.count + (stat.inTitle ? 3 : 0);
      // The way the documents write it most, so a one-off misspelling never names the story.
      entry.named.set(stat.name, (entry.named.get(stat.name) ?? 0) + stat.count);
      found.set(stat.key, entry);
    }
  }
  return [...found.entries()]
    .map(([key, e]) => {
      const total = Math.max(index.entity(key)?.documents.size ?? e.docs, e.docs);
      const name =
        [...e.named.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? e.name;
      return { name, score: (e.docs * e.docs) / total, weight: e.weight };
    })
    .sort((a, b) => b.score - a.score || b.weight - a.weight || (a.name < b.name ? -1 : 1));
}

/** The groups of the most recent documents in scope, the largest first. */
function storyGroups(index: DocumentIndex, scope: Scope): StoryDocument[][] {
  const recent = [...index.documents(scope)]
    .sort((a, b) =>
      (b.published ?? "") < (a.published ?? "") ? -1 : (b.published ?? "") > (a.published ?? "") ? 1 : 0,
    )
    .slice(0, MAX_DOCUMENTS)
    .map((analyzed) => ({ analyzed, salience: 1 }));
  return clusterDocuments(recent, new Set(), index).sort((a, b) => b.length - a.length);
}

/**
 * Adds the listing of the story a group's brief tells, unless an earlier (larger) group already listed it:
 * two groups can lead to one story (told in two clusters), listed once under its first group.
 */
function addListing(
  listings: StoryListing[],
  seen: Array<Set<string>>,
  [first, second]: Candidate[],
  brief: Brief,
): void {
  if (!first) return;
  const ids = new Set(brief.sources.map((s) => s.id));
  const shared = (other: Set<string>) => [...ids].filter((id) => other.has(id)).length;
  if (seen.some((other) => shared(other) * 2 >= Math.min(ids.size, other.size))) return;
  seen.push(ids);
  const both = second !== undefined && second.score >= first.score * SECOND_NAME;
  const dates = brief.sources.flatMap((s) => (s.published ? [s.published] : [])).sort();
  listings.push({
    label: both ? `${first.name} · ${second.name}` : first.name,
    topic: first.name,
    state: brief.state,
    latest: dates.at(-1) ?? null,
    sources: brief.sources.length,
  });
}

function ordered(listings: StoryListing[]): StoryListing[] {
  return listings.sort((a, b) => b.sources - a.sources || (b.latest ?? "").localeCompare(a.latest ?? ""));
}

/** Each story group's name candidates, the largest group first; groups with no name are skipped. */
function* namedGroups(index: DocumentIndex, scope: Scope): Generator<Candidate[]> {
  for (const group of storyGroups(index, scope)) {
    const names = candidates(index, group);
    if (names[0]) yield names;
  }
}

/** The stories in scope, the ones with most sources first; at most `limit`. */
export function listStories(index: DocumentIndex, scope: Scope, limit = 10): StoryListing[] {
  const listings: StoryListing[] = [];
  const seen: Array<Set<string>> = [];
  for (const names of namedGroups(index, scope)) {
    if (listings.length >= limit) break;
    let brief: Brief;
    try {
      brief = groundedBrief(index, names[0]?.name ?? "", { scope });
    } catch {
      continue;
    }
    addListing(listings, seen, names, brief);
  }
  return ordered(listings);
}

/**
 * listStories over a view of the documents in scope (`index`), each label's brief asked of `briefOn` (a
 * shared index loads what each brief reads on its own); null from it skips the group, as a failed brief does.
 */
export async function listStoriesWith(
  index: DocumentIndex,
  scope: Scope,
  briefOn: (topic: string) => Promise<Brief | null>,
  limit = 10,
): Promise<StoryListing[]> {
  const listings: StoryListing[] = [];
  const seen: Array<Set<string>> = [];
  for (const names of namedGroups(index, scope)) {
    if (listings.length >= limit) break;
    const brief = await briefOn(names[0]?.name ?? "");
    if (brief) addListing(listings, seen, names, brief);
  }
  return ordered(listings);
}
