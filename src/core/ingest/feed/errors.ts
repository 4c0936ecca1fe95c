// The one error a feed parse throws, carrying a sentence an admin can act on.
import { UserError } from "../../errors.js";

export class FeedError extends UserError {
  override readonly name = "FeedError";

  /** `userMessage`: a sentence for the person who added the feed ("That address returned a web page, not a feed"). */
  constructor(userMessage: string, options?: { cause?: unknown }) {
    super("input", userMessage, options);
  }
}
