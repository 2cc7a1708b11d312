import { z } from 'zod';

/**
 * A whole number between `min` and `max`, with messages written to be read after the field's path
 * and before "(got <value>)", as in "analysis.stepWeight must be between 1 and 100 (got 0)".
 */
export const between = (min: number, max: number) =>
  z
    .number({ error: `must be a number between ${min} and ${max}` })
    .int({ error: `must be a whole number between ${min} and ${max}` })
    .min(min, { error: `must be between ${min} and ${max}` })
    .max(max, { error: `must be between ${min} and ${max}` });
