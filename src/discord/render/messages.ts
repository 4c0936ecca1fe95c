// Whole messages, each checked against Discord's limits; also the unknown-topic and error replies.
import type { APIButtonComponent, APIEmbed } from "discord-api-types/v10";
import { rows } from "./buttons.js";
import { LIMITS, limitViolations, measure } from "./limits.js";
import { fitText, normalizeText } from "./truncate.js";
import type { RenderedMessage } from "./types.js";

export const EPHEMERAL = 64;

/** A message over a limit is a renderer bug: fail here, naming the limit, rather than have Discord refuse it. */
function checked(message: RenderedMessage): RenderedMessage {
  const problems = limitViolations(message);
  if (problems.length > 0) throw new Error(`rendered message breaks Discord limits: ${problems.join("; ")}`);
  return message;
}

/** A page of a brief: one embed and its buttons (no row when there are none), mentions off; private pages ephemeral. */
export function pageMessage(
  embed: APIEmbed,
  buttons: readonly APIButtonComponent[],
  ephemeral = false,
): RenderedMessage {
  return checked({
    embeds: [embed],
    components: rows(buttons),
    allowed_mentions: { parse: [] },
    ...(ephemeral ? { flags: EPHEMERAL } : {}),
  });
}

/** Ephemeral: no documents about the topic, and the closest topics there are. */
export function renderUnknownTopic(topic: string, suggestions: readonly string[]): RenderedMessage {
  const shownTopic = fitText(normalizeText(topic) || "(empty)", 200);
  const head = `No documents mention “${shownTopic}”.`;
  const names = suggestions.map((s) => `**${fitText(normalizeText(s) || "(empty)", 100)}**`);
  let content = `${head} Try a company, product or law named in the news.`;
  if (names.length > 0) {
    content = `${head} Did you mean: `;
    for (const [i, name] of names.entries()) {
      const separator = i > 0 ? ", " : "";
      const rest = names.length - i - 1;
      // Room is always kept for "+N more?" after the names already listed.
      const tail = rest > 0 ? `, +${rest} more?` : "?";
      if (measure(content) + measure(separator + name) + measure(tail) > LIMITS.content) {
        content += `${separator}+${names.length - i} more`;
        break;
      }
      content += separator + name;
    }
    content += "?";
  }
  return checked({ content, embeds: [], components: [], allowed_mentions: { parse: [] }, flags: EPHEMERAL });
}

/** Ephemeral: something failed; the id lets the logs be found. */
export function renderError(errorId: string): RenderedMessage {
  const id = normalizeText(errorId);
  const shown = /^[\w.:-]{1,100}$/u.test(id) ? `\`${id}\`` : fitText(id || "unknown", 100);
  return checked({
    content: `Something went wrong (error id ${shown}). Please try again in a moment.`,
    embeds: [],
    components: [],
    allowed_mentions: { parse: [] },
    flags: EPHEMERAL,
  });
}
