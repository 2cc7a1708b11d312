/** A measure as the card shows it: fixed digits and a unit, or a dash when there is none. */
export function formatMeasure(
  value: number | undefined,
  digits: number,
  unit = '',
): string {
  return value === undefined || Number.isNaN(value)
    ? '—'
    : `${value.toFixed(digits)}${unit}`;
}
