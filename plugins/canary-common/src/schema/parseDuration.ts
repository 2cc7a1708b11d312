const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Milliseconds of a Go-style duration as Canary specs write them: `30s`, `1m`, `1h30m`, `500ms`.
 *
 * @public
 */
export function parseDuration(value: string): number {
  const parts = [...value.matchAll(/([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map(p => p[0]).join('') !== value) {
    throw new Error(`"${value}" is not a duration such as 30s, 1m or 1h30m`);
  }
  return parts.reduce(
    (total, [, amount, unit]) => total + Number(amount) * UNIT_MS[unit],
    0,
  );
}
