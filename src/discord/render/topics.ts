// Renders /topics: the stories Docket follows, one line each (label, current state with its date, latest
// news, number of sources), within Discord's limits and with document text inert.
import type { APIEmbed } from "discord-api-types/v10";
import type { StoryListing } from "../../core/brief/storyList.js";
import { LIMITS, measure } from "./limits.js";
import { pageMessage } from "./messages.js";
import { COLOR, plural } from "./page.js";
import { readableDate } from "./storyData.js";
import { escapeMarkdown, fitText, neutraliseMentions, normalizeText } from "./truncate.js";
import type { RenderedMessage } from "./types.js";

const LABEL_MAX = 100;
const STATE_MAX = 60;

function storyLine(story: StoryListing): string {
  const label = `**${fitText(normalizeText(story.label) || "(unnamed)", LABEL_MAX)}**`;
  const parts: string[] = [];
  if (story.state) {
    const date = readableDate(story.state.date);
    parts.push(
      `${fitText(normalizeText(story.state.label), STATE_MAX)}${date ? ` · ${escapeMarkdown(date)}` : ""}`,
    );
  } else if (story.latest) parts.push(`latest ${readableDate(story.latest)}`);
  parts.push(plural(story.sources, "source"));
  return `- ${label} — ${parts.join(" · ")}`;
}

/** The story list as one public message; `documents` is how many documents are indexed in scope. */
export function renderTopics(stories: readonly StoryListing[], documents: number): RenderedMessage {
  const lines: string[] = [];
  let used = 0;
  for (const story of stories) {
    const line = storyLine(story);
    if (used + measure(line) + 1 > LIMITS.description - 40) break;
    lines.push(line);
    used += measure(line) + 1;
  }
  const hidden = stories.length - lines.length;
  if (hidden > 0) lines.push(`+${hidden} more ${hidden === 1 ? "story" : "stories"}`);
  const first = stories[0];
  const embed: APIEmbed = {
    title: "Stories Docket follows",
    description: lines.length > 0 ? lines.join("\n") : "No stories yet.",
    color: COLOR,
    footer: {
      text: `${plural(documents, "document")} indexed.${first ? ` For a brief: /deal topic:${fitText(normalizeText(first.topic), 80, neutraliseMentions)}` : ""}`,
    },
  };
  return pageMessage(embed, []);
}
