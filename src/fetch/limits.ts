// Size limits and body reading: decompresses gzip/deflate/br as a stream and stops the moment the
// decompressed size passes the cap, so a small "zip bomb" costs at most the cap in memory, never
// what it would inflate to. The compressed bytes on the wire are capped too, because a stream can
// carry endless bytes that decompress to nothing (empty gzip members, brotli metadata).
import { Transform, Writable, type Readable, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { FetchRefused, formatSize } from "./errors.js";

export type FetchKind = "feed" | "page";

export const MIB = 1024 * 1024;
export const DEFAULT_MAX_BYTES: Record<FetchKind, number> = { feed: 5 * MIB, page: 2 * MIB };
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_TOTAL_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_REDIRECTS = 4;
export const MAX_URL_LENGTH = 4096;

const NOUN: Record<FetchKind, string> = { feed: "feed", page: "page" };

export function tooLarge(kind: FetchKind, maxBytes: number, detail: string): FetchRefused {
  return new FetchRefused(
    "too-large",
    `The ${NOUN[kind]} is larger than ${formatSize(maxBytes)} after decompression.`,
    {
      detail,
    },
  );
}

// Browsers cope with truncated compressed bodies (servers that close early); flush what is there.
const gzipOptions = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
const brotliOptions = { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH };

/**
 * "deflate" should be zlib-wrapped (RFC 9110) but some servers send raw deflate; like browsers,
 * pick the decoder from the first bytes: a zlib header is CM=8 with a checksum divisible by 31.
 */
class AutoInflate extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | null = null;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (!this.inner) {
      const [a = 0, b = 0] = chunk;
      const zlibHeader = (a & 0x0f) === 8 && ((a << 8) | b) % 31 === 0;
      this.inner = zlibHeader ? zlib.createInflate(gzipOptions) : zlib.createInflateRaw(gzipOptions);
      this.inner.on("data", (out: Buffer) => {
        if (!this.push(out)) this.inner?.pause();
      });
      this.inner.on("error", (error) => {
        this.destroy(error);
      });
    }
    this.inner.write(chunk, () => {
      done();
    });
  }

  override _read(size: number): void {
    this.inner?.resume();
    super._read(size);
  }

  override _flush(done: TransformCallback): void {
    if (!this.inner) {
      done();
      return;
    }
    this.inner.once("end", () => {
      done();
    });
    this.inner.end();
  }

  override _destroy(error: Error | null, done: (error: Error | null) => void): void {
    this.inner?.destroy();
    done(error);
  }
}

/** Decoders for a Content-Encoding header, in the order to apply them; throws for codings we lack. */
function decodersFor(contentEncoding: string | null): Transform[] {
  const codings = (contentEncoding ?? "")
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== "" && c !== "identity");
  // Stacked codings are legal but only ever seen in attacks; two is already generous.
  if (codings.length > 2) throw unsupportedEncoding(contentEncoding ?? "");
  return codings.reverse().map((coding) => {
    if (coding === "gzip" || coding === "x-gzip") return zlib.createGunzip(gzipOptions);
    if (coding === "deflate") return new AutoInflate();
    if (coding === "br") return zlib.createBrotliDecompress(brotliOptions);
    throw unsupportedEncoding(coding);
  });
}

function unsupportedEncoding(coding: string): FetchRefused {
  return new FetchRefused("content-type", "The server compressed its answer in a way Docket cannot read.", {
    detail: `unsupported Content-Encoding ${JSON.stringify(coding)}`,
  });
}

/** zlib reports Z_DATA_ERROR and the like; brotli reports ERR__ERROR_FORMAT_…; sockets report E…. */
function isDecompressionError(error: unknown): boolean {
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  return /^(Z_|ERR__|ERR_BROTLI)/.test(code);
}

export interface ReadLimits {
  kind: FetchKind;
  maxBytes: number;
  signal: AbortSignal;
}

/** Refuses before reading anything when Content-Length already says the body is over the cap. */
export function checkContentLength(contentLength: string | null, limits: ReadLimits): void {
  const declared = contentLength === null ? NaN : Number(contentLength);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    throw tooLarge(limits.kind, limits.maxBytes, `Content-Length ${declared} > ${limits.maxBytes}`);
  }
}

/** The whole decompressed body, refusing "too-large" as soon as either count passes the cap. */
export async function readBody(
  body: Readable,
  contentEncoding: string | null,
  limits: ReadLimits,
): Promise<Buffer> {
  const { kind, maxBytes } = limits;
  const decoders = decodersFor(contentEncoding);
  let wireBytes = 0;
  let total = 0;
  const chunks: Buffer[] = [];
  const countWire = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      wireBytes += chunk.length;
      if (wireBytes > maxBytes) done(tooLarge(kind, maxBytes, `over ${maxBytes} bytes on the wire`));
      else done(null, chunk);
    },
  });
  const collect = new Writable({
    write(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      if (total > maxBytes) {
        done(tooLarge(kind, maxBytes, `over ${maxBytes} bytes after decompression`));
        return;
      }
      chunks.push(chunk);
      done();
    },
  });
  try {
    await pipeline(body, countWire, ...decoders, collect, { signal: limits.signal });
  } catch (error) {
    if (error instanceof FetchRefused || limits.signal.aborted) throw error;
    throw new FetchRefused(
      "connect",
      isDecompressionError(error)
        ? "The server's answer was damaged: its compressed data is broken."
        : "The connection broke while Docket was reading the answer.",
      { cause: error },
    );
  }
  return Buffer.concat(chunks, total);
}
