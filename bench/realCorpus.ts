// The benchmark's corpus: real news paragraphs and sentences from the shared corpora (../shared/corpus and
// corpus-b, read at run time, never committed), recombined into many synthetic stories. Every name the
// analyzer finds in a real paragraph becomes a slot; each story fills its slots with its own synthetic
// companies and people, drawn with Zipf popularity from large generated pools, so the index sees thousands
// of distinct names the way a real archive does. Documents are ~3 KB markdown files with front matter,
// parsed by the same code that reads a seeds folder.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { analyzeDocument } from "../src/core/analyze/analyzeDocument.js";
import { findMentions } from "../src/core/analyze/entities.js";
import type { SourceDocument } from "../src/core/ingest/document.js";
import { loadFolder } from "../src/core/ingest/loadFolder.js";
import { parseDocument } from "../src/core/ingest/parseDocument.js";
import { at, int, pick, prng, shuffle, type Rng, zipfSampler } from "./random.js";

/** ../shared beside the repository; DOCKET_SHARED names it for a checkout elsewhere (a git worktree). */
export const SHARED =
  process.env.DOCKET_SHARED ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../shared");
const FOLDERS = ["corpus", "corpus-b"];

/** A piece of real text with the spans where a name stood. */
interface Template {
  parts: string[];
  /** slot i sits between parts[i] and parts[i + 1]. */
  slots: Array<{ key: string; upper: boolean }>;
  bytes: number;
}

interface Source {
  title: Template;
  paragraphs: Template[];
  /** Sentences without quote marks, to recombine into new paragraphs. */
  sentences: Template[];
  /** Name keys the analyzer took for people, and the last word of each. */
  persons: Set<string>;
  outlet: string;
}

export interface Story {
  sources: Source[];
  /** Original name key → synthetic name, filled as slots are met. */
  names: Map<string, string>;
  /** The synthetic names the story is mostly about, for benchmark topics. */
  companies: string[];
  people: string[];
  year: number;
  /** Documents generated so far. */
  documents: number;
}

export interface Generator {
  /** The next document; deterministic for a given seed and call order. */
  next(): SourceDocument;
  /** A story's main names, for choosing benchmark topics. */
  stories: Story[];
  /** Words built the way names are built but never used: unknown topics. */
  unknownNames(count: number): string[];
  /** The story the last document came from. */
  lastStory(): Story | undefined;
  /** Bytes of real text the generator recombines. */
  sourceBytes: number;
  sourceFiles: number;
}

function template(text: string, spans: Array<{ start: number; end: number; key: string }>): Template {
  const parts: string[] = [];
  const slots: Template["slots"] = [];
  let last = 0;
  // Where spans overlap, the longer one wins.
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const s of sorted) {
    if (s.start < last) continue;
    parts.push(text.slice(last, s.start));
    const surface = text.slice(s.start, s.end);
    slots.push({ key: s.key, upper: surface.length > 3 && surface === surface.toUpperCase() });
    last = s.end;
  }
  parts.push(text.slice(last));
  return { parts, slots, bytes: Buffer.byteLength(text) };
}

/** Short all-capital names (US, EU, regulators' acronyms) are shared by every story, as in real news. */
function shared(key: string, surface: string): boolean {
  return surface.length <= 4 && surface === surface.toUpperCase() && !key.includes(" ");
}

async function readSources(): Promise<{ sources: Source[]; bytes: number }> {
  const sources: Source[] = [];
  let bytes = 0;
  for (const folder of FOLDERS) {
    const loaded = await loadFolder(path.join(SHARED, folder));
    for (const doc of loaded.documents) {
      bytes += Buffer.byteLength(doc.raw);
      const analyzed = analyzeDocument(doc);
      const persons = new Set<string>();
      for (const stat of analyzed.entities.values()) if (stat.person) persons.add(stat.key);
      const slotsIn = (start: number, end: number) =>
        analyzed.sentences
          .flatMap((s) => s.mentions)
          .filter((m) => m.start >= start && m.end <= end && !shared(m.key, m.surface))
          .filter((m) => doc.raw.slice(m.start, m.end) === m.surface)
          .map((m) => ({ start: m.start - start, end: m.end - start, key: m.key }));
      const paragraphs = analyzed.paragraphs
        .filter((p) => p.text.length >= 60)
        .map((p) => template(doc.raw.slice(p.start, p.end), slotsIn(p.start, p.end)));
      const sentences = analyzed.sentences
        .map((s) => ({ s, text: doc.raw.slice(s.start, s.end) }))
        .filter(({ text }) => text.length >= 40 && !/["“”«»‘’]/.test(text) && /[.!?]$/.test(text))
        .map(({ s, text }) => template(text, slotsIn(s.start, s.end)));
      // Headlines are capitalised throughout, so names the body spells are found by their spelling too.
      const titleSpans = findMentions(doc.title, 0, { lowercaseWords: new Set() })
        .filter((m) => !shared(m.key, m.surface) && doc.title.slice(m.start, m.end) === m.surface)
        .map((m) => ({ start: m.start, end: m.end, key: m.key }));
      const surfaces = new Map<string, string>();
      for (const m of analyzed.sentences.flatMap((x) => x.mentions))
        if (!shared(m.key, m.surface)) surfaces.set(m.surface, m.key);
      for (const [surface, key] of [...surfaces].sort((a, b) => b[0].length - a[0].length)) {
        const escaped = surface.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        for (const m of doc.title.matchAll(new RegExp(`(?<![\\p{L}])${escaped}(?![\\p{L}])`, "gu")))
          titleSpans.unshift({ start: m.index, end: m.index + surface.length, key });
      }
      sources.push({
        title: template(doc.title, titleSpans),
        paragraphs,
        sentences,
        persons,
        outlet: doc.outlet ?? "news.example",
      });
    }
  }
  return { sources, bytes };
}

// Names: syllables joined into words no dictionary has, so every generated name is distinct and new.
const ONSETS = ["b", "br", "c", "d", "dr", "f", "g", "gr", "h", "j", "k", "kl", "l", "m", "n", "p", "pr"];
const ONSETS2 = ["qu", "r", "s", "st", "t", "tr", "v", "w", "z", "sh", "th", "ch", "sk", "pl", "fl"];
const VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y"];
const CODAS = ["", "", "n", "r", "l", "x", "s", "m", "nd", "rk", "st", "v", "t"];
const ORG_TAILS = ["", "", "", " Systems", " Labs", " Networks", " Media", " Cloud", " Games", " Pay"];
const ORG_TAILS2 = [" Robotics", " Health", " Capital", " Semiconductor", " Telecom", " Studios", " AI"];

function word(rng: Rng, syllables: number): string {
  let w = "";
  for (let i = 0; i < syllables; i++)
    w +=
      pick(rng, [...ONSETS, ...ONSETS2]) + pick(rng, VOWELS) + (i === syllables - 1 ? pick(rng, CODAS) : "");
  return w.charAt(0).toUpperCase() + w.slice(1);
}

function uniqueNames(count: number, make: () => string, taken: Set<string>): string[] {
  const out: string[] = [];
  while (out.length < count) {
    const name = make();
    const key = name.toLowerCase();
    if (taken.has(key) || key.split(" ").some((w) => taken.has(w))) continue;
    taken.add(key);
    out.push(name);
  }
  return out;
}

const DOC_MIN_BYTES = 2900;
const DOC_MAX_BYTES = 4000;

export async function createGenerator(seed: number, expectedDocuments: number): Promise<Generator> {
  for (const folder of FOLDERS)
    if (!existsSync(path.join(SHARED, folder)))
      throw new Error(`the benchmark corpus needs ${path.join(SHARED, folder)} (the shared data folder)`);
  const { sources, bytes } = await readSources();
  const rng = prng(seed);
  const taken = new Set<string>();
  // Pools grow with the archive: a big archive names more companies and people, most of them rarely.
  const companyCount = Math.max(2000, Math.round(expectedDocuments / 8));
  const personCount = Math.max(3000, Math.round(expectedDocuments / 5));
  const companies = uniqueNames(
    companyCount,
    () => word(rng, int(rng, 2, 3)) + (rng() < 0.6 ? pick(rng, ORG_TAILS) : pick(rng, ORG_TAILS2)),
    taken,
  );
  const people = uniqueNames(personCount, () => `${word(rng, 2)} ${word(rng, int(rng, 2, 3))}`, taken);
  const companyRank = zipfSampler(companies.length, 1.0);
  const personRank = zipfSampler(people.length, 0.8);
  const storyCount = Math.max(200, Math.round(expectedDocuments / 40));
  const stories: Story[] = [];
  for (let s = 0; s < storyCount; s++) {
    const chosen = shuffle(rng, [...sources]).slice(0, int(rng, 2, 4));
    stories.push({
      sources: chosen,
      names: new Map(),
      companies: [],
      people: [],
      year: int(rng, 2015, 2025),
      documents: 0,
    });
  }
  const storyRank = zipfSampler(stories.length, 0.9);

  const nameFor = (story: Story, key: string, person: boolean): string => {
    const known = story.names.get(key);
    if (known) return known;
    let name: string;
    if (!person && !key.includes(" ")) {
      // A surname on its own belongs to the person the story names in full.
      for (const source of story.sources)
        for (const full of source.persons)
          if (full.endsWith(` ${key}`)) {
            nameFor(story, full, true);
            const last = story.names.get(key);
            if (last) return last;
          }
    }
    if (person) {
      name = at(people, personRank(rng));
      story.people.push(name);
      const last = key.slice(key.lastIndexOf(" ") + 1);
      if (key.includes(" ") && !story.names.has(last))
        story.names.set(last, name.slice(name.indexOf(" ") + 1));
    } else {
      // A story's first names are its parties; later ones are mentioned in passing.
      name = at(companies, companyRank(rng));
      story.companies.push(name);
    }
    story.names.set(key, name);
    return name;
  };
  const fill = (story: Story, source: Source, t: Template): string => {
    let out = t.parts[0] ?? "";
    t.slots.forEach((slot, i) => {
      const isPerson = source.persons.has(slot.key);
      const name = nameFor(story, slot.key, isPerson);
      out += (slot.upper ? name.toUpperCase() : name) + (t.parts[i + 1] ?? "");
    });
    return out;
  };

  let n = 0;
  let last: Story | undefined;
  const seen = new Set<string>();
  return {
    stories,
    lastStory: () => last,
    sourceBytes: bytes,
    sourceFiles: sources.length,
    unknownNames: (count) =>
      uniqueNames(count, () => word(rng, 3) + word(rng, 1).toLowerCase(), new Set(taken)),
    next(): SourceDocument {
      const story = at(stories, storyRank(rng));
      story.documents++;
      last = story;
      const lead = pick(rng, story.sources);
      const title = fill(story, lead, lead.title);
      const body: string[] = [title];
      let size = Buffer.byteLength(title);
      const target = int(rng, DOC_MIN_BYTES, DOC_MAX_BYTES - 400);
      const used = new Set<Template>();
      const fresh = (list: Template[]): Template | undefined => {
        const t = list[int(rng, 0, list.length - 1)];
        if (!t || used.has(t)) return undefined;
        used.add(t);
        return t;
      };
      for (let guard = 0; size < target && guard < 80; guard++) {
        const source = pick(rng, story.sources);
        let text: string;
        if (rng() < 0.7 || source.sentences.length < 3) {
          const p = fresh(source.paragraphs);
          if (!p) continue;
          text = fill(story, source, p);
        } else {
          const picked = [0, 1, 2].flatMap(() => fresh(source.sentences) ?? []);
          if (picked.length === 0) continue;
          text = picked.map((s) => fill(story, source, s)).join(" ");
        }
        if (size + Buffer.byteLength(text) > DOC_MAX_BYTES) continue;
        body.push(text);
        size += Buffer.byteLength(text) + 2;
      }
      const month = String(int(rng, 1, 12)).padStart(2, "0");
      const day = String(int(rng, 1, 28)).padStart(2, "0");
      const published = rng() < 0.6 ? `published: ${story.year}-${month}-${day}\n` : "";
      let content =
        `---\ntitle: ${JSON.stringify(title)}\nurl: https://${lead.outlet.toLowerCase().replace(/[^a-z0-9.]+/g, "-")}/${n}\n` +
        `${published}outlet: ${JSON.stringify(lead.outlet)}\n---\n\n${body.join("\n\n")}\n`;
      const location = `bench/${n}.md`;
      n++;
      let parsed = parseDocument({ content, location, owner: "global", kind: "text" }).document;
      // Ids are content hashes; a recombination that repeats an earlier one gets a stamp line.
      for (let extra = 1; parsed && seen.has(parsed.id); extra++) {
        content += `\nUpdated ${extra}\n`;
        parsed = parseDocument({ content, location, owner: "global", kind: "text" }).document;
      }
      if (!parsed) throw new Error(`generated document ${location} did not parse`);
      seen.add(parsed.id);
      return parsed;
    },
  };
}
