// Generated inputs for the linearity benchmark and the hostile-input tests: one-paragraph text of any size
// (a transcript with quotes and speech verbs, no paragraph breaks) and crafted runs of quotation marks that
// would make a pairing or sentence scan quadratic. Deterministic, so timings compare run to run.

const OPENERS = ["The minister", "A spokesperson", "The chief executive", "Regulators", "The company"];
const VERBS = ["said", "added", "told reporters", "wrote", "argued"];
const CLAUSES = [
  "the review would take several more months",
  "the agency had asked for more documents from both firms",
  "the deal was worth about $4.2 billion, or $31 a share",
  "no decision had been made before the hearing on Tuesday",
  "the parties were confident the transaction would close",
];

/** One paragraph of transcript-like prose, `bytes` long (±1 sentence): quotes, attributions, numbers. */
export function transcriptParagraph(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const who = OPENERS[i % OPENERS.length] ?? "";
    const verb = VERBS[(i * 3) % VERBS.length] ?? "";
    const clause = CLAUSES[(i * 7) % CLAUSES.length] ?? "";
    const sentence =
      i % 3 === 0
        ? `“We think ${clause},” ${who.toLowerCase()} ${verb} on Mr. Smith's call.`
        : i % 3 === 1
          ? `${who} ${verb} that ${clause}, calling it “a fair outcome for the U.S. market.”`
          : `${who} ${verb}: ‘${clause}.’ Then Dr. Lee asked about the 3.5 p.m. vote.`;
    parts.push(sentence);
    size += sentence.length + 1;
  }
  return parts.join(" ");
}

/** Crafted quotation-mark strings, each `bytes` long, built to defeat naive pairing. */
export const CRAFTED: Record<string, (bytes: number) => string> = {
  /** Single marks that open (word boundary outside) and never close. */
  openSingles: (bytes) => "'a ".repeat(Math.ceil(bytes / 3)).slice(0, bytes),
  /** Straight double marks after words: unbalanced pairs everywhere. */
  straightDoubles: (bytes) => 'x" said Smith "y '.repeat(Math.ceil(bytes / 17)).slice(0, bytes),
  /** Opening curly marks only. */
  openCurly: (bytes) => "“Word said Smith. ".repeat(Math.ceil(bytes / 18)).slice(0, bytes),
  /** Mixed styles: guillemets, low marks, singles, apostrophes. */
  mixed: (bytes) => "« ‘a „b’ c' »d “e' ".repeat(Math.ceil(bytes / 19)).slice(0, bytes),
};
