// The double's HTTP side: reads a request (JSON, or multipart with payload_json and files), records it,
// applies injected failures and rate limits, finds the route, checks the Bot token, and writes the reply.
import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError, errors } from "./protocol.js";
import type { RateLimiter } from "./rateLimits.js";
import type { DoubleState } from "./state.js";
import type { RecordedRequest, Reply, Route, Upload } from "./types.js";

export class RestServer {
  constructor(
    private readonly state: DoubleState,
    private readonly limiter: RateLimiter,
    private readonly routes: Route[],
  ) {}

  async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = this.state.now();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    // discord.js sends `@original` as `%40original`; routes and failNext see the decoded path.
    const pathname = safeDecode(url.pathname);
    const versioned = pathname.startsWith("/api/v10/");
    const path = versioned ? pathname.slice("/api/v10".length) : pathname;
    const entry: RecordedRequest = {
      method,
      path,
      query: url.search,
      body: undefined,
      at,
      status: 0,
      userAgent: req.headers["user-agent"] ?? "",
    };
    this.state.requests.push(entry);
    let reply: Reply;
    try {
      const parsed = await parseBody(req);
      entry.body = parsed.body;
      if (parsed.files.length > 0) entry.files = parsed.files;
      reply = this.answer(method, path, versioned, url.searchParams, req.headers.authorization, parsed);
    } catch (error) {
      if (error instanceof HttpError) reply = error.reply;
      else {
        // A bug in the double should fail the test loudly, not look like Discord's behaviour.
        console.error("DiscordDouble: internal error", error);
        reply = { status: 500, body: { message: "500: Internal Server Error", code: 0 } };
      }
    }
    entry.status = reply.status;
    const headers: Record<string, string> = { ...reply.headers };
    let payload: string | undefined;
    if (typeof reply.body === "string") {
      headers["content-type"] = "text/plain; charset=utf-8";
      payload = reply.body;
    } else if (reply.body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(reply.body);
    }
    res.writeHead(reply.status, headers);
    res.end(payload);
  }

  private answer(
    method: string,
    path: string,
    versioned: boolean,
    query: URLSearchParams,
    authorization: string | undefined,
    parsed: { body: unknown; files: Upload[] },
  ): Reply {
    const injected = this.limiter.takeFailure(method, path);
    if (injected) return injected;
    if (!versioned) throw errors.notFound();
    const candidates = this.routes.filter((r) => r.pattern.test(path));
    const route = candidates.find((r) => r.method === method);
    if (!route) throw candidates.length > 0 ? errors.methodNotAllowed() : errors.notFound();
    if (route.auth && authorization !== `Bot ${this.state.token}`) throw errors.unauthorized();
    const params = (route.pattern.exec(path) ?? []).slice(1).map((p) => p ?? "");
    const limit = this.limiter.countRequest(route, params);
    try {
      const reply = route.handle({ method, params, query, body: parsed.body, files: parsed.files });
      return { ...reply, headers: { ...limit, ...reply.headers } };
    } catch (error) {
      if (error instanceof HttpError)
        throw new HttpError({ ...error.reply, headers: { ...limit, ...error.reply.headers } });
      throw error;
    }
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 26 * 1024 * 1024) throw errors.tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** JSON, or multipart/form-data whose payload_json field carries the JSON and files[n] the uploads. */
async function parseBody(req: IncomingMessage): Promise<{ body: unknown; files: Upload[] }> {
  const raw = await readRaw(req);
  const type = req.headers["content-type"] ?? "";
  if (raw.length === 0) return { body: undefined, files: [] };
  if (type.startsWith("multipart/form-data")) {
    const form = await new Response(Uint8Array.from(raw), { headers: { "content-type": type } }).formData();
    const files: Upload[] = [];
    let body: unknown = {};
    for (const [field, value] of form.entries()) {
      if (typeof value === "string") {
        if (field === "payload_json") body = parseJson(value);
      } else files.push({ field, name: value.name, size: value.size, contentType: value.type });
    }
    return { body, files };
  }
  return { body: parseJson(raw.toString("utf8")), files: [] };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw errors.invalidJson();
  }
}
