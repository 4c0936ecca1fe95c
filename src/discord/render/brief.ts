// Renders a brief as Discord message payloads (plain API JSON): the public entry; the parts live beside it.
//
// A brief renders as a public first page that reads on one screen (./firstPage.ts) and private pages behind
// its buttons: details, quotes, open questions and sources. Every item shown keeps its citation markers, links
// to its sources (left out when the brief has one source), and every output keeps every Discord limit.
import type { Brief } from "../../core/brief/schema.js";
import { context } from "./context.js";
import { renderMain } from "./mainPage.js";
import { renderView } from "./subPages.js";
import type { RenderBriefOptions, RenderedMessage } from "./types.js";

/** The brief as one Discord message: the first page or a page of one of the views. */
export function renderBrief(brief: Brief, options: RenderBriefOptions): RenderedMessage {
  const ctx = context(brief);
  const view = options.page ?? "main";
  return view === "main" ? renderMain(ctx, options) : renderView(ctx, view, options);
}
