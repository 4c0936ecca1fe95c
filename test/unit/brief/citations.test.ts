// Source numbering shared by every front end: [n] is sources[n - 1], an id listed twice keeps its first
// number, a citation names each source once in the order cited, and an unknown id is reported, not dropped.
import assert from "node:assert/strict";
import { test } from "node:test";
import { citationOf, sourceNumbers } from "../../../src/core/brief/citations.js";
import { sourceRef } from "../../support/factories.js";

const sources = [sourceRef("a", "A"), sourceRef("b", "B"), sourceRef("a", "A again"), sourceRef("c", "C")];

test("sources are numbered from 1 in order; a repeated id keeps its first number", () => {
  assert.deepEqual(
    [...sourceNumbers(sources)],
    [
      ["a", 1],
      ["b", 2],
      ["c", 4],
    ],
  );
});

test("a citation lists each source once, in the order cited, and says when an id is unknown", () => {
  const numberOf = sourceNumbers(sources);
  assert.deepEqual(citationOf(numberOf, ["c", "a", "c", "b", "a"]), { numbers: [4, 1, 2], unknown: false });
  assert.deepEqual(citationOf(numberOf, ["b", "zz"]), { numbers: [2], unknown: true });
  assert.deepEqual(citationOf(numberOf, []), { numbers: [], unknown: false });
});
