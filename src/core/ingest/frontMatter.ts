// Reads optional YAML front matter (title, url, published, outlet) from .txt/.md documents. Each field is
// checked on its own: a bad field is named in a note and dropped, and the other fields are kept.
import { parseDocument } from "yaml";
import { isoDate, webUrl } from "./document.js";

export interface FrontMatterFields {
  title?: string;
  url?: string;
  /** YYYY-MM-DD. */
  published?: string;
  outlet?: string;
}

export interface SplitFrontMatter {
  fields: FrontMatterFields;
  body: string;
  /** What was wrong with the front matter, one entry per problem; the fields named are dropped. */
  problems: string[];
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

function firstLine(message: string): string {
  return message.split("\n")[0]?.trim() ?? message;
}

/** A scalar as text: strings as they are, numbers and booleans written out; lists and maps are refused. */
function scalarText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

function kind(value: unknown): string {
  if (value === null) return "empty";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return "a date";
  return typeof value === "object" ? "a mapping" : `a ${typeof value}`;
}

function readFields(data: Record<string, unknown>, problems: string[]): FrontMatterFields {
  const fields: FrontMatterFields = {};
  const bad = (field: string, why: string): void => {
    problems.push(`front matter field "${field}" ${why}; ignored, the other fields are kept`);
  };
  for (const field of ["title", "outlet"] as const) {
    if (!(field in data) || data[field] === null) continue;
    const text = scalarText(data[field]);
    if (text === null) bad(field, `is ${kind(data[field])}, not text`);
    else if (text.trim() !== "") fields[field] = text.trim();
  }
  if ("url" in data && data.url !== null) {
    const text = scalarText(data.url);
    const url = text === null ? null : webUrl(text);
    if (url === null) bad("url", "is not an http(s) address");
    else fields.url = url;
  }
  if ("published" in data && data.published !== null) {
    const value = data.published;
    const date = value instanceof Date || typeof value === "string" ? isoDate(value) : null;
    if (date === null) bad("published", "is not a real date (YYYY-MM-DD)");
    else fields.published = date;
  }
  return fields;
}

export function splitFrontMatter(text: string): SplitFrontMatter {
  const match = FENCE.exec(text);
  if (!match) return { fields: {}, body: text, problems: [] };
  const body = text.slice(match[0].length);
  const problems: string[] = [];
  // logLevel "silent": YAML's warnings become notes here instead of lines on the process's stderr.
  const doc = parseDocument(match[1] ?? "", { logLevel: "silent", prettyErrors: false, uniqueKeys: false });
  for (const warning of doc.warnings) problems.push(`front matter: ${firstLine(warning.message)}`);
  if (doc.errors.length > 0) {
    problems.push(`front matter is not valid YAML (${firstLine(doc.errors[0]?.message ?? "")}); ignored`);
    return { fields: {}, body, problems };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 10 });
  } catch (error) {
    problems.push(`front matter could not be read (${firstLine((error as Error).message)}); ignored`);
    return { fields: {}, body, problems };
  }
  if (data === null || data === undefined) return { fields: {}, body, problems };
  if (typeof data !== "object" || Array.isArray(data)) {
    problems.push(`front matter is ${kind(data)}, not a mapping of fields; ignored`);
    return { fields: {}, body, problems };
  }
  return { fields: readFields(data as Record<string, unknown>, problems), body, problems };
}
