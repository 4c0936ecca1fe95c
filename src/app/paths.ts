// Where the package's own files are, whether run from src/ with tsx or from dist/ after a build.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("package.json not found above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

export const PACKAGE_ROOT = packageRoot();
export const BUNDLED_SEEDS = path.join(PACKAGE_ROOT, "seeds");
/** Where the default SQLite store and the document index live, whatever the working directory. */
export const DATA_DIR = path.join(PACKAGE_ROOT, "data");
