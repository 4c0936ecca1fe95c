// Property test for the line key in clean.ts: replacing in 32 KB chunks must give the same key as one replace
// over the whole lower-cased line, including runs and surrogate pairs cut by a chunk boundary.
import { test } from "node:test";
import assert from "node:assert/strict";

import { lineKey } from "../../../src/core/analyze/clean.js";
import { int, pick, prng, type Rng } from "../../../bench/random.js";

const CHUNK = 1 << 15;

function reference(line: string): string {
  return line
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

// Letters (ASCII, Greek with sigma, astral math letters), digits, emoji, ASCII and non-ASCII spaces, punctuation.
const ATOMS = [
  "a",
  "B",
  "z",
  "7",
  "é",
  "Σ",
  "Α",
  "𝐀",
  "𝑧",
  "😀",
  " ",
  "  ",
  "\t",
  "\u00a0",
  "\u3000",
  ".",
  ",",
  "—",
  "’",
  "-",
  "!",
];
// Only in short strings: lower-casing changes their length, which would move the long strings' placed patterns.
const SHORT_ONLY = ["İ", "ẞ"];
// Patterns placed across a chunk boundary: runs of non-letters, astral letters and emoji, a sigma before and
// after a letter (its lower case depends on the next character).
const PATTERNS = [
  " ",
  "  ",
  " . ",
  ".,;",
  " \u00a0 ",
  "𝐀",
  "😀",
  "😀 😀",
  "ΑΣ",
  "ΑΣΑ",
  "ΟΔΟΣ ",
  "Σ",
  "a𝐀b",
  " 𝐀 ",
];

function randomText(rng: Rng, length: number, atoms: readonly string[]): string {
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    const atom = pick(rng, atoms);
    parts.push(atom);
    size += atom.length;
  }
  return parts.join("");
}

/** A string of more than three chunks with patterns placed so they start at, just before or just after boundaries. */
function longText(rng: Rng): string {
  const chars = randomText(rng, 3 * CHUNK + int(rng, 1, 2000), ATOMS).split("");
  let text = chars.join("");
  for (const boundary of [CHUNK, 2 * CHUNK, 3 * CHUNK]) {
    const pattern = pick(rng, PATTERNS);
    // Start the pattern so that the boundary falls before, inside or just after it.
    const at = boundary - int(rng, 0, pattern.length + 1);
    text = text.slice(0, at) + pattern + text.slice(at + pattern.length);
  }
  return text;
}

test("lineKey equals one replace over the line on thousands of short strings", () => {
  const rng = prng(20261203);
  for (let n = 0; n < 4000; n++) {
    const text = randomText(rng, int(rng, 0, 120), [...ATOMS, ...SHORT_ONLY]);
    assert.equal(lineKey(text), reference(text), JSON.stringify(text));
  }
});

test("lineKey equals one replace over the line with runs and surrogate pairs across 32 KB boundaries", () => {
  const rng = prng(42);
  for (let n = 0; n < 150; n++) {
    const text = longText(rng);
    assert.ok(text.length > 3 * CHUNK);
    const got = lineKey(text);
    const want = reference(text);
    if (got !== want) assert.fail(`differs in long string ${n}: first at ${firstDifference(got, want)}`);
  }
});

test("lineKey on hand-placed patterns at positions 32767, 32768 and 32769", () => {
  const filler = "x".repeat(4 * CHUNK);
  // A lone high surrogate before a pair (ill-formed text) once pulled the pair's first half into the chunk.
  for (const pattern of [...PATTERNS, "   ...   ", "!!!!", "\ud835𝐀", "\ud835😀", "\udc00𝐀", "\ud835 "]) {
    for (const offset of [-2, -1, 0, 1, 2]) {
      for (const boundary of [CHUNK, 2 * CHUNK, 3 * CHUNK]) {
        const at = boundary + offset;
        // A run of non-letters that fills the whole chunk edge on both sides, too.
        // "a" then spaces: a whole chunk of non-letters between two runs cut by boundaries.
        for (const fill of [
          filler,
          " ".repeat(4 * CHUNK),
          "a" + " ".repeat(4 * CHUNK),
          "a ".repeat(2 * CHUNK),
        ]) {
          const text = fill.slice(0, at) + pattern + fill.slice(at + pattern.length);
          const got = lineKey(text);
          const want = reference(text);
          if (got !== want) {
            assert.fail(
              `${JSON.stringify(pattern)} at ${at}: first difference at ${firstDifference(got, want)}`,
            );
          }
        }
      }
    }
  }
});

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
}
