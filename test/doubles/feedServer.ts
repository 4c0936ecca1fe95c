// A loopback HTTP server serving an RSS feed the test can change: items, validators, failures, counts.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FeedItemSpec {
  guid: string;
  title: string;
  link: string;
  description: string;
  pubDate: string;
}

export class FeedServer {
  items: FeedItemSpec[] = [];
  title = "Policy Wire";
  /** Answers 500 while true. */
  failing = false;
  etag = '"v1"';
  readonly requests: Array<{
    path: string;
    ifNoneMatch: string | undefined;
    ifModifiedSince: string | undefined;
  }> = [];
  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<FeedServer> {
    const holder: { self?: FeedServer } = {};
    const server = createServer((req, res) => {
      holder.self?.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const self = new FeedServer(server, (server.address() as AddressInfo).port);
    holder.self = self;
    return self;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/feed.xml`;
  }

  xml(): string {
    const items = this.items
      .map(
        (i) =>
          `<item><guid isPermaLink="false">${i.guid}</guid><title>${i.title}</title><link>${i.link}</link><description><![CDATA[${i.description}]]></description><pubDate>${i.pubDate}</pubDate></item>`,
      )
      .join("");
    return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${this.title}</title><link>http://127.0.0.1:${this.port}/</link>${items}</channel></rss>`;
  }

  private handle(req: IncomingMessage, res: import("node:http").ServerResponse): void {
    this.requests.push({
      path: req.url ?? "",
      ifNoneMatch: req.headers["if-none-match"],
      ifModifiedSince: req.headers["if-modified-since"],
    });
    if (this.failing) {
      res.writeHead(500, { "content-type": "text/plain" }).end("down");
      return;
    }
    if (req.headers["if-none-match"] === this.etag) {
      res.writeHead(304, { etag: this.etag }).end();
      return;
    }
    res
      .writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", etag: this.etag })
      .end(this.xml());
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

/** News-like items about a made-up deal only this feed covers. */
export function zephyrixItems(port: number, count: number, from = 0): FeedItemSpec[] {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    return {
      guid: `zx-${i}`,
      title: `Zephyrix bid for Quillon enters week ${i + 1}`,
      link: `http://127.0.0.1:${port}/news/${i}`,
      description: `<p>Zephyrix said on Monday it may raise its offer for Quillon to $${4 + i}.5 billion, subject to approval by regulators. “We remain committed to this deal and expect to close it by March ${i + 1},” Zephyrix chief executive Dana Voss said in a statement. Quillon has not accepted the offer, according to two people familiar with the talks.</p>`,
      pubDate: new Date(Date.UTC(2025, 0, 1 + i)).toUTCString(),
    };
  });
}
