// A weekly digest of six stories reads in about two desktop screens: the digest is built from the shared
// corpora (read where they are, never copied into the repo) and rendered for Discord, and its size is
// measured as a reader sees it (link targets and markdown do not show), in characters and in an estimate
// of its height at desktop width. Skipped when the corpora are not there.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import type { APIEmbed } from "discord-api-types/v10";
import { buildDigest } from "../../../src/core/digest/buildDigest.js";
import { indexFolders } from "../../../src/core/index/corpus.js";
import { renderDigest } from "../../../src/discord/render/digest.js";
import { DEV_CORPORA } from "../../support/shared.js";

const CORPORA = DEV_CORPORA;
const present = CORPORA.every((dir) => existsSync(dir));

/** One desktop screen: the first page of a brief is held to 1,800 characters, and to about 880 px. */
const SCREEN_CHARACTERS = 1800;
const SCREEN_PX = 880;

// Discord's desktop layout (embed 520 px wide, 14 px text): about 62 characters to a line of an embed's
// text, 19 px a line, 16 px a line of small text; an embed's frame and title about 62 px and its gap 6 px;
// a message's name line and a line of its content about 22 px each.
const CHARS_PER_LINE = 62;
const SMALL_CHARS_PER_LINE = 80;
const LINE_PX = 19;
const SMALL_LINE_PX = 16;
const EMBED_PX = 68;
const MESSAGE_LINE_PX = 22;

/** What a reader sees of a line of Discord markdown (written here independently of the renderer). */
function seen(markdown: string): string {
  return markdown
    .replace(/(?<!\\)\[((?:\\.|[^\]\\])*)\]\(https?:\/\/[^)\s]+\)/gu, "$1")
    .replace(/\\(.)/gu, "$1")
    .replace(/\*\*/gu, "")
    .replace(/^ *(?:-#|-|>) /gmu, "")
    .replace(/\u200B/gu, "");
}

const length = (text: string): number => Array.from(seen(text)).length;

function embedHeight(embed: APIEmbed): number {
  const lines = (embed.description ?? "").split("\n");
  const text = lines.reduce((px, line) => {
    const small = line.startsWith("-# ");
    const per = small ? SMALL_CHARS_PER_LINE : CHARS_PER_LINE;
    return px + Math.max(1, Math.ceil(length(line) / per)) * (small ? SMALL_LINE_PX : LINE_PX);
  }, 0);
  return EMBED_PX + text;
}

test(
  "a weekly digest of six stories from the corpora fits about two desktop screens",
  { skip: present ? false : "../shared/corpus and ../shared/corpus-b not found: skipped" },
  async () => {
    // Documents read from a folder count as added at time 0: a window from just before it holds them all.
    const { index } = await indexFolders(CORPORA);
    const digest = buildDigest(index, { scope: {}, since: -1, until: Date.now(), maxStories: 6 });
    assert.equal(digest.stories.length, 6, "six stories in the corpora");
    const messages = renderDigest(digest, { title: "Weekly digest — 3 Dec 2026", emptyLine: null });
    const embeds = messages.flatMap((m) => m.embeds);
    assert.equal(embeds.length, 6, "one block per story");

    const characters =
      messages.reduce((n, m) => n + length(m.content ?? ""), 0) +
      embeds.reduce((n, e) => n + length(e.title ?? "") + length(e.description ?? ""), 0);
    const height =
      messages.reduce((px, m) => px + MESSAGE_LINE_PX * (1 + (m.content ?? "").split("\n").length), 0) +
      embeds.reduce((px, e) => px + embedHeight(e), 0);
    console.log(`# six-story digest: ${characters} characters, about ${height} px at desktop width`);
    assert.ok(characters <= 2 * SCREEN_CHARACTERS, `${characters} characters`);
    assert.ok(height <= 2 * SCREEN_PX, `about ${height} px`);

    for (const [i, embed] of embeds.entries()) {
      const lines = (embed.description ?? "").split("\n");
      const story = digest.stories[i];
      assert.ok(story);
      // A compact block: the status first when the story has one, at most three lines of change, one quote.
      // The state's date is a day ("20 Dec 2023") or, when the text only fixes the month, a month ("Dec 2023").
      if (story.state)
        assert.match(
          lines[0] ?? "",
          /^\*\*[^*]+\*\* · (?:\d{1,2} )?\p{Lu}\p{Ll}{2} \d{4}/u,
          `${embed.title}: status first`,
        );
      assert.ok(lines.filter((l) => l.startsWith("- ")).length <= 3, `${embed.title}: lines`);
      assert.ok(lines.filter((l) => l.startsWith("> ")).length <= 1, `${embed.title}: one quote`);
      // The headline is not repeated: the block is titled by the story, and says a sentence once at most.
      assert.equal(embed.title, story.label, "titled by the story's name");
      const start = story.headline.replace(/^[^:]{1,60}: /u, "").slice(0, 60);
      assert.ok(seen(embed.description ?? "").split(start).length <= 2, `${embed.title}: headline repeated`);
    }
  },
);
