// Reads a file a server admin uploaded with /source add file: only from Discord's own attachment hosts
// (or the configured API host, for a Discord double), within the 2 MB limit, through the safe fetcher.
import { InputError } from "../../core/errors.js";
import { safeFetch } from "../../fetch/safeFetch.js";
import { MAX_FILE_BYTES } from "../../core/ingest/loadFolder.js";

const DISCORD_FILE_HOSTS = new Set(["cdn.discordapp.com", "media.discordapp.net"]);

export async function downloadAttachment(
  url: string,
  size: number,
  config: { DISCORD_API_URL: string; DOCKET_ALLOW_PRIVATE_HOSTS: readonly string[] },
): Promise<string> {
  if (size > MAX_FILE_BYTES)
    throw new InputError(`That file is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is 2 MB.`);
  const host = new URL(url).hostname;
  if (!DISCORD_FILE_HOSTS.has(host) && host !== new URL(config.DISCORD_API_URL).hostname) {
    throw new InputError("Attachments are read only from Discord's own file servers.");
  }
  const result = await safeFetch(url, {
    kind: "page",
    maxBytes: MAX_FILE_BYTES,
    allowPrivateHosts: config.DOCKET_ALLOW_PRIVATE_HOSTS,
  });
  return result.text;
}
