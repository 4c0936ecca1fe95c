// The port front ends ask for briefs and story lists through. In the CLI it is the index itself, in process
// (one call: a worker thread would only add its start-up); the bot gets a pool of worker threads behind the
// same port (src/store/index/briefPool.ts), so building a brief never holds the event loop.
import type { DocumentIndex, Scope } from "../index/docIndex.js";
import { buildBrief, type BriefOptions } from "./buildBrief.js";
import type { Brief } from "./schema.js";
import { listStories, type StoryListing } from "./storyList.js";

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
