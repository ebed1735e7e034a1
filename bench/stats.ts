/** Percentile of an unsorted sample (nearest-rank). */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export const fmt = (n: number, digits = 1) => n.toFixed(digits);

/** Runs `task` for each of `count` items with at most `concurrency` in flight. */
export async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/** Calls `task(i)` at a fixed rate (one every 1000/ratePerSec ms) without waiting for earlier ones. */
export async function paced(count: number, ratePerSec: number, task: (i: number) => Promise<void>): Promise<void> {
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / ratePerSec;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inflight.push(task(i));
  }
  await Promise.all(inflight);
}

/**
 * Prints a benchmark's headline figures as one machine-readable line (`BENCH {"bench","metrics"}`),
 * after its human-readable table, so runtimes.bench.ts can set runs side by side.
 */
export function report(bench: string, metrics: Record<string, number>): void {
  console.log(`BENCH ${JSON.stringify({ bench, node: process.version, metrics })}`);
}
