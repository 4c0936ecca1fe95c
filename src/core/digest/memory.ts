// The digest's memory: the open questions it showed, keyed by their basis sentence, carried to the next digest
// so it can tell a new question from an old one and notice when an old one is answered.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { DigestMemory, DigestQuestion } from "./types.js";

/** Most questions a memory carries; the oldest go first. */
export const MAX_REMEMBERED = 300;

/** The same sentence, however it was spaced or cased, gets the same key. */
export function questionKey(basis: string): string {
  const canonical = basis.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
  return createHash("sha256").update(canonical).digest("hex").slice(0, 16);
}

const DigestQuestionSchema = z.object({
  key: z.string().min(1),
  text: z.string(),
  basis: z.string(),
  storyKeys: z.array(z.string()),
});

/**
 * A stored memory read back: the questions that are well-formed, the rest dropped. Never throws; anything
 * that is not a memory at all reads as an empty one.
 */
export function parseDigestMemory(value: unknown): DigestMemory {
  const questions = z.object({ questions: z.array(z.unknown()) }).safeParse(value);
  if (!questions.success) return { questions: [] };
  return {
    questions: questions.data.questions.flatMap((q) => {
      const parsed = DigestQuestionSchema.safeParse(q);
      return parsed.success ? [parsed.data] : [];
    }),
  };
}

/** This digest's questions first, then the earlier ones still open; each key once, at most MAX_REMEMBERED. */
export function nextMemory(
  asked: readonly DigestQuestion[],
  previous: DigestMemory | null | undefined,
  answered: ReadonlySet<string>,
): DigestMemory {
  const seen = new Set<string>();
  const questions: DigestQuestion[] = [];
  for (const q of [...asked, ...(previous?.questions ?? [])]) {
    if (seen.has(q.key) || answered.has(q.key)) continue;
    seen.add(q.key);
    questions.push({ key: q.key, text: q.text, basis: q.basis, storyKeys: [...q.storyKeys] });
    if (questions.length >= MAX_REMEMBERED) break;
  }
  return { questions };
}
