// Feeds the feed tests parse (RSS 2.0, Atom, RSS 1.0/RDF, JSON Feed, a web page) and their helpers: an item
// factory, FeedError capture, timing, and an RSS wrapper for generated items.
import assert from "node:assert/strict";

import { FeedError } from "../../../src/core/ingest/feed/errors.js";

import { type FeedItem } from "../../../src/core/ingest/feed/types.js";

export const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>Policy Wire &amp; Co</title>
  <link>https://policywire.example/</link>
  <atom:link href="https://policywire.example/feed" rel="self" type="application/rss+xml"/>
  <description>News</description>
  <item>
    <title>Regulator opens probe</title>
    <link>/2024/03/probe?utm_source=rss&amp;utm_medium=feed</link>
    <guid isPermaLink="false">pw-1001</guid>
    <pubDate>Tue, 05 Mar 2024 09:30:00 +0000</pubDate>
    <dc:creator>Ana Ruiz</dc:creator>
    <description>Short summary only</description>
    <content:encoded><![CDATA[<p>The regulator opened a probe on Tuesday.</p><script>alert("x")</script><style>p { color: red }</style><p>&#8220;We welcome it,&#8221; the company said &amp; more.</p>]]></content:encoded>
  </item>
  <item>
    <title>Older: Ben &amp;amp; Jerry&#8217;s fined</title>
    <guid>https://policywire.example/2024/03/fine</guid>
    <pubDate>Mon, 04 Mar 2024 08:00:00 GMT</pubDate>
    <description>&lt;p&gt;The fine was &lt;b&gt;large&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Second para.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Newest</title>
    <guid isPermaLink="true">https://policywire.example/2024/03/newest</guid>
    <link>https://policywire.example/2024/03/newest-link</link>
    <pubDate>Wed, 06 Mar 2024 12:00:00 EST</pubDate>
    <description>Plain text &lt; with a sign</description>
  </item>
</channel>
</rss>`;

export const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example/blog/">
  <title type="text">Atom Policy</title>
  <link rel="self" href="https://atom.example/feed.xml"/>
  <link rel="alternate" type="text/html" href="https://atom.example/"/>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2024-03-07T00:00:00Z</updated>
  <author><name>Desk</name></author>
  <entry>
    <title type="html">Court &lt;em&gt;rules&lt;/em&gt;</title>
    <link rel="edit" href="https://atom.example/edit/1"/>
    <link rel="alternate" type="text/html" href="posts/court"/>
    <id>tag:atom.example,2024:1</id>
    <published>2024-03-01T10:00:00+01:00</published>
    <updated>2024-03-02T10:00:00Z</updated>
    <summary>Summary only</summary>
    <content type="html">&lt;p&gt;The court ruled.&lt;/p&gt;&lt;script&gt;evil()&lt;/script&gt;&lt;p&gt;Appeal likely.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>XHTML entry</title>
    <link href="/abs/path"/>
    <id>tag:atom.example,2024:2</id>
    <updated>2024-03-05T10:00:00Z</updated>
    <author><name>Bo</name></author>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>First &amp; foremost.</p><p>Then <b>bold</b>.</p></div></content>
  </entry>
</feed>`;

export const RDF = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example/">
    <title>RDF Wire</title>
    <link>https://rdf.example/</link>
    <description>Old school</description>
    <items><rdf:Seq><rdf:li resource="https://rdf.example/a"/><rdf:li resource="https://rdf.example/b"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://rdf.example/a">
    <title>First RDF item</title>
    <link>https://rdf.example/a</link>
    <description>RDF body text.</description>
    <dc:date>2024-02-01T00:00:00Z</dc:date>
    <dc:creator>Cy</dc:creator>
  </item>
  <item rdf:about="https://rdf.example/b">
    <title>Second RDF item</title>
    <link>https://rdf.example/b</link>
    <description>More.</description>
    <dc:date>2024-02-03</dc:date>
  </item>
</rdf:RDF>`;

export const JSON_FEED = JSON.stringify({
  version: "https://jsonfeed.org/version/1.1",
  title: "JSON Wire",
  home_page_url: "https://json.example/",
  feed_url: "https://json.example/feed.json",
  authors: [{ name: "Feed Author" }],
  items: [
    {
      id: "1",
      url: "https://json.example/1",
      title: "HTML item",
      content_html: "<p>Para one.</p><script>x()</script><p>Para two &amp; three.</p>",
      date_published: "2024-01-02T03:04:05Z",
      authors: [{ name: "Di" }],
    },
    {
      id: 2,
      url: "/2",
      content_text: "Untitled text line one.\n\nSecond paragraph.",
      date_published: "2024-01-03T00:00:00Z",
      date_modified: "2024-01-04T00:00:00Z",
    },
  ],
});

export const HTML_PAGE = `<!DOCTYPE html>
<html lang="en"><head><title>Policy Wire: home</title></head>
<body><h1>Welcome</h1><p>Read our latest news.</p></body></html>`;

export function item(fields: Partial<FeedItem>): FeedItem {
  return {
    guid: null,
    link: null,
    title: "A headline",
    published: null,
    updated: null,
    text: "Some text.",
    author: null,
    ...fields,
  };
}

export function feedError(fn: () => unknown): FeedError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof FeedError, `expected a FeedError, got ${String(error)}`);
    return error;
  }
  assert.fail("expected a FeedError");
}

/**
 * The CPU time of a synchronous call. An entity expansion burns CPU; a busy machine only stretches the clock,
 * so a wall-clock bound failed here at load 12 on a parse that did no extra work.
 */
export function cpuTimed<T>(fn: () => T): { value: T; cpuMs: number } {
  const before = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(before);
  return { value, cpuMs: (used.user + used.system) / 1000 };
}

export function rssOf(items: string, head = ""): string {
  return `<?xml version="1.0"?>${head}<rss version="2.0"><channel><title>T</title><link>https://x.example/</link>${items}</channel></rss>`;
}
