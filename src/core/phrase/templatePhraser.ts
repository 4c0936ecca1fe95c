// The default phraser: fixed templates over the evidence, no model, no network. Every word it adds is
// connective ("Will", "is this settled yet"); every fact comes verbatim from the evidence.
import type { PhraseItem, Phraser, Phrasing } from "./phraser.js";

const OPENERS =
  /^(?:but|and|so|meanwhile|however|still|now|indeed|in fact|as a matter of fact|to be honest|also),?\s+/i;

export function tidySentence(sentence: string): string {
  const trimmed = sentence.trim().replace(OPENERS, "");
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

const MODAL_CLAUSE =
  /(?:^|,\s+|;\s+|\bthat\s+|\band\s+)(\p{Lu}[\p{L}\p{N}'’.&-]*(?:\s+\p{Lu}[\p{L}\p{N}'’.&-]*){0,3})\s+(?:(?:also|still|now)\s+)?(?:may|might|could|would|will|expects? to|is expected to|plans? to|is planning to|aims? to|hopes? to|intends? to|is looking to|looks? set to|wants? to)\s+([^.;:!?—]+)/u;

const TRAILING_ATTRIBUTION =
  /,\s+(?:the (?:\p{Ll}+ )?\p{Ll}+|it|he|she|they|\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)*)\s+(?:said|says|reported|added|noted|announced|wrote)\b.*$/u;

const NOT_SUBJECTS = /^(?:It|This|That|There|They|He|She|We|I|The|A|An|Any|Such|Which)$|['’]s?$/u;

function clip(text: string, words = 22): string {
  const parts = text.trim().split(/\s+/);
  const clipped = parts
    .slice(0, words)
    .join(" ")
    .replace(/[,;:—–-]+$/, "");
  return parts.length > words ? `${clipped}…` : clipped;
}

/** The clause around the cue, from the cue on, cut at the next strong punctuation. */
function windowAround(basis: string, cue: string | undefined): string {
  const at = cue ? basis.toLowerCase().indexOf(cue.toLowerCase()) : -1;
  const from = at >= 0 ? basis.slice(at) : basis;
  const clause =
    from
      .replace(/[“”«»„"]/g, "")
      .split(/(?<=[^A-Z]\.)\s|[;:!?]|,\s+(?=(?:but|while|though|although|which)\b)/)[0] ?? from;
  return clip(clause.replace(/[.,]+$/, ""), 16);
}

function willQuestion(basis: string): string | null {
  const match = MODAL_CLAUSE.exec(basis);
  const subject = match?.[1];
  const predicate = match?.[2]?.replace(TRAILING_ATTRIBUTION, "").replace(/[,\s]+$/, "");
  if (!subject || !predicate || NOT_SUBJECTS.test(subject) || predicate.split(/\s+/).length < 2) return null;
  // "ByteDance would have proposed X" asks whether it has, not whether it will.
  const perfect = /^have\s+(.+)$/.exec(predicate);
  return perfect?.[1] ? `Has ${subject} ${clip(perfect[1], 24)}?` : `Will ${subject} ${clip(predicate, 24)}?`;
}

/** "The partial sale of TikTok to Oracle and Walmart hangs in the balance" → "the partial sale of TikTok to …". */
function subjectBefore(basis: string, cue: string): string | null {
  const at = basis.indexOf(cue);
  if (at <= 0) return null;
  const head = basis
    .slice(0, at)
    .replace(
      /\s+(?:has|have|had|is|are|was|were|has been|have been|had been|will be|would be|still|now|also)\s*$/u,
      "",
    )
    .replace(/\s+(?:has|have|had|is|are|was|were|been|still)\s*$/u, "")
    .trim();
  const words = head.split(/\s+/);
  if (words.length < 2 || words.length > 14 || /[,;:“”"«»]/.test(head)) return null;
  if (
    !/^(?:The|A|An|This|\p{Lu}[\p{L}\p{N}'’&.-]*)\b/u.test(head) ||
    /^(?:It|This|That|They|He|She|There)$/.test(words[0] ?? "")
  )
    return null;
  return head.replace(/^(?:The|A|An)\s+/, "the ");
}

function pendingQuestion(basis: string, cue: string): string {
  const window = windowAround(basis, cue);
  const c = cue.toLowerCase();
  const subject = subjectBefore(basis, cue);
  if (/subject to/.test(c))
    return `Will the condition be met: ${windowAround(basis.slice(basis.indexOf(cue) + cue.length), undefined)}?`;
  if (/pending|awaiting|approval/.test(c)) return `Will it get what it still awaits: ${window}?`;
  if (/tentative|conditional|provisional/.test(c)) {
    return subject ? `Will ${subject} become final?` : `Will it become final: ${window}?`;
  }
  if (/could yet|balance/.test(c))
    return subject ? `Could ${subject} still fall apart?` : `Could it still fall apart: ${window}?`;
  if (/unclear|uncertain|doubt|remains to be seen/.test(c)) return `How will this be resolved: ${window}?`;
  return `When will this be settled: ${window}?`;
}

const MODAL =
  /\b(?:may|might|could|would|will|expects? to|is expected to|plans? to|aims? to|hopes? to|intends? to|is looking to|wants? to)\s+/giu;

/** "X will speed up talks and expects to conclude negotiations by September 15" → the clause with the date. */
function deadlineQuestion(basis: string, cue: string): string {
  const at = basis.indexOf(cue);
  const subject = MODAL_CLAUSE.exec(basis)?.[1];
  const modal = [...basis.slice(0, Math.max(at, 0)).matchAll(MODAL)].at(-1);
  if (at >= 0 && modal && subject && !NOT_SUBJECTS.test(subject)) {
    const predicate = basis.slice(modal.index + modal[0].length, at + cue.length);
    if (!/[.;:!?]/.test(predicate)) return `Will ${subject} ${clip(predicate, 28)}?`;
  }
  if (/^(?:by|before|no later than)\b/i.test(cue)) return `Will it be settled ${cue}?`;
  if (/^(?:after|until)\b/i.test(cue)) return `What happens ${cue}?`;
  return `What happens if the ${cue} run out?`;
}

function claimQuestion(basis: string, cue: string): string {
  // Only the sentence's own subject makes the claim ("The company co-founded by Bill Gates claimed" is no claim of Gates).
  const match = new RegExp(
    `^(?:(?:However|But|Meanwhile|Still),\\s+)?(\\p{Lu}[\\p{L}\\p{N}'’.&-]*(?:\\s+\\p{Lu}[\\p{L}\\p{N}'’.&-]*){0,3})(?:\\s+\\p{Ll}+){0,2}\\s+${cue}\\b[^,]*?(?:,[^,]{0,80},)?\\s*(?:that\\s+)?(.+)$`,
    "u",
  ).exec(basis);
  const who = match?.[1];
  const claim = match?.[2]?.replace(/[.!]+$/, "");
  if (who && claim && !NOT_SUBJECTS.test(who))
    return `${who} ${cue} ${clip(claim, 20)}: is that confirmed by anyone else?`;
  return `Is this confirmed by anyone else: ${windowAround(basis, cue)}?`;
}

export function questionText(item: PhraseItem): string {
  const basis = item.evidence[0] ?? "";
  const cue = item.cue ?? "";
  switch (item.questionKind) {
    case "deadline":
      return deadlineQuestion(basis, cue);
    case "pending":
      return pendingQuestion(basis, cue);
    case "claim":
      return claimQuestion(basis, cue);
    case "contradiction": {
      if (cue === "figures differ") {
        const figure = /\d+(?:\.\d+)?\s?(?:%|per ?cent|percent|billion|million)/gi;
        const a = [...new Set(basis.match(figure) ?? [])].join(" and ");
        const b = [...new Set(item.evidence[1]?.match(figure) ?? [])].join(" and ");
        return `Sources differ (${a} against ${b}): which figures are right?`;
      }
      return `Which account is right: ${windowAround(basis, undefined)}?`;
    }
    default:
      return willQuestion(basis) ?? `Will it happen: ${windowAround(basis, cue)}?`;
  }
}

export const templatePhraser: Phraser = {
  name: "template",
  phrase(items: readonly PhraseItem[]): Promise<Map<string, Phrasing>> {
    const out = new Map<string, Phrasing>();
    for (const item of items) {
      const text = item.kind === "summary" ? tidySentence(item.evidence[0] ?? "") : questionText(item);
      out.set(item.id, { text, by: "template" });
    }
    return Promise.resolve(out);
  },
};
