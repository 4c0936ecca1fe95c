// The Redis backend: Keyv adapters over one node-redis client, id sets as Redis sets (SADD/SREM are atomic)
// and leases as one Lua script. Imported only when the store URL is redis://, so other stores never load
// the Redis client.
import KeyvRedis, { createClient } from "@keyv/redis";
import { hostPort, type Backend, type BackendOptions } from "./backend.js";

export function redisBackend(url: string, options: BackendOptions): Backend {
  let connected = false;
  const client = createClient({
    url,
    // node-redis queues commands while it reconnects: without this a wrong port hangs every call forever.
    // Before the first connection, one retry and then give up; once connected, retry with backoff so a
    // Redis restart does not take the bot down.
    socket: {
      connectTimeout: options.connectTimeoutMs,
      reconnectStrategy: (retries: number, cause: Error) => {
        if (!connected && retries >= 1) return cause;
        return Math.min(200 * 2 ** retries, 5000);
      },
    },
  });
  // Errors also reach the caller as rejected commands; without a listener node-redis would crash the process.
  client.on("error", () => undefined);
  const key = (name: string): string => `docket-set:${name}`;
  // GET and SET in one script: Redis runs it atomically, and the key's expiry ends an abandoned lease.
  const TAKE = `local h = redis.call('GET', KEYS[1])
    if (not h) or h == ARGV[1] then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
    return 0`;
  return {
    name: "redis",
    tried: `connecting to Redis at ${hostPort(url, 6379)}`,
    async prepare() {
      await client.connect();
      // A server of another kind may accept the connection; only a real Redis answers PONG.
      const pong = await client.ping();
      if (pong !== "PONG") throw new Error(`the server answered ${pong} instead of PONG`);
      connected = true;
    },
    adapter: (namespace) => new KeyvRedis(client, { namespace, throwOnConnectError: true }),
    idSet: (name) => ({
      async add(ids) {
        if (ids.length > 0) await client.sAdd(key(name), [...ids]);
      },
      async remove(ids) {
        if (ids.length > 0) await client.sRem(key(name), [...ids]);
      },
      members: () => client.sMembers(key(name)),
      async clear() {
        await client.del(key(name));
      },
      // No change counter kept here yet: readers list the members.
      version: () => Promise.resolve(null),
    }),
    leases: {
      async take(name, holder, now, until) {
        const ttl = String(Math.max(1, Math.round(until - now)));
        const won = await client.eval(TAKE, { keys: [`docket-lease:${name}`], arguments: [holder, ttl] });
        return won === 1;
      },
    },
    async close() {
      if (!client.isOpen) return;
      // A client that never connected may still be retrying: stop it outright; else let queued replies finish.
      if (connected) await client.close();
      else client.destroy();
    },
  };
}
