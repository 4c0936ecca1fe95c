// Runs the bot as `npm start` does — a real process — in an environment of the test's choosing only: no
// .env, nothing inherited but PATH; how long it ran comes back with its exit code and output.
import { execFile } from "node:child_process";
import { REPO } from "./shared.js";

export interface BotRun {
  /** The exit code; null when the process was killed (the two-minute bound ran out). */
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function runBot(env: Record<string, string>): Promise<BotRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "src/bin/bot.ts"],
      {
        cwd: REPO,
        timeout: 120_000,
        env: { PATH: process.env.PATH ?? "", DOTENV_CONFIG_PATH: "/nonexistent", ...env },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
        resolve({ code, stdout, stderr, ms: Math.round(performance.now() - started) });
      },
    );
  });
}
