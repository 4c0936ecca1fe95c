// The row of buttons under a page, with custom ids checked before Discord can reject them. Only buttons
// that lead somewhere are made: there is no disabled button to make.
import type {
  APIActionRowComponent,
  APIButtonComponent,
  APIButtonComponentWithCustomId,
  APIButtonComponentWithURL,
  ButtonStyle,
  ComponentType,
} from "discord-api-types/v10";
import { COMPONENT_LIMITS, measure } from "./limits.js";
import type { BriefPage, RenderBriefOptions } from "./types.js";

// The API's numbers, typed as discord-api-types' enums without importing its runtime.
/* eslint-disable @typescript-eslint/no-unsafe-enum-assignment */
const ACTION_ROW: ComponentType.ActionRow = 1;
const BUTTON: ComponentType.Button = 2;
const PRIMARY: ButtonStyle.Primary = 1;
const SECONDARY: ButtonStyle.Secondary = 2;
const LINK: ButtonStyle.Link = 5;
/* eslint-enable @typescript-eslint/no-unsafe-enum-assignment */

export interface ButtonSpec {
  label: string;
  page: BriefPage;
  index: number;
  primary?: boolean;
}

export function buttonRow(
  specs: readonly ButtonSpec[],
  customId: RenderBriefOptions["customId"],
): APIButtonComponent[] {
  const seen = new Set<string>();
  return specs.slice(0, COMPONENT_LIMITS.buttonsPerRow).map((spec): APIButtonComponentWithCustomId => {
    const id = customId(spec.page, spec.index);
    if (id.length === 0 || measure(id) > COMPONENT_LIMITS.customId)
      throw new RangeError(`custom_id must have 1..${COMPONENT_LIMITS.customId} characters: ${id}`);
    if (seen.has(id)) throw new RangeError(`custom_id ${id} is used twice in one message`);
    seen.add(id);
    return {
      type: BUTTON,
      style: spec.primary ? PRIMARY : SECONDARY,
      label: spec.label.slice(0, COMPONENT_LIMITS.buttonLabel),
      custom_id: id,
    };
  });
}

/** A button that opens an http(s) address (the caller checked it). */
export function linkButton(label: string, url: string): APIButtonComponentWithURL {
  return { type: BUTTON, style: LINK, label: label.slice(0, COMPONENT_LIMITS.buttonLabel), url };
}

/** The buttons as message components: one row, or none at all (Discord refuses an empty row). */
export function rows(buttons: readonly APIButtonComponent[]): APIActionRowComponent<APIButtonComponent>[] {
  const shown = buttons.slice(0, COMPONENT_LIMITS.buttonsPerRow);
  return shown.length > 0 ? [{ type: ACTION_ROW, components: shown }] : [];
}
