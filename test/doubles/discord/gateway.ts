// The double's gateway: HELLO, heartbeats, IDENTIFY (token, intents, shard checked like Discord, READY and a
// GUILD_CREATE per guild of the shard), dispatches logged per session so a RESUME replays what a dropped
// connection missed. With several shards each guild's events go only to the shard that owns it (sharding.ts).
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import {
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  type ApplicationFlags,
  type GatewayReadyDispatchData,
} from "discord-api-types/v10";
import { WebSocket, type RawData } from "ws";
import { guildCreate } from "./fixtures.js";
import { PRIVILEGED_INTENTS, isRecord } from "./protocol.js";
import { ShardSessions, guildOfDispatch, identifyShard, shardOfGuild } from "./sharding.js";
import type { DoubleState } from "./state.js";
import type { Connection, DispatchPayload, Session } from "./types.js";

// Numbers of the wire protocol are written into discord-api-types' enums, which this rule would otherwise make
// a cast at every step.
/* eslint-disable @typescript-eslint/no-unsafe-enum-assignment */

export class Gateway {
  private readonly sessions = new Map<string, Session>();
  readonly connections = new Set<Connection>();
  /** The session serving each shard now (one shard unless the bot identified with `shard: [id, count]`). */
  private readonly shards = new ShardSessions();
  /** Successful RESUMEs so far; waitForResumed() compares against it. */
  resumes = 0;

  constructor(private readonly state: DoubleState) {}

  /** Whether a bot has identified (dispatches have a session to go to, even while it is disconnected). */
  hasSession(): boolean {
    return this.shards.any();
  }

  /**
   * Drops the gateway connection. 4000 (the default) is Discord's "unknown error, reconnect": the session stays
   * resumable. 1006 terminates the socket without a close frame, like a network failure.
   */
  disconnect(code = 4000): void {
    for (const connection of this.connections) {
      if (code === 1006) connection.socket.terminate();
      else connection.socket.close(code, "Disconnected by DiscordDouble");
    }
  }

  /** Sends op 7 RECONNECT, which asks the bot to reconnect and resume. */
  requestReconnect(): void {
    for (const connection of this.connections)
      this.send(connection, { op: GatewayOpcodes.Reconnect, d: null });
  }

  /** A bot is usable: every one of its shards IDENTIFIED (READY sent) or RESUMED, on a connection still open. */
  isConnected(): boolean {
    return this.shards.allConnected((session) => {
      const connection = session.connection;
      return (
        connection !== undefined &&
        connection.state !== "hello" &&
        connection.socket.readyState === WebSocket.OPEN
      );
    });
  }

  /** How many shards the bot runs (the count its shards identified with). */
  shardCount(): number {
    return this.shards.count;
  }

  private send(
    connection: Connection,
    payload: { op: number; d: unknown; s?: number | null; t?: string | null },
  ): void {
    if (connection.socket.readyState !== WebSocket.OPEN) return;
    connection.socket.send(JSON.stringify({ t: null, s: null, ...payload }));
  }

  /**
   * Sends an event to the shard that owns its guild (shard 0 without one, as Discord sends direct messages) and
   * returns that shard's id.
   */
  dispatch(t: string, d: unknown): number {
    const guild = guildOfDispatch(d, t === "GUILD_CREATE");
    const session = this.shards.forGuild(guild);
    if (!session)
      throw new Error(
        this.shards.any()
          ? `DiscordDouble: the shard of guild ${String(guild)} has not identified; await waitForReady() first`
          : "DiscordDouble: no bot has identified on the gateway; await waitForReady() first",
      );
    this.sendOn(session, t, d);
    return session.shard[0];
  }

  /** A dispatch on one session: numbered, logged for RESUME, sent while the session has a connection. */
  private sendOn(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const payload: DispatchPayload = { op: GatewayOpcodes.Dispatch, t, s: session.seq, d };
    session.log.push(payload);
    // While the bot is disconnected the event waits in the session log, to be replayed on RESUME.
    if (session.connection) this.send(session.connection, payload);
  }

  onConnection(socket: WebSocket, req: IncomingMessage): void {
    const connection: Connection = { socket, session: undefined, state: "hello" };
    const version = new URL(req.url ?? "/", "http://127.0.0.1").searchParams.get("v");
    if (version !== null && version !== "10") {
      socket.close(GatewayCloseCodes.InvalidAPIVersion, "Invalid API version");
      return;
    }
    this.connections.add(connection);
    socket.on("message", (data: RawData, isBinary: boolean) => {
      this.onGatewayMessage(connection, data, isBinary);
    });
    socket.on("close", () => {
      this.connections.delete(connection);
      if (connection.session?.connection === connection) connection.session.connection = undefined;
      this.state.notify();
    });
    socket.on("error", () => {
      // A reset socket is closed right after; nothing else to do, but an unhandled 'error' would crash the run.
    });
    this.send(connection, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: this.state.heartbeatIntervalMs },
    });
  }

  private onGatewayMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    let payload: unknown;
    try {
      if (isBinary) throw new Error("binary");
      payload = JSON.parse(rawToString(data));
    } catch {
      connection.socket.close(GatewayCloseCodes.DecodeError, "Error while decoding payload.");
      return;
    }
    if (!isRecord(payload) || typeof payload.op !== "number") {
      connection.socket.close(GatewayCloseCodes.DecodeError, "Error while decoding payload.");
      return;
    }
    const d = payload.d;
    this.state.gatewayReceived.push({ op: payload.op, d, at: this.state.now() });
    const op = payload.op as GatewayOpcodes;
    switch (op) {
      case GatewayOpcodes.Heartbeat:
        this.send(connection, { op: GatewayOpcodes.HeartbeatAck, d: null });
        return;
      case GatewayOpcodes.Identify:
        this.identify(connection, d);
        return;
      case GatewayOpcodes.Resume:
        this.resume(connection, d);
        return;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
      case GatewayOpcodes.RequestSoundboardSounds:
        if (!connection.session) {
          connection.socket.close(GatewayCloseCodes.NotAuthenticated, "Not authenticated.");
          return;
        }
        if (op === GatewayOpcodes.RequestGuildMembers && isRecord(d) && typeof d.guild_id === "string") {
          // guild.members.fetch() waits for a chunk; an empty one keeps it from hanging. It answers the
          // session that asked.
          this.sendOn(connection.session, GatewayDispatchEvents.GuildMembersChunk, {
            guild_id: d.guild_id,
            members: [],
            chunk_index: 0,
            chunk_count: 1,
            not_found: [],
            ...(typeof d.nonce === "string" ? { nonce: d.nonce } : {}),
          });
        }
        return;
      default:
        connection.socket.close(GatewayCloseCodes.UnknownOpcode, "Unknown opcode.");
    }
  }

  private identify(connection: Connection, d: unknown): void {
    if (connection.session) {
      connection.socket.close(GatewayCloseCodes.AlreadyAuthenticated, "Already authenticated.");
      return;
    }
    if (!isRecord(d) || d.token !== this.state.token) {
      connection.socket.close(GatewayCloseCodes.AuthenticationFailed, "Authentication failed.");
      return;
    }
    if (typeof d.intents !== "number") {
      connection.socket.close(GatewayCloseCodes.InvalidIntents, "Invalid intent(s).");
      return;
    }
    const intents = d.intents;
    if ((intents & PRIVILEGED_INTENTS & ~this.state.privilegedIntents) !== 0) {
      connection.socket.close(GatewayCloseCodes.DisallowedIntents, "Disallowed intent(s).");
      return;
    }
    const shard = identifyShard(d.shard);
    if (!shard) {
      connection.socket.close(GatewayCloseCodes.InvalidShard, "Invalid shard.");
      return;
    }
    const session: Session = { id: randomBytes(16).toString("hex"), seq: 0, log: [], connection, shard };
    this.sessions.set(session.id, session);
    this.shards.set(session);
    connection.session = session;
    const own = this.state.guilds.filter((g) => shardOfGuild(g.id, shard[1]) === shard[0]);
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: { ...this.state.botUser, verified: true, mfa_enabled: false },
      guilds: own.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.state.gatewayUrl,
      shard: [shard[0], shard[1]],
      application: { id: this.state.applicationId, flags: 0 as ApplicationFlags, flags_new: "0" },
    };
    this.sendOn(session, GatewayDispatchEvents.Ready, ready);
    // Without the Guilds intent Discord sends no GUILD_CREATE, and the guilds stay unavailable.
    if ((intents & GatewayIntentBits.Guilds) !== 0)
      for (const guild of own)
        this.sendOn(session, GatewayDispatchEvents.GuildCreate, guildCreate(this.state, guild));
    connection.state = "ready";
    this.state.notify();
  }

  private resume(connection: Connection, d: unknown): void {
    const session =
      isRecord(d) && typeof d.session_id === "string" ? this.sessions.get(d.session_id) : undefined;
    const seq = isRecord(d) && typeof d.seq === "number" ? d.seq : -1;
    if (!isRecord(d) || d.token !== this.state.token || !session || seq < 0 || seq > session.seq) {
      // Not resumable: the bot has to IDENTIFY again.
      this.send(connection, { op: GatewayOpcodes.InvalidSession, d: false });
      return;
    }
    if (session.connection && session.connection !== connection)
      session.connection.socket.close(GatewayCloseCodes.SessionTimedOut, "Session resumed elsewhere.");
    session.connection = connection;
    connection.session = session;
    this.shards.set(session);
    for (const missed of session.log.filter((p) => p.s > seq)) this.send(connection, missed);
    this.sendOn(session, GatewayDispatchEvents.Resumed, null);
    connection.state = "resumed";
    this.resumes += 1;
    this.state.notify();
  }
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString("utf8");
  return data.toString("utf8");
}
