// The world digest-scheduling tests run in: an injected clock, Map-backed Keyv stores that survive a
// "restart", a fake Discord client that records posts and can fail like Discord, and captured log lines.
import assert from "node:assert/strict";
import Keyv from "keyv";

import { DocumentIndex } from "../../../src/core/index/docIndex.js";
import { discordDigestOutlet, type DiscordDigestClient } from "../../../src/discord/delivery/digestOutlet.js";
import { contentComposer, type ComposeDigest, type ComposeRequest } from "../../../src/digest/content.js";

import { startDigests, type RunningDigests } from "../../../src/digest/scheduler.js";
import { SubscriptionStore, type DigestSubscription } from "../../../src/digest/subscriptions.js";
import { digestSubscription } from "../../support/factories.js";
import { captureLogs } from "../../support/testBot.js";

export const GUILD = "100000000000000001";
export const OTHER_SHARD_GUILD = "100000000000000009";
export const MIN = 60_000;
export const at = (iso: string): number => Date.parse(iso);

/** A Store of Map-backed Keyv namespaces; the same object is "the database" across restarts. */
export function memoryStore() {
  const spaces = new Map<string, Keyv>();
  const sets = new Map<string, Set<string>>();
  return {
    namespace<T>(name: string): Keyv<T> {
      let keyv = spaces.get(name);
      if (!keyv) {
        keyv = new Keyv({ namespace: name });
        spaces.set(name, keyv);
      }
      return keyv as Keyv<T>;
    },
    idSet(name: string) {
      const set = sets.get(name) ?? new Set<string>();
      sets.set(name, set);
      return {
        add: (ids: readonly string[]): Promise<void> => {
          for (const id of ids) set.add(id);
          return Promise.resolve();
        },
        remove: (ids: readonly string[]): Promise<void> => {
          for (const id of ids) set.delete(id);
          return Promise.resolve();
        },
        members: (): Promise<string[]> => Promise.resolve([...set]),
        clear: (): Promise<void> => {
          set.clear();
          return Promise.resolve();
        },
        // Keeps no change counter: readers list the members, as over Redis or PostgreSQL.
        version: (): Promise<string | null> => Promise.resolve(null),
      };
    },
  };
}

export interface Posted {
  channel: string;
  id: string;
  nonce: string;
  body: Record<string, unknown>;
  at: number;
}

/** What the scheduler sees of Discord: channel posts with nonce dedupe (like Discord), DMs, a guild cache. */
export class FakeDiscord implements DiscordDigestClient {
  readonly messages: Posted[] = [];
  readonly requests: Array<{ channel: string; nonce: string }> = [];
  readonly dms: Array<{ user: string; content: string }> = [];
  /** Per channel: make the next posts fail (an API error object, or "lost": stored, but the reply is lost). */
  readonly failures = new Map<string, Array<{ code: number; status: number } | "lost" | "hang" | "5xx">>();
  dmFails = false;
  private next = 1;
  readonly guildIds = new Set([GUILD]);
  readonly guilds = { cache: { has: (id: string) => this.guildIds.has(id) } };

  constructor(private readonly clock: () => number) {}

  readonly rest = {
    post: (route: `/${string}`, options: { body: unknown }): Promise<unknown> => {
      const channel = /^\/channels\/(\d+)\/messages$/.exec(route)?.[1];
      assert.ok(channel, `unexpected route ${route}`);
      const body = options.body as Record<string, unknown>;
      const nonce = String(body.nonce);
      assert.equal(body.enforce_nonce, true);
      assert.ok(nonce.length <= 25, `nonce ${nonce} longer than 25`);
      this.requests.push({ channel, nonce });
      const failure = this.failures.get(channel)?.shift();
      if (failure !== undefined && typeof failure === "object")
        return Promise.reject(Object.assign(new Error("Discord API error"), failure));
      if (failure === "5xx") return Promise.reject(new Error("503 Service Unavailable"));
      const existing = this.messages.find((m) => m.nonce === nonce && this.clock() - m.at <= 5 * MIN);
      const message =
        existing ??
        (() => {
          const created = { channel, id: String(this.next++), nonce, body, at: this.clock() };
          this.messages.push(created);
          return created;
        })();
      // Discord stored it; the reply never arrives (lost) or the process dies before it is read (hang).
      if (failure === "lost") return Promise.reject(new Error("socket hang up"));
      if (failure === "hang") return new Promise(() => undefined);
      return Promise.resolve({ id: message.id, channel_id: channel, nonce });
    },
  };

  readonly users = {
    send: (user: string, options: { content: string }): Promise<unknown> => {
      if (this.dmFails) return Promise.reject(new Error("Cannot send messages to this user"));
      this.dms.push({ user, content: options.content });
      return Promise.resolve({});
    },
  };

  in(channel: string): Posted[] {
    return this.messages.filter((m) => m.channel === channel);
  }
}

export function subscription(
  fields: Partial<DigestSubscription> & { id: string; channelId: string },
): DigestSubscription {
  return digestSubscription({
    guild: GUILD,
    at: "09:00",
    timezone: "Europe/Berlin",
    createdBy: "300000000000000001",
    createdAt: at("2026-03-20T00:00:00Z"),
    ...fields,
  });
}

export interface World {
  store: ReturnType<typeof memoryStore>;
  discord: FakeDiscord;
  subscriptions: SubscriptionStore;
  windows: Array<ComposeRequest & { subscription: string }>;
  log: ReturnType<typeof captureLogs>;
  clock: { now: number };
  start(compose?: ComposeDigest): RunningDigests;
}

export function world(start: number): World {
  const clock = { now: start };
  const store = memoryStore();
  const discord = new FakeDiscord(() => clock.now);
  const windows: World["windows"] = [];
  const log = captureLogs();
  // The real content: buildDigest on an (empty) index and renderDigest; only the windows are noted.
  const outlet = discordDigestOutlet(discord);
  const real = contentComposer(new DocumentIndex(), (digest, request) => outlet.render(digest, request));
  return {
    store,
    discord,
    subscriptions: new SubscriptionStore(store, () => clock.now),
    windows,
    log,
    clock,
    start(compose = real) {
      return startDigests({
        store,
        index: new DocumentIndex(),
        outlet: discordDigestOutlet(discord),
        logger: log.logger,
        now: () => clock.now,
        tickMs: 0,
        compose: (sub, request) => {
          windows.push({ ...request, subscription: sub.id });
          return compose(sub, request);
        },
      });
    },
  };
}

/** Steps the clock from `from` to `to` (exclusive) and ticks at every step. */
export async function run(
  w: World,
  digests: RunningDigests,
  from: number,
  to: number,
  step: number,
): Promise<void> {
  for (let t = from; t < to; t += step) {
    w.clock.now = t;
    await digests.tick();
  }
}

export const iso = (ms: number): string => new Date(ms).toISOString();
export const text = (m: Posted): string => JSON.stringify(m.body);
