import { performance } from 'node:perf_hooks';

/** One HTTP call to time; it throws when the answer is not what the benchmark expects. */
export interface TimedRequest {
  name: string;
  send(): Promise<void>;
  /** Send it every n-th round only (a slow request would otherwise set the run's length). */
  everyRounds?: number;
}

/** Latency figures of one request, in milliseconds. */
export interface LatencyFigures {
  name: string;
  samples: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/** The nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: number[], p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * Sends the requests one after the other, in rounds (A, B, C, A, B, C, ...), so every request
 * sees the same background (the engine's ticks, the catalog's processing, other processes);
 * `warmup` rounds fill caches and JIT first and are not counted.
 */
export async function measureLatencies(
  requests: TimedRequest[],
  options: { rounds: number; warmup: number },
): Promise<LatencyFigures[]> {
  const samples = requests.map(() => [] as number[]);
  for (let round = 0; round < options.warmup + options.rounds; round++) {
    for (const [index, request] of requests.entries()) {
      if (round % (request.everyRounds ?? 1) !== 0) {
        continue;
      }
      const start = performance.now();
      await request.send();
      const elapsed = performance.now() - start;
      if (round >= options.warmup) {
        samples[index].push(elapsed);
      }
    }
  }
  return requests.map((request, index) => {
    const sorted = [...samples[index]].sort((a, b) => a - b);
    return {
      name: request.name,
      samples: sorted.length,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
      max: sorted[sorted.length - 1],
    };
  });
}
