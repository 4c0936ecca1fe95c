// What the Discord double remembers: its identity (application, token, bot user, guilds), the messages,
// interactions and commands it holds, what it was sent, its clock, and the waiters tests block on. Every other
// module of the double reads and writes this one object.
import { randomBytes } from "node:crypto";
import {
  MessageFlags,
  type APIApplicationCommand,
  type APIUser,
  type UserFlags,
} from "discord-api-types/v10";
import { ALL_PERMISSIONS, PRIVILEGED_INTENTS, snowflake } from "./protocol.js";
import type {
  DoubleOptions,
  GatewayReceived,
  GuildConfig,
  InteractionState,
  MessageRecord,
  RecordedRequest,
  Waiter,
} from "./types.js";

// Numbers of the wire protocol are written into discord-api-types' enums, which this rule would otherwise make
// a cast at every step.
/* eslint-disable @typescript-eslint/no-unsafe-enum-assignment */

export class DoubleState {
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly applicationId: string;
  readonly token: string;
  readonly botUser: APIUser;
  readonly guilds: GuildConfig[];
  readonly heartbeatIntervalMs: number;
  readonly privilegedIntents: number;
  readonly rateLimit: { limit: number; windowMs: number };
  readonly sharding: { recommended: number; maxConcurrency: number };
  readonly requests: RecordedRequest[] = [];
  /** Payloads the bot sent on the gateway, in order (heartbeats, IDENTIFY, RESUME…). */
  readonly gatewayReceived: GatewayReceived[] = [];
  readonly commands = new Map<string, APIApplicationCommand[]>();
  readonly channelMessages = new Map<string, MessageRecord[]>();
  readonly interactions = new Map<string, InteractionState>();
  readonly byToken = new Map<string, InteractionState>();
  readonly messages = new Map<string, MessageRecord>();
  /** `${author}:${nonce}` → the message created with it and when, for enforce_nonce. */
  readonly nonces = new Map<string, { messageId: string; at: number }>();
  readonly waiters = new Set<Waiter>();
  clockOffset = 0;
  closed = false;

  constructor(port: number, options: DoubleOptions) {
    const started = Date.now();
    this.applicationId = options.applicationId ?? snowflake(started - 86_400_000);
    this.token =
      options.token ??
      `${Buffer.from(this.applicationId).toString("base64url")}.${randomBytes(4).toString("base64url")}.${randomBytes(27).toString("base64url")}`;
    this.apiUrl = `http://127.0.0.1:${port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}`;
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
    this.privilegedIntents = options.privilegedIntents ?? PRIVILEGED_INTENTS;
    this.rateLimit = { limit: options.rateLimit?.limit ?? 50, windowMs: options.rateLimit?.windowMs ?? 1000 };
    this.sharding = {
      recommended: options.sharding?.recommended ?? 1,
      maxConcurrency: options.sharding?.maxConcurrency ?? 1,
    };
    // Modern applications share one id between the application and its bot user.
    this.botUser = user(this.applicationId, "Double Bot", true);
    const configured = options.guilds ?? [
      {
        id: snowflake(started - 3_600_000),
        name: "Double Guild",
        channels: [{ id: snowflake(started), name: "general" }],
      },
    ];
    this.guilds = configured.map((g) => ({
      id: g.id,
      name: g.name,
      channels: g.channels ?? [],
      ownerId: snowflake(started - 7_200_000),
      botRoleId: snowflake(started - 1_800_000),
      joinedAt: started - 1_800_000,
      botPermissions: ALL_PERMISSIONS,
      botDenied: new Map<string, bigint>(),
    }));
    for (const guild of this.guilds)
      for (const channel of guild.channels) this.channelMessages.set(channel.id, []);
  }

  /** The double's clock; advanceClock() moves it so deadline tests need not sleep. */
  now(): number {
    return Date.now() + this.clockOffset;
  }

  // -------------------------------------------------------------------------------------------------------
  // Waiting
  // -------------------------------------------------------------------------------------------------------

  waitUntil<T>(probe: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
    const first = probe();
    if (first !== undefined) return Promise.resolve(first);
    if (this.closed) return Promise.reject(new Error("DiscordDouble closed"));
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          const value = probe();
          if (value === undefined) return;
          finish();
          resolve(value);
        },
        reject: (error) => {
          finish();
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        waiter.reject(new Error(`DiscordDouble: timed out after ${timeoutMs} ms waiting for ${what()}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
    });
  }

  notify(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }

  // -------------------------------------------------------------------------------------------------------
  // Guilds, channels and messages
  // -------------------------------------------------------------------------------------------------------

  guildConfig(id: string | undefined): GuildConfig {
    const guild = id === undefined ? this.guilds[0] : this.guilds.find((g) => g.id === id);
    if (!guild)
      throw new Error(`DiscordDouble: unknown guild ${String(id)}; pass it in DoubleOptions.guilds`);
    return guild;
  }

  findChannel(id: string): { guild: GuildConfig; channel: { id: string; name: string } } | undefined {
    for (const guild of this.guilds) {
      const channel = guild.channels.find((c) => c.id === id);
      if (channel) return { guild, channel };
    }
    return undefined;
  }

  /** Remembers a message; ephemeral ones are not visible in the channel's history. */
  storeMessage(message: MessageRecord, inChannel: boolean): MessageRecord {
    this.messages.set(message.id, message);
    if (inChannel && ((message.flags ?? 0) & MessageFlags.Ephemeral) === 0) {
      const list = this.channelMessages.get(message.channel_id) ?? [];
      list.push(message);
      this.channelMessages.set(message.channel_id, list);
    }
    return message;
  }

  forgetMessage(message: { id: string; channel_id: string }): void {
    this.messages.delete(message.id);
    const list = this.channelMessages.get(message.channel_id);
    const index = list?.findIndex((m) => m.id === message.id) ?? -1;
    if (list && index >= 0) list.splice(index, 1);
  }
}

/** A Discord user object; bots have no global name. */
export function user(id: string, username: string, bot = false): APIUser {
  return {
    id,
    username,
    discriminator: "0",
    global_name: bot ? null : username,
    avatar: null,
    ...(bot ? { bot: true } : {}),
    public_flags: 0 as UserFlags,
    flags: 0 as UserFlags,
  };
}
