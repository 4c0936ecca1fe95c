// Shared by the Discord double's own tests: a double with a test guild, plain fetch REST calls, Discord's
// error shapes, and a bare gateway client that sees exactly what the double sends.
import assert from "node:assert/strict";
import type { TestContext } from "node:test";
import { GatewayIntentBits } from "discord.js";
import { WebSocket, type RawData } from "ws";
import { DiscordDouble } from "./discordDouble.js";
import type { DoubleOptions, InteractionHandle } from "./types.js";

export const GUILD = "800000000000000001";
export const CHANNEL = "800000000000000002";
export const OTHER_CHANNEL = "800000000000000003";
export const GUILDS: NonNullable<DoubleOptions["guilds"]> = [
  {
    id: GUILD,
    name: "Test Guild",
    channels: [
      { id: CHANNEL, name: "general" },
      { id: OTHER_CHANNEL, name: "random" },
    ],
  },
];
export const EPHEMERAL = 64;
export const LOADING = 128;

// ---------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------

export async function startDouble(t: TestContext, options: DoubleOptions = {}): Promise<DiscordDouble> {
  const double = await DiscordDouble.start({ guilds: GUILDS, ...options });
  t.after(() => double.close());
  return double;
}

/** Walks into parsed JSON without casting at every step. */
export function dig(value: unknown, ...keys: Array<string | number>): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

export interface RestResult {
  status: number;
  body: unknown;
  headers: Headers;
}

export async function rest(
  double: DiscordDouble,
  method: string,
  path: string,
  options: { body?: unknown; form?: FormData; auth?: boolean } = {},
): Promise<RestResult> {
  const headers: Record<string, string> = {};
  if (options.auth !== false) headers.authorization = `Bot ${double.token}`;
  let body: string | FormData | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`${double.apiUrl}/v10${path}`, { method, headers, ...(body ? { body } : {}) });
  const text = await response.text();
  const json = (response.headers.get("content-type") ?? "").startsWith("application/json");
  return {
    status: response.status,
    body: text === "" ? undefined : json ? (JSON.parse(text) as unknown) : text,
    headers: response.headers,
  };
}

export function callbackPath(handle: InteractionHandle, query = ""): string {
  return `/interactions/${handle.id}/${handle.token}/callback${query}`;
}

export function webhookPath(double: DiscordDouble, handle: InteractionHandle, rest = ""): string {
  return `/webhooks/${double.applicationId}/${handle.token}${rest}`;
}

/** Asserts Discord's form-body error shape with an error at `path` (optionally with that code). */
export function assertFormError(result: RestResult, path: Array<string | number>, code?: string): void {
  assert.equal(result.status, 400, JSON.stringify(result.body));
  assert.equal(dig(result.body, "code"), 50035);
  assert.equal(dig(result.body, "message"), "Invalid Form Body");
  const errors = dig(result.body, "errors", ...path, "_errors");
  assert.ok(
    Array.isArray(errors) && errors.length > 0,
    `no error at ${path.join(".")}: ${JSON.stringify(result.body)}`,
  );
  if (code !== undefined)
    assert.ok(
      errors.some((e) => dig(e, "code") === code),
      `expected ${code} at ${path.join(".")}: ${JSON.stringify(errors)}`,
    );
}

export function assertDiscordError(result: RestResult, status: number, code: number, message: string): void {
  assert.equal(result.status, status, JSON.stringify(result.body));
  assert.deepEqual(result.body, { message, code });
}

export interface GatewayPayload {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

/** A bare gateway client: what a hand-rolled bot would see, without discord.js smoothing anything over. */
export class RawGateway {
  readonly payloads: GatewayPayload[] = [];
  readonly closed: Promise<number>;
  private readonly listeners = new Set<() => void>();

  private constructor(readonly socket: WebSocket) {
    // Listen before the socket opens: HELLO can arrive in the same packet as the upgrade response.
    socket.on("message", (data: RawData) => {
      this.payloads.push(JSON.parse(rawText(data)) as GatewayPayload);
      for (const listener of [...this.listeners]) listener();
    });
    this.closed = new Promise((resolve) => {
      socket.on("close", (code: number) => {
        resolve(code);
      });
    });
  }

  static async connect(t: TestContext, double: DiscordDouble): Promise<RawGateway> {
    const gateway = new RawGateway(new WebSocket(`${double.gatewayUrl}?v=10&encoding=json`));
    t.after(() => {
      gateway.socket.terminate();
    });
    await new Promise<void>((resolve, reject) => {
      gateway.socket.once("open", () => {
        resolve();
      });
      gateway.socket.once("error", reject);
    });
    return gateway;
  }

  send(op: number, d: unknown): void {
    this.socket.send(JSON.stringify({ op, d }));
  }

  identify(token: string, intents: number = GatewayIntentBits.Guilds): void {
    this.send(2, { token, intents, properties: { os: "linux", browser: "test", device: "test" } });
  }

  /** The first payload (already received or still to come) that matches. */
  waitFor(predicate: (payload: GatewayPayload) => boolean, timeoutMs = 2_000): Promise<GatewayPayload> {
    const found = this.payloads.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const listener = (): void => {
        const match = this.payloads.find(predicate);
        if (!match) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(match);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no matching gateway payload in ${timeoutMs} ms: ${JSON.stringify(this.payloads)}`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }

  dispatch(t: string): Promise<GatewayPayload> {
    return this.waitFor((p) => p.op === 0 && p.t === t);
  }
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString("utf8");
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data).toString("utf8");
}

/** A double with a raw bot connected and READY, so interactions can be dispatched. */
export async function connectedDouble(
  t: TestContext,
  options: DoubleOptions = {},
): Promise<{ double: DiscordDouble; gateway: RawGateway }> {
  const double = await startDouble(t, options);
  const gateway = await RawGateway.connect(t, double);
  gateway.identify(double.token);
  await double.waitForReady();
  return { double, gateway };
}

export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + 1_420_070_400_000n);
}
