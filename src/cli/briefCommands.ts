// `docket deal <topic>` and `docket topics`: index the seed folders (and, without --seeds, the documents
// stored by `docket source add` or the bot), then print a brief or the topic list. With a PostgreSQL store
// the index is the one in that database, shared by every process; a brief then loads what it reads first.
import { buildBrief } from "../core/brief/buildBrief.js";
import type { DocumentIndex } from "../core/index/docIndex.js";
import type { App } from "../app/app.js";
import type { Config } from "../app/config.js";
import type { Phraser } from "../core/phrase/phraser.js";
import { assertSeedFolders, type SeedFolders } from "../app/seedFolders.js";
import { StoreError } from "../store/storeError.js";
import { isSharedIndex, type StoredIndex } from "../store/index/openIndex.js";
import type { SqliteIndex } from "../store/index/sqliteIndex.js";
import { renderBriefText } from "./renderText.js";
import { UsageError } from "./usage.js";

export interface BriefContext {
  /** The composition root: it opens the index and the store and closes them when the command is done. */
  app: App;
  config: Config;
  seeds: SeedFolders;
  /** True when --seeds picked the folders: stored sources are then left out. */
  seedsOnly: boolean;
  guild: string | undefined;
  json: boolean;
  verbose: boolean;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

/** The notes about skipped or cut files: each with --verbose, else one line with the count. */
function reportNotes(notes: readonly string[], ctx: BriefContext): void {
  if (notes.length === 0) return;
  if (ctx.verbose) for (const note of notes) ctx.err.write(`note: ${note}\n`);
  else ctx.err.write(`${notes.length} note${notes.length === 1 ? "" : "s"}; --verbose to show\n`);
}

/**
 * The app's index for the seed folders: the shared PostgreSQL index for a PostgreSQL store, else the file
 * beside the store. Only files and documents it has not seen are analysed. Sources added with
 * `docket source add` or the bot join the seeds unless --seeds picks the folders.
 */
export async function indexAll(ctx: BriefContext): Promise<StoredIndex> {
  await assertSeedFolders(ctx.seeds);
  const ready: { index: StoredIndex; notes: string[] } = ctx.app.hasSharedIndex
    ? await ctx.app.sharedIndex()
    : await ctx.app.index();
  return withStored(ctx, ready);
}

/** The index file beside the store, whatever the store (the digest reads every document in process). */
export async function localIndex(ctx: BriefContext): Promise<SqliteIndex> {
  await assertSeedFolders(ctx.seeds);
  return withStored(ctx, await ctx.app.index());
}

async function withStored<I extends StoredIndex>(
  ctx: BriefContext,
  ready: { index: I; notes: string[] },
): Promise<I> {
  reportNotes(ready.notes, ctx);
  if (ctx.seedsOnly) return ready.index;
  try {
    await ctx.app.indexStoredDocuments(ready.index);
  } catch (error) {
    // An unusable store must not cost the seeds: say why and answer from them alone.
    if (!(error instanceof StoreError)) throw error;
    ctx.err.write(`warning: ${error.userMessage}\nwarning: answering from the seeds only.\n`);
  }
  return ready.index;
}

/** The index a brief on `topic` reads: for PostgreSQL, a view holding what that brief needs, loaded first. */
async function briefIndex(index: StoredIndex, topic: string, ctx: BriefContext): Promise<DocumentIndex> {
  if (!isSharedIndex(index)) return index;
  const { pgBriefView } = await import("../store/index/pgView.js");
  return pgBriefView(index, topic, ctx.guild ? { guild: ctx.guild } : {});
}

/** The LLM phraser for `--llm`, its cache in the app's store; a usage error when no server is configured. */
async function llmPhraser(app: App, err: NodeJS.WritableStream): Promise<Phraser> {
  const log = {
    info: () => undefined,
    warn: (data: object, message: string) => err.write(`${message}: ${JSON.stringify(data)}\n`),
  };
  const chosen = await app.phraser(log);
  const { templatePhraser } = await import("../core/phrase/templatePhraser.js");
  if (chosen.phraser === templatePhraser) {
    throw new UsageError(
      `--llm needs a server: ${chosen.description}. Set OPENAI_BASE_URL (and OPENAI_API_KEY if it needs one).`,
    );
  }
  err.write(`${chosen.description}\n`);
  return chosen.phraser;
}

export async function dealCommand(topic: string, llm: boolean, ctx: BriefContext): Promise<number> {
  if (!topic) throw new UsageError("deal needs a topic, for example: docket deal tiktok");
  const index = await briefIndex(await indexAll(ctx), topic, ctx);
  const phraser = llm ? await llmPhraser(ctx.app, ctx.err) : null;
  const grounded = await buildBrief(index, topic, {
    maxQuotes: ctx.config.DOCKET_MAX_QUOTES,
    ...(ctx.guild ? { scope: { guild: ctx.guild } } : {}),
  });
  // Phrasing code is loaded for --llm only: a plain brief is the grounded one.
  const brief = phraser
    ? await (await import("../core/brief/phraseBrief.js")).phraseBrief(grounded, phraser)
    : grounded;
  if (phraser) {
    // Imported here, not at the top: the LLM phraser's tokenizer takes long to load and a plain brief needs none.
    const { LlmPhraser } = await import("../core/phrase/llmPhraser.js");
    if (phraser instanceof LlmPhraser) ctx.err.write(`prompt: ${phraser.lastPromptTokens} tokens\n`);
  }
  ctx.out.write(ctx.json ? `${JSON.stringify(brief, null, 2)}\n` : `${renderBriefText(brief)}\n`);
  return 0;
}

export async function topicsCommand(ctx: BriefContext): Promise<number> {
  const index = await indexAll(ctx);
  const topics = await index.topics();
  if (ctx.json) ctx.out.write(`${JSON.stringify(topics, null, 2)}\n`);
  else
    for (const t of topics)
      ctx.out.write(`${t.name} (${t.documents} document${t.documents === 1 ? "" : "s"})\n`);
  return 0;
}
