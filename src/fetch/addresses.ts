// Which IP addresses Docket may fetch from: host normalisation and address classification, pure.
// Only "public" is fetchable without an operator's say-so. Everything else names the reason, after
// the IANA special-purpose registries (RFC 6890 and successors), so logs say why a host was refused.
import { FetchRefused } from "./errors.js";
import {
  InvalidIpError,
  formatIpv4,
  formatIpv6,
  hasPrefix,
  parseIpv4,
  parseIpv6,
  unwrapIpv4,
  type ParsedIp,
} from "./ipParse.js";

export type AddressClass =
  | "public"
  | "loopback"
  | "private"
  | "link-local"
  | "cgnat"
  | "unspecified"
  | "multicast"
  | "reserved"
  | "documentation"
  | "benchmark"
  | "ipv4-mapped-private"
  | "nat64"
  | "6to4"
  | "teredo"
  | "unique-local"
  | "site-local"
  | "broadcast";

export interface NormalisedHost {
  kind: "ipv4" | "ipv6" | "name";
  value: string;
}

const badHost = (host: string, cause?: unknown): FetchRefused =>
  new FetchRefused("bad-url", "That web address has a malformed host name or IP address.", {
    detail: `malformed host ${JSON.stringify(host)}`,
    cause,
  });

/** Host text (a URL's hostname, bracketed IPv6 or not) to bytes, null for a name; throws on bad IPs. */
function parseHost(host: string): ParsedIp | null {
  const text = host.trim().toLowerCase();
  if (text === "") throw badHost(host);
  if (text.startsWith("[") || text.includes(":")) {
    const inner = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
    const v6 = inner.startsWith("[") ? null : parseIpv6(inner);
    if (!v6) throw badHost(host);
    return { family: 6, bytes: v6 };
  }
  try {
    const v4 = parseIpv4(text);
    return v4 ? { family: 4, bytes: v4 } : null;
  } catch (error) {
    if (error instanceof InvalidIpError) throw badHost(host, error);
    throw error;
  }
}

/**
 * Canonical form of a host: IPv4 in any spelling → dotted quad; IPv6 → RFC 5952 text, except that
 * IPv4-mapped/compatible/translated IPv6 becomes the IPv4 address it wraps (that is where a socket
 * goes); names → lower case without the trailing root dot. Throws FetchRefused("bad-url") for text
 * that looks like an address but is not one.
 */
export function normaliseHost(host: string): NormalisedHost {
  const parsed = parseHost(host);
  if (!parsed) return { kind: "name", value: host.trim().toLowerCase().replace(/\.$/, "") };
  if (parsed.family === 4) return { kind: "ipv4", value: formatIpv4(parsed.bytes) };
  const wrapped = unwrapIpv4(parsed.bytes);
  return wrapped
    ? { kind: "ipv4", value: formatIpv4(wrapped) }
    : { kind: "ipv6", value: formatIpv6(parsed.bytes) };
}

type Range = readonly [prefix: readonly number[], bits: number, cls: AddressClass];

// Order matters: the first matching range wins, so narrow ranges come before the wide ones holding them.
const IPV4_RANGES: readonly Range[] = [
  [[255, 255, 255, 255], 32, "broadcast"],
  [[0], 8, "unspecified"], // "this network": only valid as a source; Linux connects 0.0.0.0 to itself
  [[10], 8, "private"],
  [[100, 64], 10, "cgnat"],
  [[127], 8, "loopback"],
  [[169, 254], 16, "link-local"], // includes the cloud metadata service 169.254.169.254
  [[172, 16], 12, "private"],
  [[192, 0, 0], 24, "reserved"], // IETF protocol assignments
  [[192, 0, 2], 24, "documentation"],
  [[192, 88, 99], 24, "reserved"], // retired 6to4 relay anycast
  [[192, 168], 16, "private"],
  [[198, 18], 15, "benchmark"],
  [[198, 51, 100], 24, "documentation"],
  [[203, 0, 113], 24, "documentation"],
  [[224], 4, "multicast"],
  [[240], 4, "reserved"],
];

const IPV6_RANGES: readonly Range[] = [
  [[0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48, "nat64"], // local-use NAT64 (RFC 8215): always internal
  [[0x20, 0x01, 0x00, 0x00], 32, "teredo"], // deprecated tunnel; the client IPv4 is obfuscated inside
  [[0x20, 0x01, 0x00, 0x02, 0x00, 0x00], 48, "benchmark"],
  [[0x20, 0x01, 0x0d, 0xb8], 32, "documentation"],
  [[0x3f, 0xff], 20, "documentation"], // RFC 9637
  [[0x20, 0x01], 23, "reserved"], // rest of the IETF protocol assignments (ORCHID and the like)
  [[0x20, 0x02], 16, "6to4"], // deprecated (RFC 7526); embeds an IPv4 address that may be private
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64, "reserved"], // discard-only
  [[0xfc], 7, "unique-local"],
  [[0xfe, 0x80], 10, "link-local"],
  [[0xfe, 0xc0], 10, "site-local"],
  [[0xff], 8, "multicast"],
];

function classifyBytes(bytes: Uint8Array, ranges: readonly Range[]): AddressClass | null {
  for (const [prefix, bits, cls] of ranges) if (hasPrefix(bytes, prefix, bits)) return cls;
  return null;
}

function classifyIpv6(bytes: Uint8Array): AddressClass {
  if (bytes.every((b) => b === 0)) return "unspecified";
  if (bytes.subarray(0, 15).every((b) => b === 0) && bytes[15] === 1) return "loopback";
  const wrapped = unwrapIpv4(bytes);
  if (wrapped)
    return (classifyBytes(wrapped, IPV4_RANGES) ?? "public") === "public" ? "public" : "ipv4-mapped-private";
  // Well-known NAT64 (RFC 6052) is how IPv6-only networks reach the IPv4 internet, so it is public
  // exactly when the IPv4 address it embeds is; a NAT64 gateway would otherwise reach 10.0.0.1.
  if (hasPrefix(bytes, [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96)) {
    return (classifyBytes(bytes.subarray(12), IPV4_RANGES) ?? "public") === "public" ? "public" : "nat64";
  }
  const special = classifyBytes(bytes, IPV6_RANGES);
  if (special) return special;
  // Only 2000::/3 is allocated as global unicast; anything else is unassigned or special.
  return hasPrefix(bytes, [0x20], 3) ? "public" : "reserved";
}

/** Class of an IP address given as text in any spelling. Pure; throws TypeError for a host name. */
export function classifyAddress(ip: string): AddressClass {
  const parsed = parseHost(ip);
  if (!parsed) throw new TypeError(`not an IP address: ${ip}`);
  if (parsed.family === 6) return classifyIpv6(parsed.bytes);
  return classifyBytes(parsed.bytes, IPV4_RANGES) ?? "public";
}

/** Bytes of an IP address text, or null for names (for CIDR matching of allow-list entries). */
export function ipBytes(ip: string): Uint8Array | null {
  const parsed = parseHost(ip);
  if (!parsed) return null;
  if (parsed.family === 4) return parsed.bytes;
  return unwrapIpv4(parsed.bytes) ?? parsed.bytes;
}
