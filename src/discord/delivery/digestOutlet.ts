// The digest outlet on Discord: renders a digest as embeds, posts each message with a nonce and
// enforce_nonce (so a retry after a lost reply returns the message already posted), and tells which API
// errors end a subscription (channel deleted, Missing Access, Missing Permissions) from those that pass.
import { Routes } from "discord.js";
import type { DigestMessage, DigestOutlet, PostOutcome } from "../../digest/outlet.js";
import { renderDigest } from "../render/digest.js";

/** What the outlet needs of a discord.js Client (a Client fits as it is; tests pass a fake). */
export interface DiscordDigestClient {
  guilds: { cache: { has(id: string): boolean } };
  /** discord.js's REST manager: its queue waits out 429s (per route and global) before retrying. */
  rest: { post(route: `/${string}`, options: { body: unknown }): Promise<unknown> };
  users: {
    send(userId: string, options: { content: string; allowedMentions: { parse: [] } }): Promise<unknown>;
  };
  isReady?(): boolean;
}

/** API error codes that end a subscription, not just one try, with the words its admin is told. */
const PAUSING: Record<number, string> = {
  10003: "the channel was deleted",
  50001: "Docket can no longer see the channel (Missing Access)",
  50013:
    "Docket is not allowed to post in the channel (it needs View Channel, Send Messages and Embed Links)",
};

const EPHEMERAL = 1 << 6;

/**
 * The body of one message's post. enforce_nonce makes Discord return the message already posted with this
 * nonce instead of posting a second one, so a retry after a lost reply is harmless.
 */
export function postBody(message: DigestMessage, nonce: string): Record<string, unknown> {
  const { flags, ...rest } = message as DigestMessage & { flags?: number };
  return {
    ...rest,
    allowed_mentions: { parse: [] },
    // A channel message cannot be ephemeral; the other flags (suppress embeds…) are kept.
    ...(flags !== undefined && (flags & ~EPHEMERAL) !== 0 ? { flags: flags & ~EPHEMERAL } : {}),
    nonce,
    enforce_nonce: true,
  };
}

/** A Discord API error's code and status (discord.js's DiscordAPIError), or null for anything else. */
function apiError(error: unknown): { code: number; status: number } | null {
  if (typeof error !== "object" || error === null) return null;
  const { code, status } = error as { code?: unknown; status?: unknown };
  return typeof code === "number" && typeof status === "number" ? { code, status } : null;
}

export function discordDigestOutlet(client: DiscordDigestClient): DigestOutlet {
  return {
    serves: (guild) => client.guilds.cache.has(guild),
    isReady: () => client.isReady?.() ?? true,
    render: (digest, request) => renderDigest(digest, request),
    async post(channelId, message, nonce): Promise<PostOutcome> {
      try {
        const created = (await client.rest.post(Routes.channelMessages(channelId), {
          body: postBody(message, nonce),
        })) as { id?: unknown } | null;
        if (typeof created?.id !== "string") throw new Error("Discord returned no message id");
        return { kind: "posted", id: created.id };
      } catch (error) {
        const api = apiError(error);
        const pausing = api ? PAUSING[api.code] : undefined;
        if (pausing) return { kind: "pause", reason: pausing };
        if (api && api.status >= 400 && api.status < 500 && api.status !== 429)
          return {
            kind: "refused",
            reason: `Discord refused the digest (${api.status}, code ${api.code})`,
            error,
          };
        // 5xx after the REST manager's own retries, a timeout, a network error: retried on the next tick.
        throw error;
      }
    },
    pausedNotice: (subscription, reason) =>
      `Docket paused the digest \`${subscription.id}\` for <#${subscription.channelId}>: ${reason}. ` +
      `Fix it and run \`/digest resume subscription:${subscription.id}\`, or remove it with /digest unsubscribe.`,
    async tell(userId, content) {
      await client.users.send(userId, { content, allowedMentions: { parse: [] } });
    },
  };
}
