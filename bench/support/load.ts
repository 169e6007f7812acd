/** Load generation for the benchmarks: a fixed number of tasks with a fixed number in flight. */

export interface LoadResult {
  /** From the first task started to the last one settled. */
  wallMs: number;
  /** One per task, each from its start to its end (retries included), in completion order. */
  latenciesMs: number[];
}

/**
 * Runs `task(0 … count-1)` with at most `concurrency` in flight: that many workers each take the
 * next index as soon as their previous task is done, so the load stays steady instead of arriving
 * in waves. The first task to throw stops the run and its error is rethrown.
 */
export async function runConcurrently(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < count) {
      const index = next;
      next += 1;
      const started = performance.now();
      try {
        await task(index);
      } catch (error) {
        failed = true;
        throw error;
      }
      latenciesMs.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { wallMs: performance.now() - started, latenciesMs };
}

/** The nearest-rank percentile (0 < p ≤ 100) of some values; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Tasks completed per second over the whole run. */
export const ratePerSecond = (result: LoadResult) => result.latenciesMs.length / (result.wallMs / 1000);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
