// The safe fetcher against loopback servers it must refuse (and, where a test allows it, reach):
// every loopback spelling, private DNS answers, DNS rebinding caught at connect time, redirects,
// schemes, credentials and HTTP statuses. Only 127.0.0.1 is ever connected to.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { safeFetch } from "../../../src/fetch/safeFetch.js";
import { FetchRefused } from "../../../src/fetch/errors.js";
import { type FetchOptions } from "../../../src/fetch/types.js";
import { type LookupFn } from "../../../src/fetch/guard.js";
import { startHostileServer, type HostileServer } from "../../doubles/hostileServer.js";

const LOCAL = ["127.0.0.1"];

/** A lookup that answers from a table and counts its calls; unknown names fail like NXDOMAIN. */
function fakeDns(table: Record<string, string | string[]>): LookupFn & { calls: string[] } {
  const calls: string[] = [];
  const lookup = (hostname: string): Promise<Array<{ address: string; family: 4 | 6 }>> => {
    calls.push(hostname);
    const answer = table[hostname];
    if (answer === undefined) return Promise.reject(new Error(`ENOTFOUND ${hostname}`));
    const list = Array.isArray(answer) ? answer : [answer];
    return Promise.resolve(list.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })));
  };
  return Object.assign(lookup, { calls });
}

async function refused(work: Promise<unknown>, reason: FetchRefused["reason"]): Promise<FetchRefused> {
  const error = await work.then(
    () => assert.fail(`expected a "${reason}" refusal, got a result`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof FetchRefused, `not a FetchRefused: ${String(error)}`);
  assert.equal(error.reason, reason, error.message);
  assert.ok(error.userMessage.length > 10);
  return error;
}

let server: HostileServer;
let other: HostileServer;
const feed = (opts: Partial<FetchOptions> = {}): FetchOptions => ({ kind: "feed", ...opts });

before(async () => {
  server = await startHostileServer();
  other = await startHostileServer();
  const ok = (_req: unknown, res: import("node:http").ServerResponse): void => {
    res.writeHead(200, { "content-type": "application/rss+xml" }).end("<rss>ok</rss>");
  };
  server.routes.set("/", ok);
  other.routes.set("/", ok);
  const redirect =
    (to: () => string, status = 302) =>
    (_req: unknown, res: import("node:http").ServerResponse) => {
      res.writeHead(status, { location: to() }).end();
    };
  for (let i = 1; i <= 6; i++)
    server.routes.set(
      `/chain/${i}`,
      redirect(() => `/chain/${i + 1}`, i % 2 ? 301 : 307),
    );
  server.routes.set("/chain/7", ok);
  server.routes.set(
    "/to-private",
    redirect(() => "http://10.0.0.1/"),
  );
  server.routes.set(
    "/to-localhost",
    redirect(() => `http://localhost:${server.port}/`),
  );
  server.routes.set(
    "/to-ipv6-loopback",
    redirect(() => `http://[::1]:${server.port}/`),
  );
  server.routes.set(
    "/to-other",
    redirect(() => `${other.origin}/`, 308),
  );
  server.routes.set(
    "/to-https-private",
    redirect(() => "https://10.0.0.1/feed"),
  );
  server.routes.set(
    "/to-https-local",
    redirect(() => `https://127.0.0.1:${server.port}/`),
  );
  server.routes.set(
    "/to-ftp",
    redirect(() => "ftp://127.0.0.1/feed.xml"),
  );
  server.routes.set(
    "/to-file",
    redirect(() => "file:///etc/passwd"),
  );
  server.routes.set(
    "/to-javascript",
    redirect(() => "javascript:alert(1)"),
  );
  server.routes.set(
    "/to-userinfo",
    redirect(() => `http://admin:secret@127.0.0.1:${server.port}/`),
  );
  server.routes.set("/no-location", (_req, res) => res.writeHead(302).end());
  server.routes.set("/not-modified", (req, res) => {
    const fresh = req.headers["if-none-match"] === 'W/"abc-123"';
    res.writeHead(fresh ? 304 : 200, { "content-type": "text/xml" }).end(fresh ? undefined : "<rss/>");
  });
  server.routes.set("/busy", (_req, res) => res.writeHead(429, { "retry-after": "120" }).end("slow down"));
  server.routes.set("/busy-silent", (_req, res) => res.writeHead(429).end());
  server.routes.set("/down", (_req, res) => {
    const when = new Date(Date.now() + 60_000).toUTCString();
    res.writeHead(503, { "retry-after": when, "content-type": "text/html" }).end("maintenance");
  });
  server.routes.set("/gone", (_req, res) => res.writeHead(410).end());
  server.routes.set("/broken", (_req, res) => res.writeHead(500).end());
  server.routes.set("/forbidden", (_req, res) => res.writeHead(403).end());
});

after(async () => {
  await server.close();
  await other.close();
});

describe("refuses every loopback spelling without sending a request", () => {
  const spellings = [
    "127.0.0.1",
    "127.1",
    "127.0.1",
    "2130706433",
    "0x7f000001",
    "0x7f.1",
    "017700000001",
    "127.0.0.1.",
    "[::1]",
    "[::ffff:127.0.0.1]",
    "[::ffff:7f00:1]",
    "0.0.0.0",
    "0",
    "localhost",
  ];
  for (const host of spellings) {
    test(host, async () => {
      const before = server.requests.length;
      const lookup = fakeDns({ localhost: "127.0.0.1" });
      const error = await refused(
        safeFetch(`http://${host}:${server.port}/`, feed({ lookup })),
        "private-address",
      );
      assert.match(error.userMessage, /private network/);
      assert.doesNotMatch(error.userMessage, /127|::/, "the user message must not reveal addresses");
      assert.equal(server.requests.length, before, "the server must not have been reached");
    });
  }

  test("the same server is reachable once allowed, under any spelling of the allowed address", async () => {
    const before = server.requests.length;
    for (const host of ["127.0.0.1", "127.1", "2130706433", "[::ffff:127.0.0.1]"]) {
      const result = await safeFetch(`http://${host}:${server.port}/`, feed({ allowPrivateHosts: LOCAL }));
      assert.equal(result.status, 200);
      assert.equal(result.text, "<rss>ok</rss>");
    }
    assert.equal(server.requests.length, before + 4);
    const sent = server.requests.at(-1)?.headers ?? {};
    assert.match(sent["user-agent"] ?? "", /^DocketBot\//);
    assert.equal(sent["accept-encoding"], "gzip, deflate, br");
    assert.match(sent.accept ?? "", /application\/rss\+xml/);
    assert.equal(sent.authorization, undefined);
    assert.equal(sent.cookie, undefined);
  });

  test("an allowed host name reaches its private address", async () => {
    const lookup = fakeDns({ "nas.lan": "127.0.0.1" });
    const result = await safeFetch(
      `http://nas.lan:${server.port}/`,
      feed({ lookup, allowPrivateHosts: ["nas.lan"] }),
    );
    assert.equal(result.status, 200);
  });
});

describe("refuses names that resolve to private addresses before connecting", () => {
  for (const address of [
    "10.0.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.1.1",
    "fd00::1",
    "::ffff:10.0.0.1",
  ]) {
    test(address, async () => {
      const lookup = fakeDns({ "intranet.example": address });
      await refused(
        safeFetch("http://intranet.example/feed", feed({ lookup, allowPrivateHosts: LOCAL })),
        "private-address",
      );
      // One lookup (the pre-check); a connection attempt would have made the connector look up again.
      assert.deepEqual(lookup.calls, ["intranet.example"]);
    });
  }

  test("a name with one public and one private address", async () => {
    const lookup = fakeDns({ "mixed.example": ["93.184.216.34", "127.0.0.1"] });
    await refused(safeFetch(`http://mixed.example:${server.port}/`, feed({ lookup })), "private-address");
    assert.equal(lookup.calls.length, 1);
  });

  test("a name that does not resolve is a dns refusal", async () => {
    await refused(safeFetch("http://nowhere.example/", feed({ lookup: fakeDns({}) })), "dns");
    await refused(
      safeFetch("http://empty.example/", feed({ lookup: fakeDns({ "empty.example": [] }) })),
      "dns",
    );
  });

  test("a resolver that hangs is cut off by the connect timeout", async () => {
    const hang: LookupFn = () => new Promise(() => undefined);
    const started = Date.now();
    await refused(
      safeFetch("http://slow-dns.example/", feed({ lookup: hang, connectTimeoutMs: 200 })),
      "timeout",
    );
    assert.ok(Date.now() - started < 2000);
  });
});

test("DNS rebinding: public at the pre-check, loopback at connect time, refused by the connect-time check", async () => {
  const before = server.requests.length;
  const calls: string[] = [];
  // First answer (pre-check) is public; the connector's own lookup then gets loopback. Were the
  // connector to trust the first answer, it would connect to 93.184.216.34: it must never do so.
  const lookup: LookupFn = (hostname) => {
    calls.push(hostname);
    return Promise.resolve([{ address: calls.length === 1 ? "93.184.216.34" : "127.0.0.1", family: 4 }]);
  };
  const error = await refused(
    safeFetch(`http://rebind.example:${server.port}/`, feed({ lookup })),
    "private-address",
  );
  assert.equal(calls.length, 2, "the connector must resolve and check again");
  assert.match(error.message, /127\.0\.0\.1/);
  assert.equal(server.requests.length, before);
});

describe("redirects", () => {
  test("a chain of 4 is followed; the final URL is reported", async () => {
    const result = await safeFetch(`${server.origin}/chain/3`, feed({ allowPrivateHosts: LOCAL }));
    assert.equal(result.url, `${server.origin}/chain/7`);
    assert.equal(result.text, "<rss>ok</rss>");
  });

  test("a chain of 5 is refused", async () => {
    const error = await refused(
      safeFetch(`${server.origin}/chain/2`, feed({ allowPrivateHosts: LOCAL })),
      "redirects",
    );
    assert.match(error.userMessage, /more than 4 times/);
  });

  test("maxRedirects: 0 refuses the first redirect", async () => {
    await refused(
      safeFetch(`${server.origin}/chain/6`, feed({ allowPrivateHosts: LOCAL, maxRedirects: 0 })),
      "redirects",
    );
  });

  test("to a private address, to localhost and to ::1 is refused without following", async () => {
    const lookup = fakeDns({ localhost: "::1" });
    for (const path of ["/to-private", "/to-localhost", "/to-ipv6-loopback", "/to-https-private"]) {
      const before = server.requests.length;
      await refused(
        safeFetch(`${server.origin}${path}`, feed({ allowPrivateHosts: LOCAL, lookup })),
        "private-address",
      );
      assert.equal(server.requests.length, before + 1, `${path}: only the first hop may reach the server`);
    }
  });

  test("to another origin sends no credentials", async () => {
    const before = other.requests.length;
    const result = await safeFetch(`${server.origin}/to-other`, feed({ allowPrivateHosts: LOCAL }));
    assert.equal(result.url, `${other.origin}/`);
    const headers = other.requests[before]?.headers ?? {};
    assert.equal(headers.authorization, undefined);
    assert.equal(headers.cookie, undefined);
  });

  test("http → https is re-checked and TLS fails closed against a plain-HTTP server", async () => {
    await refused(
      safeFetch(`${server.origin}/to-https-local`, feed({ allowPrivateHosts: LOCAL })),
      "connect",
    );
  });

  test("to ftp:, file: and javascript: is refused as a scheme, to userinfo as credentials", async () => {
    for (const path of ["/to-ftp", "/to-file", "/to-javascript"]) {
      await refused(safeFetch(`${server.origin}${path}`, feed({ allowPrivateHosts: LOCAL })), "scheme");
    }
    await refused(
      safeFetch(`${server.origin}/to-userinfo`, feed({ allowPrivateHosts: LOCAL })),
      "credentials",
    );
  });

  test("a redirect without Location is an http-status refusal", async () => {
    await refused(
      safeFetch(`${server.origin}/no-location`, feed({ allowPrivateHosts: LOCAL })),
      "http-status",
    );
  });
});

describe("URL shape", () => {
  const cases: ReadonlyArray<readonly [string, FetchRefused["reason"]]> = [
    ["ftp://127.0.0.1/feed.xml", "scheme"],
    ["file:///etc/passwd", "scheme"],
    ["javascript:alert(1)", "scheme"],
    ["data:text/xml,<rss/>", "scheme"],
    ["gopher://127.0.0.1:6379/_INFO", "scheme"],
    ["http://user:pass@127.0.0.1/", "credentials"],
    ["http://user@127.0.0.1/", "credentials"],
    ["https://:pw@example.com/", "credentials"],
    ["http://example.com:25/", "bad-url"],
    ["not a url", "bad-url"],
    ["http://", "bad-url"],
    ["http://999.1.1.1/", "bad-url"],
    [`http://example.com/${"a".repeat(5000)}`, "bad-url"],
  ];
  for (const [url, reason] of cases) {
    test(`${url.slice(0, 40)} → ${reason}`, async () => {
      const lookup = fakeDns({});
      await refused(safeFetch(url, feed({ allowPrivateHosts: LOCAL, lookup })), reason);
      assert.equal(lookup.calls.length, 0);
    });
  }
});

describe("HTTP statuses", () => {
  test("304: validators go out verbatim, the result is notModified with empty text", async () => {
    const lastModified = "Wed, 21 Oct 2015 07:28:00 GMT";
    const result = await safeFetch(
      `${server.origin}/not-modified`,
      feed({ allowPrivateHosts: LOCAL, etag: 'W/"abc-123"', lastModified }),
    );
    const sent = server.requests.at(-1)?.headers ?? {};
    assert.equal(sent["if-none-match"], 'W/"abc-123"');
    assert.equal(sent["if-modified-since"], lastModified);
    assert.equal(result.status, 304);
    assert.equal(result.notModified, true);
    assert.equal(result.text, "");
    assert.equal(result.etag, 'W/"abc-123"');
  });

  test("no validators, no conditional headers", async () => {
    const result = await safeFetch(`${server.origin}/not-modified`, feed({ allowPrivateHosts: LOCAL }));
    assert.equal(result.notModified, false);
    const sent = server.requests.at(-1)?.headers ?? {};
    assert.equal(sent["if-none-match"], undefined);
    assert.equal(sent["if-modified-since"], undefined);
  });

  test("429 and 503 return the result with Retry-After in ms", async () => {
    const busy = await safeFetch(`${server.origin}/busy`, feed({ allowPrivateHosts: LOCAL }));
    assert.equal(busy.status, 429);
    assert.equal(busy.retryAfterMs, 120_000);
    const silent = await safeFetch(`${server.origin}/busy-silent`, feed({ allowPrivateHosts: LOCAL }));
    assert.equal(silent.retryAfterMs, null);
    const down = await safeFetch(`${server.origin}/down`, feed({ allowPrivateHosts: LOCAL }));
    assert.equal(down.status, 503);
    assert.ok(down.retryAfterMs !== null && down.retryAfterMs > 50_000 && down.retryAfterMs <= 60_000);
  });

  test("other error statuses are refusals that say the status in words", async () => {
    const cases = [
      ["/gone", 410, /no feed at that address \(HTTP 410 Gone\)/],
      ["/nope", 404, /HTTP 404 Not Found/],
      ["/broken", 500, /HTTP 500 Internal Server Error/],
      ["/forbidden", 403, /refuses .*HTTP 403 Forbidden/],
    ] as const;
    for (const [path, status, words] of cases) {
      const error = await refused(
        safeFetch(`${server.origin}${path}`, feed({ allowPrivateHosts: LOCAL })),
        "http-status",
      );
      assert.equal(error.status, status);
      assert.match(error.userMessage, words);
    }
  });

  test("a closed port is a connect refusal", async () => {
    const gone = await startHostileServer();
    const port = gone.port;
    await gone.close();
    await refused(safeFetch(`http://127.0.0.1:${port}/`, feed({ allowPrivateHosts: LOCAL })), "connect");
  });
});
