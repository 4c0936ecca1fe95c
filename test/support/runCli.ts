// Runs the CLI as a user would — a real process — in an environment of the test's choosing only: no .env,
// no developer store, nothing inherited but PATH.
import { execFile } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { REPO } from "./shared.js";

const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runDocket(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
      cwd: REPO,
      env: {
        PATH: process.env.PATH ?? "",
        DOTENV_CONFIG_PATH: "/nonexistent",
        // A store that does not exist unless a test creates it.
        DOCKET_STORE_URL: `sqlite://${path.join(tmpdir(), `docket-cli-${process.pid}`, "store.sqlite")}`,
        ...env,
      },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
