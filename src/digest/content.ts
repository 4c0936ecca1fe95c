// What a subscription's digest says for one window: built by the core (buildDigest) from the server's
// documents, rendered by the outlet under a dated title.
import { buildDigest } from "../core/digest/buildDigest.js";
import { type DigestMemory } from "../core/digest/types.js";
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

export type ComposeDigest = (subscription: DigestSubscription, request: ComposeRequest) => ComposedDigest;

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

export function contentComposer(index: DocumentIndex, render: DigestOutlet["render"]): ComposeDigest {
  return (subscription, request) => {
    const digest = buildDigest(index, {
      scope: { guild: subscription.guild },
      since: request.since,
      until: request.until,
      ...(subscription.topics.length > 0 ? { topics: subscription.topics } : {}),
      previous: subscription.memory,
    });
    const emptyLine = request.preview || subscription.whenEmpty === "line" ? EMPTY_LINE : null;
    const title = `${digestTitle(subscription, request.instant)}${request.preview ? " (preview)" : ""}`;
    const messages = digest.empty && emptyLine === null ? [] : render(digest, { title, emptyLine });
    return { messages, memory: digest.memory, empty: digest.empty };
  };
}
