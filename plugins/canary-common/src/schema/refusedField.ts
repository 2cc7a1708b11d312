import { z } from 'zod';

/** Go's zero value, which Flagger (and its `omitempty` JSON) reads as "not set". */
function isGoZeroValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (value === false || value === 0 || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') {
    return Object.values(value as Record<string, unknown>).every(isGoZeroValue);
  }
  return false;
}

/**
 * A Flagger field Vane does not act on. It stays in the schema, typed as in Flagger's CRD, so
 * the API server keeps it instead of pruning it in silence; the validator then refuses it with
 * `message` whenever it asks for something, i.e. holds more than Go's zero value (`false`, `0`,
 * `""`, an empty list or map), which Flagger itself reads as unset. `accepts` lets through the
 * values whose behaviour Vane already has (a ready threshold of 100, say).
 */
export function refusedField<T extends z.ZodType>(
  schema: T,
  message: string,
  accepts: (value: z.output<T>) => boolean = () => false,
) {
  return schema.optional().superRefine((value, ctx) => {
    // A value of the wrong type or range has its own error already.
    const wellFormed = schema.safeParse(value).success;
    if (wellFormed && !isGoZeroValue(value) && !accepts(value as z.output<T>)) {
      ctx.addIssue({ code: 'custom', message });
    }
  });
}
