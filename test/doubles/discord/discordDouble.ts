// A loopback Discord double for tests: one HTTP server on 127.0.0.1 that speaks enough of REST API v10 and
// the JSON gateway for the real discord.js Client to log in, receive interactions and answer them. It copies
// Discord where bots usually break (the 3 s acknowledgement window, double acknowledgements, the 15 min token,
// form-body limits, rate limits, resumes) rather than accepting whatever it is sent. This class is the API
// tests use; the work is done by its parts: state.ts (what it holds), httpServer.ts and routes.ts (REST),
// interactions.ts and interactionRoutes.ts, messages.ts, messageValidation.ts and commandValidation.ts (form
// bodies), rateLimits.ts, gateway.ts and sharding.ts (which shard gets which guild), and fixtures.ts (the
// Discord objects it hands out).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  GatewayDispatchEvents,
  PermissionFlagsBits,
  type APIApplicationCommand,
  type APIUser,
} from "discord-api-types/v10";
import { WebSocketServer } from "ws";
import { roles, textChannel } from "./fixtures.js";
import { Gateway } from "./gateway.js";
import { RestServer } from "./httpServer.js";
import { Interactions } from "./interactions.js";
import { RateLimiter } from "./rateLimits.js";
import { buildRoutes } from "./routes.js";
import { DoubleState } from "./state.js";
import type {
  ButtonInput,
  CommandInput,
  DoubleOptions,
  GatewayReceived,
  InteractionHandle,
  MessageRecord,
  RecordedRequest,
} from "./types.js";

export class DiscordDouble {
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly applicationId: string;
  readonly token: string;
  readonly botUser: APIUser;
  readonly requests: RecordedRequest[];
  /** Payloads the bot sent on the gateway, in order (heartbeats, IDENTIFY, RESUME…). */
  readonly gatewayReceived: GatewayReceived[];
  readonly commands: Map<string, APIApplicationCommand[]>;
  readonly channelMessages: Map<string, MessageRecord[]>;

  private readonly state: DoubleState;
  private readonly gateway: Gateway;
  private readonly limiter: RateLimiter;
  private readonly interactions: Interactions;
  private readonly rest: RestServer;

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    port: number,
    options: DoubleOptions,
  ) {
    const state = new DoubleState(port, options);
    this.state = state;
    this.apiUrl = state.apiUrl;
    this.gatewayUrl = state.gatewayUrl;
    this.applicationId = state.applicationId;
    this.token = state.token;
    this.botUser = state.botUser;
    this.requests = state.requests;
    this.gatewayReceived = state.gatewayReceived;
    this.commands = state.commands;
    this.channelMessages = state.channelMessages;
    this.gateway = new Gateway(state);
    this.limiter = new RateLimiter(state.rateLimit);
    this.interactions = new Interactions(state, this.gateway);
    this.rest = new RestServer(state, this.limiter, buildRoutes(state));
  }

  static async start(options: DoubleOptions = {}): Promise<DiscordDouble> {
    const server = createServer();
    // One port for REST and the gateway, like a reverse proxy would; ws only takes the upgrade requests.
    const wss = new WebSocketServer({ server });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    const double = new DiscordDouble(server, wss, port, options);
    server.on("request", (req: IncomingMessage, res: ServerResponse) => void double.rest.onRequest(req, res));
    wss.on("connection", (socket, req) => {
      double.gateway.onConnection(socket, req);
    });
    return double;
  }

  /** The double's clock; advanceClock() moves it so deadline tests need not sleep. */
  now(): number {
    return this.state.now();
  }

  /** Pretend `ms` milliseconds have passed for acknowledgement windows and token lifetimes. */
  advanceClock(ms: number): void {
    this.state.clockOffset += ms;
  }

  /**
   * Resolves once a bot is connected and usable: it IDENTIFIED and was sent READY plus a GUILD_CREATE per guild
   * (when it asked for the Guilds intent, as Discord requires), or it RESUMED, on a connection still open; for a
   * sharded bot, every shard of the count it identified with.
   */
  waitForReady(timeoutMs = 5_000): Promise<void> {
    return this.state
      .waitUntil(
        () => (this.gateway.isConnected() ? true : undefined),
        timeoutMs,
        () => "a READY or RESUMED bot",
      )
      .then(() => undefined);
  }

  /** Resolves when the number of successful RESUMEs exceeds `after` (defaults to the count at call time). */
  waitForResumed(timeoutMs = 5_000, after = this.gateway.resumes): Promise<void> {
    return this.state
      .waitUntil(
        () => (this.gateway.resumes > after ? true : undefined),
        timeoutMs,
        () => "a RESUMED session",
      )
      .then(() => undefined);
  }

  chatInput(input: CommandInput): InteractionHandle {
    return this.interactions.chatInput(input);
  }

  autocomplete(input: CommandInput): InteractionHandle {
    return this.interactions.autocomplete(input);
  }

  button(input: ButtonInput): InteractionHandle {
    return this.interactions.button(input);
  }

  /**
   * The next `times` requests matching `match` fail: a 429 (route or global, with Discord's body and headers,
   * `retryAfter` seconds) or a plain-text 5xx from Discord's edge.
   */
  failNext(
    match: { method?: string; path: RegExp },
    response: { status: number; retryAfter?: number; global?: boolean },
    times = 1,
  ): void {
    this.limiter.failNext(match, response, times);
  }

  /**
   * Drops the gateway connection. 4000 (the default) is Discord's "unknown error, reconnect": the session stays
   * resumable. 1006 terminates the socket without a close frame, like a network failure.
   */
  disconnect(code = 4000): void {
    this.gateway.disconnect(code);
  }

  /** Sends op 7 RECONNECT, which asks the bot to reconnect and resume. */
  requestReconnect(): void {
    this.gateway.requestReconnect();
  }

  /**
   * Deletes a guild channel, as an admin would: CHANNEL_DELETE goes to the bot, its messages are gone, and
   * every later request about it answers 404 Unknown Channel (10003).
   */
  deleteChannel(channelId: string): void {
    const found = this.state.findChannel(channelId);
    if (!found) throw new Error(`DiscordDouble.deleteChannel: unknown channel ${channelId}`);
    const payload = textChannel(found.guild, found.channel);
    found.guild.channels.splice(found.guild.channels.indexOf(found.channel), 1);
    found.guild.botDenied.delete(channelId);
    for (const message of [...(this.state.channelMessages.get(channelId) ?? [])])
      this.state.forgetMessage(message);
    this.state.channelMessages.delete(channelId);
    if (this.gateway.hasSession()) this.gateway.dispatch(GatewayDispatchEvents.ChannelDelete, payload);
    this.state.notify();
  }

  /**
   * Denies the bot's role `permissions` (Send Messages by default) in one channel with a channel overwrite, as
   * an admin would, and tells the bot (CHANNEL_UPDATE). Administrator ignores overwrites, so the bot's role
   * loses it first (GUILD_ROLE_UPDATE) and keeps every other permission. Posting there then answers 403:
   * Missing Access (50001) without View Channel, Missing Permissions (50013) without Send Messages.
   */
  revokeBotPermission(channelId: string, permissions: bigint = PermissionFlagsBits.SendMessages): void {
    const found = this.state.findChannel(channelId);
    if (!found) throw new Error(`DiscordDouble.revokeBotPermission: unknown channel ${channelId}`);
    const { guild, channel } = found;
    const admin = PermissionFlagsBits.Administrator;
    if ((BigInt(guild.botPermissions) & admin) !== 0n) {
      guild.botPermissions = (BigInt(guild.botPermissions) & ~admin).toString();
      const role = roles(this.state, guild).find((r) => r.id === guild.botRoleId);
      if (this.gateway.hasSession() && role)
        this.gateway.dispatch(GatewayDispatchEvents.GuildRoleUpdate, { guild_id: guild.id, role });
    }
    guild.botDenied.set(channelId, (guild.botDenied.get(channelId) ?? 0n) | permissions);
    if (this.gateway.hasSession())
      this.gateway.dispatch(GatewayDispatchEvents.ChannelUpdate, textChannel(guild, channel));
    this.state.notify();
  }

  async close(): Promise<void> {
    if (this.state.closed) return;
    this.state.closed = true;
    for (const waiter of this.state.waiters) waiter.reject(new Error("DiscordDouble closed"));
    this.state.waiters.clear();
    for (const socket of this.wss.clients) socket.terminate();
    await new Promise<void>((resolve) => {
      this.wss.close(() => {
        resolve();
      });
    });
    await new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
      // discord.js keeps HTTP connections alive; without this close() would wait for them to time out.
      this.server.closeAllConnections();
    });
  }
}
