// Property test for the quotation/parenthesis regions of segment/regions.ts: merging pairs as they are found
// (at their closing mark, into a chunked stack) must give the outermost regions a plain reference computes
// from the same pairs.
import { test } from "node:test";
import assert from "node:assert/strict";

import { Regions } from "../../../src/core/analyze/segment/regions.js";
import { BlockText } from "../../../src/core/analyze/segment/text.js";
import { int, pick, prng, type Rng } from "../../../bench/random.js";

/** The pairs the last Probe was given; module level because Regions finds them inside its constructor. */
let recorded: [number, number][] = [];

class Probe extends Regions {
  protected override add(start: number, end: number): void {
    recorded.push([start, end]);
    super.add(start, end);
  }

  /** Feeds pairs straight to the merge, as find() would: in order of their end. */
  feed(pairs: readonly [number, number][]): void {
    for (const [start, end] of pairs) super.add(start, end);
  }

  list(): [number, number][] {
    const out: [number, number][] = [];
    for (let k = 0; k < this.bounds.length; k += 2)
      out.push([this.bounds.at(k) ?? -1, this.bounds.at(k + 1) ?? -1]);
    return out;
  }
}

/** Quadratic: pairs that overlap or touch (closed intervals) join one region, spanning their extremes. */
function quadratic(pairs: readonly [number, number][]): [number, number][] {
  const group = pairs.map((_, k) => k);
  const root = (k: number): number => (group[k] === k ? k : (group[k] = root(group[k] ?? k)));
  for (let a = 0; a < pairs.length; a++) {
    for (let b = a + 1; b < pairs.length; b++) {
      const [s1, e1] = pairs[a] ?? [0, 0];
      const [s2, e2] = pairs[b] ?? [0, 0];
      if (s2 <= e1 && s1 <= e2) group[root(a)] = root(b);
    }
  }
  const spans = new Map<number, [number, number]>();
  pairs.forEach(([s, e], k) => {
    const r = root(k);
    const span = spans.get(r);
    spans.set(r, span ? [Math.min(span[0], s), Math.max(span[1], e)] : [s, e]);
  });
  return [...spans.values()].sort((x, y) => x[0] - y[0]);
}

/** Sort by start and sweep: for long strings, where the quadratic reference is too slow. */
function sweep(pairs: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [s, e] of [...pairs].sort((x, y) => x[0] - y[0])) {
    const last = out.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

const ATOMS = [
  "a",
  "b",
  "S",
  "s",
  "1",
  " ",
  " ",
  " ",
  '"',
  "“",
  "”",
  "«",
  "»",
  "'",
  "‘",
  "’",
  "(",
  ")",
  "[",
  "]",
  ".",
  ",",
];

function randomText(rng: Rng, length: number): string {
  let text = "";
  while (text.length < length) text += pick(rng, ATOMS);
  return text;
}

function check(text: string, reference: (pairs: readonly [number, number][]) => [number, number][]): number {
  recorded = [];
  const probe = new Probe(new BlockText(text, 0, text.length));
  const pairs = recorded;
  const got = probe.list();
  assert.deepEqual(got, reference(pairs), JSON.stringify(text.length < 300 ? text : text.length));
  return got.length;
}

test("regions equal the quadratic reference on thousands of short random strings", () => {
  const rng = prng(1203);
  let nonTrivial = 0;
  for (let n = 0; n < 3000; n++) {
    const regions = check(randomText(rng, int(rng, 0, 200)), quadratic);
    if (regions > 1) nonTrivial++;
  }
  // The generator must actually produce several regions per string, or the test would prove nothing.
  assert.ok(nonTrivial > 1000, `only ${nonTrivial} strings with more than one region`);
});

test("regions equal the reference on long strings, past the stack's chunk size", () => {
  const rng = prng(99);
  for (let n = 0; n < 6; n++) {
    const regions = check(randomText(rng, int(rng, 100_000, 200_000)), sweep);
    // More than 2,048 regions fill more than one 4,096-element chunk of the stack.
    assert.ok(regions > 2048, `only ${regions} regions`);
  }
  // Long strings checked against the quadratic reference too, with fewer pairs.
  for (let n = 0; n < 3; n++) check(randomText(rng, 20_000), quadratic);
});

test("the merge equals the quadratic reference on synthetic pairs, touching ones included", () => {
  // Pairs found in text never touch (one mark cannot close a pair and open another), so this feeds them
  // directly: ends increasing, starts anywhere before, often exactly at an earlier end.
  const rng = prng(5);
  for (let n = 0; n < 2000; n++) {
    const pairs: [number, number][] = [];
    let end = 0;
    for (let k = int(rng, 0, 40); k > 0; k--) {
      const previous = end;
      end += int(rng, 1, 6);
      pairs.push([rng() < 0.3 ? previous : int(rng, 0, end - 1), end]);
    }
    recorded = [];
    const probe = new Probe(new BlockText("", 0, 0));
    probe.feed(pairs);
    assert.deepEqual(probe.list(), quadratic(pairs), JSON.stringify(pairs));
  }
});
