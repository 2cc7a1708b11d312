/**
 * Polls a condition until it holds, failing with a message that says what was awaited and the
 * last thing observed; every wait in the lab and its tests goes through here (no fixed sleeps).
 */
export async function waitFor<T>(
  description: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  options: { timeoutMs?: number; intervalMs?: number; observe?: () => string } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const intervalMs = options.intervalMs ?? 250;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const result = await check();
      if (result !== undefined && result !== false) return result as T;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const observed = options.observe ? `; last observed: ${options.observe()}` : '';
      const error = lastError ? `; last error: ${(lastError as Error).message ?? lastError}` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}${observed}${error}`);
    }
    await new Promise(r => setTimeout(r, intervalMs));
  }
}
