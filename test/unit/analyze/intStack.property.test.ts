// Property test for IntStack (segment/text.ts): random pushes and pops across its 4,096-element chunk
// boundaries behave like a plain array.
import { test } from "node:test";
import assert from "node:assert/strict";

import { IntStack } from "../../../src/core/analyze/segment/text.js";
import { int, prng } from "../../../bench/random.js";

test("IntStack push/pop/at/length behave like an array across chunk boundaries", () => {
  const rng = prng(7);
  const stack = new IntStack();
  const model: number[] = [];
  // Phases that drift up and down so the size crosses 4096, 8192 and 12288 many times, in both directions.
  for (let phase = 0; phase < 60; phase++) {
    const pushBias = phase % 4 < 2 ? 0.7 : 0.3;
    const steps = int(rng, 1000, 5000);
    for (let s = 0; s < steps; s++) {
      if (rng() < pushBias) {
        const value = int(rng, -2147483648, 2147483647);
        stack.push(value);
        model.push(value);
      } else {
        assert.equal(stack.pop(), model.pop());
      }
      assert.equal(stack.length, model.length);
      // Peek, and a random index, including just outside the stack.
      assert.equal(stack.at(stack.length - 1), model[model.length - 1]);
      const k = int(rng, -1, model.length);
      assert.equal(stack.at(k), k < 0 ? undefined : model[k]);
    }
  }
  // Empty it and pop once more past the bottom.
  while (model.length > 0) assert.equal(stack.pop(), model.pop());
  assert.equal(stack.length, 0);
  assert.equal(stack.pop(), undefined);
  assert.equal(stack.at(0), undefined);
});

test("IntStack holds every value exactly at each boundary after refilling reused chunks", () => {
  const stack = new IntStack();
  for (let round = 0; round < 3; round++) {
    for (let v = 0; v < 3 * 4096 + 2; v++) stack.push(v * 3 + round);
    for (const k of [0, 4095, 4096, 4097, 8191, 8192, 12288, 12289]) assert.equal(stack.at(k), k * 3 + round);
    for (let v = 3 * 4096 + 1; v >= 0; v--) assert.equal(stack.pop(), v * 3 + round);
  }
});
