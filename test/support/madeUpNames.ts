// Made-up company and person names, and the small deal stories built from them, for store and brief tests:
// distinct enough that the analyzer finds each as a name, and nobody real.
import { documentId, type SourceDocument } from "../../src/core/ingest/document.js";
const COMPANIES = [
  "Harrow Data",
  "Quellin",
  "Orvane Systems",
  "Tessaly Pay",
  "Brinmoor Games",
  "Castor Labs",
];
const PEOPLE = ["Ada Winslow", "Bram Oyelaran", "Celia Marchetti", "Dov Lindahl"];

/** The i-th generated deal story: a title, a quote with its speaker, a share move and a regulator's deadline. */
export function dealStory(i: number): { title: string; raw: string } {
  const a = COMPANIES[i % COMPANIES.length] ?? "";
  const b = COMPANIES[(i * 5 + 1) % COMPANIES.length] ?? "";
  const who = PEOPLE[i % PEOPLE.length] ?? "";
  const title = `${a} agrees to buy ${b} for $${i + 2} billion`;
  const raw =
    `${title}\n\n${a} said on Monday it had agreed to buy ${b} for $${i + 2} billion in cash, subject to approval by regulators.\n\n` +
    `"We are confident this deal is good for customers," said ${who}, chief executive of ${a}.\n\n` +
    `Shares of ${b} rose ${i + 3}% in early trading. The Federal Trade Commission (FTC) has until March ${i + 1} to decide.\n`;
  return { title, raw };
}

/** `count` generated stories from number `from`, as documents at `PREFIX/N.txt` (one writer's share). */
export function dealDocs(prefix: string, from: number, count: number): SourceDocument[] {
  const docs: SourceDocument[] = [];
  for (let i = from; i < from + count; i++) {
    const { title, raw } = dealStory(i);
    const location = `${prefix}/${i}.txt`;
    const doc = { title, url: null, published: null, outlet: null, location, owner: "global" as const, raw };
    docs.push({ id: documentId(raw + location), ...doc });
  }
  return docs;
}
