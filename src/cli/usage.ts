// What `docket`, `docket help [command]` and `docket --version` print: the usage text, one help text per
// command, and the version from the package's own package.json (so a build never reports a stale one); and
// the error for a usage mistake, which prints the usage after its message.
import { readFileSync } from "node:fs";
import path from "node:path";
import { PACKAGE_ROOT } from "../app/paths.js";
import { UserError } from "../core/errors.js";

/** A usage mistake: the message, then the usage text, exit code 2. */
export class UsageError extends UserError {
  override readonly name = "UsageError";
  constructor(message: string) {
    super("usage", message);
  }
}

export const USAGE = `Usage:
  docket deal <topic> [--seeds DIR]... [--json] [--llm] [--guild ID]   print the brief for a topic
  docket topics [--seeds DIR]... [--json]                               list the topics the index knows
  docket source add <url|file> [--import N] [--guild ID]                add a feed, article or file
  docket source list [--guild ID]                                       list sources
  docket ingest <dir> [--guild ID]                                      add a folder of documents
  docket digest [--since DATE] [--seeds DIR]... [--json]                what a digest would contain
  docket doctor [--seeds DIR]... [--json]                               check configuration, store, seeds, LLM, Discord
  docket help [command]                                                 this text, or one command's
Options:
  --seeds DIR   read documents from DIR instead of the bundled seeds/ and stored sources (repeatable)
  --json        print JSON instead of text (each item says whether the LLM or a template phrased it)
  --llm         re-word the summary and questions with the configured OpenAI-compatible server
  --guild ID    work on one Discord server's sources instead of the global scope
  --import N    for a feed: import the N latest items (default 20; 0 = only new items from now)
  --verbose     also print notes about skipped files
  -V, --version print the version`;

const SEEDS_HELP = `  --seeds DIR   read documents from DIR (repeatable; default: DOCKET_SEEDS, else the bundled seeds/)`;

/** One command's help: what it does, its options, and what its exit codes mean. */
export const COMMAND_HELP: Readonly<Record<string, string>> = {
  deal: `Usage: docket deal <topic> [--seeds DIR]... [--json] [--llm] [--guild ID] [--verbose]
Prints the brief for a topic: summary, key figures, quotes with speakers, open questions, numbered sources.
${SEEDS_HELP}
  --json        print the brief as JSON
  --llm         re-word the summary and questions with the configured OpenAI-compatible server
  --guild ID    also use the sources that Discord server added
  --verbose     print the notes about skipped or cut files
Exit codes: 0 printed, 1 unknown topic (the closest topics are named) or unusable folder, 2 usage error.`,
  topics: `Usage: docket topics [--seeds DIR]... [--json] [--verbose]
Lists the topics the index knows (named in a title or in at least two documents), most covered first.
${SEEDS_HELP}
  --json        print JSON`,
  source: `Usage: docket source add <url|file> [--import N] [--guild ID]
       docket source list [--guild ID]
Adds a feed, an article page or a .txt/.md/.html file to the store, or lists the sources with their status.
  --import N    for a feed: import the N latest items (default 20; 0 = only new items from now)
  --guild ID    work on one Discord server's sources instead of the global scope`,
  ingest: `Usage: docket ingest <dir> [--guild ID]
Adds every document of a folder to the store, with a progress line. Safe to interrupt and run again.`,
  digest: `Usage: docket digest [--since DATE] [--seeds DIR]... [--json]
Prints what a digest would contain for documents added since DATE (YYYY-MM-DD, an ISO date-time or 7d).
${SEEDS_HELP}
  --json        print JSON`,
  doctor: `Usage: docket doctor [--seeds DIR]... [--json]
Checks the configuration, the store, the seed folders and, when configured, the LLM server and the Discord
API; one line per check (✓ or ✗). Exit codes: 0 all checks pass, 1 at least one failed.
${SEEDS_HELP}
  --json        print the checks as JSON`,
  help: `Usage: docket help [command]
Prints the usage, or one command's help.`,
};

export function helpFor(command: string | undefined): string | null {
  if (command === undefined) return USAGE;
  return COMMAND_HELP[command] ?? null;
}

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as {
      version?: unknown;
    };
    return typeof pkg.version === "string" ? pkg.version : "unknown";
  } catch {
    return "unknown";
  }
}

export const VERSION = readVersion();
