// One realistic brief (the bundled seeds' story) for the renderer's layout tests, built with the factories so
// the test shows only the text a reader sees.
import type { Brief } from "../../../src/core/brief/schema.js";
import { brief, questionItem, quoteItem, sourceRef, summaryItem } from "../../support/factories.js";

export const tiktok: Brief = brief("tiktok", {
  state: { label: "Talks", date: "2020-08-02", source: "ms" },
  timeline: [
    {
      date: "2020-08-02",
      text: "Microsoft confirmed it is in talks to buy the app.",
      source: "ms",
      kind: "talks",
    },
  ],
  label: "TikTok",
  summary: [
    summaryItem(
      "s1",
      "Microsoft confirmed it is in talks to buy TikTok's operations in the United States, Canada, Australia and New Zealand from ByteDance.",
      ["ms", "reuters"],
      "Microsoft will move quickly to pursue discussions.",
    ),
    summaryItem(
      "s2",
      "Microsoft aims to complete the discussions no later than September 15, 2020.",
      ["ms"],
      "…no later than September 15, 2020.",
    ),
    {
      ...summaryItem(
        "s3",
        "The deal would be subject to a complete security review and to the approval of the U.S. government.",
        ["ms", "ap"],
      ),
      evidence: [{ source: "ap", sentence: "…subject to a complete security review…" }],
    },
  ],
  figures: [summaryItem("f1", "Deadline for the talks: September 15, 2020.", ["ms"], "…September 15, 2020.")],
  quotes: [
    quoteItem(
      "Microsoft fully appreciates the importance of addressing the President's concerns.",
      "Microsoft",
      "ms",
    ),
    quoteItem("We are not planning on going anywhere.", "Vanessa Pappas", "ap"),
    quoteItem("This is a *big* deal for @everyone.", null, "reuters"),
    quoteItem("TikTok will be out of business in the United States.", "Donald Trump", "ap"),
  ],
  questions: [
    questionItem(
      "q1",
      "Will the talks conclude by September 15, 2020?",
      "Microsoft will move quickly to pursue discussions, no later than September 15, 2020.",
      "ms",
    ),
  ],
  sources: [
    sourceRef("ms", "Microsoft to continue discussions on potential TikTok purchase in the United States", {
      url: "https://blogs.microsoft.com/blog/2020/08/02/microsoft-to-continue-discussions-on-potential-tiktok-purchase-in-the-united-states/",
      published: "2020-08-02",
      outlet: "Microsoft On the Issues",
      location: "microsoft-tiktok.txt",
    }),
    sourceRef("reuters", "Microsoft [confirms] TikTok talks", {
      published: "2020-08-03",
      outlet: "Reuters",
      location: "reuters-tiktok.txt",
    }),
    sourceRef("ap", "Trump says TikTok will be banned", { url: "javascript:alert(1)", outlet: "AP" }),
  ],
  related: [{ label: "WeChat ban", sources: ["ap"] }],
});
