// The one error a feed parse throws, carrying a sentence an admin can act on.

export class FeedError extends Error {
  override readonly name = "FeedError";
  /** A sentence for the person who added the feed, e.g. "That address returned a web page, not a feed". */
  readonly userMessage: string;

  constructor(userMessage: string, options?: { cause?: unknown }) {
    super(userMessage, options);
    this.userMessage = userMessage;
  }
}
