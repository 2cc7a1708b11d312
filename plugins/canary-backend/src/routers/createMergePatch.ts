function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a).filter(k => a[k] !== undefined);
    const otherKeys = Object.keys(b).filter(k => b[k] !== undefined);
    return (
      keys.length === otherKeys.length && keys.every(k => deepEqual(a[k], b[k]))
    );
  }
  return false;
}

/**
 * The JSON merge patch (RFC 7386) that turns `current` into `desired`, or undefined when they are
 * equal, so an unchanged routing object costs no request. Objects are diffed key by key (`null`
 * removes a key), arrays and scalars are replaced whole, as merge patch semantics require.
 */
export function createMergePatch(
  current: Record<string, unknown>,
  desired: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(desired)) {
    if (value === undefined) continue;
    const before = current[key];
    if (deepEqual(before, value)) continue;
    if (isPlainObject(before) && isPlainObject(value)) {
      patch[key] = createMergePatch(before, value) ?? {};
    } else {
      patch[key] = value;
    }
  }
  for (const key of Object.keys(current)) {
    if (current[key] !== undefined && desired[key] === undefined) {
      patch[key] = null;
    }
  }
  return Object.keys(patch).length > 0 ? patch : undefined;
}
