// Which seed folders to read (--seeds, else DOCKET_SEEDS, else the bundled seeds/) and whether each is a
// folder that can be read, so a typo in a path is one line naming the path and where it came from, never a
// stack trace from deep inside the folder walk.
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../core/errors.js";
import { BUNDLED_SEEDS } from "./paths.js";

export interface SeedFolders {
  folders: string[];
  /** Where the list came from, for messages: "--seeds", "DOCKET_SEEDS" or "the bundled seeds". */
  origin: string;
}

export function seedFolders(flag: readonly string[] | undefined, env: string | undefined): SeedFolders {
  if (flag && flag.length > 0) return { folders: [...flag], origin: "--seeds" };
  if (env) return { folders: env.split(path.delimiter).filter(Boolean), origin: "DOCKET_SEEDS" };
  return { folders: [BUNDLED_SEEDS], origin: "the bundled seeds" };
}

function code(error: unknown): string {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
}

/** Why a folder cannot be read as seeds, in plain words; null when it can. */
export async function folderProblem(folder: string): Promise<string | null> {
  try {
    const info = await stat(folder);
    if (!info.isDirectory()) return `${folder} is a file, not a folder`;
    await access(folder, constants.R_OK | constants.X_OK);
    return null;
  } catch (error) {
    const c = code(error);
    if (c === "ENOENT") return `${folder} does not exist`;
    if (c === "ENOTDIR") return `${folder} is not a folder (a part of its path is a file)`;
    if (c === "EACCES" || c === "EPERM") return `${folder} cannot be read (permission denied)`;
    return `${folder} cannot be read (${c || (error instanceof Error ? error.message : String(error))})`;
  }
}

/** Throws one UserError naming every folder that cannot be read and where the list came from. */
export async function assertSeedFolders(seeds: SeedFolders): Promise<void> {
  const problems = (await Promise.all(seeds.folders.map(folderProblem))).filter(
    (p): p is string => p !== null,
  );
  if (seeds.folders.length === 0) problems.push("no folder given");
  if (problems.length > 0) throw new InputError(`${seeds.origin}: ${problems.join("; ")}.`);
}
