// Speaker attribution by the structure of the sentence, one rule class per test, on invented sentences:
// pronouns never cross another named person, roles find the person given that role, titles before names,
// "according to", outlets that only report, continuation paragraphs, titles of works and unnamed subjects.
import assert from "node:assert/strict";
import { test } from "node:test";
import { analyzeDocument } from "../../../src/core/analyze/analyzeDocument.js";
import { looksLikeTitle } from "../../../src/core/analyze/quotes.js";
import { makeDoc } from "../../support/shared.js";

function speakers(text: string): Array<[string, string | null]> {
  return analyzeDocument(makeDoc(`Headline for the test\n\n${text}`)).quotes.map((q) => [q.text, q.speaker]);
}

function speakerOf(text: string, quote: string): string | null | undefined {
  return speakers(text).find(([q]) => q.startsWith(quote))?.[1];
}

test("a pronoun does not cross another person named as a subject or quoted before", () => {
  const text =
    "Jane Roe said John Doe would lead the talks for the union.\n\n" +
    "“We expect to finish the review before the end of the month,” she said.";
  // "she" is Roe only if the text says so: Doe is the subject of a clause beside her and nothing rules him out.
  assert.equal(speakerOf(text, "We expect"), null);
  const asked =
    "“We will keep the plants open for as long as the orders come in,” Mark Poole said.\n\n" +
    "Anna Vale then asked Poole which plants he meant.\n\n" +
    "“The ones in the north, all of them, and the depot by the river,” he said.";
  assert.equal(
    speakerOf(asked, "The ones"),
    null,
    "the person quoted before is named beside the new subject",
  );
});

test("a pronoun keeps the subject of a sentence led by that pronoun, and a gendered title rules people out", () => {
  const text =
    "Ms. Lena Ortiz spoke to reporters in the morning.\n\n" +
    "She added that Mr. Tom Brandt had called her office twice last week.\n\n" +
    "“I told him the answer would not change, whatever the offer,” she said.";
  assert.equal(speakerOf(text, "I told him"), "Lena Ortiz");
  const clause =
    "“The numbers are not there yet for the merger to go ahead,” said Paul Keane.\n\n" +
    "If Maria Stone is elected, he said, “the plan will be dead within a year.”";
  assert.equal(speakerOf(clause, "the plan will"), null, "a subject inside an if-clause is a rival");
});

test("title before a name: the person after lower-case role words, not the first capitalised word", () => {
  assert.equal(
    speakerOf("“We are not worried about the vote,” said Globex campaign manager Dana Price.", "We are"),
    "Dana Price",
  );
  assert.equal(
    speakerOf(
      "Initech researcher Omar Lund said the survey showed “a clear shift among younger voters.”",
      "a clear",
    ),
    "Omar Lund",
  );
});

test("someone's role without a name is a description, never that someone", () => {
  const said = speakerOf(
    "“That was a mistake and everyone in the room knew it,” Roe's former campaign strategist said.",
    "That was",
  );
  assert.notEqual(said, "Roe");
  assert.ok(said === null || /strategist/.test(said ?? ""), String(said));
});

test("a definite role finds the one person the text gave that role, and nobody else", () => {
  const text =
    "Sen. Carla Webb met Harold Finch, a retired banker, on Tuesday.\n\n" +
    "Finch told reporters the meeting was friendly and short.\n\n" +
    "“We disagree on the tariffs but agree on the bridge,” the senator said.";
  assert.equal(speakerOf(text, "We disagree"), "Carla Webb");
  const nobody =
    "Harold Finch told reporters the meeting was friendly and short.\n\n" +
    "“We disagree on the tariffs but agree on the bridge,” the senator said.";
  assert.equal(speakerOf(nobody, "We disagree"), null, "no senator is named: no guess");
});

test("'according to' names both the speaker and the outlet that reports the words", () => {
  const text =
    "“We will not sell the plant to anyone who plans to close it,” Rosa Kim said, according to the Harbor Ledger.";
  assert.equal(speakerOf(text, "We will not"), "Rosa Kim, according to Harbor Ledger");
  const unnamed =
    "“The filing is incomplete and the deadline stands,” the clerk said, according to the Harbor Ledger.";
  assert.equal(speakerOf(unnamed, "The filing"), "according to Harbor Ledger");
});

test("an outlet that only reports the story is not 'it'; 'it' may be an agency", () => {
  const text =
    "Globex announced the purchase of a rival on Monday. The Harbor Ledger reported the price first.\n\n" +
    "“The purchase will close in the spring once the filings are done,” it said in a statement.";
  assert.equal(speakerOf(text, "The purchase"), "Globex");
  const agency =
    "The Trade Commission cleared the merger on Friday after a long review.\n\n" +
    "“The remedies offered address the concerns we identified,” it said.";
  assert.equal(speakerOf(agency, "The remedies"), "Trade Commission");
});

test("a continuation paragraph keeps the speaker, unless it has an attribution of its own", () => {
  const text =
    "“We will appeal the ruling as soon as the court allows it,” said Vera Lind, the group's counsel.\n\n" +
    "“The law is on our side and we intend to show it in every forum.”";
  assert.equal(speakerOf(text, "The law is"), "Vera Lind");
  const own =
    "“We will appeal the ruling as soon as the court allows it,” said Vera Lind, the group's counsel.\n\n" +
    "“Nothing in the order changes the schedule for the hearing,” the clerk wrote in a notice.";
  assert.notEqual(speakerOf(own, "Nothing in"), "Vera Lind");
});

test("quoted titles of works are not quotes", () => {
  assert.ok(looksLikeTitle("The Long Road Home"));
  assert.ok(looksLikeTitle("Night Shift (Part Two)"));
  assert.ok(!looksLikeTitle("We need change"));
  assert.ok(!looksLikeTitle("Deal"));
  const quotes = speakers("Ben Ames said he watched “The Long Road Home” twice last winter.");
  assert.deepEqual(quotes, []);
});

test("a quote worked into its sentence is not attributed to a later clause's subject", () => {
  const text =
    "Jane Roe accused John Doe of an “artful dodge on the budget” while Doe says the plan will work.";
  assert.notEqual(speakerOf(text, "artful dodge"), "John Doe");
});

test("a speech noun after a possessive names the speaker: Roe's claim that …", () => {
  const text = "Officials rejected Jane Roe’s claim that the plant had been “closed without any warning.”";
  assert.equal(speakerOf(text, "closed without"), "Jane Roe");
});

test("an unnamed subject before the verb is no one, not the last organisation named", () => {
  const text =
    "The Family Support Act gave workers twelve weeks of leave.\n\n" +
    "“Our members have waited a long time for this day to come,” the union wrote.";
  assert.equal(speakerOf(text, "Our members"), null);
  const group = "Globex shareholders said the offer was “far too low for a company of this size.”";
  assert.equal(speakerOf(group, "far too low"), null);
});
