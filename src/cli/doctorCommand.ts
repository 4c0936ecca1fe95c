// `docket doctor`: runs every check and prints one line each (✓ passed, ✗ failed, – not configured), or
// JSON with --json; exit code 1 when any check failed, so scripts and CI can gate on it.
import { ConfigError, loadConfig } from "../app/config.js";
import { runChecks, type Check } from "../app/doctor.js";
import { seedFolders } from "../app/seedFolders.js";

const MARK: Record<Check["status"], string> = { ok: "✓", fail: "✗", skip: "–" };

export interface DoctorArgs {
  seeds: readonly string[] | undefined;
  json: boolean;
  timeoutMs?: number;
}

export async function doctorCommand(args: DoctorArgs, out: NodeJS.WritableStream): Promise<number> {
  try {
    // Loads .env into the environment; an invalid value is the config check's to report, one line each.
    loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
  }
  const checks = await runChecks({
    env: process.env,
    seeds: (config) => seedFolders(args.seeds, config.DOCKET_SEEDS),
    ...(args.timeoutMs !== undefined ? { timeoutMs: args.timeoutMs } : {}),
  });
  const failed = checks.filter((c) => c.status === "fail").length;
  if (args.json) {
    out.write(`${JSON.stringify({ ok: failed === 0, checks }, null, 2)}\n`);
  } else {
    for (const c of checks) out.write(`${MARK[c.status]} ${c.name}: ${c.message}\n`);
    out.write(failed === 0 ? "All checks passed.\n" : `${failed} check(s) failed.\n`);
  }
  return failed === 0 ? 0 : 1;
}
