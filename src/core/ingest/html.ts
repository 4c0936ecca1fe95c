// Extracts an article's main text from HTML with Mozilla Readability on a linkedom DOM. The page is
// bounded first (boundHtml.ts), and anything Readability cannot handle falls back to the page's own
// block text, so a strange page costs at most its own text, never the folder it is in.
import type { Readability } from "@mozilla/readability";
import { boundHtml } from "./boundHtml.js";
import { parseHTML, readabilityClass } from "./dom.js";

/**
 * Readability costs about half a millisecond per element on linkedom (10,000 elements: 3–6 s); article
 * pages have a few thousand. Larger pages are read paragraph by paragraph without it.
 */
export const MAX_READER_ELEMENTS = 8_000;

export interface ExtractedHtml {
  title: string | null;
  text: string;
  published: string | null;
  url: string | null;
  /** What was cut or could not be read, in words for a note. */
  problems: string[];
}

function meta(document: Document, selectors: string[]): string | null {
  for (const selector of selectors) {
    const value = document.querySelector(selector)?.getAttribute("content") ?? null;
    if (value) return value.trim();
  }
  return null;
}

/** Block elements become paragraphs so the analyzer sees the article's own paragraph breaks. */
function blockText(root: Element | null): string {
  if (!root) return "";
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

/**
 * linkedom gives a document without <html>/<body> for a fragment or plain text, which Readability
 * refuses; such input is wrapped in a full page first.
 */
function pageOf(html: string): Document {
  const { document } = parseHTML(html);
  if (document.documentElement?.tagName === "HTML" && document.body) return document;
  return parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document;
}

export function extractHtml(input: string): ExtractedHtml {
  const bounded = boundHtml(input);
  const problems = [...bounded.problems];
  const document = pageOf(bounded.html);
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
  const pageTitle = (document.querySelector("title")?.textContent ?? "").replace(/\s+/g, " ").trim();
  // Readability changes the DOM it reads, so the fallback reads the page from a second, untouched copy.
  let article: ReturnType<Readability["parse"]> = null;
  if (bounded.elements > MAX_READER_ELEMENTS) {
    problems.push(
      `page has ${bounded.elements} elements, over the ${MAX_READER_ELEMENTS} the article reader takes; read all its paragraphs instead`,
    );
  } else {
    try {
      const Reader = readabilityClass();
      article = new Reader(pageOf(bounded.html), { charThreshold: 200 }).parse();
    } catch (error) {
      problems.push(`the article reader failed (${(error as Error).message}); read the page's text instead`);
    }
  }
  let text = "";
  if (article?.content) text = blockText(pageOf(article.content).body);
  if (!text) text = blockText(document.body);
  const title = article?.title?.trim() || ogTitle || pageTitle || null;
  return { title, text, published, url, problems };
}
