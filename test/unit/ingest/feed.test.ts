// Feed parsing: RSS 2.0, Atom, RSS 1.0/RDF and JSON Feed as items in order, and sniffing feeds from pages.
import assert from "node:assert/strict";

import { parseFeed, sniffContent } from "../../../src/core/ingest/feed/parse.js";
import { test } from "node:test";
import { ATOM, HTML_PAGE, JSON_FEED, RDF, RSS, rssOf } from "./feedFixtures.js";

test("RSS 2.0: content:encoded, guid permalink variants, RFC 822 dates, relative links, newest first", () => {
  const feed = parseFeed(RSS, "https://policywire.example/feed");
  assert.equal(feed.format, "rss");
  assert.equal(feed.title, "Policy Wire & Co");
  assert.equal(feed.link, "https://policywire.example/");
  assert.deepEqual(
    feed.items.map((i) => i.title),
    ["Newest", "Regulator opens probe", "Older: Ben & Jerry’s fined"],
  );
  const [newest, probe, fine] = feed.items;
  assert.ok(newest && probe && fine);

  assert.equal(probe.guid, "pw-1001");
  assert.equal(probe.link, "https://policywire.example/2024/03/probe?utm_source=rss&utm_medium=feed");
  assert.equal(probe.published, "2024-03-05T09:30:00.000Z");
  assert.equal(probe.author, "Ana Ruiz");
  assert.equal(
    probe.text,
    "The regulator opened a probe on Tuesday.\n\n“We welcome it,” the company said & more.",
  );
  assert.doesNotMatch(probe.text, /alert|color/);

  // isPermaLink defaults to true: the guid is the link when there is no <link>.
  assert.equal(fine.link, "https://policywire.example/2024/03/fine");
  assert.equal(fine.text, "The fine was large.\n\nSecond para.");
  // An explicit <link> wins over a permalink guid.
  assert.equal(newest.guid, "https://policywire.example/2024/03/newest");
  assert.equal(newest.link, "https://policywire.example/2024/03/newest-link");
  assert.equal(newest.published, "2024-03-06T17:00:00.000Z");
  assert.equal(newest.text, "Plain text < with a sign");
  assert.equal(newest.updated, null);
});

test("Atom: xml:base, rel=alternate, published/updated, html and xhtml content, feed-level author", () => {
  const feed = parseFeed(ATOM, "https://atom.example/feed.xml");
  assert.equal(feed.format, "atom");
  assert.equal(feed.title, "Atom Policy");
  assert.equal(feed.link, "https://atom.example/");
  const [xhtml, court] = feed.items;
  assert.ok(xhtml && court);
  assert.equal(feed.items.length, 2);
  assert.equal(court.title, "Court rules");
  assert.equal(court.guid, "tag:atom.example,2024:1");
  assert.equal(court.link, "https://atom.example/blog/posts/court");
  assert.equal(court.published, "2024-03-01T09:00:00.000Z");
  assert.equal(court.updated, "2024-03-02T10:00:00.000Z");
  assert.equal(court.author, "Desk");
  assert.equal(court.text, "The court ruled.\n\nAppeal likely.");
  assert.equal(xhtml.link, "https://atom.example/abs/path");
  assert.equal(xhtml.published, null);
  assert.equal(xhtml.author, "Bo");
  assert.equal(xhtml.text, "First & foremost.\n\nThen bold.");
});

test("RSS 1.0 / RDF: items beside the channel, dc:date, rdf:about as the guid", () => {
  const feed = parseFeed(RDF, "https://rdf.example/index.rdf");
  assert.equal(feed.format, "rss");
  assert.equal(feed.title, "RDF Wire");
  assert.deepEqual(
    feed.items.map((i) => [i.title, i.link, i.guid, i.published, i.author, i.text]),
    [
      [
        "Second RDF item",
        "https://rdf.example/b",
        "https://rdf.example/b",
        "2024-02-03T00:00:00.000Z",
        null,
        "More.",
      ],
      [
        "First RDF item",
        "https://rdf.example/a",
        "https://rdf.example/a",
        "2024-02-01T00:00:00.000Z",
        "Cy",
        "RDF body text.",
      ],
    ],
  );
});

test("JSON Feed 1.1: content_html and content_text, numeric ids, relative urls, authors", () => {
  const feed = parseFeed(JSON_FEED, "https://json.example/feed.json");
  assert.equal(feed.format, "json");
  assert.equal(feed.title, "JSON Wire");
  assert.equal(feed.link, "https://json.example/");
  const [untitled, html] = feed.items;
  assert.ok(untitled && html);
  assert.equal(untitled.guid, "2");
  assert.equal(untitled.link, "https://json.example/2");
  assert.equal(untitled.title, "");
  assert.equal(untitled.text, "Untitled text line one.\n\nSecond paragraph.");
  assert.equal(untitled.updated, "2024-01-04T00:00:00.000Z");
  assert.equal(untitled.author, "Feed Author");
  assert.equal(html.text, "Para one.\n\nPara two & three.");
  assert.equal(html.author, "Di");
  assert.equal(html.published, "2024-01-02T03:04:05.000Z");
});

test("undated items keep document order", () => {
  const feed = parseFeed(
    rssOf("<item><title>b</title><guid>2</guid></item><item><title>a</title><guid>1</guid></item>"),
    "https://x.example/feed",
  );
  assert.deepEqual(
    feed.items.map((i) => i.title),
    ["b", "a"],
  );
});

test("sniffContent tells feeds from web pages and garbage", () => {
  assert.equal(sniffContent(RSS, "application/rss+xml"), "feed");
  assert.equal(sniffContent(ATOM, null), "feed");
  assert.equal(sniffContent(RDF, "text/xml"), "feed");
  assert.equal(sniffContent(JSON_FEED, "application/feed+json"), "feed");
  assert.equal(
    sniffContent(`\uFEFF\n<!-- generator --><?xml-stylesheet href="s.xsl"?>\n${rssOf("")}`, null),
    "feed",
  );
  assert.equal(sniffContent(`<!DOCTYPE rss [<!ENTITY a "]>">]><rss version="2.0"/>`, null), "feed");
  // A web page is a web page whatever the server calls it.
  assert.equal(sniffContent(HTML_PAGE, "application/rss+xml"), "html");
  assert.equal(sniffContent("<html><body>hi</body></html>", null), "html");
  assert.equal(
    sniffContent('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"/>', null),
    "html",
  );
  assert.equal(sniffContent("<div>fragment</div>", "text/html; charset=utf-8"), "html");
  assert.equal(sniffContent("<div>fragment</div>", null), "unknown");
  assert.equal(sniffContent(JSON.stringify({ version: "1.0", items: [] }), "application/json"), "unknown");
  assert.equal(sniffContent('{"version": "https://jsonfeed.org/version/1", ', null), "unknown");
  assert.equal(sniffContent("\u0000\u0001 binary junk", null), "unknown");
  assert.equal(sniffContent("plain words", "text/plain"), "unknown");
  assert.equal(sniffContent("", null), "unknown");
  assert.equal(sniffContent('<?xml version="1.0"?><note><to>x</to></note>', "text/xml"), "unknown");
});
