// A loopback OpenAI-compatible double for tests: one node:http server on 127.0.0.1 that answers
// `POST /v1/chat/completions` (and `GET /v1/models`) well enough for the real `openai` SDK to parse, and
// misbehaves on cue the ways an LLM phraser must survive: unfaithful rewordings (a new number, a swapped
// date, an invented name or quotation, a hedge made certain, a dropped negation), broken or partial JSON,
// refusals, rate limits, server errors, a request that never ends and a server without structured output.
//
// The phraser's request carries, as the content of its last user message, `{"items":[{id, kind, evidence,
// draft?}]}`; the double answers `{"items":[{id, text}]}` as the assistant message content.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// ---------------------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------------------

/** The ways a rewording can be unfaithful to its evidence, in the order "mixed" cycles through them. */
export const CORRUPTIONS = [
  "add-number",
  "swap-number",
  "swap-date",
  "add-organisation",
  "add-person",
  "may-to-will",
  "drop-negation",
  "add-quotation",
] as const;
export type Corruption = (typeof CORRUPTIONS)[number];

export type Behaviour =
  /** Each item: a faithful rewording built from its evidence (see {@link faithfulText}). */
  | "faithful"
  /** Every item's text corrupted that way (see {@link corrupt}); the rest of the text stays faithful. */
  | Corruption
  /** Even items (0, 2, …) faithful; odd items corrupted, cycling through {@link CORRUPTIONS}. */
  | "mixed"
  /** 200, but the content is prose with a truncated JSON fragment. */
  | "invalid-json"
  /** 200, faithful texts under ids that were not asked for (`x-<id>`). */
  | "wrong-ids"
  /** 200, only the first item answered. */
  | "missing-ids"
  /** 200, `message.refusal` set and `content: null`. */
  | "refusal"
  /** The first request after this behaviour is set: 429 + `Retry-After: 1`; later ones: faithful. */
  | "rate-limit-then-ok"
  /** 500 with an OpenAI error body, forever. */
  | "server-error"
  /** The request is read and recorded, and never answered (until close()). */
  | "hang"
  /** 400 "response_format not supported" when response_format is json_schema; otherwise faithful. */
  | "no-json-schema";

export interface RecordedRequest {
  /** The URL path and query as received, e.g. "/v1/chat/completions". */
  path: string;
  method: string;
  /** The parsed JSON body; the raw string if it was not JSON; undefined if there was none. */
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** Date.now() when the request's body had been read. */
  at: number;
}

/** One item of the phraser's request, as the double understood it. */
export interface AskedItem {
  id: string;
  kind: "summary" | "question";
  evidence: string[];
  draft?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Text: faithful rewordings and their corruptions (pure; exported for tests of the double itself)
// ---------------------------------------------------------------------------------------------------------

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const ORGANISATIONS = ["Siemens", "Unilever", "Interpol", "Deutsche Telekom", "Nestlé"];
const PEOPLE = ["Margaret Ellison", "Tobias Wrenfield", "Priya Raman", "Oskar Lindqvist"];
const QUOTATIONS = ["a historic turning point", "the deal of the decade", "a win for everyone involved"];
const ADDED_AMOUNTS = ["$4.2 billion", "$7.3 billion", "$6.8 million", "$9.1 million"];

/** Words the faithful rewording may exchange: same meaning, no name, number, date, hedge or negation. */
const SYNONYMS: Array<[RegExp, string]> = [
  [/\bspeed up\b/g, "accelerate"],
  [/\bspeeds up\b/g, "accelerates"],
  [/\bsped up\b/g, "accelerated"],
  [/\bin order to\b/g, "to"],
  [/\ba number of\b/g, "several"],
  [/\bcommence\b/g, "begin"],
  [/\bcommenced\b/g, "began"],
  [/\bpurchase\b/g, "buy"],
  [/\bpurchased\b/g, "bought"],
];
/** Openers a rewording may drop: connectives, no content. */
const OPENERS = /^(?:however|meanwhile|moreover|additionally|in addition|also|separately|but|and|so),?\s+/i;
/** A short leading adverbial ("On Monday, …", "By September 15, …") that may move to the end. */
const LEADING_ADVERBIAL = /^((?:On|In|By|Earlier|Later|Last|This|Next)\b[^,"“”]{1,40}),\s+(.+)$/u;

const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirstIfFunctionWord = (s: string): string =>
  /^(?:The|A|An|It|This|That|These|Those|There|On|In|By|Earlier|Later|Last|Next)\b/.test(s)
    ? s.charAt(0).toLowerCase() + s.slice(1)
    : s;

/** Splits "Body text." into ["Body text", "."]; the end is the run of final . ? ! (or "" if none). */
function splitEnd(text: string): [string, string] {
  const match = /^(.*?)([.?!…]*)$/su.exec(text.trim());
  return [match?.[1] ?? text, match?.[2] ?? ""];
}

/** The first evidence sentence, lightly reworded: every name, number, date, hedge and negation kept. */
function rewordSentence(sentence: string): string {
  let text = sentence.replace(/\s+/g, " ").trim().replace(OPENERS, "");
  for (const [pattern, replacement] of SYNONYMS) text = text.replace(pattern, replacement);
  const [body, end] = splitEnd(text);
  const adverbial = LEADING_ADVERBIAL.exec(body);
  if (adverbial?.[1] && adverbial[2] && !/["”’]$/.test(adverbial[2])) {
    text = `${upperFirst(adverbial[2])} ${lowerFirstIfFunctionWord(adverbial[1])}${end || "."}`;
  } else {
    text = `${upperFirst(body)}${end || "."}`;
  }
  return text;
}

/**
 * The faithful answer for one item. Summary: its first evidence sentence, lightly reworded (openers
 * dropped, a few neutral synonyms, a leading "On Monday," moved to the end). Question: its draft if it has
 * one, else "Is it true that <first evidence sentence without its final period>?".
 */
export function faithfulText(item: AskedItem): string {
  const first = item.evidence[0]?.replace(/\s+/g, " ").trim() ?? "";
  if (item.kind === "question") {
    if (item.draft !== undefined && item.draft.trim() !== "") return item.draft.trim();
    const [body] = splitEnd(first.replace(OPENERS, ""));
    return `Is it true that ${lowerFirstIfFunctionWord(body)}?`;
  }
  return first === "" ? "" : rewordSentence(first);
}

/** Appends a phrase before the text's final punctuation. */
function append(text: string, phrase: string): string {
  const [body, end] = splitEnd(text);
  return `${body}${phrase}${end}`;
}

const absentFrom = (haystack: string, candidates: readonly string[]): string =>
  candidates.find((c) => !haystack.toLowerCase().includes(c.toLowerCase())) ?? candidates[0] ?? "";

/** Every figure in a text, as numbers ("1,200" → 1200, "4.2" → 4.2). */
function figuresIn(text: string): Set<number> {
  const out = new Set<number>();
  for (const m of text.matchAll(/\d+(?:[.,]\d+)*/g)) out.add(Number(m[0].replace(/,(?=\d{3}\b)/g, "")));
  return out;
}

const MONTH_PATTERN = new RegExp(
  `\\b(?:${MONTH_NAMES.filter((m) => m !== "May").join("|")}|Sept|May(?=\\s+\\d))\\b`,
  "g",
);
const WEEKDAY_PATTERN = new RegExp(`\\b(?:${WEEKDAY_NAMES.join("|")})\\b`, "g");
const YEAR_PATTERN = /\b(?:19|20)\d{2}\b/g;

/** Spans of the text that belong to dates: month names with their day and year, weekdays, years. */
function dateSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const monthWithDay = new RegExp(
    `${MONTH_PATTERN.source}(?:\\s+\\d{1,2}(?:st|nd|rd|th)?)?(?:,?\\s+\\d{4})?|\\b\\d{1,2}\\s+${MONTH_PATTERN.source}(?:\\s+\\d{4})?`,
    "g",
  );
  for (const m of text.matchAll(monthWithDay)) spans.push([m.index, m.index + m[0].length]);
  for (const m of text.matchAll(YEAR_PATTERN)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

function addNumber(text: string, evidence: string): string {
  const known = figuresIn(evidence);
  const amount =
    ADDED_AMOUNTS.find((a) => [...figuresIn(a)].every((f) => !known.has(f))) ?? ADDED_AMOUNTS[0] ?? "";
  return append(text, `, worth ${amount}`);
}

function swapNumber(text: string, evidence: string): string {
  const spans = dateSpans(text);
  const known = figuresIn(evidence);
  for (const m of text.matchAll(/\d+(?:[.,]\d+)*/g)) {
    const start = m.index;
    const end = start + m[0].length;
    if (spans.some(([s, e]) => start < e && end > s)) continue;
    const grouped = /,\d{3}\b/.test(m[0]);
    const value = Number(m[0].replace(/,(?=\d{3}\b)/g, ""));
    if (!Number.isFinite(value)) continue;
    const decimals = /\.(\d+)$/.exec(m[0])?.[1]?.length ?? 0;
    const step = decimals > 0 ? 1.3 : Math.max(3, Math.round(value * 0.4));
    let next = value + step;
    while (known.has(Number(next.toFixed(decimals)))) next += step;
    const formatted = grouped
      ? Math.round(next).toLocaleString("en-US")
      : next.toFixed(decimals).replace(/,/g, "");
    return `${text.slice(0, start)}${formatted}${text.slice(end)}`;
  }
  return addNumber(text, evidence);
}

function swapDate(text: string, evidence: string): string {
  const mentioned = (name: string): boolean =>
    new RegExp(`\\b(?:${name}|${name.slice(0, 3)})\\b`, "i").test(evidence);
  const month = new RegExp(MONTH_PATTERN.source).exec(text);
  const weekday = new RegExp(WEEKDAY_PATTERN.source).exec(text);
  const year = new RegExp(YEAR_PATTERN.source).exec(text);
  const first = [month, weekday, year]
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => a.index - b.index)[0];
  const replaceAt = (m: RegExpExecArray, replacement: string): string =>
    `${text.slice(0, m.index)}${replacement}${text.slice(m.index + m[0].length)}`;
  if (first && first === month) {
    const at = MONTH_NAMES.findIndex((name) => name.startsWith(first[0]));
    for (let k = 1; k < 12; k++) {
      const candidate = MONTH_NAMES[(at + k) % 12] ?? "January";
      if (!mentioned(candidate)) return replaceAt(first, candidate);
    }
  }
  if (first && first === weekday) {
    const at = WEEKDAY_NAMES.indexOf(first[0]);
    for (let k = 1; k < 7; k++) {
      const candidate = WEEKDAY_NAMES[(at + k) % 7] ?? "Monday";
      if (!mentioned(candidate)) return replaceAt(first, candidate);
    }
  }
  if (first && first === year) {
    const known = figuresIn(evidence);
    let next = Number(first[0]) + 1;
    while (known.has(next)) next++;
    return replaceAt(first, String(next));
  }
  const monthToAdd = MONTH_NAMES.find((m) => m !== "May" && !mentioned(m)) ?? "March";
  const known = figuresIn(evidence);
  const day = [3, 7, 11, 19, 23, 27].find((d) => !known.has(d)) ?? 3;
  const yearToAdd = [2027, 2029, 2031].find((y) => !known.has(y)) ?? 2027;
  return append(text, ` by ${monthToAdd} ${day}, ${yearToAdd}`);
}

/** Hedged wording → certain wording. Longer phrases first; a capital at the start is kept. */
const HEDGES_TO_CERTAINTY: Array<[RegExp, string]> = [
  [/\b(?:has|have|had) no (?:plans?|intention) to\b/gi, "will not"],
  [/\b(?:is|are|was|were) (?:expected|likely|set|planning|looking|hoping|aiming|seeking) to\b/gi, "will"],
  [/\b(?:is|are|was|were) unlikely to\b/gi, "will fail to"],
  [/\blooks? set to\b/gi, "will"],
  // Verbs only: "its plans to" is a noun, left to the noun rules below.
  [
    /(?<!\b(?:no|the|its|their|his|her|our|any|of|with)\s)\b(?:expects?|expected|plans?|planned|aims?|aimed|hopes?|hoped|intends?|intended|wants?|wanted|seeks?|sought) to\b/gi,
    "will",
  ],
  [/\b(?:appears?|seems?) to be\b/gi, "is"],
  [/\b(?:appears?|seems?) to\b/gi, "did"],
  [/\b(?:may|might|could|would|should|can)(?![’']t)\b/g, "will"],
  [/^(?:May|Might|Could|Would|Should|Can)(?![’']t)\b(?!\s+\d)/g, "Will"],
  [
    /\b(?:reportedly|allegedly|possibly|potentially|probably|tentatively|provisionally|conditionally)\s+/gi,
    "",
  ],
  [/\b(?:is|are) considering\b/gi, "has decided on"],
  [/\b(?:possible|likely)\b/gi, "certain"],
  [/\bunlikely\b/gi, "certain to fail"],
  [/\b(?:unclear|uncertain)\b/gi, "settled"],
  [/\bpotential\b/gi, "confirmed"],
  [/\bproposed\b/gi, "agreed"],
  [/\bproposal\b/gi, "agreement"],
  [/\bpropose\b/gi, "agree"],
  [/\b(?:tentative|provisional|conditional)\b/gi, "final"],
  [/\bsubject to\b/gi, "regardless of"],
  [/\bpending\b/gi, "after"],
  [/\bawaiting\b/gi, "having received"],
  [/\bclaims\b/gi, "confirms"],
  [/\bclaimed\b/gi, "confirmed"],
  [/\bclaim\b/gi, "fact"],
  [/\b(?:rumou?red|mooted)\b/gi, "confirmed"],
  [/\bsuggests?\b/gi, "shows"],
  [/\bexpected\b/gi, "confirmed"],
  [/\bexpects\b/gi, "confirms"],
  [/\bexpect\b/gi, "confirm"],
  [/\bplanned\b/gi, "scheduled"],
  [/\bplans\b/gi, "decisions"],
  [/\bplan\b/gi, "decision"],
  [/\bconsidering\b/gi, "finalising"],
  [/\bseeking\b/gi, "securing"],
  [/\bwhether\b/gi, "that"],
  [/\bif\b/gi, "once"],
];

function keepCase(original: string, replacement: string): string {
  return /^\p{Lu}/u.test(original) ? upperFirst(replacement) : replacement;
}

function mayToWill(text: string, kind: AskedItem["kind"]): string {
  let out = text;
  for (const [pattern, replacement] of HEDGES_TO_CERTAINTY)
    out = out.replace(pattern, (match) => keepCase(match, replacement));
  out = out.replace(/\s{2,}/g, " ");
  if (out !== text) return out;
  // Nothing hedged to make certain. A question is made to presuppose its answer; a summary gets a hedge
  // its evidence does not have (a modality change either way).
  if (kind === "question") {
    if (/^Will\s/.test(text)) return text.replace(/^Will\s/, "When did ");
    return `After it was confirmed, ${LEADING_AUXILIARY.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : lowerFirstIfFunctionWord(text)}`;
  }
  return `Reportedly, ${lowerFirstIfFunctionWord(text)}`;
}

/** Negated wording → affirmative wording. */
const NEGATIONS_TO_AFFIRMATIONS: Array<[RegExp, string]> = [
  [/\bwon[’']t\b/gi, "will"],
  [/\bcan[’']t\b/gi, "can"],
  [/\bshan[’']t\b/gi, "shall"],
  [/\b(\w+)n[’']t\b/gi, "$1"],
  [/\bcannot\b/gi, "can"],
  [/\bnot\s+/gi, ""],
  [/\bno longer\b/gi, "still"],
  [/\bnever\s+/gi, ""],
  [/\bneither\b/gi, "both"],
  [/\bnor\b/gi, "and"],
  [/\bnone\b/gi, "all"],
  [/\bwithout\b/gi, "with"],
  [/\bno\s+/gi, ""],
  [/\bden(?:ied|ies|y)\b/gi, "confirmed"],
  [/\brefus(?:ed|es) to\b/gi, "agreed to"],
  [/\breject(?:ed|s)?\b/gi, "accepted"],
];
const AUXILIARY = /\s(will|would|can|could|should|may|might|must|is|are|was|were|has|have|had|does|do|did)\s/;
const LEADING_AUXILIARY = /^(Will|Would|Can|Could|Should|Is|Are|Was|Were|Has|Have|Had|Does|Do|Did)\s/;
const CONTRACTED: Record<string, string> = { Will: "Won't", Can: "Can't", Shall: "Shan't" };

function dropNegation(text: string): string {
  let out = text;
  for (const [pattern, replacement] of NEGATIONS_TO_AFFIRMATIONS)
    out = out.replace(pattern, (match, stem: unknown) =>
      keepCase(match, typeof stem === "string" ? replacement.replace("$1", stem) : replacement),
    );
  out = out.replace(/\s{2,}/g, " ");
  if (/^\p{Lu}/u.test(text)) out = upperFirst(out);
  if (out !== text) return out;
  // Nothing negated to drop: the polarity is flipped the other way.
  const leading = LEADING_AUXILIARY.exec(text);
  if (leading?.[1]) {
    const contracted = CONTRACTED[leading[1]] ?? `${leading[1]}n't`;
    return `${contracted} ${text.slice(leading[0].length)}`;
  }
  const aux = AUXILIARY.exec(text);
  if (aux?.[1]) return `${text.slice(0, aux.index)} ${aux[1]} not ${text.slice(aux.index + aux[0].length)}`;
  return `It is not true that ${lowerFirstIfFunctionWord(text)}`;
}

/**
 * `text` (a faithful rewording of `evidence`) corrupted one way; the rest of it is left alone. Where there
 * is nothing to swap (no number, no date, no hedge, no negation) the corruption adds one instead.
 */
export function corrupt(
  text: string,
  kind: Corruption,
  evidence: readonly string[],
  itemKind: AskedItem["kind"] = "summary",
): string {
  const all = evidence.join("\n");
  switch (kind) {
    case "add-number":
      return addNumber(text, all);
    case "swap-number":
      return swapNumber(text, all);
    case "swap-date":
      return swapDate(text, all);
    case "add-organisation":
      return append(text, `, together with ${absentFrom(all, ORGANISATIONS)}`);
    case "add-person":
      return append(text, `, according to ${absentFrom(all, PEOPLE)}`);
    case "may-to-will":
      return mayToWill(text, itemKind);
    case "drop-negation":
      return dropNegation(text);
    case "add-quotation":
      return append(text, `, calling it "${absentFrom(all, QUOTATIONS)}"`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Wire helpers
// ---------------------------------------------------------------------------------------------------------

class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly code: string | null,
    readonly param: string | null = null,
  ) {
    super(message);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function messageText(content: unknown): string | null {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    const parts = content
      .filter(isRecord)
      .filter((p) => p["type"] === "text" && typeof p["text"] === "string")
      .map((p) => p["text"] as string);
    return parts.length > 0 ? parts.join("") : null;
  }
  return null;
}

/** The items of the last user message; a 400 naming what is wrong if there are none. */
function askedItems(body: Record<string, unknown>): AskedItem[] {
  const messages: unknown = body["messages"];
  if (!Array.isArray(messages) || messages.length === 0)
    throw new RequestError(
      400,
      "'messages' must be a non-empty array.",
      "invalid_request_error",
      null,
      "messages",
    );
  const lastUser = [...(messages as unknown[])].reverse().find((m) => isRecord(m) && m["role"] === "user");
  const text = isRecord(lastUser) ? messageText(lastUser["content"]) : null;
  const bad = (why: string): RequestError =>
    new RequestError(400, `openai double: ${why}`, "invalid_request_error", null, "messages");
  if (text === null) throw bad("no user message with text content");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw bad('the last user message is not JSON of the shape {"items":[…]}');
  }
  const items = isRecord(parsed) ? parsed["items"] : undefined;
  if (!Array.isArray(items)) throw bad('the last user message has no "items" array');
  return items.map((raw, index) => {
    if (!isRecord(raw) || typeof raw["id"] !== "string") throw bad(`items[${index}] has no string id`);
    const kind = raw["kind"] === "question" ? "question" : "summary";
    const evidence = Array.isArray(raw["evidence"])
      ? raw["evidence"].filter((e): e is string => typeof e === "string")
      : [];
    const item: AskedItem = { id: raw["id"], kind, evidence };
    if (typeof raw["draft"] === "string") item.draft = raw["draft"];
    return item;
  });
}

/**
 * What OpenAI checks of a strict json_schema before answering: a name, an object root, and in every object
 * `additionalProperties: false` and every property required. Clients that get this wrong get a 400.
 */
function checkResponseFormat(body: Record<string, unknown>): void {
  const format = body["response_format"];
  if (!isRecord(format) || format["type"] !== "json_schema") return;
  const spec = format["json_schema"];
  const invalid = (message: string): RequestError =>
    new RequestError(400, message, "invalid_request_error", null, "response_format");
  if (!isRecord(spec) || typeof spec["name"] !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(spec["name"]))
    throw invalid("Missing or invalid 'response_format.json_schema.name'.");
  const name = spec["name"];
  const schema = spec["schema"];
  if (spec["strict"] !== true) return;
  if (!isRecord(schema) || schema["type"] !== "object")
    throw invalid(
      `Invalid schema for response_format '${name}': schema must be a JSON Schema of 'type: "object"'.`,
    );
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        visit(child, `${path}/${i}`);
      });
      return;
    }
    if (!isRecord(node)) return;
    const properties = node["properties"];
    if (node["type"] === "object" || isRecord(properties)) {
      if (node["additionalProperties"] !== false)
        throw invalid(
          `Invalid schema for response_format '${name}': In context=(${path}), 'additionalProperties' is required to be supplied and to be false.`,
        );
      const keys = isRecord(properties) ? Object.keys(properties) : [];
      const required = Array.isArray(node["required"]) ? node["required"] : [];
      const missing = keys.find((k) => !required.includes(k));
      if (missing !== undefined)
        throw invalid(
          `Invalid schema for response_format '${name}': In context=(${path}), 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`,
        );
    }
    for (const [key, child] of Object.entries(node))
      if (typeof child === "object") visit(child, `${path}/${key}`);
  };
  visit(schema, "");
}

function sendJson(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "x-request-id": `req_${randomBytes(12).toString("hex")}`,
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: RequestError, headers: Record<string, string> = {}): void {
  sendJson(
    res,
    error.status,
    { error: { message: error.message, type: error.type, param: error.param, code: error.code } },
    headers,
  );
}

// ---------------------------------------------------------------------------------------------------------
// The double
// ---------------------------------------------------------------------------------------------------------

export class OpenAIDouble {
  /** "http://127.0.0.1:PORT/v1": pass it as the SDK's `baseURL`. */
  readonly baseUrl: string;
  /** Every request, in arrival order, whatever its path or outcome (hanging ones included). */
  readonly requests: RecordedRequest[] = [];
  /** The texts the double answered per item id in the last 200 chat completion (empty after a refusal or
   * invalid JSON; untouched by error responses and hangs). */
  readonly lastAnswers = new Map<string, string>();
  /** Which corruption each answered id got in the last 200 chat completion (faithful ids absent). */
  readonly lastCorruptions = new Map<string, Corruption>();

  readonly #server: Server;
  readonly #hanging = new Set<ServerResponse>();
  readonly #waiters: Array<{ count: number; resolve: () => void }> = [];
  #behaviour: Behaviour;
  #rateLimited = false;
  #closed: Promise<void> | undefined;

  private constructor(server: Server, behaviour: Behaviour) {
    this.#server = server;
    this.#behaviour = behaviour;
    const { port } = server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}/v1`;
  }

  static async start(behaviour: Behaviour = "faithful"): Promise<OpenAIDouble> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    const double = new OpenAIDouble(server, behaviour);
    server.on("request", (req, res) => {
      double.#handle(req, res).catch((error: unknown) => {
        if (!res.headersSent)
          sendError(res, new RequestError(500, `openai double: ${String(error)}`, "server_error", null));
      });
    });
    return double;
  }

  /** Can be changed between calls; setting it (even to the same value) re-arms "rate-limit-then-ok". */
  get behaviour(): Behaviour {
    return this.#behaviour;
  }
  set behaviour(value: Behaviour) {
    this.#behaviour = value;
    this.#rateLimited = false;
  }

  /** The chat completion requests only, their bodies as sent. */
  get chatRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith("/v1/chat/completions"));
  }

  /** Resolves once at least `count` requests have been recorded (for "hang": the request has arrived). */
  waitForRequests(count: number): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ count, resolve }));
  }

  /** Stops listening and ends every connection, hanging requests included. Idempotent. */
  close(): Promise<void> {
    this.#closed ??= new Promise<void>((resolve) => {
      for (const res of this.#hanging) res.destroy();
      this.#hanging.clear();
      this.#server.close(() => {
        resolve();
      });
      this.#server.closeAllConnections();
    });
    return this.#closed;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: unknown = raw === "" ? undefined : raw;
    if (raw !== "") {
      try {
        body = JSON.parse(raw) as unknown;
      } catch {
        // recorded as the raw string
      }
    }
    const path = req.url ?? "/";
    const method = req.method ?? "GET";
    this.requests.push({ path, method, body, headers: { ...req.headers }, at: Date.now() });
    for (const waiter of this.#waiters.filter((w) => this.requests.length >= w.count)) {
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      waiter.resolve();
    }

    const route = path.split("?")[0];
    if (route === "/v1/models" && method === "GET") {
      sendJson(res, 200, {
        object: "list",
        data: [{ id: "gpt-4o-mini", object: "model", created: 1721172741, owned_by: "system" }],
      });
      return;
    }
    if (route !== "/v1/chat/completions" || method !== "POST") {
      sendError(
        res,
        new RequestError(404, `Invalid URL (${method} ${route ?? path})`, "invalid_request_error", null),
      );
      return;
    }
    const auth = req.headers.authorization;
    if (typeof auth !== "string" || !/^Bearer \S+/.test(auth)) {
      sendError(
        res,
        new RequestError(
          401,
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth.",
          "invalid_request_error",
          "missing_api_key",
        ),
      );
      return;
    }
    try {
      this.#answer(req, res, body, raw);
    } catch (error) {
      if (error instanceof RequestError) sendError(res, error);
      else throw error;
    }
  }

  #answer(req: IncomingMessage, res: ServerResponse, body: unknown, raw: string): void {
    const behaviour = this.#behaviour;
    if (behaviour === "hang") {
      this.#hanging.add(res);
      res.on("close", () => this.#hanging.delete(res));
      req.socket.setTimeout(0);
      return;
    }
    if (behaviour === "server-error")
      throw new RequestError(
        500,
        "The server had an error while processing your request. Sorry about that!",
        "server_error",
        null,
      );
    if (behaviour === "rate-limit-then-ok" && !this.#rateLimited) {
      this.#rateLimited = true;
      sendError(
        res,
        new RequestError(
          429,
          "Rate limit reached for gpt-4o-mini in organization org-double on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s.",
          "requests",
          "rate_limit_exceeded",
        ),
        { "retry-after": "1", "x-ratelimit-remaining-requests": "0" },
      );
      return;
    }

    if (!isRecord(body))
      throw new RequestError(
        400,
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)",
        "invalid_request_error",
        null,
      );
    if (typeof body["model"] !== "string" || body["model"] === "")
      throw new RequestError(
        400,
        "you must provide a model parameter",
        "invalid_request_error",
        null,
        "model",
      );
    if (body["stream"] === true)
      throw new RequestError(
        400,
        "openai double: streaming is not supported",
        "invalid_request_error",
        null,
        "stream",
      );
    const format = body["response_format"];
    if (behaviour === "no-json-schema" && isRecord(format) && format["type"] === "json_schema")
      throw new RequestError(
        400,
        "response_format not supported",
        "invalid_request_error",
        null,
        "response_format",
      );
    checkResponseFormat(body);
    const items = askedItems(body);

    this.lastAnswers.clear();
    this.lastCorruptions.clear();
    let content: string | null;
    let refusal: string | null = null;
    const answer = (id: string, text: string): { id: string; text: string } => {
      this.lastAnswers.set(id, text);
      return { id, text };
    };
    switch (behaviour) {
      case "invalid-json": {
        const first = items[0];
        const fragment = first
          ? `{"items": [{"id": "${first.id}", "text": "${faithfulText(first).slice(0, 24)}`
          : "{";
        content = `Here are the rewordings you asked for:\n${fragment}`;
        break;
      }
      case "refusal":
        content = null;
        refusal = "I'm sorry, but I can't help with that request.";
        break;
      case "wrong-ids": {
        const asked = new Set(items.map((i) => i.id));
        content = JSON.stringify({
          items: items.map((item) => {
            let id = `x-${item.id}`;
            while (asked.has(id)) id = `x-${id}`;
            return answer(id, faithfulText(item));
          }),
        });
        break;
      }
      case "missing-ids":
        content = JSON.stringify({
          items: items.slice(0, 1).map((item) => answer(item.id, faithfulText(item))),
        });
        break;
      default:
        content = JSON.stringify({
          items: items.map((item, index) => {
            const kind = this.#corruptionFor(behaviour, index);
            const faithful = faithfulText(item);
            if (kind === undefined) return answer(item.id, faithful);
            this.lastCorruptions.set(item.id, kind);
            return answer(item.id, corrupt(faithful, kind, item.evidence, item.kind));
          }),
        });
    }

    const promptTokens = Math.ceil(raw.length / 4);
    const completionTokens = Math.ceil((content ?? refusal ?? "").length / 4);
    sendJson(res, 200, {
      id: `chatcmpl-${randomBytes(12).toString("hex")}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: body["model"],
      choices: [
        {
          index: 0,
          message: { role: "assistant", content, refusal, annotations: [] },
          logprobs: null,
          finish_reason: "stop",
        },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
      service_tier: "default",
      system_fingerprint: "fp_openai_double",
    });
  }

  #corruptionFor(behaviour: Behaviour, index: number): Corruption | undefined {
    if ((CORRUPTIONS as readonly string[]).includes(behaviour)) return behaviour as Corruption;
    if (behaviour === "mixed" && index % 2 === 1) return CORRUPTIONS[((index - 1) / 2) % CORRUPTIONS.length];
    return undefined;
  }
}
