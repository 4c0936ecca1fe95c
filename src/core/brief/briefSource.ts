// The port front ends ask for briefs and story lists through. In the CLI it is the index itself, in process
// (one call: a worker thread would only add its start-up); the bot gets a pool of worker threads behind the
// same port (src/store/index/briefPool.ts), so building a brief never holds the event loop. On an index shared
// in a database, each answer loads a view of what it reads first (viewBriefs).
import { EmptyTopicError } from "../errors.js";
import type { AsyncIndex } from "../index/asyncIndex.js";
import type { DocumentIndex, Scope } from "../index/docIndex.js";
import { buildBrief, groundedBrief, type BriefOptions } from "./buildBrief.js";
import type { Brief } from "./schema.js";
import { listStories, listStoriesWith, type StoryListing } from "./storyList.js";

export interface StoryList {
  /** Documents in scope. */
  documents: number;
  stories: StoryListing[];
}

export interface BriefSource {
  /** The grounded brief (rejects with UnknownTopicError / EmptyTopicError, as buildBrief does). */
  brief(topic: string, options: BriefOptions): Promise<Brief>;
  /** The stories in scope, for /topics. */
  stories(scope: Scope): Promise<StoryList>;
  /** True when work asked for now would wait behind other work: a front end should acknowledge first. */
  busy(): boolean;
}

/** Everything built on the caller's thread, from the index it is given. */
export function inProcessBriefs(index: DocumentIndex): BriefSource {
  return {
    brief: (topic, options) => buildBrief(index, topic, options),
    stories: (scope) => {
      try {
        const documents = [...index.documents(scope)].length;
        return Promise.resolve({ documents, stories: documents > 0 ? listStories(index, scope) : [] });
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
    busy: () => false,
  };
}

/** Briefs kept per view-loading source: button presses and the LLM refinement ask again for one just built. */
const RECENT_BRIEFS = 128;

/**
 * Briefs and story lists on a shared index: each loads a view holding what it reads (a few queries), then runs
 * the kernel on it on the caller's thread. Briefs are remembered under the index's version, which any
 * process's add moves, so an added document is never answered with a brief from before it.
 */
export function viewBriefs(index: AsyncIndex): BriefSource {
  const recent = new Map<string, Promise<Brief>>();
  const build = async (topic: string, options: BriefOptions): Promise<Brief> => {
    if (!topic.trim()) throw new EmptyTopicError();
    return groundedBrief(await index.briefView(topic, options.scope ?? {}), topic, options);
  };
  return {
    async brief(topic, options) {
      const scope = options.scope ?? {};
      const key = [
        await index.version(),
        scope.guild ?? "",
        options.maxQuotes ?? "",
        topic.trim().toLowerCase(),
      ];
      const id = key.join("\u0000");
      const known = recent.get(id);
      if (known) return known;
      const built = build(topic, options);
      recent.set(id, built);
      // The oldest goes first (a Map keeps insertion order); a failure is not remembered.
      if (recent.size > RECENT_BRIEFS) recent.delete(recent.keys().next().value ?? "");
      built.catch(() => recent.delete(id));
      return built;
    },
    async stories(scope) {
      const view = await index.storiesView(scope);
      const documents = [...view.documents(scope)].length;
      if (documents === 0) return { documents, stories: [] };
      const stories = await listStoriesWith(view, scope, async (topic) => {
        const briefView = await index.briefView(topic, scope);
        // As listStories: a label whose brief cannot be built is left out (the view's loading may still fail).
        try {
          return groundedBrief(briefView, topic, { scope });
        } catch {
          return null;
        }
      });
      return { documents, stories };
    },
    busy: () => false,
  };
}
