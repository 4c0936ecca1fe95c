// One polling process as the sources runtime wires it, for tests that drive polling by hand: a store on an
// SQLite file, an in-memory index, the source service and the feed poller, all on the test's clock and the
// real safeFetch (loopback allowed, the documented way for tests to reach their servers).
import { pino } from "pino";
import { DocumentIndex } from "../../src/core/index/docIndex.js";
import { safeFetch } from "../../src/fetch/safeFetch.js";
import { FeedPoller, type PollerDeps } from "../../src/sources/poller.js";
import { SourceService } from "../../src/sources/sourceService.js";
import { SourceStore } from "../../src/sources/sourceStore.js";
import { openStore, type Store } from "../../src/store/openStore.js";

export const ALLOW_LOOPBACK = ["127.0.0.1"];

export interface PollingProcess {
  store: Store;
  sources: SourceStore;
  index: DocumentIndex;
  service: SourceService;
  poller: FeedPoller;
}

/** Opens the store at `file` and wires the rest; `poll` adds the notifier and, for shared stores, the claim. */
export async function pollingProcess(
  file: string,
  clock: () => number,
  poll: Pick<PollerDeps, "notify" | "claim"> | ((store: Store) => Pick<PollerDeps, "notify" | "claim">),
): Promise<PollingProcess> {
  const logger = pino({ level: "silent" });
  const store = await openStore(`sqlite://${file}`);
  const sources = new SourceStore(store);
  const index = new DocumentIndex();
  const common = { fetch: safeFetch, now: clock, allowPrivateHosts: ALLOW_LOOPBACK, logger };
  const service = new SourceService({ ...common, sources, index });
  const extra = typeof poll === "function" ? poll(store) : poll;
  const poller = new FeedPoller({ ...common, ...extra, sources, service });
  return { store, sources, index, service, poller };
}
