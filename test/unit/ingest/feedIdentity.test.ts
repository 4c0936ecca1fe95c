// Feed item identity across fetches: canonical links, GUID/link/hash identities, repeated GUIDs, re-stamped
// dates and http → https flips; and feed items as documents.
import assert from "node:assert/strict";
import { documentId } from "../../../src/core/ingest/document.js";
import { canonicalLink, itemIdentities } from "../../../src/core/ingest/feed/identity.js";

import { feedItemToDocument } from "../../../src/core/ingest/feed/document.js";
import { parseFeed } from "../../../src/core/ingest/feed/parse.js";
import { test } from "node:test";
import { ATOM, JSON_FEED, RSS, item, rssOf } from "./feedFixtures.js";

test("canonicalLink folds scheme, host case, default ports, fragments, tracking and trailing slashes", () => {
  assert.equal(
    canonicalLink("HTTP://Example.COM:80/a/b/?utm_source=x&id=3&fbclid=y&UTM_Campaign=z&ref=rss#frag"),
    "https://example.com/a/b?id=3",
  );
  assert.equal(canonicalLink("https://example.com:443/a"), "https://example.com/a");
  assert.equal(canonicalLink("http://example.com"), "https://example.com/");
  assert.equal(canonicalLink("https://example.com/"), "https://example.com/");
  assert.equal(canonicalLink("https://example.com:8443/x/"), "https://example.com:8443/x");
  assert.equal(canonicalLink("https://e.com/p?b=2&a=1&gclid=q&mc_cid=1&mc_eid=2"), "https://e.com/p?a=1&b=2");
  assert.equal(canonicalLink("https://e.com/Case/Path"), "https://e.com/Case/Path");
  assert.equal(canonicalLink("  not a url "), "not a url");
});

test("itemIdentities: GUID first, then canonical link, then content hash; unique within the feed", () => {
  const ids = itemIdentities([
    item({ guid: "a" }),
    item({ link: "https://e.com/x" }),
    item({ title: "No guid, no link" }),
  ]);
  assert.equal(ids.length, 3);
  assert.equal(new Set(ids).size, 3);
  for (const id of ids) assert.match(id, /^[0-9a-f]{32}$/);
  // Same GUID, different link or text elsewhere: the GUID alone decides.
  assert.equal(itemIdentities([item({ guid: "a", link: "https://e.com/1", text: "v2" })])[0], ids[0]);
});

test("repeated GUIDs are told apart by link, else by content, and stay stable when the order changes", () => {
  const a = item({ guid: "dup", link: "https://e.com/a", title: "A" });
  const b = item({ guid: "dup", link: "https://e.com/b", title: "B" });
  const c = item({ guid: "dup", link: "https://e.com/b", title: "C" });
  const d = item({ guid: "dup", title: "D" });
  const ids = itemIdentities([a, b, c, d]);
  assert.equal(new Set(ids).size, 4);
  const swapped = itemIdentities([d, c, b, a]);
  assert.deepEqual(swapped, [...ids].reverse());
  // Fully identical items (a feed that lists one story twice) still get distinct ids.
  const twins = itemIdentities([a, a, item({ title: "x" }), item({ title: "x" })]);
  assert.equal(new Set(twins).size, 4);
  // Links repeat too, without GUIDs.
  const linkDupes = itemIdentities([
    item({ link: "https://e.com/l", title: "1" }),
    item({ link: "https://e.com/l", title: "2" }),
  ]);
  assert.equal(new Set(linkDupes).size, 2);
});

function idsByTitle(body: string): Map<string, string> {
  const feed = parseFeed(body, "https://x.example/feed");
  const ids = itemIdentities(feed.items);
  return new Map(feed.items.map((i, n) => [i.title, ids[n] ?? ""]));
}

test("a feed that re-stamps its dates keeps every identity", () => {
  const make = (day: number) =>
    rssOf(
      [
        `<item><title>With guid</title><guid isPermaLink="false">g-1</guid><pubDate>0${day} Mar 2024 10:00:00 GMT</pubDate><description>One</description></item>`,
        `<item><title>Link only</title><link>https://x.example/l</link><pubDate>0${day} Mar 2024 11:00:00 GMT</pubDate><description>Two</description></item>`,
        `<item><title>Neither</title><pubDate>0${day} Mar 2024 12:00:00 GMT</pubDate><description>Three</description></item>`,
      ].join(""),
    );
  const before = idsByTitle(make(1));
  const after = idsByTitle(make(9));
  assert.equal(before.size, 3);
  assert.deepEqual(after, before);
  const atomBefore = itemIdentities(parseFeed(ATOM, "https://atom.example/feed.xml").items);
  const restamped = ATOM.replaceAll("2024-03-0", "2025-07-1");
  assert.deepEqual(itemIdentities(parseFeed(restamped, "https://atom.example/feed.xml").items), atomBefore);
});

test("an http → https flip and added tracking parameters keep every identity", () => {
  const make = (scheme: string, query: string) =>
    rssOf(
      [
        `<item><title>Permalink guid</title><guid>${scheme}://x.example/p/1</guid></item>`,
        `<item><title>Link only</title><link>${scheme}://X.example/p/2/${query}</link></item>`,
      ].join(""),
    );
  const before = idsByTitle(make("http", ""));
  assert.deepEqual(idsByTitle(make("https", "")), before);
  assert.deepEqual(idsByTitle(make("https", "?utm_source=rss&amp;utm_medium=feed#comments")), before);
  assert.deepEqual(idsByTitle(make("http", "?fbclid=abc")), before);
});

test("feedItemToDocument: headline + text as raw, a stable id, the link as location", () => {
  const feed = parseFeed(RSS, "https://policywire.example/feed");
  const probe = feed.items.find((i) => i.guid === "pw-1001");
  assert.ok(probe);
  const meta = { title: feed.title, url: "https://policywire.example/feed" };
  const doc = feedItemToDocument(probe, meta, "guild:42");
  assert.equal(doc.raw, `Regulator opens probe\n\n${probe.text}`);
  assert.ok(doc.raw.includes("“We welcome it,” the company said & more."));
  assert.equal(doc.id, documentId(doc.raw));
  assert.equal(doc.title, "Regulator opens probe");
  assert.equal(doc.url, probe.link);
  assert.equal(doc.location, probe.link);
  assert.equal(doc.published, "2024-03-05");
  assert.equal(doc.outlet, "Policy Wire & Co");
  assert.equal(doc.owner, "guild:42");
  // Fetched again with a new date stamp: the same document.
  const again = feedItemToDocument({ ...probe, published: "2024-04-01T00:00:00.000Z" }, meta, "guild:42");
  assert.equal(again.id, doc.id);

  const untitled = parseFeed(JSON_FEED, "https://json.example/feed.json").items[0];
  assert.ok(untitled);
  const jsonDoc = feedItemToDocument(
    untitled,
    { title: "JSON Wire", url: "https://json.example/feed.json" },
    "global",
  );
  assert.equal(jsonDoc.title, "Untitled text line one.");
  assert.equal(jsonDoc.raw, "Untitled text line one.\n\nSecond paragraph.");
  assert.equal(jsonDoc.published, "2024-01-03");

  const linkless = item({ guid: "tag:x,1", title: "No link" });
  const a = feedItemToDocument(linkless, { title: "", url: "https://x.example/feed" }, "global");
  const b = feedItemToDocument(linkless, { title: "", url: "https://x.example/feed" }, "global");
  assert.match(a.location, /^https:\/\/x\.example\/feed#[0-9a-f]{32}$/);
  assert.deepEqual(a, b);
  assert.equal(a.outlet, "x.example");
});
