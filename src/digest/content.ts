// What a subscription's digest says for one window: built by the core (buildDigest) from the server's
// documents, rendered by the outlet under a dated title. On an index shared in a database, the documents of
// the window are loaded into a view first; an index in this process answers at once.
import { buildDigest } from "../core/digest/buildDigest.js";
import { type DigestMemory, type DigestOptions } from "../core/digest/types.js";
import { isAsyncIndex, type AsyncIndex } from "../core/index/asyncIndex.js";
import type { DocumentIndex } from "../core/index/docIndex.js";
import type { DigestMessage, DigestOutlet } from "./outlet.js";
import type { DigestSubscription } from "./subscriptions.js";

export const EMPTY_LINE = "Nothing new in the stories you follow.";

export interface ComposeRequest {
  since: number;
  until: number;
  /** The scheduled instant the title is dated with. */
  instant: number;
  /** A preview always shows something, whatever when_empty says. */
  preview?: boolean;
}

export interface ComposedDigest {
  /** What to post, in order; empty when there is nothing to post (an empty digest with when_empty:nothing). */
  messages: DigestMessage[];
  memory: DigestMemory;
  empty: boolean;
}

/** Synchronous for an index in this process, by promise for a shared one; callers await both alike. */
export type ComposeDigest = (
  subscription: DigestSubscription,
  request: ComposeRequest,
) => ComposedDigest | Promise<ComposedDigest>;

/** "Daily digest — 25 Nov 2026", dated in the subscription's own time zone. */
export function digestTitle(
  subscription: Pick<DigestSubscription, "every" | "timezone">,
  instant: number,
): string {
  const date = new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: subscription.timezone,
  }).format(instant);
  return `${subscription.every === "week" ? "Weekly" : "Daily"} digest — ${date}`;
}

export function contentComposer(
  index: DocumentIndex | AsyncIndex,
  render: DigestOutlet["render"],
): ComposeDigest {
  const finish = (
    view: DocumentIndex,
    subscription: DigestSubscription,
    request: ComposeRequest,
    options: DigestOptions,
  ): ComposedDigest => {
    const digest = buildDigest(view, options);
    const emptyLine = request.preview || subscription.whenEmpty === "line" ? EMPTY_LINE : null;
    const title = `${digestTitle(subscription, request.instant)}${request.preview ? " (preview)" : ""}`;
    const messages = digest.empty && emptyLine === null ? [] : render(digest, { title, emptyLine });
    return { messages, memory: digest.memory, empty: digest.empty };
  };
  const optionsFor = (subscription: DigestSubscription, request: ComposeRequest): DigestOptions => ({
    scope: { guild: subscription.guild },
    since: request.since,
    until: request.until,
    ...(subscription.topics.length > 0 ? { topics: subscription.topics } : {}),
    previous: subscription.memory,
  });
  if (!isAsyncIndex(index))
    return (subscription, request) => finish(index, subscription, request, optionsFor(subscription, request));
  return async (subscription, request) => {
    const options = optionsFor(subscription, request);
    const view = await index.digestView({
      scope: options.scope,
      since: options.since,
      until: options.until,
      topics: options.topics ?? [],
    });
    return finish(view, subscription, request, options);
  };
}
