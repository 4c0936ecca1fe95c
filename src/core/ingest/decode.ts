// Turns a file's bytes into text, or says why it is not text: binary content under a text name is
// refused, UTF-16 with a byte-order mark is read, and bytes that are not valid UTF-8 are named in a note
// (the text keeps U+FFFD in their place, and the analyser never quotes across one).

export type Decoded = { text: string; problem: string | null } | { text: null; problem: string };

/** How much of the start of a file is looked at to tell text from binary. */
const SNIFF_BYTES = 8192;

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    // A NUL byte never occurs in UTF-8 text; other control bytes (not tab, newline, form feed, return) rarely.
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13) control++;
  }
  return n > 0 && control / n > 0.1;
}

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder("utf-16le").decode(bytes), problem: null };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder("utf-16be").decode(bytes), problem: null };
  if (looksBinary(bytes)) return { text: null, problem: "binary content, not text; skipped" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes), problem: null };
  } catch {
    const text = new TextDecoder("utf-8").decode(bytes);
    let bad = 0;
    for (const ch of text) if (ch === "\uFFFD") bad++;
    return {
      text,
      problem: `not valid UTF-8 (${bad} invalid byte sequence${bad === 1 ? "" : "s"} read as U+FFFD); indexed, but no quote containing one is used`,
    };
  }
}
