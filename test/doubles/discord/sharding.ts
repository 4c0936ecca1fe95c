// Sharding as Discord does it, for the double's gateway: which shard a guild lives on (guild_id >> 22 modulo
// the shard count; direct messages go to shard 0), the `shard` IDENTIFY field checked, and the sessions of
// one bot's shards kept side by side so each dispatch goes out on the connection of the shard that owns it.
import type { Session } from "./types.js";

/** The shard that serves a guild among `count` shards (Discord's formula). */
export function shardOfGuild(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/** IDENTIFY's `shard`: [id, count] with 0 ≤ id < count; absent means one shard. Undefined when invalid. */
export function identifyShard(value: unknown): readonly [number, number] | undefined {
  if (value === undefined) return [0, 1];
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [id, count] = value as unknown[];
  if (!Number.isInteger(id) || !Number.isInteger(count)) return undefined;
  const shard = [id as number, count as number] as const;
  return shard[1] >= 1 && shard[0] >= 0 && shard[0] < shard[1] ? shard : undefined;
}

/** The guild a dispatch is about, for routing: its guild_id, or the guild itself for GUILD_CREATE-like events. */
export function guildOfDispatch(d: unknown, isGuild: boolean): string | undefined {
  if (typeof d !== "object" || d === null) return undefined;
  const record = d as Record<string, unknown>;
  if (typeof record.guild_id === "string") return record.guild_id;
  return isGuild && typeof record.id === "string" ? record.id : undefined;
}

/** The current session of each shard of the bot's latest layout (shard count). */
export class ShardSessions {
  private readonly byShard = new Map<number, Session>();
  count = 1;

  /** The session now serving `session.shard`; a layout with another count replaces the old one's. */
  set(session: Session): void {
    if (session.shard[1] !== this.count) {
      this.byShard.clear();
      this.count = session.shard[1];
    }
    this.byShard.set(session.shard[0], session);
  }

  any(): boolean {
    return this.byShard.size > 0;
  }

  /** The session a dispatch about `guildId` goes to (shard 0 for none), if that shard has identified. */
  forGuild(guildId: string | undefined): Session | undefined {
    return this.byShard.get(guildId === undefined ? 0 : shardOfGuild(guildId, this.count));
  }

  /** Every shard of the layout has a session; `open` says whether a session's connection is usable. */
  allConnected(open: (session: Session) => boolean): boolean {
    if (this.byShard.size === 0) return false;
    for (let id = 0; id < this.count; id++) {
      const session = this.byShard.get(id);
      if (!session || !open(session)) return false;
    }
    return true;
  }
}
