// How a process entry (the CLI, `npm start`, `npm run deploy-commands`) ends on a user error: its words on
// stderr and an exit code from its kind. Anything else is not a user error and is rethrown (a bug: stack).
import { UserError } from "../core/errors.js";

/** 2: the command line or the configuration must change; 1: anything else a person can act on. */
const EXIT_CODES = { usage: 2, config: 2, input: 1, topic: 1, store: 1, fetch: 1 } as const;

/** The exit code for a user error's kind. */
export function exitCodeOf(error: UserError): number {
  return EXIT_CODES[error.kind];
}

/** Writes a user error's words and returns the exit code, or returns null when it is not a user error. */
export function reportUserError(error: unknown, stderr: NodeJS.WritableStream): number | null {
  if (!(error instanceof UserError)) return null;
  stderr.write(`${error.userMessage}\n`);
  return EXIT_CODES[error.kind];
}
