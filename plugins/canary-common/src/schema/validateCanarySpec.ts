import { canarySpecSchema, ValidCanarySpec } from './canarySpecSchema';
import { normalizeCanarySpec } from './normalizeCanarySpec';

/**
 * One broken rule of a Canary spec, located by its field path.
 *
 * @public
 */
export interface CanarySpecError {
  /** Dotted path below `spec`, e.g. `analysis.stepWeight` or `analysis.metrics[0].thresholdRange`. */
  field: string;
  /** The rule, phrased to follow the field name: `must be between 1 and 100`. */
  rule: string;
  /** The offending value, when there is one. */
  value?: unknown;
  /** `<field> <rule> (got <value>)`, ready for a status condition or an API error. */
  message: string;
}

/**
 * The result of validating a Canary spec.
 *
 * @public
 */
export type CanarySpecValidation =
  | { valid: true; spec: ValidCanarySpec; deprecations: string[] }
  | { valid: false; errors: CanarySpecError[]; deprecations: string[] };

/**
 * Normalises Flagger's deprecated forms, applies defaults and checks every rule. The one source
 * of truth for the engine, the API and the Scaffolder: an invalid spec is never acted on.
 *
 * @public
 */
export function validateCanarySpec(spec: unknown): CanarySpecValidation {
  const normalized = normalizeCanarySpec(spec);
  const result = canarySpecSchema.safeParse(normalized.spec);
  if (result.success) {
    return {
      valid: true,
      spec: result.data,
      deprecations: normalized.deprecations,
    };
  }
  const errors = result.error.issues.map(issue => {
    // A spec that is no object at all has no field to name but itself.
    if (issue.path.length === 0) {
      return normalized.spec === undefined
        ? { field: 'spec', rule: 'is required', message: 'spec is required' }
        : {
            field: 'spec',
            rule: 'must be an object',
            value: normalized.spec,
            message: `spec must be an object (got ${formatValue(
              normalized.spec,
            )})`,
          };
    }
    const field = formatPath(issue.path);
    const value = valueAt(normalized.spec, issue.path);
    const rule =
      value === undefined && issue.code === 'invalid_type'
        ? 'is required'
        : issue.message;
    const got = value === undefined ? '' : ` (got ${formatValue(value)})`;
    return {
      field,
      rule,
      ...(value === undefined ? {} : { value }),
      message: `${field} ${rule}${got}`,
    };
  });
  return { valid: false, errors, deprecations: normalized.deprecations };
}

function formatPath(path: PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === 'number'
        ? `[${part}]`
        : `${i === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let current: unknown = root;
  for (const part of path) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}
