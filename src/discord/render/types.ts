// The public shapes of the brief renderer: which page to render, with what options, and what comes out.
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from "discord-api-types/v10";

/** "main" is the public first page; the others are private (ephemeral) pages behind its buttons. */
export type BriefPage = "main" | "details" | "quotes" | "questions" | "sources";

export interface RenderedMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowed_mentions: { parse: [] };
  flags?: number;
}

export interface RenderBriefOptions {
  /** Which view; "main" when absent. */
  page?: BriefPage;
  /** Page number within the view, 0-based; clamped to the pages there are (the main view has one). */
  index?: number;
  /** Builds a button's custom id; must return 1..100 characters, distinct for distinct (page, index). */
  customId: (page: BriefPage, index: number) => string;
  /** Appended to the footer of the main, details and questions pages, e.g. how the bullets were phrased. */
  phrasingNote?: string;
}
