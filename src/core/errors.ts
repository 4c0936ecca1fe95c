// User-facing errors: one base class, UserError, whose `userMessage` is the words a person should see, and
// a kind that says what went wrong, so front ends choose how to show it (an exit code, a private reply)
// without guessing from fields. Subclasses live beside the code that throws them: ConfigError (src/app),
// StoreError (src/store), FetchRefused (src/fetch), FeedError (core/ingest/feed), UsageError (src/cli).
// Anything that is not a UserError is a bug: front ends log it and show an error id, never its text.

export type UserErrorKind = "input" | "topic" | "usage" | "config" | "store" | "fetch";

export interface UserErrorOptions {
  cause?: unknown;
  /** Details for logs (addresses, driver codes); `message` carries them, `userMessage` never does. */
  detail?: string;
}

export class UserError extends Error {
  override readonly name: string = "UserError";
  /** The words for a person, as they are: no internals (resolved addresses, stack, driver details). */
  readonly userMessage: string;

  constructor(
    readonly kind: UserErrorKind,
    userMessage: string,
    options: UserErrorOptions = {},
  ) {
    super(options.detail ?? userMessage, options.cause === undefined ? {} : { cause: options.cause });
    this.userMessage = userMessage;
  }
}

/** Something asked of Docket that cannot be done as asked: an unknown id, a file too large, a bad schedule. */
export class InputError extends UserError {
  override readonly name: string = "InputError";
  constructor(message: string, options?: UserErrorOptions) {
    super("input", message, options);
  }
}

export class UnknownTopicError extends UserError {
  override readonly name = "UnknownTopicError";
  constructor(
    readonly topic: string,
    readonly suggestions: string[],
  ) {
    super(
      "topic",
      suggestions.length > 0
        ? `No documents about "${topic}". Closest topics: ${suggestions.join(", ")}.`
        : `No documents about "${topic}", and nothing close to it.`,
    );
  }
}

export class EmptyTopicError extends UserError {
  override readonly name = "EmptyTopicError";
  constructor() {
    super("topic", "A topic is required, for example: tiktok");
  }
}

/** The words a person should see for an error, or null when it is not a user error (then it is a bug). */
export function userMessageOf(error: unknown): string | null {
  return error instanceof UserError ? error.userMessage : null;
}
