// Form-body validation of message bodies, reported the way Discord does: 400, code 50035, errors nested by
// field path. Also the validator the renderers' tests use (messageBodyErrors), so they check the same rules.
import { ComponentType } from "discord-api-types/v10";
import type { APIMessage } from "discord-api-types/v10";
import { COMPONENTS_V2_FLAG, HttpError, isRecord, length } from "./protocol.js";

export type Path = ReadonlyArray<string | number>;
export interface FieldError {
  code: string;
  message: string;
}
/** Discord's `errors` of a 400 "Invalid Form Body": nested by field path, `_errors` at each failing field. */
export interface ErrorNode {
  _errors?: FieldError[];
  [key: string]: ErrorNode | FieldError[] | undefined;
}

export class FormErrors {
  private readonly root: ErrorNode = {};
  private count = 0;

  add(path: Path, code: string, message: string): void {
    let node = this.root;
    for (const key of path) {
      const existing = node[String(key)];
      const next: ErrorNode = existing !== undefined && !Array.isArray(existing) ? existing : {};
      node[String(key)] = next;
      node = next;
    }
    (node._errors ??= []).push({ code, message });
    this.count += 1;
  }

  maxLength(path: Path, value: unknown, max: number): void {
    if (length(value) > max) this.add(path, "BASE_TYPE_MAX_LENGTH", `Must be ${max} or fewer in length.`);
  }

  between(path: Path, value: unknown, min: number, max: number): void {
    const n = length(value);
    if (typeof value !== "string") this.add(path, "BASE_TYPE_REQUIRED", "This field is required");
    else if (n < min || n > max)
      this.add(path, "BASE_TYPE_BAD_LENGTH", `Must be between ${min} and ${max} in length.`);
  }

  /** Reports one error and stops: for bodies too broken to check further. */
  fail(path: Path, code: string, message: string): never {
    this.add(path, code, message);
    throw this.error();
  }

  throwIfAny(): void {
    if (this.count > 0) throw this.error();
  }

  /** The `errors` object of Discord's 400 response, or null when nothing was reported. */
  errors(): ErrorNode | null {
    return this.count > 0 ? this.root : null;
  }

  private error(): HttpError {
    return invalidFormBody(this.root);
  }
}

function invalidFormBody(errors: ErrorNode): HttpError {
  return new HttpError({ status: 400, body: { message: "Invalid Form Body", code: 50035, errors } });
}

function validateEmbeds(embeds: unknown, errs: FormErrors, path: Path): void {
  if (embeds === undefined || embeds === null) return;
  if (!Array.isArray(embeds)) {
    errs.add(path, "BASE_TYPE_ARRAY", "Must be an array.");
    return;
  }
  if (embeds.length > 10) errs.add(path, "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.");
  let total = 0;
  embeds.forEach((embed: unknown, i) => {
    if (!isRecord(embed)) {
      errs.add([...path, i], "MODEL_TYPE_CONVERT", "Only dictionaries may be used.");
      return;
    }
    const at = (...rest: Array<string | number>): Path => [...path, i, ...rest];
    errs.maxLength(at("title"), embed.title, 256);
    errs.maxLength(at("description"), embed.description, 4096);
    total += length(embed.title) + length(embed.description);
    if (isRecord(embed.footer)) {
      errs.maxLength(at("footer", "text"), embed.footer.text, 2048);
      total += length(embed.footer.text);
    }
    if (isRecord(embed.author)) {
      errs.maxLength(at("author", "name"), embed.author.name, 256);
      total += length(embed.author.name);
    }
    if (Array.isArray(embed.fields)) {
      if (embed.fields.length > 25)
        errs.add(at("fields"), "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
      embed.fields.forEach((field: unknown, j) => {
        if (!isRecord(field)) return;
        // Empty field names or values are a classic: Discord wants both, and at most 256/1024 characters.
        errs.between(at("fields", j, "name"), field.name, 1, 256);
        errs.between(at("fields", j, "value"), field.value, 1, 1024);
        total += length(field.name) + length(field.value);
      });
    }
  });
  // The 6000 budget is shared by every embed of one message, which per-embed checks never catch.
  if (total > 6000) errs.add(path, "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000");
}

const SELECT_TYPES: ReadonlySet<number> = new Set([
  ComponentType.StringSelect,
  ComponentType.UserSelect,
  ComponentType.RoleSelect,
  ComponentType.MentionableSelect,
  ComponentType.ChannelSelect,
]);

function validateComponents(components: unknown, errs: FormErrors, path: Path, v2: boolean): void {
  if (components === undefined || components === null) return;
  if (!Array.isArray(components)) {
    errs.add(path, "BASE_TYPE_ARRAY", "Must be an array.");
    return;
  }
  // Components V2 layouts (containers, sections, text displays) have their own rules; only rows are checked.
  if (v2) return;
  if (components.length > 5) errs.add(path, "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.");
  const seen = new Set<string>();
  components.forEach((row: unknown, i) => {
    if (!isRecord(row)) return;
    const children = row.components;
    if (row.type !== ComponentType.ActionRow || !Array.isArray(children)) {
      errs.add([...path, i], "UNION_TYPE_CHOICES", 'Value of field "type" must be one of (1,).');
      return;
    }
    if (children.length < 1 || children.length > 5)
      errs.add([...path, i, "components"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.");
    let width = 0;
    children.forEach((child: unknown, j) => {
      if (!isRecord(child)) return;
      const at = (key: string): Path => [...path, i, "components", j, key];
      // Link (5) and premium (6) buttons carry a url or sku_id instead of a custom_id.
      const isLink = child.type === ComponentType.Button && (child.style === 5 || child.style === 6);
      width += typeof child.type === "number" && SELECT_TYPES.has(child.type) ? 5 : 1;
      if (child.type === ComponentType.Button) {
        errs.maxLength(at("label"), child.label, 80);
        if (child.style === 5 && typeof child.url !== "string")
          errs.add(at("url"), "BASE_TYPE_REQUIRED", "This field is required");
      }
      if (!isLink && child.type !== undefined) {
        errs.between(at("custom_id"), child.custom_id, 1, 100);
        if (typeof child.custom_id === "string") {
          // Two buttons with one custom_id is rejected outright, not just ambiguous.
          if (seen.has(child.custom_id))
            errs.add(
              at("custom_id"),
              "COMPONENT_CUSTOM_ID_DUPLICATED",
              "Component custom id cannot be duplicated",
            );
          seen.add(child.custom_id);
        }
      }
      if (SELECT_TYPES.has(Number(child.type)) && Array.isArray(child.options) && child.options.length > 25)
        errs.add(at("options"), "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
    });
    if (width > 5 && children.length <= 5)
      errs.add(
        [...path, i, "components"],
        "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
        "The specified component exceeds the maximum width",
      );
  });
}

/**
 * Checks the fields of a message body (create or edit); emptiness is judged separately on the result. An edit
 * that does not restate the flags is judged by those of the message it edits (a Components V2 message stays one).
 */
export function validateMessageFields(
  data: Record<string, unknown>,
  errs: FormErrors,
  path: Path,
  currentFlags = 0,
): void {
  const flags =
    typeof data.flags === "number" ? data.flags | (currentFlags & COMPONENTS_V2_FLAG) : currentFlags;
  const v2 = (flags & COMPONENTS_V2_FLAG) !== 0;
  if (data.content !== undefined && data.content !== null && typeof data.content !== "string")
    errs.add([...path, "content"], "BASE_TYPE_STRING", "Must be a string.");
  errs.maxLength([...path, "content"], data.content, 2000);
  validateEmbeds(data.embeds, errs, [...path, "embeds"]);
  validateComponents(data.components, errs, [...path, "components"], v2);
  if (v2 && (length(data.content) > 0 || (Array.isArray(data.embeds) && data.embeds.length > 0)))
    errs.add(
      [...path, "content"],
      "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
      "The 'content' and 'embeds' fields cannot be used when using MessageFlags.IS_COMPONENTS_V2",
    );
}

/** The `errors` of Discord's 400 for a message body, new (currentFlags 0) or editing a message with those flags. */
export function messageErrors(data: Record<string, unknown>, currentFlags = 0): ErrorNode | null {
  const errs = new FormErrors();
  validateMessageFields(data, errs, [], currentFlags);
  return errs.errors();
}

/** Throws Discord's 400 "Invalid Form Body" for `errors`, nested under `under` (a callback's "data") if given. */
export function throwIfInvalid(errors: ErrorNode | null, under?: string): void {
  if (errors) throw invalidFormBody(under === undefined ? errors : { [under]: errors });
}

/**
 * The validation the double applies to a new message's body (POST /channels/:id/messages, a follow-up, or the
 * `data` of an interaction callback of type 4): content, embeds (each limit and the 6000 total), components
 * (rows, buttons, custom ids), Components V2 flags. Returns the `errors` object of Discord's 400 "Invalid Form
 * Body" (code 50035), nested by field path, or null when the body is valid. Not included: the "Cannot send an
 * empty message" check (50006), which the double makes on the resulting message, attachments included.
 * allowed_mentions is not checked by the double either. A body that is not an object is reported at the root.
 */
export function messageBodyErrors(body: unknown): ErrorNode | null {
  if (!isRecord(body))
    return { _errors: [{ code: "MODEL_TYPE_CONVERT", message: "Only dictionaries may be used." }] };
  return messageErrors(body);
}

export function isEmptyMessage(message: APIMessage): boolean {
  return (
    message.content.trim() === "" &&
    message.embeds.length === 0 &&
    (message.components?.length ?? 0) === 0 &&
    message.attachments.length === 0 &&
    (message.sticker_items?.length ?? 0) === 0 &&
    message.poll === undefined
  );
}
