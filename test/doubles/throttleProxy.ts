// A loopback HTTP front for a FeedServer that can answer 429 with a Retry-After, and logs every request
// with the test's simulated time. Everything else is forwarded verbatim (headers both ways) to the feed.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { FeedServer } from "./feedServer.js";

export interface LoggedRequest {
  /** The simulated time the request arrived at. */
  at: number;
  ifNoneMatch: string | undefined;
  ifModifiedSince: string | undefined;
  status: number;
}

export class ThrottleProxy {
  /** While `times` > 0, requests are answered 429 with this Retry-After value (and `times` counts down). */
  throttle: { retryAfter: string; times: number } | null = null;
  readonly requests: LoggedRequest[] = [];

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly upstream: FeedServer,
    private readonly clock: () => number,
  ) {}

  static async start(upstream: FeedServer, clock: () => number): Promise<ThrottleProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const self = new ThrottleProxy(server, (server.address() as AddressInfo).port, upstream, clock);
    server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      self.handle(req, res);
    });
    return self;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/feed.xml`;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const entry: LoggedRequest = {
      at: this.clock(),
      ifNoneMatch: req.headers["if-none-match"],
      ifModifiedSince: req.headers["if-modified-since"],
      status: 0,
    };
    this.requests.push(entry);
    if (this.throttle && this.throttle.times > 0) {
      this.throttle.times--;
      entry.status = 429;
      res
        .writeHead(429, { "retry-after": this.throttle.retryAfter, "content-type": "text/plain" })
        .end("slow down");
      return;
    }
    const forward = request(
      {
        host: "127.0.0.1",
        port: this.upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (upstream) => {
        entry.status = upstream.statusCode ?? 0;
        res.writeHead(entry.status, upstream.headers);
        upstream.pipe(res);
      },
    );
    forward.on("error", () => {
      entry.status = 502;
      res.writeHead(502).end();
    });
    forward.end();
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => {
        resolve();
      });
    });
  }
}
