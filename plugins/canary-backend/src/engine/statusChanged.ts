import type { CanaryStatus } from '@vane/plugin-canary-common';

/**
 * Whether a decided status differs from the stored one in anything but the conditions'
 * lastUpdateTime, which moves every tick: an idle tick must not write.
 */
export function statusChanged(
  before: CanaryStatus | undefined,
  after: CanaryStatus,
): boolean {
  return (
    JSON.stringify(comparable(before ?? {})) !==
    JSON.stringify(comparable(after))
  );
}

function comparable(status: CanaryStatus): unknown {
  const { conditions, ...rest } = status;
  return {
    ...sortKeys(rest),
    conditions: (conditions ?? []).map(({ lastUpdateTime, ...condition }) =>
      sortKeys(condition),
    ),
  };
}

function sortKeys<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  ) as T;
}
