#!/usr/bin/env node
// The terminal front end: `docket deal <topic>` prints a brief, `docket topics` lists what is indexed.
import path from "node:path";
import { parseArgs } from "node:util";
import { createApp, type App } from "../app/app.js";
import { loadConfig } from "../app/config.js";
import { reportUserError } from "../app/failure.js";
import { buildBrief } from "../core/brief/buildBrief.js";
import { phraseBrief } from "../core/brief/phraseBrief.js";
import { UserError } from "../core/errors.js";
import { LlmPhraser } from "../core/phrase/llmPhraser.js";
import type { Phraser } from "../core/phrase/phraser.js";
import { templatePhraser } from "../core/phrase/templatePhraser.js";
import { StoreError } from "../store/storeError.js";
import { renderBriefText } from "./renderText.js";
import { digestCommand } from "./digestCommand.js";
import { ingestFolder, sourceAdd, sourceList } from "./sourceCommands.js";

const USAGE = `Usage:
  docket deal <topic> [--seeds DIR]... [--json] [--llm] [--guild ID]   print the brief for a topic
  docket topics [--seeds DIR]... [--json]                               list the topics the index knows
  docket source add <url|file> [--import N] [--guild ID]                add a feed, article or file
  docket source list [--guild ID]                                       list sources
  docket ingest <dir> [--guild ID]                                      add a folder of documents
  docket digest [--since DATE] [--seeds DIR]... [--json]                what a digest would contain
Options:
  --seeds DIR   read documents from DIR instead of the bundled seeds/ and stored sources (repeatable)
  --json        print JSON instead of text (each item says whether the LLM or a template phrased it)
  --llm         re-word the summary and questions with the configured OpenAI-compatible server
  --guild ID    work on one Discord server's sources instead of the global scope
  --import N    for a feed: import the N latest items (default 20; 0 = only new items from now)
  --verbose     also print notes about skipped files`;

/** A command line Docket cannot run: the reason, then the usage (exit code 2). */
class UsageError extends UserError {
  override readonly name = "UsageError";
  constructor(message: string) {
    super("usage", message);
  }
}

/** parseArgs, its errors (unknown option, missing value) as usage errors. */
function parseCommandLine(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        seeds: { type: "string", multiple: true },
        json: { type: "boolean", default: false },
        llm: { type: "boolean", default: false },
        verbose: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        guild: { type: "string" },
        import: { type: "string", default: "20" },
        since: { type: "string" },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The LLM phraser for `--llm`, its cache in the app's store; a usage error when no server is configured. */
async function llmPhraser(app: App, err: NodeJS.WritableStream): Promise<Phraser> {
  const log = {
    info: () => undefined,
    warn: (data: object, message: string) => err.write(`${message}: ${JSON.stringify(data)}\n`),
  };
  const chosen = await app.phraser(log);
  if (chosen.phraser === templatePhraser) {
    throw new UsageError(
      `--llm needs a server: ${chosen.description}. Set OPENAI_BASE_URL (and OPENAI_API_KEY if it needs one).`,
    );
  }
  err.write(`${chosen.description}\n`);
  return chosen.phraser;
}

export async function main(
  argv: readonly string[],
  out = process.stdout,
  err = process.stderr,
): Promise<number> {
  let opened: App | undefined;
  try {
    const config = loadConfig();
    const { values, positionals } = parseCommandLine(argv);
    const [command, ...rest] = positionals;
    if (values.help || !command) {
      out.write(`${USAGE}\n`);
      return values.help ? 0 : 2;
    }
    const guild = values.guild;
    if (guild !== undefined && !/^\d{15,21}$/.test(guild))
      throw new UsageError("--guild takes a Discord server id");
    // Everything the commands use comes from the composition root, which closes it all when they are done.
    const app = createApp(config, { folders: values.seeds });
    opened = app;
    const folders = [...app.folders];
    const ctx = { app, guild, out, err: process.stderr };
    // Sources added with `docket source add` or the bot join the seeds, unless --seeds picks the folders.
    // The index is stored beside the store: only files and documents it has not seen are analysed.
    const indexAll = async () => {
      const { index, notes } = await app.index();
      const loaded = { index, notes };
      if (values.seeds) return loaded;
      try {
        await app.indexStoredDocuments();
      } catch (error) {
        // An unusable store must not cost the seeds: say why and answer from them alone.
        if (!(error instanceof StoreError)) throw error;
        err.write(`warning: ${error.userMessage}\nwarning: answering from the seeds only.\n`);
      }
      return loaded;
    };
    if (command === "source") {
      const [action, target] = rest;
      if (action === "add" && target) {
        const latest = Number(values.import);
        if (!Number.isInteger(latest) || latest < 0) throw new UsageError("--import takes a whole number");
        await sourceAdd(target, latest, ctx);
        return 0;
      }
      if (action === "list") {
        await sourceList(ctx);
        return 0;
      }
      throw new UsageError("source takes: add <url|file> [--import N] [--guild ID], or list");
    }
    if (command === "digest") {
      return await digestCommand({ since: values.since, folders, json: values.json }, out, err);
    }
    if (command === "ingest") {
      const [dir] = rest;
      if (!dir) throw new UsageError("ingest needs a folder");
      await ingestFolder(dir, ctx);
      return 0;
    }
    if (command === "deal") {
      const topic = rest.join(" ").trim();
      if (!topic) throw new UsageError("deal needs a topic, for example: docket deal tiktok");
      const { index, notes } = await indexAll();
      if (values.verbose) for (const note of notes) err.write(`note: ${note}\n`);
      const phraser = values.llm ? await llmPhraser(app, err) : null;
      const grounded = await buildBrief(index, topic, {
        maxQuotes: config.DOCKET_MAX_QUOTES,
        ...(guild ? { scope: { guild } } : {}),
      });
      const brief = phraser ? await phraseBrief(grounded, phraser) : grounded;
      if (phraser instanceof LlmPhraser) err.write(`prompt: ${phraser.lastPromptTokens} tokens\n`);
      out.write(values.json ? `${JSON.stringify(brief, null, 2)}\n` : `${renderBriefText(brief)}\n`);
      return 0;
    }
    if (command === "topics") {
      const { index, notes } = await indexAll();
      if (values.verbose) for (const note of notes) err.write(`note: ${note}\n`);
      const topics = index.topics();
      if (values.json) out.write(`${JSON.stringify(topics, null, 2)}\n`);
      else
        for (const t of topics)
          out.write(`${t.name} (${t.documents} document${t.documents === 1 ? "" : "s"})\n`);
      return 0;
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    if (error instanceof UsageError) {
      err.write(`${error.userMessage}\n\n${USAGE}\n`);
      return 2;
    }
    const code = reportUserError(error, err);
    if (code !== null) return code;
    throw error;
  } finally {
    await opened?.close();
  }
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  import.meta.url.endsWith(path.basename(process.argv[1]).replace(/\.ts$/, "") + ".js");
if (invokedDirectly || process.argv[1]?.endsWith("main.ts") || process.argv[1]?.endsWith("docket")) {
  process.exitCode = await main(process.argv.slice(2));
}
