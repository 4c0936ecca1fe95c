// Rate limits in the double: per-bucket limits announced in x-ratelimit-* headers and enforced with 429s
// (the bucket is the route plus its major parameter, as on Discord), and failures tests inject with failNext().
import { HttpError, bucketHash } from "./protocol.js";
import type { FailRule, Reply, Route } from "./types.js";

export class RateLimiter {
  private readonly failRules: FailRule[] = [];
  private readonly buckets = new Map<string, { remaining: number; resetAt: number }>();

  constructor(private readonly rateLimit: { limit: number; windowMs: number }) {}

  /** Makes the next `times` requests matching `match` fail with `response` (see DiscordDouble.failNext). */
  failNext(
    match: { method?: string; path: RegExp },
    response: { status: number; retryAfter?: number; global?: boolean },
    times = 1,
  ): void {
    this.failRules.push({
      method: match.method?.toUpperCase(),
      path: match.path,
      status: response.status,
      retryAfter: response.retryAfter ?? 1,
      global: response.global ?? false,
      times,
    });
  }

  /** An injected failure (failNext) for this request, if one matches: Discord's 429 or a plain 5xx. */
  takeFailure(method: string, path: string): Reply | undefined {
    const rule = this.failRules.find(
      (r) => (r.method === undefined || r.method === method) && r.path.test(path),
    );
    if (!rule) return undefined;
    rule.times -= 1;
    if (rule.times <= 0) this.failRules.splice(this.failRules.indexOf(rule), 1);
    if (rule.status !== 429) {
      // Discord's 5xx come from its edge and are not JSON.
      return {
        status: rule.status,
        body: `${rule.status} ${rule.status === 502 ? "Bad Gateway" : "Server Error"}`,
      };
    }
    const headers: Record<string, string> = {
      // The header is whole seconds rounded up; only the body carries the float.
      "retry-after": String(Math.ceil(rule.retryAfter)),
      "x-ratelimit-scope": rule.global ? "global" : "user",
    };
    if (rule.global) headers["x-ratelimit-global"] = "true";
    else
      Object.assign(headers, {
        "x-ratelimit-limit": String(this.rateLimit.limit),
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": ((Date.now() + rule.retryAfter * 1000) / 1000).toFixed(3),
        "x-ratelimit-reset-after": rule.retryAfter.toFixed(3),
        "x-ratelimit-bucket": bucketHash(`${method} ${path}`),
      });
    return {
      status: 429,
      headers,
      body: { message: "You are being rate limited.", retry_after: rule.retryAfter, global: rule.global },
    };
  }

  /** Counts a request against its bucket (route + major parameter) and returns the x-ratelimit-* headers. */
  countRequest(route: Route, params: string[]): Record<string, string> {
    const hash = bucketHash(route.name);
    const major = route.major === undefined ? "" : (params[route.major] ?? "");
    const key = `${hash}:${major}`;
    const now = Date.now();
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.resetAt <= now) {
      bucket = { remaining: this.rateLimit.limit, resetAt: now + this.rateLimit.windowMs };
      this.buckets.set(key, bucket);
    }
    const resetAfter = (bucket.resetAt - now) / 1000;
    const headers = (remaining: number): Record<string, string> => ({
      "x-ratelimit-limit": String(this.rateLimit.limit),
      "x-ratelimit-remaining": String(remaining),
      "x-ratelimit-reset": (bucket.resetAt / 1000).toFixed(3),
      "x-ratelimit-reset-after": resetAfter.toFixed(3),
      "x-ratelimit-bucket": hash,
    });
    if (bucket.remaining <= 0)
      throw new HttpError({
        status: 429,
        headers: { ...headers(0), "retry-after": String(Math.ceil(resetAfter)), "x-ratelimit-scope": "user" },
        body: {
          message: "You are being rate limited.",
          retry_after: Number(resetAfter.toFixed(3)),
          global: false,
        },
      });
    bucket.remaining -= 1;
    return headers(bucket.remaining);
  }
}
