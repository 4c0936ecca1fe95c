// The address guard: resolves a host, refuses any non-public address, and is wired into undici as the
// connector so the check happens on the very address the socket connects to, on every connection
// of every hop. A pre-check before the request only fails fast; the connector is the real gate,
// which is what defeats DNS rebinding (a name that resolves public for the check, private later).
import { lookup as dnsLookup } from "node:dns/promises";
import type { Socket } from "node:net";
import { Agent, buildConnector } from "undici";
import { classifyAddress, ipBytes, normaliseHost, type AddressClass } from "./addresses.js";
import { FetchRefused } from "./errors.js";
import { hasPrefix } from "./ipParse.js";

export type LookupFn = (hostname: string) => Promise<Array<{ address: string; family: 4 | 6 }>>;

/** The system resolver (getaddrinfo, so /etc/hosts counts), every address, in the system's order. */
export const defaultLookup: LookupFn = async (hostname) => {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

// Never valid destinations, whatever an operator allows: sending to them is never what was meant.
const NEVER: ReadonlySet<AddressClass> = new Set(["unspecified", "multicast", "broadcast"]);

/** allowPrivateHosts, parsed once: names, exact IPs, and CIDR blocks such as "192.168.0.0/16". */
export interface AllowList {
  names: ReadonlySet<string>;
  blocks: ReadonlyArray<{ bytes: Uint8Array; bits: number }>;
}

export function parseAllowList(entries: readonly string[] = []): AllowList {
  const names = new Set<string>();
  const blocks: Array<{ bytes: Uint8Array; bits: number }> = [];
  for (const entry of entries) {
    const [host = "", bitsText] = entry.trim().split("/");
    let bytes: Uint8Array | null;
    try {
      bytes = ipBytes(host);
      if (!bytes) names.add(normaliseHost(host).value);
    } catch (error) {
      // An operator's typo, not a user's URL: fail loudly rather than as a fetch refusal.
      throw new TypeError(`bad allowPrivateHosts entry: ${entry}`, { cause: error });
    }
    if (!bytes) continue;
    // "10.0.0.0/" must not read as /0 (everything): the prefix length has to be digits.
    const bits =
      bitsText === undefined ? bytes.length * 8 : /^\d{1,3}$/.test(bitsText) ? Number(bitsText) : NaN;
    if (!Number.isInteger(bits) || bits > bytes.length * 8) throw new TypeError(`bad CIDR: ${entry}`);
    blocks.push({ bytes, bits });
  }
  return { names, blocks };
}

function ipAllowed(address: string, allow: AllowList): boolean {
  const bytes = ipBytes(address);
  if (!bytes) return false;
  return allow.blocks.some(
    (b) => b.bytes.length === bytes.length && hasPrefix(bytes, Array.from(b.bytes), b.bits),
  );
}

const privateRefusal = (host: string, address: string, cls: AddressClass): FetchRefused =>
  new FetchRefused(
    "private-address",
    "That address points inside a private network, so Docket will not fetch it.",
    {
      detail: `${host} → ${address} is ${cls}`,
    },
  );

/**
 * Throws unless `address` (reached for `host`) may be fetched: public, or non-public but allowed by
 * the host name as typed or by the address itself. Returns the canonical address to connect to.
 */
export function checkAddress(host: string, address: string, allow: AllowList): string {
  let canonical: string;
  let cls: AddressClass;
  try {
    canonical = normaliseHost(address).value;
    cls = classifyAddress(address);
  } catch (error) {
    throw new FetchRefused("dns", "Docket could not look up that site's address.", {
      detail: `resolver gave ${JSON.stringify(address)} for ${host}`,
      cause: error,
    });
  }
  if (cls === "public") return canonical;
  if (!NEVER.has(cls) && (allow.names.has(normaliseHost(host).value) || ipAllowed(canonical, allow)))
    return canonical;
  throw privateRefusal(host, canonical, cls);
}

/** Rejects with a "timeout" refusal after `ms`, so a hung resolver cannot hold a fetch forever. */
function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new FetchRefused("timeout", "The site took too long to answer.", {
          detail: `${what} took over ${ms} ms`,
        }),
      );
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

/**
 * Every address of `host` (an IP literal in any spelling, or a name to resolve), each checked; refuses
 * the whole host if any address is not allowed, since a name mixing public and private addresses is
 * either a rebinding trick or split-horizon DNS, and neither should be fetched.
 */
export async function resolveChecked(
  host: string,
  allow: AllowList,
  lookup: LookupFn,
  timeoutMs: number,
): Promise<string[]> {
  const normal = normaliseHost(host);
  if (normal.kind !== "name") return [checkAddress(host, normal.value, allow)];
  let found: Array<{ address: string }>;
  try {
    found = await withTimeout(lookup(normal.value), timeoutMs, `looking up ${normal.value}`);
  } catch (error) {
    if (error instanceof FetchRefused) throw error;
    throw new FetchRefused("dns", "Docket could not find that site: its name does not resolve.", {
      detail: `lookup of ${normal.value} failed`,
      cause: error,
    });
  }
  if (found.length === 0) {
    throw new FetchRefused("dns", "Docket could not find that site: its name does not resolve.", {
      detail: `lookup of ${normal.value} returned no address`,
    });
  }
  return found.map((a) => checkAddress(host, a.address, allow));
}

export interface GuardOptions {
  allow: AllowList;
  lookup: LookupFn;
  connectTimeoutMs: number;
}

/**
 * An undici Agent whose every new connection resolves the host again, checks every address, and
 * connects only to an address it checked (pinned: undici never resolves the name itself). TLS still
 * verifies the certificate against the host name, which goes along as the SNI server name.
 */
export function createGuardedAgent(options: GuardOptions): Agent {
  const base = buildConnector({ timeout: options.connectTimeoutMs });
  const open = (pinned: buildConnector.Options): Promise<Socket> =>
    new Promise((resolve, reject) => {
      base(pinned, (error, socket) => {
        if (error) reject(error);
        else resolve(socket);
      });
    });
  const guardedConnect = async (connectOptions: buildConnector.Options): Promise<Socket> => {
    const host = connectOptions.hostname;
    const addresses = await resolveChecked(host, options.allow, options.lookup, options.connectTimeoutMs);
    const normal = normaliseHost(host);
    // SNI and certificate checks use the name (without a root dot); IP hosts send no SNI.
    const servername = normal.kind === "name" ? { servername: normal.value } : {};
    let lastError: unknown = new Error(`no address for ${host}`);
    // Try the checked addresses in order, as a browser would when the first one refuses.
    for (const address of addresses) {
      try {
        return await open({ ...connectOptions, hostname: address, ...servername });
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  };
  const connect: buildConnector.connector = (connectOptions, callback) => {
    guardedConnect(connectOptions).then(
      (socket) => {
        callback(null, socket);
      },
      (error: unknown) => {
        callback(error instanceof Error ? error : new Error(String(error)), null);
      },
    );
  };
  return new Agent({ connect, connections: 4, pipelining: 1 });
}
