// Validation of application command definitions (PUT /applications/:id/commands), as Discord does it:
// names, descriptions, options, choices, duplicates and the command count, each at its field path.
import { ApplicationCommandOptionType, ApplicationCommandType } from "discord-api-types/v10";
import { FormErrors, type Path } from "./messageValidation.js";
import { COMMAND_NAME, isRecord, length } from "./protocol.js";

function validateOptions(options: unknown, errs: FormErrors, path: Path, depth: number): void {
  if (options === undefined) return;
  if (!Array.isArray(options)) {
    errs.add(path, "BASE_TYPE_ARRAY", "Must be an array.");
    return;
  }
  if (options.length > 25) errs.add(path, "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
  let sawOptional = false;
  options.forEach((option: unknown, i) => {
    if (!isRecord(option)) return;
    const at = (...rest: Array<string | number>): Path => [...path, i, ...rest];
    if (
      typeof option.name !== "string" ||
      !COMMAND_NAME.test(option.name) ||
      option.name !== option.name.toLowerCase()
    )
      errs.add(at("name"), "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
    errs.between(at("description"), option.description, 1, 100);
    const nested =
      option.type === ApplicationCommandOptionType.Subcommand ||
      option.type === ApplicationCommandOptionType.SubcommandGroup;
    if (nested) validateOptions(option.options, errs, at("options"), depth + 1);
    else {
      // Discord refuses a required option after an optional one: users could never reach it.
      if (option.required === true && sawOptional)
        errs.add(
          at("required"),
          "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
          "Required options must be placed before non-required options",
        );
      if (option.required !== true) sawOptional = true;
    }
    if (Array.isArray(option.choices)) {
      if (option.choices.length > 25)
        errs.add(at("choices"), "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
      option.choices.forEach((choice: unknown, j) => {
        if (!isRecord(choice)) return;
        errs.between(at("choices", j, "name"), choice.name, 1, 100);
        if (typeof choice.value === "string") errs.maxLength(at("choices", j, "value"), choice.value, 100);
      });
    }
  });
  if (depth > 2) errs.add(path, "BASE_TYPE_MAX_LENGTH", "Subcommands may only be nested two levels deep.");
}

export function validateCommands(body: unknown): Array<Record<string, unknown>> {
  const errs: FormErrors = new FormErrors();
  if (!Array.isArray(body)) errs.fail([], "BASE_TYPE_ARRAY", "Must be an array.");
  const names = new Set<string>();
  let chatInput = 0;
  const commands = body.filter(isRecord);
  body.forEach((command: unknown, i) => {
    if (!isRecord(command)) {
      errs.add([i], "MODEL_TYPE_CONVERT", "Only dictionaries may be used.");
      return;
    }
    const type = command.type ?? ApplicationCommandType.ChatInput;
    if (type === ApplicationCommandType.ChatInput) {
      chatInput += 1;
      const name = command.name;
      if (typeof name !== "string" || length(name) < 1 || length(name) > 32)
        errs.add([i, "name"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 32 in length.");
      else if (!COMMAND_NAME.test(name) || name !== name.toLowerCase())
        errs.add([i, "name"], "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
      errs.between([i, "description"], command.description, 1, 100);
      validateOptions(command.options, errs, [i, "options"], 0);
    } else {
      // User and message commands may use spaces and capitals, and must not carry a description.
      errs.between([i, "name"], command.name, 1, 32);
      if (length(command.description) > 0)
        errs.add(
          [i, "description"],
          "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION",
          "Context menu commands cannot have description",
        );
    }
    const key = JSON.stringify([type, command.name]);
    if (names.has(key))
      errs.add(
        [i, "name"],
        "APPLICATION_COMMANDS_DUPLICATE_NAME",
        "Application command names must be unique",
      );
    names.add(key);
  });
  if (chatInput > 100) errs.add([], "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.");
  errs.throwIfAny();
  return commands;
}
