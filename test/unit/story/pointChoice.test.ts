// Which candidate points a brief shows, on invented points: one point asked twice is shown once, by the
// fuller asking; different points and the per-kind cap are kept.
import assert from "node:assert/strict";
import { test } from "node:test";
import { choose } from "../../../src/core/story/pointChoice.js";

const point = (basis: string, text: string, score: number, kind: "pending" | "hedge" = "pending") => ({
  kind,
  basis,
  text,
  score,
});

test("the same point asked with more takes the place of the shorter asking", () => {
  const short = point(
    "The sale, which is still awaiting official government approval, ends weeks of talks.",
    "Pending: official government approval",
    4,
  );
  const full = point(
    "The minister backed the sale on Monday, though it is still pending official approval by the Ruritanian and Freedonian governments.",
    "Pending: official approval by the Ruritanian and Freedonian governments",
    3,
  );
  const other = point("The union said the plant's future is unclear.", "Pending: the plant's future", 2);
  assert.deepEqual(
    choose([short, full, other], 8, 5).map((p) => p.text),
    [full.text, other.text],
  );
});

test("at most the cap of one kind; a point of another kind still comes in", () => {
  const pending = [
    ["Talks over the Leeds mill are pending.", "Leeds mill"],
    ["A vote on selling the Oslo port is awaited.", "Oslo port"],
    ["Nobody knows when the Turin depot reopens.", "Turin depot"],
  ].map(([basis, place], n) => point(basis ?? "", `Pending: the ${place}`, 5 - n));
  const hedge = point(
    "Globex could sell the Lima warehouse.",
    "Will Globex sell the Lima warehouse?",
    0,
    "hedge",
  );
  assert.deepEqual(
    choose([...pending, hedge], 8, 2).map((p) => p.text),
    ["Pending: the Leeds mill", "Pending: the Oslo port", "Will Globex sell the Lima warehouse?"],
  );
});

test("one step of the deal between the same parties, asked in other words, is shown once", () => {
  const talks = point(
    "Globex hopes to wrap up talks to buy Initech by June 1.",
    "Will Globex wrap up talks to buy Initech?",
    4,
    "hedge",
  );
  const discussions = point(
    "Globex said it would pursue discussions with Initech's parent Hooli.",
    "Will Globex pursue discussions with Initech's parent Hooli?",
    3,
    "hedge",
  );
  // The same step between other parties is another question.
  const rival = point(
    "Umbrella may open talks with Hooli over the same unit.",
    "Will Umbrella open talks with Hooli?",
    2,
    "hedge",
  );
  assert.deepEqual(
    choose([talks, discussions, rival], 8, 5).map((p) => p.text),
    [talks.text, rival.text],
  );
});
