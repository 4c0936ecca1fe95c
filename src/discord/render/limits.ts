// Discord's size limits for messages, embeds and buttons, how Discord counts characters, and a checker.
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from "discord-api-types/v10";

export const LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embeds: 10,
  total: 6000,
  content: 2000,
} as const;

export const COMPONENT_LIMITS = { actionRows: 5, buttonsPerRow: 5, customId: 100, buttonLabel: 80 } as const;

/**
 * Characters as Discord counts them, conservatively: UTF-16 code units. A string never has more code
 * points than code units, so a text whose `.length` fits also fits when counted by code points.
 */
export function measure(text: string): number {
  return text.length;
}

/** Code points (what `[...text].length` counts). */
export function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      n--;
      i++;
    }
  }
  return n;
}

/** Discord's count across embeds: title + description + field names and values + footer text + author name. */
export function embedCharacters(embeds: readonly APIEmbed[]): number {
  let total = 0;
  for (const embed of embeds) {
    total += measure(embed.title ?? "") + measure(embed.description ?? "");
    for (const field of embed.fields ?? []) total += measure(field.name) + measure(field.value);
    total += measure(embed.footer?.text ?? "") + measure(embed.author?.name ?? "");
  }
  return total;
}

export interface MessageShape {
  content?: string;
  embeds: readonly APIEmbed[];
  components: readonly APIActionRowComponent<APIButtonComponent>[];
}

/** Every limit the message breaks, as readable strings; empty when Discord will accept it. */
export function limitViolations(message: MessageShape): string[] {
  const problems: string[] = [];
  const over = (what: string, text: string | undefined, max: number, min = 0) => {
    if (text === undefined) return;
    const n = Math.max(text.length, codePoints(text));
    if (n > max || n < min) problems.push(`${what} has ${n} characters (allowed ${min}..${max})`);
  };
  over("content", message.content, LIMITS.content);
  if (message.embeds.length > LIMITS.embeds) problems.push(`${message.embeds.length} embeds`);
  message.embeds.forEach((embed, e) => {
    over(`embed ${e} title`, embed.title, LIMITS.title);
    over(`embed ${e} description`, embed.description, LIMITS.description);
    over(`embed ${e} footer`, embed.footer?.text, LIMITS.footer);
    over(`embed ${e} author`, embed.author?.name, LIMITS.author);
    const fields = embed.fields ?? [];
    if (fields.length > LIMITS.fields) problems.push(`embed ${e} has ${fields.length} fields`);
    fields.forEach((field, f) => {
      over(`embed ${e} field ${f} name`, field.name, LIMITS.fieldName, 1);
      over(`embed ${e} field ${f} value`, field.value, LIMITS.fieldValue, 1);
    });
  });
  const total = embedCharacters(message.embeds);
  if (total > LIMITS.total) problems.push(`embeds total ${total} characters`);
  if (message.components.length > COMPONENT_LIMITS.actionRows) problems.push("too many action rows");
  const ids = new Set<string>();
  for (const row of message.components) {
    if (row.components.length > COMPONENT_LIMITS.buttonsPerRow) problems.push("too many buttons in a row");
    for (const button of row.components) {
      if ("label" in button) over("button label", button.label, COMPONENT_LIMITS.buttonLabel);
      if ("custom_id" in button) {
        over("custom_id", button.custom_id, COMPONENT_LIMITS.customId, 1);
        if (ids.has(button.custom_id)) problems.push(`duplicate custom_id ${button.custom_id}`);
        ids.add(button.custom_id);
      }
    }
  }
  return problems;
}
