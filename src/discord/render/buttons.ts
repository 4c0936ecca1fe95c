// The row of navigation buttons under a page, with custom ids checked before Discord can reject them.
import type {
  APIActionRowComponent,
  APIButtonComponent,
  APIButtonComponentWithCustomId,
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
/* eslint-enable @typescript-eslint/no-unsafe-enum-assignment */

export interface ButtonSpec {
  label: string;
  page: BriefPage;
  index: number;
  disabled: boolean;
  primary?: boolean;
}

export function buttonRow(
  specs: readonly ButtonSpec[],
  customId: RenderBriefOptions["customId"],
): APIActionRowComponent<APIButtonComponent> {
  const seen = new Set<string>();
  const components = specs.map((spec): APIButtonComponentWithCustomId => {
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
      disabled: spec.disabled,
    };
  });
  return { type: ACTION_ROW, components: components.slice(0, COMPONENT_LIMITS.buttonsPerRow) };
}
