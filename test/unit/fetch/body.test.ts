// The safe fetcher's body handling against a loopback server: size caps counted after decompression
// (zip bombs stop at the cap without inflating), early Content-Length refusal, the total timeout,
// content types, and decoding text in its declared charset without ever throwing.
import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { after, before, describe, test } from "node:test";
import zlib from "node:zlib";
import { safeFetch } from "../../../src/fetch/safeFetch.js";
import { FetchRefused } from "../../../src/fetch/errors.js";
import { type FetchOptions } from "../../../src/fetch/types.js";
import { startHostileServer, streamBytes, type HostileServer } from "../../doubles/hostileServer.js";

const MIB = 1024 * 1024;
let server: HostileServer;
const sentBytes = new Map<string, () => number>();
const opts = (extra: Partial<FetchOptions> = {}): FetchOptions => ({
  kind: "feed",
  allowPrivateHosts: ["127.0.0.1"],
  ...extra,
});

async function refused(work: Promise<unknown>, reason: FetchRefused["reason"]): Promise<FetchRefused> {
  const error = await work.then(
    () => assert.fail(`expected a "${reason}" refusal`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof FetchRefused, String(error));
  assert.equal(error.reason, reason, error.message);
  return error;
}

const send =
  (headers: Record<string, string>, body: Buffer | string) =>
  (_req: unknown, res: ServerResponse): void => {
    res.writeHead(200, headers).end(body);
  };

before(async () => {
  const zeros = Buffer.alloc(10 * MIB);
  const xml = { "content-type": "application/xml" };
  server = await startHostileServer({
    "/gzip-bomb": send({ ...xml, "content-encoding": "gzip" }, zlib.gzipSync(zeros, { level: 9 })),
    "/br-bomb": send({ ...xml, "content-encoding": "br" }, zlib.brotliCompressSync(Buffer.alloc(32 * MIB))),
    "/deflate-bomb": send({ ...xml, "content-encoding": "deflate" }, zlib.deflateRawSync(zeros)),
    "/gzip": send({ ...xml, "content-encoding": "gzip" }, zlib.gzipSync("<rss>gzip</rss>")),
    "/br": send({ ...xml, "content-encoding": "br" }, zlib.brotliCompressSync("<rss>br</rss>")),
    "/deflate-zlib": send(
      { ...xml, "content-encoding": "deflate" },
      zlib.deflateSync("<rss>zlib</rss>".repeat(5000)),
    ),
    "/deflate-raw": send(
      { ...xml, "content-encoding": "deflate" },
      zlib.deflateRawSync("<rss>raw</rss>".repeat(5000)),
    ),
    "/corrupt-gzip": send({ ...xml, "content-encoding": "gzip" }, Buffer.from("this is not gzip at all")),
    "/zstd": send({ ...xml, "content-encoding": "zstd" }, Buffer.from("(pretend)")),
    "/image": send({ "content-type": "image/png" }, Buffer.alloc(1000)),
    "/pdf": send({ "content-type": "application/pdf" }, "%PDF-1.7"),
    "/octet": send({ "content-type": "application/octet-stream" }, "\u0000"),
    "/rss": send({ "content-type": "application/rss+xml; charset=utf-8" }, "<rss/>"),
    "/html": send({ "content-type": "text/html" }, "<!doctype html><p>hi</p>"),
    "/untyped": (_req, res) => {
      res.end("<rss/>");
    },
    "/bad-utf8": send(
      { "content-type": "text/xml; charset=utf-8" },
      Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0xc3, 0x28, 0x3c, 0x2f, 0x61, 0x3e]),
    ),
    "/latin1": send(
      { "content-type": "text/html; charset=ISO-8859-1" },
      Buffer.concat([Buffer.from("<p>café naïve © ", "latin1"), Buffer.from([0x96]), Buffer.from("</p>")]),
    ),
    "/xml-declared": send(
      { "content-type": "application/rss+xml" },
      Buffer.concat([
        Buffer.from('<?xml version="1.0" encoding="windows-1252"?><rss>'),
        Buffer.from([0x93, 0x68, 0x69, 0x94]),
        Buffer.from("</rss>"),
      ]),
    ),
    "/meta-declared": send(
      { "content-type": "text/html" },
      Buffer.from(
        '<html><head><meta charset="shift_jis"></head><body>\x93\xfa\x96\x7b</body></html>',
        "latin1",
      ),
    ),
    "/bom": send(
      { "content-type": "text/xml; charset=iso-8859-1" },
      Buffer.from("\ufeff<rss>é</rss>", "utf8"),
    ),
    "/big-declared": (_req, res) => {
      res.writeHead(200, { "content-type": "text/xml", "content-length": String(50 * MIB) });
      sentBytes.set("/big-declared", streamBytes(res, 50 * MIB).sent);
    },
    "/big-chunked": (_req, res) => {
      res.writeHead(200, { "content-type": "text/xml" });
      sentBytes.set("/big-chunked", streamBytes(res, 50 * MIB).sent);
    },
    "/trickle": (_req, res) => {
      res.writeHead(200, { "content-type": "text/xml" });
      const timer = setInterval(() => res.write("a"), 200);
      res.on("close", () => {
        clearInterval(timer);
      });
    },
  });
});

after(async () => {
  await server.close();
});

describe("size caps", () => {
  test("a 10 MB-of-zeros gzip stops at the 5 MB cap without inflating it all", async () => {
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const error = await refused(safeFetch(`${server.origin}/gzip-bomb`, opts()), "too-large");
    assert.equal(error.userMessage, "The feed is larger than 5 MB after decompression.");
    const grown = process.memoryUsage().rss - rssBefore;
    assert.ok(grown < 50 * MIB, `rss grew by ${Math.round(grown / MIB)} MB`);
  });

  test("a 1 GB gzip (100 concatenated members, 1 MB on the wire) is never inflated whole", async () => {
    const member = zlib.gzipSync(Buffer.alloc(10 * MIB), { level: 9 });
    server.routes.set(
      "/gzip-gigabyte",
      send(
        { "content-type": "text/xml", "content-encoding": "gzip" },
        Buffer.concat(Array(100).fill(member)),
      ),
    );
    const rssBefore = process.memoryUsage().rss;
    await refused(safeFetch(`${server.origin}/gzip-gigabyte`, opts()), "too-large");
    const grown = process.memoryUsage().rss - rssBefore;
    assert.ok(grown < 50 * MIB, `rss grew by ${Math.round(grown / MIB)} MB`);
  });

  test("brotli and (raw) deflate bombs stop at the cap too", async () => {
    await refused(safeFetch(`${server.origin}/br-bomb`, opts()), "too-large");
    await refused(safeFetch(`${server.origin}/deflate-bomb`, opts({ maxBytes: MIB })), "too-large");
  });

  test("the page kind has a 2 MB default", async () => {
    server.routes.set(
      "/bomb-page",
      send({ "content-type": "text/html", "content-encoding": "gzip" }, zlib.gzipSync(Buffer.alloc(3 * MIB))),
    );
    const error = await refused(safeFetch(`${server.origin}/bomb-page`, opts({ kind: "page" })), "too-large");
    assert.equal(error.userMessage, "The page is larger than 2 MB after decompression.");
  });

  test("a 50 MB body declared in Content-Length is refused before reading it", async () => {
    await refused(safeFetch(`${server.origin}/big-declared`, opts()), "too-large");
    assert.ok((sentBytes.get("/big-declared")?.() ?? 0) < 20 * MIB);
  });

  test("a 50 MB chunked body is cut off at the cap", async () => {
    await refused(safeFetch(`${server.origin}/big-chunked`, opts()), "too-large");
    assert.ok((sentBytes.get("/big-chunked")?.() ?? 0) < 20 * MIB);
  });

  test("a body just under the cap is fine; bytes counts decompressed bytes", async () => {
    const result = await safeFetch(`${server.origin}/deflate-raw`, opts({ maxBytes: 70_000 }));
    assert.equal(result.bytes, "<rss>raw</rss>".length * 5000);
  });
});

describe("compression", () => {
  for (const [path, text] of [
    ["/gzip", "<rss>gzip</rss>"],
    ["/br", "<rss>br</rss>"],
    ["/deflate-zlib", "<rss>zlib</rss>".repeat(5000)],
    ["/deflate-raw", "<rss>raw</rss>".repeat(5000)],
  ] as const) {
    test(`${path} is decoded`, async () => {
      assert.equal((await safeFetch(`${server.origin}${path}`, opts())).text, text);
    });
  }

  test("corrupt compressed data and unknown codings are refused", async () => {
    const error = await refused(safeFetch(`${server.origin}/corrupt-gzip`, opts()), "connect");
    assert.match(error.userMessage, /compressed data is broken/);
    await refused(safeFetch(`${server.origin}/zstd`, opts()), "content-type");
  });
});

test("a server trickling a byte every 200 ms hits the total timeout", async () => {
  const started = Date.now();
  const error = await refused(
    safeFetch(`${server.origin}/trickle`, opts({ totalTimeoutMs: 1500 })),
    "timeout",
  );
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 1400 && elapsed < 3000, `took ${elapsed} ms`);
  assert.match(error.userMessage, /over 1\.5 seconds/);
});

describe("content types", () => {
  test("images, PDFs and binaries are refused", async () => {
    for (const path of ["/image", "/pdf", "/octet"]) {
      const error = await refused(safeFetch(`${server.origin}${path}`, opts()), "content-type");
      assert.match(error.userMessage, /not a feed or web page/);
    }
  });

  test("a feed is not a page; HTML and untyped bodies pass for a feed", async () => {
    await refused(safeFetch(`${server.origin}/rss`, opts({ kind: "page" })), "content-type");
    assert.equal((await safeFetch(`${server.origin}/html`, opts())).contentType, "text/html");
    assert.equal((await safeFetch(`${server.origin}/html`, opts({ kind: "page" }))).status, 200);
    assert.equal((await safeFetch(`${server.origin}/untyped`, opts())).contentType, null);
  });
});

describe("charsets", () => {
  test("invalid UTF-8 becomes U+FFFD", async () => {
    const result = await safeFetch(`${server.origin}/bad-utf8`, opts());
    assert.equal(result.text, "<a>\ufffd\ufffd(</a>");
  });

  test("charset=ISO-8859-1 from Content-Type, read as browsers do (0x96 is an en dash)", async () => {
    assert.equal(
      (await safeFetch(`${server.origin}/latin1`, opts({ kind: "page" }))).text,
      "<p>café naïve © –</p>",
    );
  });

  test("encoding from the XML declaration and from <meta charset>", async () => {
    assert.equal((await safeFetch(`${server.origin}/xml-declared`, opts())).text.slice(-10), "“hi”</rss>");
    assert.match((await safeFetch(`${server.origin}/meta-declared`, opts({ kind: "page" }))).text, /日本/);
  });

  test("a byte-order mark wins over the header", async () => {
    assert.equal((await safeFetch(`${server.origin}/bom`, opts())).text, "<rss>é</rss>");
  });
});
