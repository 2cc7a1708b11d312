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
  return sortKeys({
    ...rest,
    conditions: (conditions ?? []).map(
      ({ lastUpdateTime, ...condition }) => condition,
    ),
  });
}

/**
 * The value with every object's keys in order, at any depth: the API server hands objects back
 * with their keys sorted, whatever order the engine wrote them in.
 */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}
