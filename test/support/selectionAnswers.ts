// What a model may answer to a phrasing request, generated: a scripted faithful model (keeps the main
// clause of the first sentence, drops appositives and adjuncts) and a hostile one (random and adversarial
// selections: out-of-range, overlapping and reversed spans, main clauses and protected words cut out, spans
// and ids of other items, connectives off the list, extra fields of free text). Pure and seeded, so the
// property test calls it directly for most requests and through the OpenAI double for a sample.

/** One item of the request as the double reads it: spans for a bullet, words and templates for a question. */
export interface AskedItem {
  id: string;
  spans: Array<{ n: number; sentence: number; text: string; must: boolean }>;
  words?: string[][];
  templates?: Array<{ id: string; text: string }>;
}

const MODAL = /^(?:will|may|might|could|would)$/i;

/** A faithful question: "Will {subject} {predicate}?" around the first modal of the basis, or no template. */
function faithfulQuestion(item: AskedItem): Record<string, unknown> {
  const words = item.words?.[0] ?? [];
  const at = words.findIndex((w) => MODAL.test(w));
  const allowed = item.templates?.some((t) => t.id === "will") ?? false;
  if (at < 1 || !allowed) return { id: item.id, keep: [], join: null, template: null, slots: [] };
  let from = at - 1;
  while (from > 0 && at - from < 6 && !/[,;:]$/.test(words[from - 1] ?? "")) from--;
  let to = at + 1;
  while (to < words.length - 1 && to - at < 10 && !/[,;:.]$/.test(words[to] ?? "")) to++;
  const slots = [
    { name: "subject", sentence: 0, from, to: at - 1 },
    { name: "predicate", sentence: 0, from: at + 1, to },
  ];
  return { id: item.id, keep: [], join: null, template: "will", slots };
}

/** The faithful selection: the first sentence's main spans, nothing joined; for a question, see above. */
export function faithfulAnswer(item: AskedItem): Record<string, unknown> {
  if (item.words) return faithfulQuestion(item);
  const keep = item.spans.filter((s) => s.sentence === 0 && s.must).map((s) => ({ from: s.n, to: s.n }));
  return { id: item.id, keep, join: null };
}

const FREE_TEXT = [
  "The FTC has cleared the deal.",
  "SoftBank has confirmed that it has purchased Arm from Nvidia for $99 billion.",
  "Regulators blocked it because of “national security”, the minister said.",
  "The provisional report is final.",
];
const BAD_JOINS = [
  "because",
  "but",
  ", and the regulator approved it",
  "so",
  "although",
  7,
  { text: "and" },
  "",
];

export const HOSTILE_KINDS = [
  "random-ranges",
  "out-of-range",
  "overlapping",
  "reversed",
  "main-cut",
  "protected-cut",
  "other-item",
  "extra-fields",
  "bad-join",
  "bad-types",
  "many-sentences",
  "empty",
] as const;
export type HostileKind = (typeof HOSTILE_KINDS)[number];

const pick = <T>(list: readonly T[], r: () => number): T => list[Math.floor(r() * list.length)] as T;
const int = (lo: number, hi: number, r: () => number): number => lo + Math.floor(r() * (hi - lo + 1));

const TEMPLATE_NAMES = [
  "will",
  "when",
  "has",
  "final",
  "confirmed",
  "pending",
  "pendingBy",
  "figures",
  "why",
  "",
  "Will {subject} win?",
];
const SLOT_NAMES = ["subject", "predicate", "claim", "what", "deadline", "a", "b", "object", "text"];

/** An adversarial answer to a question item: any template, slots of any name and range, another item's words. */
export function hostileQuestion(
  item: AskedItem,
  others: readonly AskedItem[],
  r: () => number,
): Record<string, unknown> {
  const words = item.words ?? [];
  const other = others.find((o) => o.words) ?? item;
  const sentence = (): number =>
    r() < 0.85 ? int(0, Math.max(words.length - 1, 0), r) : int(-1, words.length + 2, r);
  const length = (s: number): number => (words[s] ?? other.words?.[0] ?? []).length;
  const slot = (name: string): Record<string, unknown> => {
    const s = sentence();
    const n = length(s);
    const from = r() < 0.1 ? int(-5, n + 5, r) : int(0, Math.max(n - 1, 0), r);
    const to = r() < 0.2 ? from - int(0, 3, r) : from + int(0, 12, r);
    return { name, sentence: s, from, to };
  };
  if (r() < 0.5 && item.templates && item.templates.length > 0) {
    // Plausible: an allowed template, its own slot names, ranges in range but chosen at random.
    const chosen = pick(item.templates, r);
    const slotNames = [...chosen.text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
    let at = 0;
    const slots = slotNames.map((name, k) => {
      const s = name === "b" ? Math.min(1, words.length - 1) : 0;
      const n = length(s);
      if (name === "b") at = 0;
      const from = r() < 0.8 ? int(at, Math.max(at, n - 2), r) : int(0, Math.max(n - 1, 0), r);
      const to = Math.min(n - 1, from + int(0, k === 0 ? 4 : 10, r));
      at = to + 1;
      return { name, sentence: s, from, to };
    });
    return { id: item.id, keep: [], join: null, template: chosen.id, slots };
  }
  const template =
    r() < 0.7 ? pick(item.templates?.map((t) => t.id) ?? ["will"], r) : pick(TEMPLATE_NAMES, r);
  const names = r() < 0.7 ? ["subject", "predicate", "claim", "what", "deadline", "a", "b"] : SLOT_NAMES;
  const slots = names.filter(() => r() < 0.5).map(slot);
  const answer: Record<string, unknown> = { id: item.id, keep: [], join: null, template, slots };
  if (r() < 0.15) answer["text"] = pick(FREE_TEXT, r);
  if (r() < 0.1) answer["template"] = { text: "Will the FTC approve it?" };
  if (r() < 0.1) answer["slots"] = "subject=the FTC";
  return answer;
}

/** One adversarial answer for `item`; `others` lends spans and ids from elsewhere in the brief. */
export function hostileAnswer(
  item: AskedItem,
  others: readonly AskedItem[],
  r: () => number,
  kind: HostileKind = pick(HOSTILE_KINDS, r),
): Record<string, unknown> {
  if (item.words) return hostileQuestion(item, others, r);
  const count = item.spans.length;
  const range = (from: number, to: number): { from: number; to: number } => ({ from, to });
  const base = faithfulAnswer(item);
  switch (kind) {
    case "random-ranges":
      return {
        id: item.id,
        keep: Array.from({ length: int(1, 5, r) }, () => range(int(0, count - 1, r), int(0, count - 1, r))),
        join: r() < 0.5 ? null : pick(["and", ";", "—"], r),
      };
    case "out-of-range":
      return {
        id: item.id,
        keep: [range(-3, 1), range(count, count + 5), range(int(0, count, r), 1e9), range(-1e9, -1e9 + 2)],
        join: null,
      };
    case "overlapping":
      return {
        id: item.id,
        keep: [range(0, count - 1), range(0, Math.floor(count / 2)), range(1, 1)],
        join: null,
      };
    case "reversed":
      return {
        id: item.id,
        keep: [...item.spans]
          .reverse()
          .map((s) => range(s.n, s.n))
          .concat(r() < 0.5 ? [range(count - 1, 0)] : []),
        join: null,
      };
    case "main-cut": {
      // Only the detachable spans, or the main clause minus one of its spans.
      const detachable = item.spans.filter((s) => !s.must);
      const main = item.spans.filter((s) => s.must);
      const chosen =
        detachable.length > 0 && r() < 0.5
          ? detachable
          : main.filter((_, i) => i !== int(0, main.length - 1, r));
      return { id: item.id, keep: chosen.map((s) => range(s.n, s.n)), join: null };
    }
    case "protected-cut": {
      // Everything except the spans carrying a negation, modal, condition, attribution or figure.
      const carries =
        /\b(?:not|no|never|may|might|could|would|will|if|unless|subject|said|says|according|reportedly|expected)\b|\d/i;
      return {
        id: item.id,
        keep: item.spans.filter((s) => !carries.test(s.text)).map((s) => range(s.n, s.n)),
        join: null,
      };
    }
    case "other-item": {
      const other = others.length > 0 ? pick(others, r) : item;
      return r() < 0.5
        ? { ...faithfulAnswer(other), id: item.id }
        : {
            id: other.id,
            keep: base["keep"],
            join: null,
            template: "will-subject-predicate",
            slots: [{ name: "subject", from: 0, to: 2 }],
          };
    }
    case "extra-fields":
      return {
        ...base,
        text: pick(FREE_TEXT, r),
        rewording: pick(FREE_TEXT, r),
        note: { free: pick(FREE_TEXT, r) },
      };
    case "bad-join":
      return { ...base, keep: item.spans.map((s) => range(s.n, s.n)), join: pick(BAD_JOINS, r) };
    case "bad-types":
      return pick<Record<string, unknown>>(
        [
          { id: item.id, keep: [1.5, "2", null, { from: "0", to: 1 }], join: null },
          { id: item.id, keep: "all", join: null },
          { id: item.id, keep: [0, 1, 2], join: ["and"] },
          { id: 42, keep: [{ from: 0, to: 0 }] },
          {
            id: item.id,
            keep: [{ from: Number.MAX_SAFE_INTEGER, to: -Number.MAX_SAFE_INTEGER }],
            join: null,
          },
        ],
        r,
      );
    case "many-sentences":
      return { id: item.id, keep: [range(0, count - 1)], join: pick(["and", ";", "—", null], r) };
    case "empty":
      return { id: item.id, keep: [], join: null };
  }
}

/** A whole hostile answer: per-item answers plus duplicated, unknown and missing ids, and stray top-level text. */
export function hostileContent(items: readonly AskedItem[], r: () => number): string {
  const answers: unknown[] = [];
  for (const item of items) {
    if (r() < 0.08) continue; // missing
    answers.push(
      hostileAnswer(
        item,
        items.filter((i) => i !== item),
        r,
      ),
    );
    if (r() < 0.05) answers.push(hostileAnswer(item, items, r)); // the same id twice
  }
  if (r() < 0.1)
    answers.push({ id: "s999", keep: [{ from: 0, to: 3 }], join: null, text: pick(FREE_TEXT, r) });
  const payload: Record<string, unknown> = { items: answers };
  if (r() < 0.2) payload["summary"] = pick(FREE_TEXT, r);
  const json = JSON.stringify(payload);
  return r() < 0.1 ? `Sure! Here is the selection:\n\`\`\`json\n${json}\n\`\`\`` : json;
}
