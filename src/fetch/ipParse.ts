// Parsing and printing of IP address text, pure and without the network.
// The safe fetcher must see an address the way the socket layer will: "2130706433", "0x7f.1" and
// "017700000001" all reach 127.0.0.1, so IPv4 text is read with the WHATWG URL rules (the same rules
// `new URL()` and inet_aton use), and IPv6 text is read into its 16 bytes before anything looks at it.

/** Parsed IP: its family and its bytes in network order (4 or 16 of them). */
export type ParsedIp = { family: 4; bytes: Uint8Array } | { family: 6; bytes: Uint8Array };

/** Thrown for text that looks like an IP address but is not a valid one ("1.2.3.999", "[::g]"). */
export class InvalidIpError extends Error {}

/** One IPv4 part as WHATWG reads it: 0x… hex, 0… octal, else decimal; null when it is not a number. */
function parseIpv4Number(part: string): number | null {
  if (/^0x[0-9a-f]*$/i.test(part)) return part.length === 2 ? 0 : parseInt(part.slice(2), 16);
  if (/^0[0-7]+$/.test(part)) return parseInt(part.slice(1), 8);
  if (/^(0|[1-9][0-9]*)$/.test(part)) return parseInt(part, 10);
  return null;
}

/** Whether WHATWG would send this host to the IPv4 parser: its last label is a number. */
function endsInNumber(labels: readonly string[]): boolean {
  const last = labels[labels.length - 1] ?? "";
  return /^[0-9]+$/.test(last) || parseIpv4Number(last) !== null;
}

/**
 * IPv4 in any spelling (decimal, octal, hex, 1 to 4 parts, trailing dot) to its 4 bytes.
 * Returns null for a host name; throws InvalidIpError for a host that ends in a number yet is no
 * valid address, because a resolver may still read such text as an address of its own choosing.
 */
export function parseIpv4(text: string): Uint8Array | null {
  const labels = text.split(".");
  if (labels.length > 1 && labels[labels.length - 1] === "") labels.pop();
  if (!endsInNumber(labels)) return null;
  if (labels.length > 4) throw new InvalidIpError(`not an IPv4 address: ${text}`);
  const numbers = labels.map(parseIpv4Number);
  const last = numbers.pop();
  if (last === null || last === undefined || numbers.some((n) => n === null || n > 255)) {
    throw new InvalidIpError(`not an IPv4 address: ${text}`);
  }
  // The last part fills every byte the earlier parts left: "127.1" is 127.0.0.1.
  if (last >= 256 ** (4 - numbers.length)) throw new InvalidIpError(`IPv4 part out of range: ${text}`);
  let value = last;
  numbers.forEach((n, i) => {
    value += (n ?? 0) * 256 ** (3 - i);
  });
  return Uint8Array.of(value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255);
}

/** Strict dotted quad (the only IPv4 form allowed inside IPv6 text), or null. */
function parseDottedQuad(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p))) return null;
  const bytes = parts.map(Number);
  return bytes.every((b) => b <= 255) ? bytes : null;
}

/** IPv6 text (no brackets; a "%zone" suffix is dropped) to 16 bytes, or null if it is not IPv6. */
export function parseIpv6(input: string): Uint8Array | null {
  const text = input.replace(/%.*$/, "");
  if (!/^[0-9a-f:.]+$/i.test(text) || !text.includes(":")) return null;
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = (half: string | undefined, isLast: boolean): number[] | null => {
    if (half === undefined || half === "") return [];
    const out: number[] = [];
    const pieces = half.split(":");
    for (const [i, piece] of pieces.entries()) {
      if (piece.includes(".")) {
        // An embedded IPv4 tail ("::ffff:1.2.3.4") is two groups and may only come last.
        const quad = isLast && i === pieces.length - 1 ? parseDottedQuad(piece) : null;
        if (!quad) return null;
        out.push(((quad[0] ?? 0) << 8) | (quad[1] ?? 0), ((quad[2] ?? 0) << 8) | (quad[3] ?? 0));
      } else if (/^[0-9a-f]{1,4}$/i.test(piece)) {
        out.push(parseInt(piece, 16));
      } else {
        return null;
      }
    }
    return out;
  };
  const head = groups(halves[0], halves.length === 1);
  const tail = halves.length === 2 ? groups(halves[1], true) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 255;
  });
  return bytes;
}

/** Dotted-quad text for 4 bytes. */
export function formatIpv4(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4)).join(".");
}

/** RFC 5952 text for 16 bytes: lower case, no leading zeros, the longest zero run (≥ 2) as "::". */
export function formatIpv6(bytes: Uint8Array): string {
  const groups = Array.from({ length: 8 }, (_, i) => ((bytes[i * 2] ?? 0) << 8) | (bytes[i * 2 + 1] ?? 0));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

/** Whether the first `bits` bits of `bytes` equal those of `prefix`. */
export function hasPrefix(bytes: Uint8Array, prefix: readonly number[], bits: number): boolean {
  for (let i = 0; i * 8 < bits; i++) {
    const take = Math.min(8, bits - i * 8);
    const mask = (0xff << (8 - take)) & 0xff;
    if (((bytes[i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

/**
 * The IPv4 address an IPv6 address merely wraps, or null: IPv4-mapped ::ffff:a.b.c.d, the
 * SIIT-translated ::ffff:0:a.b.c.d and the deprecated IPv4-compatible ::a.b.c.d. Sockets reach the
 * wrapped IPv4 host through all three, so they must be judged as that IPv4 address. :: and ::1 are
 * IPv6's own unspecified and loopback addresses, not wrapped IPv4.
 */
export function unwrapIpv4(bytes: Uint8Array): Uint8Array | null {
  const tail = bytes.subarray(12, 16);
  const zeros = (from: number, to: number): boolean => bytes.subarray(from, to).every((b) => b === 0);
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return tail;
  if (zeros(0, 8) && bytes[8] === 0xff && bytes[9] === 0xff && zeros(10, 12)) return tail;
  if (zeros(0, 12) && !(zeros(12, 15) && (bytes[15] ?? 0) <= 1)) return tail;
  return null;
}
