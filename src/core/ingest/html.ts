// Extracts an article's main text from HTML with Mozilla Readability on a linkedom DOM.
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

export interface ExtractedHtml {
  title: string | null;
  text: string;
  published: string | null;
  url: string | null;
}

function meta(document: Document, selectors: string[]): string | null {
  for (const selector of selectors) {
    const value = document.querySelector(selector)?.getAttribute("content") ?? null;
    if (value) return value.trim();
  }
  return null;
}

/** Block elements become paragraphs so the analyzer sees the article's own paragraph breaks. */
function blockText(root: Element): string {
  const blocks = root.querySelectorAll("p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption");
  const parts: string[] = [];
  for (const block of blocks) {
    // A <p> inside a <blockquote> or <li> is read with its parent, not twice.
    if (block.parentElement?.closest("p, li, blockquote") && block.tagName !== "BLOCKQUOTE") continue;
    const text = (block.textContent ?? "").replace(/\s+/g, " ").trim();
    if (text) parts.push(text);
  }
  return parts.length > 0 ? parts.join("\n\n") : (root.textContent ?? "").replace(/[ \t]+/g, " ").trim();
}

export function extractHtml(html: string): ExtractedHtml {
  const { document } = parseHTML(html);
  const published = meta(document, [
    'meta[property="article:published_time"]',
    'meta[name="pubdate"]',
    'meta[name="date"]',
    'meta[itemprop="datePublished"]',
  ]);
  const url =
    meta(document, ['meta[property="og:url"]']) ??
    document.querySelector('link[rel="canonical"]')?.getAttribute("href") ??
    null;
  const ogTitle = meta(document, ['meta[property="og:title"]']);
  const article = new Readability(document, { charThreshold: 200 }).parse();
  let text = "";
  if (article?.content) {
    const { document: articleDoc } = parseHTML(`<html><body>${article.content}</body></html>`);
    text = blockText(articleDoc.body);
  }
  if (!text) text = blockText(document.body);
  return { title: article?.title?.trim() || ogTitle || null, text, published, url };
}
