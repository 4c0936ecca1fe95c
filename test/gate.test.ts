// The verification gate against a hand-written fixture of faithful rewordings and corruptions
// (test/fixtures/gate-fixture.json, written without reading the gate): rejection rate per kind.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { checkRewording } from "../src/core/phrase/gate.js";

interface Case {
  id: string;
  itemKind: "summary" | "question";
  evidence: string[];
  rewording: string;
  kind: string;
  note: string;
}

const load = (name: string): Case[] =>
  JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), "utf8")) as Case[];
const cases = load("gate-fixture.json");
/** Written later by another hand and never used to choose the gate's rules: the gate on unseen text. */
const holdout = load("gate-holdout.json");

/** Corruptions of facts: at least 99 % must be rejected. */
const FACT_KINDS = [
  "add-number",
  "swap-number",
  "swap-date",
  "add-organisation",
  "add-person",
  "add-place",
  "add-product",
  "add-quote",
];
/** Corruptions of meaning: at least 95 %. */
const MEANING_KINDS = ["modality", "negation", "url-or-instruction"];

function gateReport(
  fixture: Case[] = cases,
): Map<string, { total: number; rejected: number; misses: string[] }> {
  const report = new Map<string, { total: number; rejected: number; misses: string[] }>();
  for (const c of fixture) {
    const verdict = checkRewording({ kind: c.itemKind, evidence: c.evidence }, c.rewording);
    const entry = report.get(c.kind) ?? { total: 0, rejected: 0, misses: [] };
    entry.total++;
    if (!verdict.ok) entry.rejected++;
    const wrong = c.kind === "faithful" ? !verdict.ok : verdict.ok;
    if (wrong) entry.misses.push(`${c.id} ${verdict.details.join("; ")} :: ${c.rewording}`);
    report.set(c.kind, entry);
  }
  return report;
}

test("gate fixture: corruptions rejected, faithful paraphrases accepted", () => {
  assert.ok(cases.length >= 300, `${cases.length} cases`);
  const report = gateReport();
  for (const [kind, r] of [...report.entries()].sort()) {
    console.log(
      `${kind.padEnd(20)} ${String(r.rejected).padStart(3)}/${r.total} rejected (${((r.rejected / r.total) * 100).toFixed(1)} %)`,
    );
    for (const miss of r.misses) console.log(`    ${kind === "faithful" ? "rejected" : "accepted"}: ${miss}`);
  }
  const rate = (kinds: string[]): number => {
    const rs = kinds.map((k) => report.get(k) ?? { total: 0, rejected: 0 });
    return rs.reduce((n, r) => n + r.rejected, 0) / rs.reduce((n, r) => n + r.total, 0);
  };
  for (const kind of FACT_KINDS) assert.ok((report.get(kind)?.total ?? 0) >= 20, kind);
  assert.ok(rate(FACT_KINDS) >= 0.99, `fact corruptions rejected: ${rate(FACT_KINDS)}`);
  assert.ok(
    rate(MEANING_KINDS) >= 0.95,
    `modality/negation/instruction corruptions rejected: ${rate(MEANING_KINDS)}`,
  );
  const faithful = report.get("faithful") ?? { total: 0, rejected: 0 };
  assert.ok(faithful.total >= 100);
  assert.ok(
    faithful.rejected / faithful.total <= 0.1,
    `faithful rejected: ${faithful.rejected}/${faithful.total}`,
  );
});

test("held-out fixture: measured and printed; fact corruptions still caught", () => {
  const report = gateReport(holdout);
  for (const [kind, r] of [...report.entries()].sort()) {
    console.log(
      `held-out ${kind.padEnd(20)} ${String(r.rejected).padStart(3)}/${r.total} rejected (${((r.rejected / r.total) * 100).toFixed(1)} %)`,
    );
  }
  const facts = FACT_KINDS.map((k) => report.get(k) ?? { total: 0, rejected: 0 });
  const rate = facts.reduce((n, r) => n + r.rejected, 0) / facts.reduce((n, r) => n + r.total, 0);
  assert.ok(rate >= 0.95, `held-out fact corruptions rejected: ${rate}`);
});
