// A loopback-only HTTP server for the safe-fetcher tests: it records every request it gets (so a test
// can prove a refused fetch never reached it) and lets each test answer however hostile it likes.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface HostileServer {
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  requests: RecordedRequest[];
  /** Routes by path; unknown paths get 404. Tests may add routes at any time. */
  routes: Map<string, Handler>;
  close: () => Promise<void>;
}

/** Starts a server on 127.0.0.1, port 0 (never on a public interface). */
export async function startHostileServer(routes: Record<string, Handler> = {}): Promise<HostileServer> {
  const table = new Map(Object.entries(routes));
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const url = req.url ?? "/";
    requests.push({ method: req.method ?? "", url, headers: req.headers });
    const handler = table.get(url.split("?")[0] ?? url);
    if (handler) handler(req, res);
    else res.writeHead(404, { "content-type": "text/plain" }).end("no such route");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    requests,
    routes: table,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** Writes `total` bytes of `fill` in 64 KiB chunks, respecting backpressure, until done or the client leaves. */
export function streamBytes(res: ServerResponse, total: number, fill = 0x61): { sent: () => number } {
  const chunk = Buffer.alloc(64 * 1024, fill);
  let sent = 0;
  let closed = false;
  res.on("close", () => {
    closed = true;
  });
  const pump = (): void => {
    while (!closed && sent < total) {
      const piece = sent + chunk.length <= total ? chunk : chunk.subarray(0, total - sent);
      sent += piece.length;
      if (!res.write(piece)) {
        res.once("drain", pump);
        return;
      }
    }
    if (!closed) res.end();
  };
  pump();
  return { sent: () => sent };
}
