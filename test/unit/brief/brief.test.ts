// The brief on the bundled seed (the README's first command) and topic matching by entity and alias.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { buildBrief } from "../../../src/core/brief/buildBrief.js";
import { Brief } from "../../../src/core/brief/schema.js";
import { indexFolders } from "../../../src/core/index/corpus.js";
import { UnknownTopicError, EmptyTopicError } from "../../../src/core/errors.js";
import { DocumentIndex } from "../../../src/core/index/docIndex.js";
import { makeDoc, SEEDS } from "../../support/shared.js";

const seedIndex = async () => (await indexFolders([SEEDS])).index;

test("the seed brief for tiktok: Microsoft, ByteDance, September 15, the four markets, quotes, questions", async () => {
  const index = await seedIndex();
  const brief = Brief.parse(await buildBrief(index, "tiktok"));
  const raw = await readFile(`${SEEDS}${brief.sources[0]?.location ?? ""}`, "utf8");
  assert.ok(brief.summary.length >= 3 && brief.summary.length <= 6);
  const summary = brief.summary.map((s) => s.text).join(" ");
  for (const fact of ["Microsoft", "ByteDance", "September 15", "United States"])
    assert.ok(summary.includes(fact), `summary lacks ${fact}`);
  // The four markets are in the seed only inside a quotation: the quotes show it, the summary does not repeat it.
  const quoted = brief.quotes.map((q) => q.text).join(" ");
  for (const market of ["United States", "Canada", "Australia", "New Zealand"])
    assert.ok(quoted.includes(market), `quotes lack ${market}`);
  assert.ok(!summary.includes("New Zealand"), "a quotation repeated as a summary bullet");
  for (const item of brief.summary)
    assert.ok(item.sources.length > 0 && item.evidence.every((e) => raw.includes(e.sentence)));
  assert.ok(brief.quotes.length >= 3);
  for (const q of brief.quotes) assert.ok(raw.includes(q.text), `quote not verbatim: ${q.text}`);
  assert.ok(brief.quotes.filter((q) => q.speaker === "Microsoft").length >= 3);
  assert.ok(brief.questions.length >= 2);
  for (const q of brief.questions) {
    assert.ok(q.text.endsWith("?"));
    assert.ok(raw.includes(q.basis), `basis not verbatim: ${q.basis}`);
  }
  const all = JSON.stringify(brief);
  for (const furniture of ["Leave a Reply", "email address will not be published", "Required fields"]) {
    assert.ok(!all.includes(furniture), `comment form leaked: ${furniture}`);
  }
});

test("tik tok, TikTok, TitTok and bytedance find the same seed brief", async () => {
  const index = await seedIndex();
  const reference = JSON.stringify((await buildBrief(index, "tiktok")).summary);
  for (const topic of ["tik tok", "TikTok", "TitTok", "bytedance", "Tik-Tok"]) {
    assert.equal(JSON.stringify((await buildBrief(index, topic)).summary), reference, topic);
  }
});

test("topics match names, not substrings: arm finds Arm and not harm", async () => {
  const index = new DocumentIndex();
  index.add(
    makeDoc(
      "Nvidia ends its bid for Arm\n\nNvidia said on Monday it would abandon its purchase of Arm. Arm will instead pursue a listing, Arm said.",
      { location: "arm.txt" },
    ),
  );
  index.add(
    makeDoc(
      "Regulators warn of harm\n\nThe regulator said the merger could harm consumers and harm rivals in the cloud market.",
      { location: "harm.txt" },
    ),
  );
  const brief = await buildBrief(index, "arm");
  assert.deepEqual(
    brief.sources.map((s) => s.location),
    ["arm.txt"],
  );
});

test("an unknown topic suggests the closest known ones; an empty topic is a usage error", async () => {
  const index = await seedIndex();
  await assert.rejects(
    buildBrief(index, "microsfot corp zz"),
    (e: unknown) => e instanceof UnknownTopicError,
  );
  await assert.rejects(
    buildBrief(index, "zzzz"),
    (e: unknown) => e instanceof UnknownTopicError && e.suggestions.length === 0,
  );
  await assert.rejects(buildBrief(index, "   "), EmptyTopicError);
  // A misspelt surname is not a match, but the person it resembles is offered.
  const error = await buildBrief(index, "nadela").catch((e: unknown) => e);
  assert.ok(error instanceof UnknownTopicError);
  assert.ok(error.suggestions.includes("Satya Nadella"), error.suggestions.join(", "));
});

test("scope: a server sees the seeds and its own documents, never another server's", async () => {
  const index = new DocumentIndex();
  index.add(
    makeDoc(
      "Globex to buy Initech\n\nGlobex agreed to buy Initech for $2 billion, Globex said on Monday. The deal is subject to approval.",
      { owner: "guild:1", location: "g1.txt" },
    ),
  );
  await assert.rejects(buildBrief(index, "initech", { scope: { guild: "2" } }), UnknownTopicError);
  await assert.rejects(buildBrief(index, "initech"), UnknownTopicError);
  const brief = await buildBrief(index, "initech", { scope: { guild: "1" } });
  assert.equal(brief.sources[0]?.location, "g1.txt");
});

test("documents can be removed at runtime and the brief changes with them", async () => {
  const index = new DocumentIndex();
  const a = index.add(
    makeDoc("Globex to buy Initech\n\nGlobex agreed to buy Initech for $2 billion on Monday, Globex said.", {
      location: "a.txt",
    }),
  );
  index.add(
    makeDoc(
      "Initech board backs Globex offer\n\nThe Initech board backed the Globex offer on Tuesday and may vote in May.",
      { location: "b.txt" },
    ),
  );
  assert.equal((await buildBrief(index, "initech")).sources.length, 2);
  index.remove(a.doc.id);
  assert.deepEqual(
    (await buildBrief(index, "initech")).sources.map((s) => s.location),
    ["b.txt"],
  );
});

test("a question whose basis dates itself by a weekday carries the date it means, like a bullet", async () => {
  const index = new DocumentIndex();
  index.add(
    makeDoc(
      [
        "Globex clears last hurdle for Initech",
        "Globex won approval from regulators in Brussels for its $12 billion purchase of Initech.",
        "The approval removes the last hurdle for Globex and Initech, which said the purchase will close on Wednesday.",
      ].join("\n\n"),
      { published: "2023-11-20" },
    ),
  );
  const brief = Brief.parse(await buildBrief(index, "globex"));
  const closing = brief.questions.find((q) => q.basis.includes("on Wednesday"));
  assert.ok(closing, brief.questions.map((q) => q.text).join("\n"));
  assert.equal(closing.date, "2023-11-22");
});
