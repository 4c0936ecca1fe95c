// `npm run graph`: the import graph of src/ and commands/ folded to folders (each core stage is its own
// folder), printed as "folder → folders it imports", then every folder-level and file-level cycle. Exits 1
// when there is any cycle, so CI fails on one (type-only imports count: they tie folders together too).
import path from "node:path";
import { fileURLToPath } from "node:url";
import madge from "madge";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The folder a file belongs to: src/core/<stage>, src/<folder>, commands, or the src entry itself. */
export function folderOf(file: string): string {
  const parts = file.split("/");
  if (parts[0] === "commands") return "commands";
  if (parts[0] !== "src" || parts.length < 3) return parts.length === 2 ? "src (entry)" : file;
  if (parts[1] === "core") return parts.length > 3 ? `core/${parts[2] ?? ""}` : "core";
  return parts[1] ?? file;
}

/** Every cycle of a directed graph, as its strongly connected components of more than one node. */
export function cycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      onStack.delete(top);
      component.push(top);
      if (top === node) break;
    }
    if (component.length > 1) found.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

/** Folds a file graph to folders; an import inside one folder is no edge. */
export function foldersOf(files: Readonly<Record<string, readonly string[]>>): Map<string, Set<string>> {
  const folders = new Map<string, Set<string>>();
  for (const [file, imports] of Object.entries(files)) {
    const from = folderOf(file);
    const edges = folders.get(from) ?? new Set<string>();
    folders.set(from, edges);
    for (const target of imports) {
      const to = folderOf(target);
      if (to !== from) edges.add(to);
    }
  }
  return folders;
}

async function main(): Promise<number> {
  process.chdir(ROOT);
  const graph = await madge(["src", "commands"], {
    fileExtensions: ["ts"],
    tsConfig: "tsconfig.json",
    detectiveOptions: { ts: { skipTypeImports: false } },
  });
  const files = graph.obj();
  const folders = foldersOf(files);
  for (const [folder, imports] of [...folders].sort(([a], [b]) => a.localeCompare(b)))
    process.stdout.write(`${folder} → ${[...imports].sort().join(", ") || "(nothing)"}\n`);
  const folderCycles = cycles(folders);
  const fileCycles = graph.circular();
  for (const cycle of folderCycles) process.stdout.write(`folder cycle: ${cycle.join(" ⇄ ")}\n`);
  for (const cycle of fileCycles) process.stdout.write(`file cycle: ${cycle.join(" → ")}\n`);
  const total = folderCycles.length + fileCycles.length;
  process.stdout.write(
    total === 0
      ? `no cycles (${Object.keys(files).length} files, ${folders.size} folders)\n`
      : `${total} cycle(s)\n`,
  );
  return total === 0 ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await main();
