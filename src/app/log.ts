// Structured logging (pino) to stderr, so stdout stays clean for briefs and JSON. `bindings` go on every
// line (a shard process names its shard, so the lines of several shards can be told apart).
import { pino, type Logger } from "pino";

export function createLogger(level: string, bindings: Record<string, unknown> = {}): Logger {
  return pino({ level, base: { app: "docket", ...bindings } }, pino.destination(2));
}
