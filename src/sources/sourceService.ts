// Adds, lists and maintains a server's sources: previews a URL (feed or article), imports what the admin
// chose, adds files, removes, pauses, resumes and refreshes. Documents go to the store first and then
// to the index, and an item is marked seen last, so a crash never loses or duplicates a document.
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { InputError, userMessageOf } from "../core/errors.js";
import type { Owner, SourceDocument } from "../core/ingest/document.js";
import { feedItemToDocument } from "../core/ingest/feed/document.js";
import { itemIdentities } from "../core/ingest/feed/identity.js";
import { parseFeed, sniffContent } from "../core/ingest/feed/parse.js";
import { type FeedItem } from "../core/ingest/feed/types.js";
import { cutText, MAX_TITLE_CHARS } from "../core/ingest/limits.js";
import { fileKind, MAX_FILE_BYTES } from "../core/ingest/loadFolder.js";
import { parseDocument } from "../core/ingest/parseDocument.js";
import { asAsyncIndex, type AsyncIndex } from "../core/index/asyncIndex.js";
import type { DocumentIndex } from "../core/index/docIndex.js";
import type { SourceStore } from "./sourceStore.js";
import { DEFAULT_INTERVAL_MINUTES, type Fetcher, type Source, type StoredDocument } from "./types.js";

export interface SourceServiceDeps {
  sources: SourceStore;
  /**
   * The live index (in this process, or shared by every process in the database); absent in the CLI, which
   * only writes the store (the bot indexes at start).
   */
  index?: DocumentIndex | AsyncIndex | undefined;
  fetch: Fetcher;
  now: () => number;
  allowPrivateHosts: readonly string[];
  logger: Pick<Logger, "info" | "warn">;
}

interface FeedPreview {
  kind: "feed";
  guild: string;
  url: string;
  title: string;
  items: FeedItem[];
  etag: string | null;
  lastModified: string | null;
}
interface ArticlePreview {
  kind: "article";
  guild: string;
  url: string;
  title: string;
  /** Built by core/ingest from the fetched page; stored as it is when the admin confirms. */
  document: SourceDocument;
}
/** `notes`: what was cut or ignored while reading the page or feed, one line each, naming it. */
export type Preview = (FeedPreview | ArticlePreview) & { id: string; notes: string[] };

/** The CLI adds sources to the global scope (seen from every server), a server's admins to their own. */
export const GLOBAL = "global";
export function ownerOf(guild: string): Owner {
  return guild === GLOBAL ? "global" : `guild:${guild}`;
}

const PREVIEW_TTL_MS = 15 * 60 * 1000;

function words(error: unknown): string {
  return (
    userMessageOf(error) ?? `Unexpected problem: ${error instanceof Error ? error.message : String(error)}`
  );
}

export class SourceService {
  private readonly index: AsyncIndex | undefined;

  constructor(private readonly deps: SourceServiceDeps) {
    this.index = deps.index === undefined ? undefined : asAsyncIndex(deps.index);
  }

  /** Fetches a URL and tells whether it is a feed (with its newest items) or an article page. */
  async preview(url: string, guild: string): Promise<Preview> {
    let result;
    try {
      result = await this.deps.fetch(url, { kind: "feed", allowPrivateHosts: this.deps.allowPrivateHosts });
    } catch (error) {
      throw new InputError(words(error));
    }
    if (result.status === 429 || result.status === 503)
      throw new InputError("That site asked Docket to slow down; try again in a few minutes.");
    const id = randomUUID().slice(0, 12);
    const sniffed = sniffContent(result.text, result.contentType);
    let preview: Preview;
    if (sniffed === "feed") {
      let feed;
      try {
        feed = parseFeed(result.text, result.url);
      } catch (error) {
        throw new InputError(words(error));
      }
      if (feed.items.length === 0) throw new InputError("That feed has no items yet.");
      const notes: string[] = [];
      const fullTitle = feed.title.replace(/\s+/g, " ").trim();
      const title = cutText(fullTitle, MAX_TITLE_CHARS);
      if (title !== fullTitle)
        notes.push(
          `${result.url}: feed title is ${fullTitle.length} characters, cut to the ${MAX_TITLE_CHARS}-character limit`,
        );
      preview = {
        id,
        kind: "feed",
        guild,
        url: result.url,
        title: title || result.url,
        items: feed.items,
        etag: result.etag,
        lastModified: result.lastModified,
        notes,
      };
    } else if (sniffed === "html") {
      const parsed = parseDocument({
        content: result.text,
        location: result.url,
        owner: ownerOf(guild),
        kind: "html",
        fetchedFrom: result.url,
      });
      if (!parsed.document) throw new InputError("That page has no article text Docket can read.");
      preview = {
        id,
        kind: "article",
        guild,
        url: result.url,
        title: parsed.document.title,
        document: parsed.document,
        notes: parsed.notes,
      };
    } else {
      throw new InputError("That address is neither a feed (RSS, Atom, JSON Feed) nor an article page.");
    }
    await this.deps.sources.previews.set(id, preview, PREVIEW_TTL_MS);
    return preview;
  }

  private async takePreview(id: string, guild: string): Promise<Preview> {
    const preview = await this.deps.sources.previews.get<Preview>(id);
    if (!preview || preview.guild !== guild)
      throw new InputError("This preview has expired; run /source add again.");
    await this.deps.sources.previews.delete(id);
    return preview;
  }

  private newSource(
    fields: Pick<Source, "guild" | "kind" | "url" | "title" | "addedBy" | "channelId">,
  ): Source {
    return {
      id: randomUUID().slice(0, 8),
      ...fields,
      createdAt: this.deps.now(),
      status: "active",
      pausedReason: null,
      intervalMinutes: DEFAULT_INTERVAL_MINUTES,
      lastFetchAt: this.deps.now(),
      lastSuccessAt: this.deps.now(),
      lastError: null,
      consecutiveFailures: 0,
      nextFetchAt: fields.kind === "feed" ? this.deps.now() + DEFAULT_INTERVAL_MINUTES * 60_000 : null,
      etag: null,
      lastModified: null,
      itemCount: 0,
    };
  }

  /** Stores then indexes one document; the caller marks its item seen afterwards. */
  async storeDocument(doc: StoredDocument): Promise<void> {
    // When it was indexed: digests report what is new since the last one.
    const stored = { ...doc, addedAt: doc.addedAt ?? this.deps.now() };
    await this.deps.sources.documents.put(stored.id, stored);
    await this.index?.add(stored);
  }

  /** Adds the previewed feed; imports the `latest` newest items (0: only items published from now on). */
  async confirmFeed(
    previewId: string,
    who: { guild: string; user: string; channel: string | null },
    latest: number,
  ): Promise<{ source: Source; imported: number }> {
    const preview = await this.takePreview(previewId, who.guild);
    if (preview.kind !== "feed") throw new InputError("That preview is not a feed.");
    const existing = (await this.list(who.guild)).find((s) => s.url === preview.url);
    if (existing) throw new InputError(`This feed is already a source here (${existing.id}).`);
    const source = {
      ...this.newSource({
        guild: who.guild,
        kind: "feed",
        url: preview.url,
        title: preview.title,
        addedBy: who.user,
        channelId: who.channel,
      }),
      etag: preview.etag,
      lastModified: preview.lastModified,
    };
    await this.deps.sources.sources.put(source.id, source);
    const ids = itemIdentities(preview.items);
    const chosen = preview.items.slice(0, Math.max(0, latest)).map((item, i) => ({ item, id: ids[i] ?? "" }));
    await this.importFeedItems(source, chosen);
    // Everything else in the feed now is history: only items that appear later are imported.
    await this.deps.sources.markSeen(source.id, ids);
    await this.deps.sources.setLastItems(source.id, preview.items);
    source.itemCount = chosen.length;
    await this.deps.sources.sources.put(source.id, source);
    this.deps.logger.info({ source: source.id, guild: who.guild, imported: chosen.length }, "feed added");
    return { source, imported: chosen.length };
  }

  /**
   * The one feed import loop (first import and every poll): each item is stored and indexed, then marked
   * seen, so a crash between the two re-imports the same document (same id) instead of losing it.
   */
  async importFeedItems(
    source: Pick<Source, "id" | "guild" | "title" | "url">,
    entries: ReadonlyArray<{ item: FeedItem; id: string }>,
  ): Promise<number> {
    for (const { item, id } of entries) {
      const notes: string[] = [];
      const doc = feedItemToDocument(
        item,
        { title: source.title, url: source.url },
        ownerOf(source.guild),
        notes,
      );
      for (const note of notes) this.deps.logger.warn({ source: source.id, note }, "feed item cut to limits");
      await this.storeDocument({ ...doc, sourceId: source.id });
      await this.deps.sources.markSeen(source.id, [id]);
    }
    return entries.length;
  }

  async confirmArticle(
    previewId: string,
    who: { guild: string; user: string; channel: string | null },
  ): Promise<{ source: Source; document: StoredDocument }> {
    const preview = await this.takePreview(previewId, who.guild);
    if (preview.kind !== "article") throw new InputError("That preview is not an article.");
    const source = this.newSource({
      guild: who.guild,
      kind: "article",
      url: preview.url,
      title: preview.title,
      addedBy: who.user,
      channelId: who.channel,
    });
    const document: StoredDocument = { ...preview.document, owner: ownerOf(who.guild), sourceId: source.id };
    await this.deps.sources.sources.put(source.id, { ...source, itemCount: 1 });
    await this.storeDocument(document);
    return { source: { ...source, itemCount: 1 }, document };
  }

  /** A .txt, .md or .html file of at most 2 MB, as one document. */
  async addFile(
    name: string,
    content: string,
    bytes: number,
    who: { guild: string; user: string; channel: string | null },
  ): Promise<{ source: Source; document: StoredDocument; notes: string[] }> {
    const kind = fileKind(name);
    if (!kind) throw new InputError("Only .txt, .md and .html files can be added.");
    if (bytes > MAX_FILE_BYTES)
      throw new InputError(`That file is ${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is 2 MB.`);
    // Text never holds NUL; an attachment that does is binary under a text name.
    if (content.includes("\u0000")) throw new InputError(`${name} holds binary content, not text.`);
    const parsed = parseDocument({
      content,
      location: name,
      owner: ownerOf(who.guild),
      kind,
    });
    if (!parsed.document) throw new InputError(parsed.notes[0] ?? "That file has no text Docket can read.");
    const source = {
      ...this.newSource({
        guild: who.guild,
        kind: "file",
        url: name,
        title: parsed.document.title,
        addedBy: who.user,
        channelId: who.channel,
      }),
      itemCount: 1,
    };
    const document: StoredDocument = { ...parsed.document, sourceId: source.id };
    await this.deps.sources.sources.put(source.id, source);
    await this.storeDocument(document);
    return { source, document, notes: parsed.notes };
  }

  /**
   * Adds every document of a folder as one source; `progress` is told after each document. Documents
   * already stored (same content) are skipped, so running it twice, or again after a crash, adds nothing twice.
   */
  async addFolder(
    folder: string,
    documents: readonly SourceDocument[],
    who: { guild: string; user: string },
    progress: (done: number, total: number) => void = () => undefined,
  ): Promise<{ source: Source; added: number }> {
    const existing = (await this.list(who.guild)).find((s) => s.kind === "folder" && s.url === folder);
    const source =
      existing ??
      this.newSource({
        guild: who.guild,
        kind: "folder",
        url: folder,
        title: folder,
        addedBy: who.user,
        channelId: null,
      });
    await this.deps.sources.sources.put(source.id, source);
    const known = new Set(await this.deps.sources.documents.ids());
    let added = 0;
    for (const [i, doc] of documents.entries()) {
      if (!known.has(doc.id)) {
        await this.storeDocument({ ...doc, owner: ownerOf(who.guild), sourceId: source.id });
        known.add(doc.id);
        added++;
      }
      progress(i + 1, documents.length);
    }
    // Counted from the store, so documents an interrupted earlier run stored are counted too.
    const itemCount = (await this.deps.sources.documents.values()).filter(
      (d) => d.sourceId === source.id,
    ).length;
    const updated = { ...source, itemCount, lastFetchAt: this.deps.now() };
    await this.deps.sources.sources.put(source.id, updated);
    return { source: updated, added };
  }

  async list(guild?: string): Promise<Source[]> {
    const all = await this.deps.sources.sources.values();
    return all
      .filter((s) => guild === undefined || s.guild === guild)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  async get(guild: string, id: string): Promise<Source> {
    const source = await this.deps.sources.sources.get(id);
    if (!source || source.guild !== guild)
      throw new InputError(`No source ${id} in this server. /source list shows them.`);
    return source;
  }

  async remove(guild: string, id: string): Promise<Source> {
    const source = await this.get(guild, id);
    const docs = (await this.deps.sources.documents.values()).filter((d) => d.sourceId === id);
    for (const doc of docs) {
      await this.index?.remove(doc.id);
      await this.deps.sources.documents.delete(doc.id);
    }
    await this.deps.sources.forget(id);
    await this.deps.sources.sources.delete(id);
    return source;
  }

  async setPaused(guild: string, id: string, paused: boolean, reason: string | null = null): Promise<Source> {
    const source = await this.get(guild, id);
    const updated: Source = {
      ...source,
      status: paused ? "paused" : "active",
      pausedReason: paused ? (reason ?? "Paused by an admin.") : null,
      consecutiveFailures: paused ? source.consecutiveFailures : 0,
      nextFetchAt: paused || source.kind !== "feed" ? null : this.deps.now(),
    };
    await this.deps.sources.sources.put(id, updated);
    return updated;
  }
}
