// Acceptance 3 of the selection design, over every question of every gold story on ../shared/corpus and
// ../shared/corpus-b and over every offline question any sentence of theirs gives (skipped when they are
// absent): offline questions are template questions whose words all come from their evidence, and none has a
// malformed form — one ending in a colon ("Will it happen:"), a template word run into a span ("in its become
// final"), a verb made from a noun or a name, a finite verb in or right after the subject ("Will X has
// confirmed it continue…", "Will X competes…"), a second finite predicate joined by "and" ("Will X buy Y and
// expects to…"), or no verb where the question needs one ("Will X likely ensure that all data?").
import assert from "node:assert/strict";
import { test } from "node:test";
import { TEMPLATES } from "../../../src/core/story/questionTemplates.js";
import { inflect, isVerbHead, lemmaOf, sameLemma } from "../../../src/core/story/verbs.js";
import { CORPORA, corpusBriefs, corpusQuestions } from "../../support/corpusItems.js";

const NO_CORPORA = CORPORA.length === 0 ? "../shared/corpus and corpus-b not found: skipped" : false;

const wordsOf = (text: string): string[] => text.match(/[\p{L}\p{N}][\p{L}\p{N}'’$.%/-]*/gu) ?? [];
const clean = (word: string): string => word.toLowerCase().replace(/[.'’]+$/u, "");
const letters = (word: string): string => word.toLowerCase().replace(/[^\p{L}’'-]/gu, "");
/** Words the templates themselves write ("Will", "When", "become", "final", "Pending", "due"…). */
const TEMPLATE_WORDS = new Set(
  Object.values(TEMPLATES).flatMap((t) => wordsOf(t.text.replace(/\{\w+\}/g, " ")).map(clean)),
);
/** Verbs that make a clause finite: auxiliaries, modals, and verbs of saying and thinking. */
const FINITE =
  /^(?:is|are|was|were|am|has|have|had|will|would|can|could|may|might|must|shall|should|does|do|did|said|says|told|tells|think|thinks|believe|believes|know|knows)$/;
/** Finite forms a "Will/When will" question cannot have at its predicate's head. */
const NOT_BASE = /^(?:is|are|was|were|am|has|had|does|did|will|would|can|could|may|might|must|shall|should)$/;
const ADVERB = /^(?:\p{L}+ly|also|still|now|soon|yet|then|already|again)$/u;
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Words of the template's text (minus the slots) that come from the evidence, except one re-inflected verb. */
function wordProblems(text: string, evidence: readonly string[]): string[] {
  const evidenceWords = evidence.flatMap((sentence) => {
    const list = wordsOf(sentence);
    return list.map((word, k) => ({ word: clean(word), previous: clean(list[k - 1] ?? "") }));
  });
  const known = new Set(evidenceWords.map((e) => e.word));
  const changed = wordsOf(text)
    .map(clean)
    .filter((word) => !known.has(word) && !TEMPLATE_WORDS.has(word));
  if (changed.length > 1) return [`words not in the evidence: ${changed.join(", ")}`];
  return changed.flatMap((word) => {
    const source = evidenceWords.find((e) => sameLemma(e.word, word));
    if (!source) return [`"${word}" is no form of an evidence word`];
    return isVerbHead(source.word, source.previous) ? [] : [`"${word}" is a verb made from "${source.word}"`];
  });
}

interface Split {
  subject: string;
  predicate: string;
  /** The predicate's head as the evidence writes it, and the word before it (adverbs skipped). */
  head: string;
  previous: string;
}

/** The ways "S P" reads as an evidence span S followed later by a span P whose first word may be re-inflected. */
function splits(body: string, evidence: readonly string[]): Split[] {
  const words = body.split(/\s+/);
  const out: Split[] = [];
  for (let i = 1; i < words.length - 1; i++) {
    const subject = words.slice(0, i).join(" ");
    const rest = words.slice(i + 1).join(" ");
    for (const sentence of evidence) {
      const at = sentence.toLowerCase().indexOf(subject.toLowerCase());
      if (at < 0) continue;
      const pattern = new RegExp(`(\\S+)\\s+${escape(rest)}`, "gu");
      for (const m of sentence.slice(at + subject.length).matchAll(pattern)) {
        const head = m[1] ?? "";
        if (!sameLemma(letters(head), letters(words[i] ?? ""))) continue;
        const before = sentence
          .slice(0, at + subject.length + m.index)
          .split(/\s+/)
          .map(letters)
          .filter((w) => w && !ADVERB.test(w));
        out.push({
          subject,
          predicate: `${words[i] ?? ""} ${rest}`,
          head: letters(head),
          previous: before.at(-1) ?? "",
        });
      }
    }
  }
  return out;
}

/** What is wrong with the subject and predicate of a "Will/When will/Has" question. */
function shapeProblems(text: string, evidence: readonly string[]): string[] {
  const m = /^(Will|When will|Has) (.+)\?$/u.exec(text);
  // "Will {subject} become final?" has no predicate slot: its verb is the template's own.
  if (!m || /^Will .+ become final\?$/u.test(text)) return [];
  const participle = m[1] === "Has";
  const readings = splits(m[2] ?? "", evidence);
  if (readings.length === 0) return ["subject and predicate are no evidence spans"];
  const problems = readings.map((r) => {
    const predicate = r.predicate.split(/\s+/).map(letters);
    const head = predicate[0] ?? "";
    const found: string[] = [];
    if (r.subject.split(/\s+/).some((w) => FINITE.test(letters(w))))
      found.push(`finite verb in the subject "${r.subject}"`);
    if (
      participle
        ? inflect(lemmaOf(head), "participle") !== head
        : NOT_BASE.test(head) || lemmaOf(head) !== head
    )
      found.push(`"${head}" after the subject is not the template's verb form`);
    if (!isVerbHead(r.head, r.previous)) found.push(`no verb after the subject ("${r.head}")`);
    predicate.forEach((w, k) => {
      if (k === 0 || !/^(?:and|or|but)$/.test(w)) return;
      const next = predicate.slice(k + 1, k + 7);
      const stop = next.findIndex((x, j) => j > 0 && /^(?:that|which|who|it|they|he|she|we|i|you)$/.test(x));
      if (next.slice(0, stop < 0 ? next.length : stop).some((x) => FINITE.test(x)))
        found.push(`a second finite predicate after "${w}"`);
      const verb = next[0] ?? "";
      if (
        !participle &&
        /(?:s|ed)$/.test(verb) &&
        lemmaOf(verb) !== verb &&
        /^(?:to|the|a|an|its|their|that|it)$/.test(next[1] ?? "")
      )
        found.push(`a second finite predicate "${w} ${verb}"`);
    });
    const that = predicate.findLastIndex((w) => w === "that" || w === "whether");
    if (that >= 0) {
      const clause = predicate.slice(that + 1, -1);
      if (!clause.some((w) => FINITE.test(w) || w === "to" || (/ed$/.test(w) && lemmaOf(w) !== w)))
        found.push(`no verb in the clause after "${predicate[that] ?? ""}"`);
    }
    return found;
  });
  // A question is well formed when one reading of it is.
  return problems.some((p) => p.length === 0) ? [] : (problems[0] ?? []);
}

/** Every problem of one offline question. */
function problemsOf(text: string, evidence: readonly string[]): string[] {
  const out: string[] = [];
  if (
    !/^(?:(?:Will|When will|Has|Is it confirmed that|Which figure is right:) .+\?|Pending: .+)$/u.test(text)
  )
    out.push("not a template question");
  if (/:\s*$|\bhappen:/u.test(text)) out.push("ends in a colon");
  if (/\b(?:its|the|a|an|of|in|to)\s+become final\b/iu.test(text)) out.push("template run into a span");
  if (/^Will (?:it|they|this|that|there) /u.test(text)) out.push("a bare pronoun as subject");
  if (/(?:^|\s)(?:\p{Lu}\.)+\p{Lu}\?$/u.test(text)) out.push("an abbreviation lost its dot");
  return [...out, ...wordProblems(text, evidence), ...shapeProblems(text, evidence)];
}

test(
  "every offline question on both corpora is a well-formed template question from its evidence",
  { skip: NO_CORPORA },
  async (t) => {
    const malformed: string[] = [];
    let checked = 0;
    for (const brief of await corpusBriefs()) {
      for (const item of brief.questions) {
        const text = brief.template.get(item.id) ?? "";
        checked++;
        for (const p of problemsOf(text, item.evidence))
          malformed.push(`${brief.corpus}/${brief.topic} ${item.id}: ${text} — ${p}`);
      }
    }
    const all = await corpusQuestions();
    for (const q of all)
      for (const p of problemsOf(q.text, [q.basis]))
        malformed.push(`${q.corpus}: ${q.text} — ${p} [${q.basis}]`);
    t.diagnostic(
      `${checked} brief questions and ${all.length} sentence questions checked, ${malformed.length} malformed`,
    );
    assert.ok(checked > 0 && all.length > 0, "no question on either corpus");
    assert.deepEqual(malformed, []);
  },
);
