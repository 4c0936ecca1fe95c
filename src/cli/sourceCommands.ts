// `docket source add|list` and `docket ingest`: the same source service the bot uses, on the global
// scope unless --guild names a server.
import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pino } from "pino";
import type { App } from "../app/app.js";
import { InputError } from "../core/errors.js";
import { decodeText } from "../core/ingest/decode.js";
import { loadFolder, MAX_FILE_BYTES } from "../core/ingest/loadFolder.js";
import { GLOBAL, type SourceService } from "../sources/sourceService.js";
import { progressBar } from "./progress.js";

interface Context {
  app: App;
  guild: string | undefined;
  out: NodeJS.WritableStream;
  err: NodeJS.WriteStream;
}

/** Runs `work` with the app's source service (no index: the bot and `docket deal` index what is stored). */
async function withService<T>(ctx: Context, work: (service: SourceService) => Promise<T>): Promise<T> {
  return work(await ctx.app.sourceService(pino({ level: "silent" })));
}

export async function sourceAdd(target: string, importLatest: number, ctx: Context): Promise<void> {
  const guild = ctx.guild ?? GLOBAL;
  const who = { guild, user: "cli", channel: null };
  await withService(ctx, async (service) => {
    if (existsSync(target) && statSync(target).isFile()) {
      const name = path.basename(target);
      const size = statSync(target).size;
      // Checked before reading, so a huge file is never read into memory.
      if (size > MAX_FILE_BYTES)
        throw new InputError(`${name} is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is 2 MB.`);
      const decoded = decodeText(await readFile(target));
      if (decoded.text === null) throw new InputError(`${name}: ${decoded.problem}`);
      if (decoded.problem) ctx.err.write(`note: ${name}: ${decoded.problem}\n`);
      const { source, notes } = await service.addFile(name, decoded.text, size, who);
      for (const note of notes) ctx.err.write(`note: ${note}\n`);
      ctx.out.write(`Added file ${source.title} as source ${source.id}.\n`);
      return;
    }
    if (!/^https?:\/\//i.test(target))
      throw new InputError(`${target} is neither a file nor an http(s) URL.`);
    const preview = await service.preview(target, guild);
    for (const note of preview.notes) ctx.err.write(`note: ${note}\n`);
    if (preview.kind === "feed") {
      const { source, imported } = await service.confirmFeed(preview.id, who, importLatest);
      ctx.out.write(
        `Added feed “${source.title}” (${preview.items.length} items) as source ${source.id}; imported the ${imported} latest.\n`,
      );
    } else {
      const { source } = await service.confirmArticle(preview.id, who);
      ctx.out.write(`Added article “${source.title}” as source ${source.id}.\n`);
    }
  });
}

export async function sourceList(ctx: Context): Promise<void> {
  await withService(ctx, async (service) => {
    const list = await service.list(ctx.guild);
    if (list.length === 0) ctx.out.write("No sources.\n");
    for (const s of list) {
      const last = s.lastFetchAt
        ? new Date(s.lastFetchAt).toISOString().slice(0, 16).replace("T", " ")
        : "never";
      ctx.out.write(
        `${s.id}  ${s.kind.padEnd(7)} ${s.status.padEnd(6)} ${String(s.itemCount).padStart(5)} items  last fetch ${last}  ${s.guild === GLOBAL ? "global" : `guild ${s.guild}`}  ${s.title}\n`,
      );
      if (s.lastError) ctx.out.write(`    last problem: ${s.lastError}\n`);
    }
  });
}

export async function ingestFolder(dir: string, ctx: Context): Promise<void> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`${dir} is not a folder.`);
  const { documents, notes } = await loadFolder(dir, ctx.guild ? `guild:${ctx.guild}` : "global");
  for (const note of notes) ctx.err.write(`note: ${note}\n`);
  await withService(ctx, async (service) => {
    const { source, added } = await service.addFolder(
      path.resolve(dir),
      documents,
      { guild: ctx.guild ?? GLOBAL, user: "cli" },
      progressBar("ingest", ctx.err),
    );
    ctx.out.write(
      `Ingested ${added} new document(s) of ${documents.length} from ${dir} (source ${source.id}).\n`,
    );
  });
}
