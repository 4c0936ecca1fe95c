// Short quotes worked into a sentence, and the sentence shapes that name their speaker: a verb that
// characterises in the subject's words, "with X yelling:", a possessor's words after a colon, a party label
// or two appositions between the name and the verb, a middle initial. And the look-alikes that name no one:
// a speech word used as a noun, a characterising verb whose subject is unnamed. Invented sentences only.
import assert from "node:assert/strict";
import { test } from "node:test";
import { analyzeDocument } from "../../../src/core/analyze/analyzeDocument.js";
import { makeDoc } from "../../support/shared.js";

function speakerOf(text: string, quote: string): string | null | undefined {
  return analyzeDocument(makeDoc(`Headline for the test\n\n${text}`)).quotes.find((q) =>
    q.text.startsWith(quote),
  )?.speaker;
}

test("a verb that characterises in the subject's words ties a short quote to that subject", () => {
  assert.equal(
    speakerOf(
      "Former mayor Dana Whitfield criticized the new levy as a “broken scheme” at a town hall.",
      "broken",
    ),
    "Dana Whitfield",
  );
  assert.equal(
    speakerOf("Ravi Menon further summed up the plan as “reckless,” and left the room.", "reckless"),
    "Ravi Menon",
  );
  // The subject before the verb is unnamed: no one is the speaker, and a short quote is then no quote.
  assert.equal(
    speakerOf("The levy, which critics blasted as a “broken scheme,” passed on Tuesday.", "broken"),
    undefined,
  );
});

test("a speech word after a determiner or possessive is a noun, not the verb that names the speaker", () => {
  // "his tweet": the verb is "said", whose subject is the governor, not the place before his title.
  assert.equal(
    speakerOf(
      "Ohio Gov. Mark Ellery said his opponent's tweet was only “to distract” the voters.",
      "to distract",
    ),
    "Mark Ellery",
  );
  // "The remarks" after a quote opens the next sentence; it is not "remarks" the verb.
  assert.equal(
    speakerOf(
      'Lina Holt mocked the plan, saying it was a budget that lacks "vision." The remarks drew applause.',
      "vision",
    ),
    "Lina Holt",
  );
  // "he's claiming" is a verb: the contraction is no possessive.
  assert.equal(
    speakerOf("Omar Reyes spoke in Leeds. He’s claiming that the vote is “a real disgrace.”", "a real"),
    "Omar Reyes",
  );
});

test("a party label, two appositions and a middle initial stand between the name and its verb", () => {
  assert.equal(
    speakerOf(
      "“The bill will cost every family more than it saves,” Sen. Paula J. Grant (R-Ore.) said on Friday.",
      "The bill",
    ),
    "Paula J. Grant",
  );
  assert.equal(
    speakerOf(
      "“It is an intrusion into what the states decide for themselves,” Tom Alder, the attorney general of the state, one of the officials suing, said in May.",
      "It is an",
    ),
    "Tom Alder",
  );
});

test("'with X yelling:' and 'X's response was:' name who said the words that follow", () => {
  assert.equal(
    speakerOf(
      "At a rally in Dayton, Ohio, on Saturday, a protester was pushed out, with Carl Benning reportedly yelling: “Take him out of here!”",
      "Take him",
    ),
    "Carl Benning",
  );
  assert.equal(
    speakerOf(
      "Nora Falk wrote to the minister in May. Falk’s response was: “Is the depot open on Sunday?”",
      "Is the depot",
    ),
    "Nora Falk",
  );
  // A possessor's statement judged by others is no statement of theirs: no colon, no speaker from it.
  assert.notEqual(speakerOf("The checkers found that Falk’s statement was “true.”", "true"), "Nora Falk");
});

test("who says the words: a role before 'according to', an apposed name, a noun for words before a colon", () => {
  assert.equal(
    speakerOf("According to conservative radio host Dan Hollis, the move reeks of “fear” and panic.", "fear"),
    "Dan Hollis",
  );
  assert.equal(
    speakerOf(
      'Her chief policy aide, Jake Morrow, calls her record a "blueprint" for new jobs.',
      "blueprint",
    ),
    "Jake Morrow",
  );
  // "led by John Roe," is no apposition of the subject: the agency spoke, unnamed here.
  assert.equal(
    speakerOf('The agency, led by John Roe, said the plan was "a mistake" to make.', "a mistake"),
    undefined,
  );
  assert.equal(
    speakerOf(
      'With donors worried, Governor Ann Obrey is rolling out a new campaign message: "It\'s about all of us."',
      "It's",
    ),
    "Ann Obrey",
  );
  assert.equal(
    speakerOf("Nina Park’s campaign slogan is “I’m with you.” She spoke later.", "I’m"),
    "Nina Park",
  );
});

test("an unnamed speaker described after the verb is named by the description; a period closes the quote", () => {
  const text = '"There was wrongdoing," said a former senior law enforcement official. "But was it a crime?"';
  assert.equal(speakerOf(text, "There was"), "a former senior law enforcement official");
  assert.equal(speakerOf(text, "But was it"), "a former senior law enforcement official");
  // Whom they work for is the organisation rules' to name.
  assert.equal(
    speakerOf('"We will appeal the decision today," said a spokesperson for Acme.', "We will"),
    null,
  );
  // "… us.” Roe later said …" is the next sentence, not this quote's attribution.
  assert.equal(
    speakerOf(
      "Anna Ruiz backed Tom Vega eight years ago and said, “Vega has never done a thing for us.” Leo Park later said it was unfair.",
      "Vega has",
    ),
    "Anna Ruiz",
  );
});
