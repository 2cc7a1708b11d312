/** A value as a sampler first saw it, and when (epoch ms). */
export interface Sample<T> {
  at: number;
  value: T;
}

/**
 * Reads a value every `everyMs` while a lab test runs and keeps each distinct one with the time
 * it was first seen, so the test can tell afterwards in which order things happened (a route's
 * weights, a Deployment's template, who answered a load) and what held at a given time.
 * A read that fails is skipped.
 */
export function recordSamples<T>(read: () => Promise<T> | T, everyMs = 100) {
  const samples: Sample<T>[] = [];
  let stopped = false;
  const take = async () => {
    let value: T;
    try {
      value = await read();
    } catch {
      return;
    }
    const last = samples[samples.length - 1];
    if (!last || JSON.stringify(last.value) !== JSON.stringify(value)) {
      samples.push({ at: Date.now(), value });
    }
  };
  const loop = (async () => {
    while (!stopped) {
      await take();
      await new Promise(resolve => setTimeout(resolve, everyMs));
    }
  })();
  return {
    samples,
    /** The value that held at `time`: the last one seen at or before it. */
    at(time: number): T | undefined {
      return samples.filter(s => s.at <= time).pop()?.value;
    },
    /** The first sample whose value satisfies `predicate`, if any. */
    first(predicate: (value: T) => boolean): Sample<T> | undefined {
      return samples.find(s => predicate(s.value));
    },
    async stop() {
      stopped = true;
      await loop;
      await take();
    },
  };
}
