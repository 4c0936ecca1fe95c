// Measurement helpers for the benchmark: nearest-rank percentiles, memory readings and table formatting.
import { performance } from "node:perf_hooks";

export interface Latency {
  p50: number;
  p99: number;
  max: number;
  count: number;
}

export function latency(samples: readonly number[]): Latency | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((x, y) => x - y);
  const rank = (p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
  return { p50: rank(0.5), p99: rank(0.99), max: sorted.at(-1) ?? Number.NaN, count: sorted.length };
}

/** Runs `work` and returns how long it took in ms, with its result. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

const gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;
export const hasGc = gc !== undefined;

/** Resident set size in MB after a full collection, so garbage does not count. */
export function rssMB(): number {
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().rss / 1048576;
}

export const fmt = (x: number, digits = 0): string =>
  x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Milliseconds with enough digits to tell sub-millisecond calls apart. */
export const ms = (x: number): string => fmt(x, x < 1 ? 3 : x < 10 ? 2 : 1);

export function lat(l: Latency | null): string {
  return l ? `${ms(l.p50)} / ${ms(l.p99)} / ${ms(l.max)} (n=${l.count})` : "–";
}

/** A markdown table padded the way prettier pads it, so `prettier --check` accepts the written file. */
export function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(3, h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}
