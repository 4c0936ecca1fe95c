// Property: whatever brief the generator makes, every message the renderer builds for it is one Discord accepts.
// Each message goes through the Discord double's own body validation (messageBodyErrors), so a renderer change
// that Discord would answer with 400 "Invalid Form Body" fails here, with the seed that reproduces it.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Brief } from "../../../src/core/brief/schema.js";
import { renderBrief } from "../../../src/discord/render/brief.js";
import { renderError, renderUnknownTopic } from "../../../src/discord/render/messages.js";
import type { BriefPage, RenderedMessage } from "../../../src/discord/render/types.js";
import { Gen, generateBrief, rng } from "../../support/briefGenerator.js";
import { messageBodyErrors } from "../../doubles/discord/messageValidation.js";

const BRIEFS = 1000;
/** Brief i is generated from seed FIRST_SEED + i, so one failing brief can be regenerated alone. */
const FIRST_SEED = 0x0d0c4e7;
/** renderBrief clamps the index, so this asks for the last page of a view. */
const LAST = Number.MAX_SAFE_INTEGER;

/** What the bot sends: every view's page 0 and last page, the main page, and the two ephemeral replies. */
function messagesFor(brief: Brief, g: Gen): Array<[string, RenderedMessage]> {
  const customId = (page: BriefPage, index: number) => `deal:${page}:${index}:${brief.topic}`;
  const note = g.random() < 0.3 ? g.text(g.pick([10, 100, 3000])) : undefined;
  const render = (page: BriefPage, index: number) =>
    renderBrief(brief, { page, index, customId, ...(note === undefined ? {} : { phrasingNote: note }) });
  const messages: Array<[string, RenderedMessage]> = [
    ["main 0", render("main", 0)],
    ["main last", render("main", LAST)],
  ];
  for (const view of ["quotes", "questions", "sources"] as const)
    messages.push([`${view} 0`, render(view, 0)], [`${view} last`, render(view, LAST)]);
  // index.suggest gives at most 5; 25 for margin (renderBrief.test.ts tries 500 once).
  const suggestions = Array.from({ length: g.pick([0, 1, 3, 5, 25]) }, () =>
    g.text(g.pick([1, 20, 100, 300])),
  );
  messages.push(
    ["unknown topic", renderUnknownTopic(g.text(g.pick([1, 30, 200, 5000])), suggestions)],
    ["error", renderError(g.random() < 0.5 ? `deal:${g.int(1e9).toString(36)}` : g.text())],
  );
  return messages;
}

test(`${BRIEFS} generated briefs: every rendered message passes Discord's body validation, mentions off`, (t) => {
  let checked = 0;
  for (let i = 0; i < BRIEFS; i++) {
    const seed = FIRST_SEED + i;
    // The normal size distribution (no 60–200 item briefs), so the run takes seconds.
    const g = new Gen(rng(seed), { heavy: false });
    const brief = generateBrief(g);
    for (const [where, message] of messagesFor(brief, g)) {
      const at = `seed ${seed} (brief ${i}), ${where}`;
      const errors = messageBodyErrors(message);
      if (errors !== null)
        assert.fail(`${at}: Discord would refuse this message:\n${JSON.stringify(errors, null, 2)}`);
      // Discord refuses an empty message too (50006), which is not a form error.
      assert.ok((message.content ?? "").trim() !== "" || message.embeds.length > 0, `${at}: empty message`);
      assert.deepEqual(message.allowed_mentions.parse, [], `${at}: allowed_mentions.parse must be empty`);
      checked++;
    }
  }
  assert.equal(checked, BRIEFS * 10);
  t.diagnostic(
    `checked ${checked} messages from ${BRIEFS} briefs (seeds ${FIRST_SEED}–${FIRST_SEED + BRIEFS - 1})`,
  );
});

test("messageBodyErrors reports what the double would refuse, as Discord's nested errors", () => {
  assert.equal(messageBodyErrors({ content: "hi" }), null);
  assert.notEqual(messageBodyErrors("not an object"), null);
  assert.deepEqual(messageBodyErrors({ content: "x".repeat(2001) }), {
    content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 2000 or fewer in length." }] },
  });
  const big = { title: "t".repeat(256), description: "d".repeat(4096), footer: { text: "f".repeat(1700) } };
  assert.deepEqual(messageBodyErrors({ embeds: [big] }), {
    embeds: {
      _errors: [{ code: "MAX_EMBED_SIZE_EXCEEDED", message: "Embed size exceeds maximum size of 6000" }],
    },
  });
  // A rendered brief with its buttons' custom ids made equal: refused, so the buttons are really checked.
  const brief = generateBrief(new Gen(rng(FIRST_SEED), { heavy: false }));
  const message = renderBrief(brief, { customId: (page, index) => `deal:${page}:${index}:x` });
  assert.equal(messageBodyErrors(message), null);
  const same = message.components.map((row) => ({
    ...row,
    components: row.components.map((b) => ({ ...b, custom_id: "same" })),
  }));
  assert.match(
    JSON.stringify(messageBodyErrors({ ...message, components: same })),
    /COMPONENT_CUSTOM_ID_DUPLICATED/u,
  );
});
