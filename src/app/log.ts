// Structured logging (pino) to stderr, so stdout stays clean for briefs and JSON.
import { pino, type Logger } from "pino";

export function createLogger(level: string): Logger {
  return pino({ level, base: { app: "docket" } }, pino.destination(2));
}
