// Open-point cues and their questions on invented sentences: pending and hedged structures are found,
// look-alikes are not, and the question is built from the clause's own subject and predicate.
import assert from "node:assert/strict";
import { test } from "node:test";
import { cuesOf } from "../../../src/core/story/cues.js";
import { offlineQuestion } from "../../../src/core/story/questionChoice.js";

const kinds = (s: string): string[] => cuesOf(s).map((c) => `${c.kind}:${c.text}`);

test("pending, deadline, claim and hedge structures of English news are cues", () => {
  assert.ok(
    kinds("The Trade Board is currently investigating the deal.").includes(
      "pending:is currently investigating",
    ),
  );
  assert.ok(
    kinds("The merger needs regulatory approval in three countries.").includes(
      "pending:needs regulatory approval",
    ),
  );
  assert.ok(kinds("Globex reserves the right to walk away.").includes("pending:reserves the right"));
  assert.ok(
    kinds("Globex has fired its chief executive, two people familiar with the matter said.").includes(
      "claim:people familiar with the matter",
    ),
  );
  assert.ok(kinds("The ban is set to take effect on Sunday.").some((k) => k.startsWith("deadline:")));
  assert.ok(kinds("The regulator will rule on the merger next month.").includes("hedge:will"));
  assert.ok(kinds("Globex confirmed the possible purchase of Initech.").includes("hedge:possible"));
});

test("look-alikes are not cues", () => {
  // Past "reportedly", a counterfactual, an adjective, a clause about a deal told after the fact, a court ruling.
  assert.deepEqual(kinds("The chairman reportedly called the founder a liar on Saturday."), []);
  assert.deepEqual(kinds("It would have been a bigger win had the deal gone ahead."), []);
  assert.deepEqual(kinds("The filing cites potential competition concerns in two markets."), []);
  assert.deepEqual(kinds("They ended the agreement whereby Globex would acquire Initech."), []);
  assert.deepEqual(kinds("The appeals court denied the company's petition to halt the law."), []);
  assert.deepEqual(kinds("Initech could not be reached for comment."), []);
  // "will" inside a quotation is a speaker's promise, not the story's open point.
  assert.deepEqual(kinds("“We will keep building,” the founder said."), []);
  // "May" with a day is a date.
  assert.deepEqual(kinds("The board met on May 3 to approve the accounts."), []);
  // An analyst's flat forecast is an opinion; the same analyst's hedge still marks an uncertainty.
  assert.deepEqual(
    kinds("Globex will save the cash it set aside, said Jo Park, an analyst at Hooli Research."),
    [],
  );
  assert.deepEqual(kinds("The ruling could lift the shares, said Jo Park, an analyst at Hooli Research."), [
    "hedge:could",
  ]);
});

const ask = (basis: string, cue: string, kind: "hedge" | "pending" | "claim" = "hedge") =>
  offlineQuestion({ kind, basis, cue, related: [] });

test("questions take the clause's subject, even behind a reporting verb or an appositive", () => {
  assert.equal(
    ask("In a statement, Globex said it would appeal the ruling in court.", "would"),
    "Will Globex appeal the ruling in court?",
  );
  assert.equal(
    ask("The mayor told reporters on Monday that he would soon decide whether to sign the bill.", "would"),
    "Will the mayor decide whether to sign the bill?",
  );
  assert.equal(
    ask("Initech, which makes payroll software, will sell its products on its own.", "will"),
    "Will Initech sell its products on its own?",
  );
  assert.equal(
    ask("The board is weighing how Initech could satisfy the new rules.", "could"),
    "Will Initech satisfy the new rules?",
  );
  // A predicate that would end on a dangling word gives no question rather than a broken one.
  assert.equal(
    ask("Globex contends the ruling is “plainly wrong,” its lawyers wrote.", "contends", "claim"),
    null,
  );
  // A subject cut off at a relative pronoun or left as a possessive gives none either.
  assert.equal(ask("Observers said the bill that will force a sale is now law.", "will"), null);
});

test("a pledge to carry on and a reported clause's back-shifted 'would' give no question", () => {
  // Going on with what is under way is no step a reader waits for.
  assert.equal(ask("Initech has confirmed it will continue talks with the seller.", "will"), null);
  assert.equal(ask("Initech will continue to sell its products on its own.", "will"), null);
  // "Will X make sure the data would be stored?" mixes tenses; the source wrote no "will be".
  assert.equal(
    ask("Globex said it would make sure user data would be stored in the country.", "would"),
    null,
  );
  // Without a second "would" the same report still asks its question.
  assert.equal(
    ask("Globex said it would store user data in the country.", "would"),
    "Will Globex store user data in the country?",
  );
});

test("a question's predicate is one non-finite verb phrase after a subject that holds no verb", () => {
  // Adverbs between the modal and the verb stay out, so the verb heads the predicate.
  assert.equal(
    ask("Globex could yet walk away from the deal.", "could"),
    "Will Globex walk away from the deal?",
  );
  // A second predicate joined by "and" is cut off: a finite verb, or a clause with its own auxiliary.
  assert.equal(
    ask("Globex will speed up talks with the regulator and expects to close the deal in May.", "will"),
    "Will Globex speed up talks with the regulator?",
  );
  assert.equal(
    ask("Globex will make its offer and the new shares will be paid out to the owners.", "will"),
    "Will Globex make its offer?",
  );
  // …but not two base verbs under one modal, nor a noun phrase with a relative clause after "and".
  assert.equal(
    ask("The merger would raise prices and harm buyers.", "would"),
    "Will the merger raise prices and harm buyers?",
  );
  assert.equal(
    ask("Globex could recoup the cash and staff time it had set aside for the deal.", "could"),
    "Will Globex recoup the cash and staff time it had set aside for the deal?",
  );
  // A subject that holds a verb ("…that Initech sells tools or has plans to…", "…that I think will…") is none.
  assert.equal(ask("Initech denies that it sells tools or has plans to do so in Europe.", "plans to"), null);
  assert.equal(ask("It sends a message that I think will hurt investment in the region.", "will"), null);
  // After "between", "and" joins two noun phrases: the second is not the clause's subject.
  assert.equal(
    ask(
      "The agency said the deal between Globex, a toolmaker, and Initech, a rival, would hurt buyers.",
      "would",
    ),
    null,
  );
  // A "that" clause cut before its verb, or a predicate cut before a quotation it runs into, gives none.
  assert.equal(
    ask("Any deal would likely ensure that all data of its users “stays in the country.”", "would"),
    null,
  );
  // A one-word parenthesis (an acronym, a converted figure) is read through.
  assert.equal(
    ask("The regulator is expected to block Globex’s $20bn (£16bn) purchase of Initech.", "expected to"),
    "Will the regulator block Globex’s $20bn (£16bn) purchase of Initech?",
  );
});

test("open states are said plainly, and unnamed sources' claims are asked as unconfirmed", () => {
  assert.equal(
    ask("The Trade Board is currently investigating the deal.", "is currently investigating", "pending"),
    "Pending: The Trade Board is currently investigating the deal",
  );
  assert.equal(
    ask(
      "Globex has fired its chief executive, two people familiar with the matter said.",
      "people familiar with the matter",
      "claim",
    ),
    "Is it confirmed that Globex has fired its chief executive?",
  );
  assert.equal(
    ask("The purchase is expected to lift earnings and is expected to take a year to close.", "expected to"),
    "Will the purchase lift earnings?",
  );
});

test("a hedged outcome that names its own subject asks about that subject", () => {
  assert.equal(
    ask(
      "A state court upheld a rule on Friday that could result in Initech being barred from the market within weeks.",
      "could",
    ),
    "Will Initech be barred from the market within weeks?",
  );
  // No passive outcome with a name of its own: nothing to ask beyond the sentence's own modal.
  assert.equal(ask("The panel upheld a rule that could result in higher prices for buyers.", "could"), null);
});

test("'subject to' a review and a gerund after 'and': only the review is pending, quoted or not", () => {
  const pending = (basis: string) =>
    offlineQuestion({ kind: "pending", basis, cue: "subject to", related: [] });
  assert.equal(
    pending(
      "Globex is committed to buying Initech subject to a full antitrust review and paying a fair price, Globex said.",
    ),
    "Pending: a full antitrust review",
  );
  assert.equal(
    pending(
      "“We will buy Initech subject to a full antitrust review and paying a fair price,” Globex said on Monday.",
    ),
    "Pending: a full antitrust review",
  );
});
