// The version of what analyzeDocument produces. Stored analyses carry it; a store holding an older one
// re-analyses those documents in the background while the old analysis keeps serving. Bump it whenever a
// change to src/core/analyze changes its output (sentences, mentions, quotes, speakers, dates).
export const ANALYZER_VERSION = 8;
