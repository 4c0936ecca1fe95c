// Property: a summary or figures bullet that merges near-duplicate sentences from several documents cites
// only sentences that support it — each cited sentence holds every number, date and name of the bullet.
// Documents are generated from one report retold by several outlets, each retelling changing a few of its
// figures, dates or names (the case where word overlap alone would merge "day 0" with "day 39").
import assert from "node:assert/strict";
import { test } from "node:test";
import { groundedBrief } from "../../../src/core/brief/buildBrief.js";
import type { SummaryItem } from "../../../src/core/brief/schema.js";
import { DocumentIndex } from "../../../src/core/index/docIndex.js";
import { rng } from "../../support/briefGenerator.js";
import { makeDoc } from "../../support/shared.js";

const COMPANIES = ["Corvane", "Tessaro", "Quillon", "Marrowgate", "Halvik"];
const PLACES = ["Ostrel", "Brenmoor", "Kestova", "Lindqvar"];
const MONTHS = ["January", "March", "May", "July", "September", "November"];

interface Facts {
  buyer: string;
  target: string;
  place: string;
  price: number;
  share: number;
  day: number;
  month: string;
  date: number;
}

/** The report's sentences; every slot is a number, a date or a name. */
function sentences(f: Facts): string[] {
  return [
    `${f.buyer} agreed to buy ${f.target} for $${f.price} million on ${f.month} ${f.date}, the companies said in a statement.`,
    `Regulators in ${f.place} opened a review of the ${f.buyer} acquisition on day ${f.day} of the filing period.`,
    `${f.buyer} said ${f.share} percent of ${f.target} customers would keep their contracts under the agreement.`,
    `The ${f.place} competition authority set a deadline of ${f.month} ${f.date + 1} for ${f.buyer} to answer its questions.`,
    `Shareholders of ${f.target} are expected to vote on the deal by ${f.month} ${f.date + 9}, according to the filing.`,
  ];
}

type Pick = <T>(list: readonly T[]) => T;

/** One retelling: each field kept, or (with some chance) changed to another value of its kind. */
function retell(base: Facts, random: () => number, pick: Pick): Facts {
  const change = (): boolean => random() < 0.2;
  return {
    buyer: base.buyer,
    target: change() ? pick(COMPANIES.filter((c) => c !== base.buyer)) : base.target,
    place: change() ? pick(PLACES) : base.place,
    price: change() ? base.price + 1 + Math.floor(random() * 40) : base.price,
    share: change() ? Math.floor(random() * 100) : base.share,
    day: change() ? Math.floor(random() * 40) : base.day,
    month: change() ? pick(MONTHS) : base.month,
    date: change() ? 1 + Math.floor(random() * 18) : base.date,
  };
}

/** The tokens a citation must repeat: numbers (with amounts and dates' days), and capitalised words. */
function facts(sentence: string): { numbers: string[]; names: string[] } {
  const numbers = sentence.match(/\d+(?:[.,]\d+)*/g) ?? [];
  // The first word is capitalised as the start of a sentence (and a tidied bullet capitalises it anyway).
  const names = (sentence.match(/\b\p{Lu}\p{L}+/gu) ?? []).slice(1);
  return { numbers, names };
}

function tokens(sentence: string): Set<string> {
  return new Set(sentence.match(/[\p{L}\p{N}]+(?:[.,]\d+)*/gu) ?? []);
}

function unsupported(item: SummaryItem): string[] {
  const wanted = facts(item.text);
  const problems: string[] = [];
  for (const cited of item.evidence) {
    const has = tokens(cited.sentence);
    const missing = [...wanted.numbers, ...wanted.names].filter((t) => !has.has(t));
    if (missing.length > 0)
      problems.push(`"${item.text}" cites "${cited.sentence}", which lacks ${missing.join(", ")}`);
  }
  return problems;
}

const CASES = 60;

test(`merged bullets cite only sentences with their numbers, dates and names (${CASES} generated stories)`, (t) => {
  let merged = 0;
  let bullets = 0;
  for (let seed = 1; seed <= CASES; seed++) {
    const random = rng(seed);
    const pick: Pick = (list) => list[Math.floor(random() * list.length)] as (typeof list)[number];
    const buyer = pick(COMPANIES);
    const base: Facts = {
      buyer,
      target: pick(COMPANIES.filter((c) => c !== buyer)),
      place: pick(PLACES),
      price: 100 + Math.floor(random() * 900),
      share: Math.floor(random() * 100),
      day: Math.floor(random() * 40),
      month: pick(MONTHS),
      date: 1 + Math.floor(random() * 18),
    };
    const index = new DocumentIndex();
    const outlets = 3 + Math.floor(random() * 5);
    for (let o = 0; o < outlets; o++) {
      const told = o === 0 ? base : retell(base, random, pick);
      const raw = `${buyer} moves to buy ${told.target}\n\n${sentences(told).join(" ")}`;
      index.add(
        makeDoc(raw, {
          location: `outlet-${o}.txt`,
          outlet: `Outlet ${o}`,
          published: `2025-0${1 + (o % 9)}-1${o % 10}`,
        }),
      );
    }
    const brief = groundedBrief(index, buyer);
    for (const item of [...brief.summary, ...brief.figures]) {
      bullets++;
      if (item.evidence.length > 1) merged++;
      assert.deepEqual(unsupported(item), [], `seed ${seed}`);
    }
  }
  t.diagnostic(`${bullets} bullets, ${merged} of them citing more than one document`);
  // The property means something only when bullets do merge: identical retellings still do.
  assert.ok(bullets > CASES, `only ${bullets} bullets`);
  assert.ok(merged > CASES / 2, `only ${merged} merged bullets of ${bullets}`);
});
