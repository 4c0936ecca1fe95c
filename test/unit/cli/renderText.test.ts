// The terminal brief: a section appears only when it has items, so no empty "Summary" heading.
import assert from "node:assert/strict";
import { test } from "node:test";
import { buildBrief } from "../../../src/core/brief/buildBrief.js";
import { indexFolders } from "../../../src/core/index/corpus.js";
import { renderBriefText } from "../../../src/cli/renderText.js";
import { SEEDS } from "../../support/shared.js";

test("a brief without summary bullets has no Summary heading and no double blank line", async () => {
  const { index } = await indexFolders([SEEDS]);
  const brief = await buildBrief(index, "tiktok");
  const full = renderBriefText(brief);
  assert.match(full, /\n\nSummary\n {2}• /);
  const bare = renderBriefText({
    ...brief,
    state: null,
    summary: [],
    figures: [],
    timeline: [],
    questions: [],
  });
  assert.doesNotMatch(bare, /Summary|Key figures|Open questions/);
  assert.doesNotMatch(bare, /\n\n\n/);
  assert.match(bare, /^TikTok — brief from 1 source\n\nKey quotes\n {2}• “/);
  assert.match(bare, /\n\nSources\n {2}\[1\] /);
});
