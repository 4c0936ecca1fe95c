// Attribution from sentence structure, on invented texts: who a sentence is about (its subject, not the
// object of a preposition, a law's name or a place), appositions holding a list, negated auxiliaries, a
// role with its "of" phrase before a name, time and participle openers, a statement announced by a colon
// at the end of the paragraph before, descriptions after the verb, a quotation split by its attribution,
// and the person asked a question as a possible next speaker.
import assert from "node:assert/strict";
import { test } from "node:test";
import { analyzeDocument } from "../../../src/core/analyze/analyzeDocument.js";
import { makeDoc } from "../../support/shared.js";

function speakerOf(text: string, quote: string): string | null | undefined {
  const quotes = analyzeDocument(makeDoc(`Headline for the test\n\n${text}`)).quotes;
  return quotes.find((q) => q.text.startsWith(quote))?.speaker;
}

test("the object of a preposition is not the sentence's subject, so “he” stays with the subject", () => {
  const text =
    "In a long interview with Radio Harbour host Tomas Ekdahl, Brennholt made it clear he doubted the merger.\n\n" +
    "“Nobody has shown me why this deal helps anyone who buys these parts,” he told the host.";
  assert.equal(speakerOf(text, "Nobody has shown"), "Brennholt");
  const place =
    "Orla Madsen said the vote would be close.\n\n" +
    "Most of the support in Delmarva seems soft, and she said the campaign knew it.\n\n" +
    "“We do not take a single vote for granted here,” she said.";
  assert.equal(speakerOf(place, "We do not take"), "Orla Madsen");
});

test("an apposition may hold a list of names between a subject and its verb", () => {
  const text =
    "Castellane, who will retire after also serving in Lisbon, Vienna and Quito, praised the treaty in an interview.\n\n" +
    "“I think the agreement holds up better than its critics expected,” he told a radio station.";
  assert.equal(speakerOf(text, "I think the agreement"), "Castellane");
});

test("a law named by one capitalised word is no person who could make “she” unsure", () => {
  const text =
    "Ostrander said she felt the 12th Amendment was worth a film because “most people never read it,” she said. " +
    "“We cannot understand this moment without knowing where it came from.”";
  assert.equal(speakerOf(text, "most people never"), "Ostrander");
});

test("a subject followed by a negated auxiliary is still the subject", () => {
  const text =
    "Varga, who says he has held sixty town halls in the state, doesn't pretend the campaign can go on after a loss. " +
    "“If we lose this one, we are not going to drag ourselves around the country,” he told reporters.";
  assert.equal(speakerOf(text, "If we lose"), "Varga");
});

test("a role with its “of” phrase before a name gives that person", () => {
  const text =
    "“The first answer to this threat lies with the communities themselves,” said former secretary of state Delia Okonkwo, who spoke in the evening.";
  assert.equal(speakerOf(text, "The first answer"), "Delia Okonkwo");
});

test("“Two years ago,” opens a sentence; its subject comes after the comma", () => {
  const text =
    "Pelham said he would endorse a candidate this year. " +
    "Two years ago, he backed Corvin over Aldous and said, “Aldous has never done anything for this town.”";
  assert.equal(speakerOf(text, "Aldous has never"), "Pelham");
});

test("“issued the following statement:” gives the next paragraph's quotation to the subject", () => {
  const text =
    "In response to the flooding, Governor Nadia Ferreira issued the following statement:\n\n" +
    "“Our thoughts are with every family affected tonight. The state will do everything in its power to help.”";
  assert.equal(speakerOf(text, "Our thoughts are"), "Nadia Ferreira");
});

test("“said a senior Globex adviser.” gives the description, never the company or a person of that name", () => {
  const text =
    "“That can go a long way toward a good relationship,” said a senior Halvorsen adviser. “I would be surprised if he changed course.”";
  assert.equal(speakerOf(text, "That can go"), "a senior Halvorsen adviser");
  assert.equal(speakerOf(text, "I would be surprised"), "a senior Halvorsen adviser");
});

test("a quotation split by “said X, role,” is X's on both sides", () => {
  const text =
    "“This used to be a quiet corner of the market,” said Ilse Marquardt, director of trade studies at the Kestrel Institute in Oslo, “but it is quickly filling with buyers.”";
  assert.equal(speakerOf(text, "but it is quickly"), "Ilse Marquardt");
});

test("a participle opener, a title abbreviation and a characterising participle give the subject", () => {
  const text =
    "Weighing in on the panel, former Delmarva Gov. Tobias Renwick agreed, praising his old rival as “one of the most gifted people we have in the party.”";
  assert.equal(speakerOf(text, "one of the most gifted"), "Tobias Renwick");
});

test("after “X asked Y …”, a bare “he said” could be either and stays unnamed", () => {
  const text =
    "The race for delegates moved south this week, with a vote in six states on Tuesday.\n\n" +
    "Ellery then asked Corvin which states he could win.\n\n" +
    "“Well, we feel great about every one of those states,” he said.";
  assert.equal(speakerOf(text, "Well, we feel great"), null);
});

test("the subject of a clause someone reports is no second actor: “he added” stays with the reporter", () => {
  const text =
    "Halvorsen explained that Brightwell would be out of business long before any buyer could close.\n\n" +
    "“It is like a lease that runs out before anyone signs the new one,” he added.";
  assert.equal(speakerOf(text, "It is like a lease"), "Halvorsen");
  // Without the reporting verb the other name is an actor of its own, and "he" stays unsure.
  const actor =
    "Halvorsen met the board while Brightwell walked out of the talks.\n\n" +
    "“It is like a lease that runs out before anyone signs the new one,” he added.";
  assert.equal(speakerOf(actor, "It is like a lease"), null);
});

test("a court named only as where an appeal may go is not “the court” that wrote", () => {
  const text =
    "The ruling leaves Brightwell weeks to appeal to the Supreme Court of Ostland.\n\n" +
    "A panel of the Ostland Court of Appeals rejected the company’s petition on Friday.\n\n" +
    "The judges said the record was thin.\n\n" +
    "Two of them had served for a decade.\n\n" +
    "The opinion ran to ninety pages.\n\n" +
    "“The statute survives the most demanding review,” the court wrote.";
  assert.equal(speakerOf(text, "The statute survives"), "Ostland Court of Appeals");
});
