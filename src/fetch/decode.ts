// Body bytes to text without ever throwing. The charset comes, in the order browsers and feed readers
// use, from a byte-order mark, the Content-Type header, then the document's own XML declaration or
// HTML <meta>; else UTF-8. Bytes invalid in that charset become U+FFFD instead of failing the fetch.

/** The charset parameter of a Content-Type header, or null. */
export function charsetFromContentType(contentType: string | null): string | null {
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? "");
  return match?.[2] ?? null;
}

function charsetFromBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  return null;
}

/**
 * The encoding a document declares in its first 1024 bytes: <?xml … encoding="…"?> or an HTML
 * <meta charset> / <meta http-equiv content="…; charset=…">. A declared UTF-16 is ignored, as in
 * the HTML standard: text readable as ASCII to find the declaration cannot be UTF-16.
 */
export function charsetFromDocument(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  const xml = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  const meta = /<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head);
  const label = xml?.[1] ?? meta?.[1] ?? null;
  return label && /^utf-16/i.test(label) ? "utf-8" : label;
}

/** A decoder for `label`, or null when the label names no encoding TextDecoder knows. */
function decoderFor(label: string | null): TextDecoder | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim(), { fatal: false });
  } catch {
    return null;
  }
}

// windows-1252 bytes 0x80-0x9F (WHATWG index). Node 20's TextDecoder decodes "windows-1252" (and so
// "iso-8859-1", which WHATWG maps to it) as true Latin-1, turning curly quotes into C1 controls.
const CP1252_HIGH =
  "\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f" +
  "\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178";

function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString("latin1")
    .replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

/** Body text per the rules above; unknown labels fall back to UTF-8. Never throws. */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  const decoder =
    decoderFor(charsetFromBom(bytes)) ??
    decoderFor(charsetFromContentType(contentType)) ??
    decoderFor(charsetFromDocument(bytes)) ??
    new TextDecoder("utf-8", { fatal: false });
  if (decoder.encoding === "windows-1252") return decodeWindows1252(bytes);
  return decoder.decode(bytes);
}
