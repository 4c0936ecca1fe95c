// Digest subscriptions: which channel of a server gets a digest, when (a daily or weekly local time in an
// IANA time zone, or a cron pattern), about which topics, and how far delivery has got. Validation gives the
// words an admin needs; croner turns a schedule into instants, DST included (09:00 Europe/Berlin stays 09:00
// local when the clocks change).
import { randomBytes } from "node:crypto";
import { Cron } from "croner";
import { closest } from "fastest-levenshtein";
import { InputError } from "../core/errors.js";
import type { DigestMemory } from "../core/digest/types.js";
import { collection, type Collection } from "../store/collection.js";
import type { Store } from "../store/openStore.js";

export type Every = "day" | "week";
export type WhenEmpty = "line" | "nothing";

export interface DigestSubscription {
  id: string;
  guild: string;
  channelId: string;
  every: Every;
  /** Local time "HH:MM" (24-hour) in `timezone`. */
  at: string;
  /** 0 = Sunday … 6 = Saturday; weekly digests only. */
  weekday?: number;
  /** IANA name, as Intl resolves it ("europe/berlin" is stored as "Europe/Berlin"). */
  timezone: string;
  /** A 5-field cron pattern read in `timezone`; when set it replaces `at` and `weekday`. */
  cron?: string;
  /** Only stories about these topics; empty = every story. */
  topics: string[];
  whenEmpty: WhenEmpty;
  createdBy: string;
  createdAt: number;
  status: "active" | "paused";
  /** Why it is paused, in words a person understands. */
  pausedReason: string | null;
  /** The scheduled instant (ISO) of the newest period dealt with: sent, found empty, skipped or failed. */
  lastSentPeriod: string | null;
  /** When the last digest was actually posted (ms). */
  lastSentAt: number | null;
  /** The `until` of the last digest posted or found empty: the next digest covers what came after it. */
  coveredUntil: number | null;
  /** A period whose delivery started and has not finished (a crash, a Discord outage): finished first. */
  pendingPeriod: string | null;
  /** What the last digest left open, for the next one. */
  memory: DigestMemory | null;
}

/** A new subscription's delivery state: active, never sent, nothing pending. */
export const FRESH_STATE = {
  status: "active",
  pausedReason: null,
  lastSentPeriod: null,
  lastSentAt: null,
  coveredUntil: null,
  pendingPeriod: null,
  memory: null,
} as const satisfies Partial<DigestSubscription>;

export interface SubscribeInput {
  guild: string;
  channelId: string;
  every: string;
  at: string;
  weekday?: number | null | undefined;
  timezone: string;
  cron?: string | null | undefined;
  /** A comma-separated list or an array. */
  topics?: string | readonly string[] | null | undefined;
  whenEmpty?: string | null | undefined;
  createdBy: string;
}

/** The part of a subscription that decides when it fires. */
export type Schedule = Pick<DigestSubscription, "every" | "at" | "weekday" | "timezone" | "cron">;

export const MAX_SUBSCRIPTIONS_PER_GUILD = 25;
export const MAX_TOPICS = 10;
export const MAX_TOPIC_LENGTH = 100;
/** A cron digest may not fire more often than this: a digest is a summary, not a feed. */
export const MIN_CRON_GAP_MS = 60 * 60 * 1000;
export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const HH_MM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

let zones: string[] | undefined;
/** Every IANA zone this runtime knows, for autocomplete and suggestions ("UTC" included). */
export function timeZones(): readonly string[] {
  zones ??= [...new Set(["UTC", ...Intl.supportedValuesOf("timeZone")])];
  return zones;
}

/** The zone's canonical spelling when the runtime knows it ("europe/berlin" → "Europe/Berlin"), else null. */
export function canonicalTimeZone(name: string): string | null {
  const trimmed = name.trim();
  // Offsets ("+01:00") are not zones: they know nothing of DST, which is the point of asking for a zone.
  if (trimmed === "" || /^[+-]/.test(trimmed)) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** "9:05" → "09:05"; null when it is not a 24-hour time. */
export function normaliseTime(value: string): string | null {
  const match = HH_MM.exec(value.trim());
  if (!match?.[1] || !match[2]) return null;
  return `${match[1].padStart(2, "0")}:${match[2]}`;
}

export function parseTopics(value: SubscribeInput["topics"]): string[] {
  const list = typeof value === "string" ? value.split(",") : (value ?? []);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of list) {
    const topic = raw.replace(/\s+/g, " ").trim();
    if (topic === "" || seen.has(topic.toLowerCase())) continue;
    seen.add(topic.toLowerCase());
    out.push(topic);
  }
  return out;
}

const jobs = new Map<string, Cron>();

/** The cron pattern a schedule fires on: its own, or one built from at/weekday ("0 9 * * 3"). */
export function cronPattern(schedule: Schedule): string {
  if (schedule.cron) return schedule.cron;
  const [hours = "0", minutes = "0"] = schedule.at.split(":");
  const day = schedule.every === "week" ? String(schedule.weekday ?? 0) : "*";
  return `${Number(minutes)} ${Number(hours)} * * ${day}`;
}

function job(schedule: Schedule): Cron {
  const pattern = cronPattern(schedule);
  const key = `${pattern}|${schedule.timezone}`;
  let found = jobs.get(key);
  if (!found) {
    // paused and without a function: croner only computes instants, it starts no timer.
    found = new Cron(pattern, { timezone: schedule.timezone, paused: true, mode: "5-part" });
    jobs.set(key, found);
  }
  return found;
}

/** The latest scheduled instant at or before `now` (ms), or null when there is none. */
export function latestRun(schedule: Schedule, now: number): number | null {
  // previousRuns() looks strictly before its reference; one millisecond later includes a run exactly at now.
  const [run] = job(schedule).previousRuns(1, new Date(now + 1));
  return run ? run.getTime() : null;
}

/** The next scheduled instant after `now` (ms), or null when there is none. */
export function nextRun(schedule: Schedule, now: number): number | null {
  return job(schedule).nextRun(new Date(now))?.getTime() ?? null;
}

/** "daily at 09:00 Europe/Berlin", "Wednesdays at 09:00 UTC", "cron `0 9 * * 1-5` Europe/Paris". */
export function describeSchedule(schedule: Schedule): string {
  if (schedule.cron) return `cron \`${schedule.cron}\` ${schedule.timezone}`;
  if (schedule.every === "week")
    return `${WEEKDAYS[schedule.weekday ?? 0] ?? "?"}s at ${schedule.at} ${schedule.timezone}`;
  return `daily at ${schedule.at} ${schedule.timezone}`;
}

function validateCron(pattern: string, timezone: string, now: number): string | null {
  let cron: Cron;
  try {
    cron = new Cron(pattern, { timezone, paused: true, mode: "5-part" });
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern:\s*/, "") : String(error);
    return `cron "${pattern}" is not a valid 5-field cron pattern (minute hour day-of-month month weekday): ${reason}.`;
  }
  const runs = cron.nextRuns(50, new Date(now)).map((d) => d.getTime());
  if (runs.length === 0) return `cron "${pattern}" never fires.`;
  for (let i = 1; i < runs.length; i++) {
    if ((runs[i] ?? 0) - (runs[i - 1] ?? 0) < MIN_CRON_GAP_MS)
      return `cron "${pattern}" fires more than once an hour; a digest can go out at most hourly.`;
  }
  return null;
}

/**
 * Checks what an admin asked for and returns it normalised, or throws one InputError listing every problem:
 * an unknown time zone (with the closest known one), a time that is not HH:MM, a weekly digest without a
 * weekday, an invalid cron pattern.
 */
export function validateSubscription(
  input: SubscribeInput,
  now: number,
): Pick<DigestSubscription, "every" | "at" | "weekday" | "timezone" | "cron" | "topics" | "whenEmpty"> {
  const problems: string[] = [];
  const every = input.every === "day" || input.every === "week" ? input.every : null;
  if (!every) problems.push(`every must be "day" or "week", not "${input.every}".`);
  const at = normaliseTime(input.at);
  if (!at) problems.push(`at must be a 24-hour time like 09:00 (HH:MM), not "${input.at}".`);
  const timezone = canonicalTimeZone(input.timezone);
  if (!timezone) {
    const guess = input.timezone.trim() === "" ? null : closest(input.timezone.trim(), [...timeZones()]);
    problems.push(
      `"${input.timezone}" is not a time zone Docket knows; use an IANA name like Europe/Berlin or America/New_York${guess ? ` (did you mean ${guess}?)` : ""}.`,
    );
  }
  const weekday = input.weekday ?? null;
  if (weekday !== null && (!Number.isInteger(weekday) || weekday < 0 || weekday > 6))
    problems.push("weekday must be 0 (Sunday) to 6 (Saturday).");
  const cron = input.cron?.trim() ? input.cron.trim().replace(/\s+/g, " ") : null;
  if (every === "week" && weekday === null && !cron)
    problems.push("A weekly digest needs a weekday (Sunday to Saturday).");
  if (every === "day" && weekday !== null && !cron)
    problems.push("weekday only applies to weekly digests (every: week).");
  if (cron && timezone) {
    const problem = validateCron(cron, timezone, now);
    if (problem) problems.push(problem);
  }
  const topics = parseTopics(input.topics);
  if (topics.length > MAX_TOPICS) problems.push(`At most ${MAX_TOPICS} topics, not ${topics.length}.`);
  const long = topics.find((t) => t.length > MAX_TOPIC_LENGTH);
  if (long) problems.push(`A topic may be at most ${MAX_TOPIC_LENGTH} characters ("${long.slice(0, 30)}…").`);
  const whenEmpty = input.whenEmpty ?? "line";
  if (whenEmpty !== "line" && whenEmpty !== "nothing")
    problems.push(`when_empty must be "line" or "nothing", not "${whenEmpty}".`);
  if (problems.length > 0 || !every || !at || !timezone || (whenEmpty !== "line" && whenEmpty !== "nothing"))
    throw new InputError(problems.length === 1 ? (problems[0] ?? "") : `- ${problems.join("\n- ")}`);
  return {
    every,
    at,
    ...(every === "week" && weekday !== null ? { weekday } : {}),
    timezone,
    ...(cron ? { cron } : {}),
    topics,
    whenEmpty,
  };
}

/** Subscriptions in the store (collection "digest-subscriptions"), changed one at a time in this process. */
export class SubscriptionStore {
  private readonly records: Collection<DigestSubscription>;
  /** Read-modify-write is serialised so a tick and a command never overwrite each other's change. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    store: Pick<Store, "namespace" | "idSet">,
    private readonly now: () => number = Date.now,
  ) {
    this.records = collection<DigestSubscription>(store, "digest-subscriptions");
  }

  private serial<R>(work: () => Promise<R>): Promise<R> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  all(): Promise<DigestSubscription[]> {
    return this.records.values();
  }

  async list(guild: string): Promise<DigestSubscription[]> {
    return (await this.all()).filter((s) => s.guild === guild).sort((a, b) => a.createdAt - b.createdAt);
  }

  /** By id, ignoring the guild: the scheduler's view. */
  byId(id: string): Promise<DigestSubscription | undefined> {
    return this.records.get(id);
  }

  /** A server's subscription by id; another server's is "not found", never shown. */
  async get(guild: string, id: string): Promise<DigestSubscription> {
    const found = await this.records.get(id.trim());
    if (!found || found.guild !== guild)
      throw new InputError(`No digest subscription \`${id}\` in this server; see /digest list.`);
    return found;
  }

  create(input: SubscribeInput): Promise<DigestSubscription> {
    return this.serial(async () => {
      const now = this.now();
      const valid = validateSubscription(input, now);
      const existing = await this.list(input.guild);
      if (existing.length >= MAX_SUBSCRIPTIONS_PER_GUILD)
        throw new InputError(
          `A server can have at most ${MAX_SUBSCRIPTIONS_PER_GUILD} digest subscriptions; remove one with /digest unsubscribe.`,
        );
      const same = existing.find(
        (s) =>
          s.channelId === input.channelId &&
          cronPattern(s) === cronPattern(valid) &&
          s.timezone === valid.timezone &&
          s.topics.join(",").toLowerCase() === valid.topics.join(",").toLowerCase(),
      );
      if (same) throw new InputError(`<#${input.channelId}> already gets this digest (\`${same.id}\`).`);
      const subscription: DigestSubscription = {
        id: randomBytes(5).toString("hex"),
        guild: input.guild,
        channelId: input.channelId,
        ...valid,
        createdBy: input.createdBy,
        createdAt: now,
        ...FRESH_STATE,
      };
      await this.records.put(subscription.id, subscription);
      return subscription;
    });
  }

  /** Writes a subscription as given (tests and imports); no validation. */
  put(subscription: DigestSubscription): Promise<void> {
    return this.serial(() => this.records.put(subscription.id, subscription));
  }

  /**
   * Re-reads the record and applies `change` to it; a subscription removed meanwhile stays removed (the
   * change is dropped and undefined returned).
   */
  update(
    id: string,
    change: (current: DigestSubscription) => DigestSubscription,
  ): Promise<DigestSubscription | undefined> {
    return this.serial(async () => {
      const current = await this.records.get(id);
      if (!current) return undefined;
      const next = change(current);
      await this.records.put(id, next);
      return next;
    });
  }

  remove(guild: string, id: string): Promise<DigestSubscription> {
    return this.serial(async () => {
      const found = await this.get(guild, id);
      await this.records.delete(found.id);
      return found;
    });
  }
}
