// Attribution from the context around a quote, on invented texts: a quote standing alone after its speaker's
// reported speech, a quotation continued over paragraphs that open with a closing-shaped mark, "the court"
// naming the one court the text has named, "it" only when one organisation is acting, and names joined by a
// hyphen that are a pairing, not a person.
import assert from "node:assert/strict";
import { test } from "node:test";
import { analyzeDocument } from "../../../src/core/analyze/analyzeDocument.js";
import { makeDoc } from "../../support/shared.js";

function speakerOf(text: string, quote: string): string | null | undefined {
  const quotes = analyzeDocument(makeDoc(`Headline for the test\n\n${text}`)).quotes;
  return quotes.find((q) => q.text.startsWith(quote))?.speaker;
}

test("a quote standing alone after a sentence of reported speech is that subject's", () => {
  const text =
    "In a statement, Globex said it would appeal the ruling. “We will keep making the case that the merger helps buyers.”";
  assert.equal(speakerOf(text, "We will keep"), "Globex");
  const object =
    "A lawyer for Globex said the company would appeal. “We will keep making the case that the merger helps buyers.”";
  assert.equal(speakerOf(object, "We will keep"), null, "the named subject must open its clause");
});

test("a quotation over several paragraphs keeps its speaker when each paragraph opens with ”", () => {
  const text =
    "Panel chair Ruth Amsel said: “The two firms sell parts to many public bodies in the country.\n\n" +
    "”Even where a market is small, our job is to look at every deal of this kind closely.\n\n" +
    "”Having weighed the evidence, we have concluded the merger can go ahead.”";
  assert.equal(speakerOf(text, "Having weighed"), "Ruth Amsel");
  assert.equal(speakerOf(text, "Even where"), "Ruth Amsel");
});

test("“the court” is the one court the text has named, however far back, and no one when it named two", () => {
  const one =
    "A panel of the Northern Court of Appeals denied the petition on Friday.\n\n" +
    "The ruling leaves the company a month to sell its local unit.\n\n" +
    "Lawyers for the company had argued the law went too far.\n\n" +
    "Two of the judges were appointed by the same governor.\n\n" +
    "“The law serves a purpose the state is entitled to pursue,” the court wrote.";
  assert.equal(speakerOf(one, "The law serves"), "Northern Court of Appeals");
  const two = one.replace(
    "Two of the judges",
    "The case may now go to the High Court, and two of the judges",
  );
  assert.equal(speakerOf(two, "The law serves"), null);
});

test("“it said” names an organisation only when no other one has acted in the last paragraphs", () => {
  const text =
    "The Commission found that the merger, as changed by the remedies, raised no concerns.\n\n" +
    "Initech holds a strong position in the market for disk controllers.\n\n" +
    "Initech also agreed to keep two of its teams apart for ten years.\n\n" +
    "“The approval depends on full compliance with the remedies,” it said in a statement.";
  assert.equal(speakerOf(text, "The approval depends"), null);
  const spoke =
    "Initech said it would review the offer in a post. “We welcome the interest of Globex in our business.”\n\n" +
    "Globex declined to comment on the approach.\n\n" +
    "It continued: “Initech will study the proposal with its advisers over the coming weeks.”";
  assert.equal(speakerOf(spoke, "Initech will study"), "Initech");
  // "it" after a person spoke is never that person.
  const person =
    "“We expect the review to end soon, and we will keep our staff informed,” Maria Vance said.\n\n" +
    "The agency released its own statement on the review later that day.\n\n" +
    "“The review will take as long as it needs to take,” it said.";
  assert.notEqual(speakerOf(person, "The review will take"), "Maria Vance");
});

test("two names joined by a hyphen are a pairing, never a speaker's full name", () => {
  const text =
    "Regulators opened a review of the Globex-Initech merger last year.\n\n" +
    "Initech, which describes itself as a “single place for every design file”, said it would keep selling its tools, according to Initech.";
  const doc = analyzeDocument(makeDoc(`Headline for the test\n\n${text}`));
  assert.notEqual(doc.entities.get("globex initech")?.person, true);
  for (const q of doc.quotes) assert.notEqual(q.speaker, "Globex-Initech");
});
