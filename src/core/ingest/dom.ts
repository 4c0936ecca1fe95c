// The HTML libraries (linkedom's DOM, Mozilla Readability), loaded at the first page that needs them rather
// than when the ingest code is imported: they are a large share of start-up time, and a CLI brief or a bot
// start reading only text documents never parses HTML.
import { createRequire } from "node:module";
import type * as Linkedom from "linkedom";
import type * as ReadabilityModule from "@mozilla/readability";

const load = createRequire(import.meta.url);
let linkedom: typeof Linkedom | null = null;
let readability: typeof ReadabilityModule | null = null;

export function parseHTML(html: string): ReturnType<typeof Linkedom.parseHTML> {
  linkedom ??= load("linkedom") as typeof Linkedom;
  return linkedom.parseHTML(html);
}

export function readabilityClass(): typeof ReadabilityModule.Readability {
  readability ??= load("@mozilla/readability") as typeof ReadabilityModule;
  return readability.Readability;
}
