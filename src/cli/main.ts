#!/usr/bin/env node
// The terminal front end: parses the command line and hands each command to its module; turns expected
// errors into one line (or `{"error": …}` with --json) and an exit code, as git and npm do.
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { UserError } from "../core/errors.js";
import { exitCodeOf } from "../app/failure.js";
import type { BriefContext } from "./briefCommands.js";
import { quietOnBrokenPipe } from "./pipe.js";
import { helpFor, USAGE, UsageError, VERSION } from "./usage.js";

const OPTIONS = {
  seeds: { type: "string", multiple: true },
  json: { type: "boolean", default: false },
  llm: { type: "boolean", default: false },
  verbose: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
  version: { type: "boolean", short: "V", default: false },
  guild: { type: "string" },
  import: { type: "string", default: "20" },
  since: { type: "string" },
} as const;

async function run(
  argv: readonly string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WriteStream,
): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: OPTIONS });
  const [command, ...rest] = positionals;
  if (values.version) {
    out.write(`docket ${VERSION}\n`);
    return 0;
  }
  if (values.help || command === "help") {
    const topic = values.help ? command : rest[0];
    const text = helpFor(topic);
    if (text === null) throw new UsageError(`no help for "${topic ?? ""}": it is not a command`);
    out.write(`${text}\n`);
    return 0;
  }
  // Like git: no command is a usage error, and the usage goes where errors go.
  if (!command) {
    err.write(`${USAGE}\n`);
    return 2;
  }
  // Each command's module is imported when it runs: a brief does not load the others' dependencies.
  if (command === "doctor")
    return (await import("./doctorCommand.js")).doctorCommand(
      { seeds: values.seeds, json: values.json },
      out,
    );
  // Imported once a command needs them: --version, help and usage mistakes load none of the engine.
  const [{ loadConfig }, { seedFolders }, { createApp }] = await Promise.all([
    import("../app/config.js"),
    import("../app/seedFolders.js"),
    import("../app/app.js"),
  ]);
  const config = loadConfig();
  const guild = values.guild;
  if (guild !== undefined && !/^\d{15,21}$/.test(guild))
    throw new UsageError("--guild takes a Discord server id");
  const seeds = seedFolders(values.seeds, config.DOCKET_SEEDS);
  // Everything the commands use comes from the composition root, which closes it all when they are done.
  const app = createApp(config, { folders: seeds.folders, storedSources: values.seeds === undefined });
  const ctx: CommandContext = {
    app,
    config,
    guild,
    out,
    err,
    seeds,
    seedsOnly: values.seeds !== undefined,
    json: values.json,
    verbose: values.verbose,
  };
  try {
    return await runCommand(command, rest, values, ctx);
  } finally {
    await app.close();
  }
}

type CommandContext = BriefContext & { err: NodeJS.WriteStream };

async function runCommand(
  command: string,
  rest: readonly string[],
  values: { since?: string | undefined; llm: boolean; import: string },
  ctx: CommandContext,
): Promise<number> {
  switch (command) {
    case "deal":
      return (await import("./briefCommands.js")).dealCommand(rest.join(" ").trim(), values.llm, ctx);
    case "topics":
      return (await import("./briefCommands.js")).topicsCommand(ctx);
    case "digest":
      return (await import("./digestCommand.js")).digestCommand(values.since, ctx);
    case "ingest": {
      const [dir] = rest;
      if (!dir) throw new UsageError("ingest needs a folder");
      await (await import("./sourceCommands.js")).ingestFolder(dir, ctx);
      return 0;
    }
    case "source": {
      const [action, target] = rest;
      if (action === "add" && target) {
        const latest = Number(values.import);
        if (!Number.isInteger(latest) || latest < 0) throw new UsageError("--import takes a whole number");
        await (await import("./sourceCommands.js")).sourceAdd(target, latest, ctx);
        return 0;
      }
      if (action === "list") {
        await (await import("./sourceCommands.js")).sourceList(ctx);
        return 0;
      }
      throw new UsageError("source takes: add <url|file> [--import N] [--guild ID], or list");
    }
    default:
      throw new UsageError(`unknown command "${command}"; docket help lists the commands`);
  }
}

function isParseArgsError(error: unknown): error is TypeError {
  return error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");
}

export async function main(
  argv: readonly string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WriteStream = process.stderr,
): Promise<number> {
  // With --json a script reads stdout: errors come as {"error": …} there too, with the same exit code.
  const json = argv.includes("--json");
  const fail = (message: string, code: number, usage = false): number => {
    if (json) out.write(`${JSON.stringify({ error: message })}\n`);
    else err.write(usage ? `${message}\n\n${USAGE}\n` : `${message}\n`);
    return code;
  };
  try {
    return await run(argv, out, err);
  } catch (error) {
    if (isParseArgsError(error)) return fail(error.message, 2, true);
    if (error instanceof UsageError) return fail(error.userMessage, 2, true);
    if (error instanceof UserError) return fail(error.userMessage, exitCodeOf(error));
    throw error;
  }
}

/** True when this file is the program being run (tsx, node dist/…, or the npm bin link), not an import. */
function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  quietOnBrokenPipe(process.stdout);
  quietOnBrokenPipe(process.stderr);
  process.exitCode = await main(process.argv.slice(2));
}
