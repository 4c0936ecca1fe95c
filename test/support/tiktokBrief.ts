// A realistic brief with invented wording about a well-known story, for render tests: three sources (one
// linked, one without a URL, one with a refused javascript: URL), a quote without a speaker, and a status and
// dated timeline as the brief carries them.
import assert from "node:assert/strict";
import type { StoryBrief } from "./renderChecks.js";

export const tiktok: StoryBrief = {
  topic: "tiktok",
  label: "TikTok",
  summary: [
    {
      id: "s1",
      text: "Microsoft confirmed it is in talks to buy TikTok's operations in the United States, Canada, Australia and New Zealand from ByteDance.",
      sources: ["ms", "reuters"],
      evidence: [{ source: "ms", sentence: "Microsoft will move quickly to pursue discussions." }],
      phrasedBy: "template",
    },
    {
      id: "s2",
      text: "Microsoft aims to complete the discussions no later than September 15, 2020.",
      sources: ["ms"],
      evidence: [{ source: "ms", sentence: "…no later than September 15, 2020." }],
      phrasedBy: "template",
    },
    {
      id: "s3",
      text: "The deal would be subject to a complete security review and to the approval of the U.S. government.",
      sources: ["ms", "ap"],
      evidence: [{ source: "ap", sentence: "…subject to a complete security review…" }],
      phrasedBy: "template",
    },
  ],
  figures: [
    {
      id: "f1",
      text: "Deadline for the talks: September 15, 2020.",
      sources: ["ms"],
      evidence: [{ source: "ms", sentence: "…September 15, 2020." }],
      phrasedBy: "template",
    },
  ],
  quotes: [
    {
      text: "Microsoft fully appreciates the importance of addressing the President's concerns.",
      speaker: "Microsoft",
      source: "ms",
      otherSources: [],
    },
    {
      text: "We are not planning on going anywhere.",
      speaker: "Vanessa Pappas",
      source: "ap",
      otherSources: [],
    },
    { text: "This is a *big* deal for @everyone.", speaker: null, source: "reuters", otherSources: [] },
    {
      text: "TikTok will be out of business in the United States.",
      speaker: "Donald Trump",
      source: "ap",
      otherSources: [],
    },
  ],
  questions: [
    {
      id: "q1",
      text: "Will the talks conclude by September 15, 2020?",
      kind: "deadline",
      basis: "Microsoft will move quickly to pursue discussions, no later than September 15, 2020.",
      source: "ms",
      related: [],
      phrasedBy: "template",
    },
  ],
  settled: [],
  sources: [
    {
      id: "ms",
      title: "Microsoft to continue discussions on potential TikTok purchase in the United States",
      url: "https://blogs.microsoft.com/blog/2020/08/02/microsoft-to-continue-discussions-on-potential-tiktok-purchase-in-the-united-states/",
      published: "2020-08-02",
      outlet: "Microsoft On the Issues",
      location: "microsoft-tiktok.txt",
    },
    {
      id: "reuters",
      title: "Microsoft [confirms] TikTok talks",
      url: null,
      published: "2020-08-03",
      outlet: "Reuters",
      location: "reuters-tiktok.txt",
    },
    {
      id: "ap",
      title: "Trump says TikTok will be banned",
      url: "javascript:alert(1)",
      published: null,
      outlet: "AP",
      location: "ap.txt",
    },
  ],
  related: [{ label: "WeChat ban", sources: ["ap"] }],
  state: { label: "In talks", date: "2020-08-03", source: "reuters" },
  timeline: [
    {
      date: "2020-08-01",
      text: "The U.S. president said he would ban the app.",
      source: "ap",
      kind: "threat",
    },
    {
      date: "2020-08-02",
      text: "Microsoft said it would continue talks to buy the app's U.S. operations.",
      source: "ms",
      kind: "talks",
    },
    {
      date: "2020-08-03",
      text: "Microsoft confirmed the talks and set a September 15 deadline.",
      source: "reuters",
      kind: "talks",
    },
  ],
};

export const point0 = tiktok.summary[0] ?? assert.fail("no summary");
export const source = (i: number) => tiktok.sources[i] ?? assert.fail("no source");
