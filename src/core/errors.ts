// Expected user errors: each carries the words a person should see; front ends render them as they are.

export class UserError extends Error {
  override readonly name: string = "UserError";
}

export class UnknownTopicError extends UserError {
  override readonly name = "UnknownTopicError";
  constructor(
    readonly topic: string,
    readonly suggestions: string[],
  ) {
    super(
      suggestions.length > 0
        ? `No documents about "${topic}". Closest topics: ${suggestions.join(", ")}.`
        : `No documents about "${topic}", and nothing close to it.`,
    );
  }
}

export class EmptyTopicError extends UserError {
  override readonly name = "EmptyTopicError";
  constructor() {
    super("A topic is required, for example: tiktok");
  }
}
