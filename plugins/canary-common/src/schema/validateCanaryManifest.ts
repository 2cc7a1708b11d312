import { CANARY_API } from '../resource/Canary';
import type { Canary } from '../resource/Canary';
import { metricTemplateSpecSchema } from './metricTemplateSpecSchema';
import { validateCanarySpec } from './validateCanarySpec';

const OBJECT_NAME =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const API_VERSION = `${CANARY_API.group}/${CANARY_API.version}`;

/**
 * The result of validating a whole manifest: its errors are located from the manifest's root
 * (`metadata.name`, `spec.analysis.stepWeight`), ready to show next to a form field.
 *
 * @public
 */
export type ManifestValidation<T> =
  | { valid: true; manifest: T }
  | { valid: false; errors: Array<{ field: string; message: string }> };

/** What every Vane manifest must get right: apiVersion, kind, and a namespaced object name. */
function headerErrors(
  object: any,
  kind: string,
): Array<{ field: string; message: string }> {
  const errors: Array<{ field: string; message: string }> = [];
  if (object.apiVersion !== API_VERSION) {
    errors.push({
      field: 'apiVersion',
      message: `apiVersion must be ${API_VERSION} (got ${JSON.stringify(
        object.apiVersion,
      )})`,
    });
  }
  if (object.kind !== kind) {
    errors.push({
      field: 'kind',
      message: `kind must be ${kind} (got ${JSON.stringify(object.kind)})`,
    });
  }
  const metadata = object.metadata;
  for (const field of ['name', 'namespace'] as const) {
    const value = metadata?.[field];
    if (typeof value !== 'string' || value === '') {
      errors.push({
        field: `metadata.${field}`,
        message: `metadata.${field} is required: the ${kind}'s ${field}`,
      });
    } else if (value.length > 253 || !OBJECT_NAME.test(value)) {
      errors.push({
        field: `metadata.${field}`,
        message: `metadata.${field} must be a Kubernetes object name (lowercase letters, digits, '-' and '.') (got ${JSON.stringify(
          value,
        )})`,
      });
    }
  }
  return errors;
}

/**
 * Checks a Canary manifest as a client hands it in (Scaffolder, API): apiVersion and kind, a
 * namespaced name, and the spec by the engine's own rules (validateCanarySpec). The same rules
 * the engine applies, so a manifest that passes here is one the engine acts on.
 *
 * @public
 */
export function validateCanaryManifest(
  manifest: unknown,
): ManifestValidation<Canary> {
  const object = (manifest ?? {}) as any;
  const errors = headerErrors(object, CANARY_API.kind);
  const spec = validateCanarySpec(object.spec);
  if (!spec.valid) {
    errors.push(
      ...spec.errors.map(error =>
        // The spec itself (not an object) is already named `spec`.
        error.field === 'spec'
          ? { field: error.field, message: error.message }
          : { field: `spec.${error.field}`, message: `spec.${error.message}` },
      ),
    );
  }
  return errors.length
    ? { valid: false, errors }
    : { valid: true, manifest: object as Canary };
}

/**
 * Checks a MetricTemplate manifest (delivery.vane.dev/v1alpha1) the same way.
 *
 * @public
 */
export function validateMetricTemplateManifest(
  manifest: unknown,
): ManifestValidation<{
  apiVersion: string;
  kind: 'MetricTemplate';
  metadata: { name: string; namespace: string };
  spec: { query: string };
}> {
  const object = (manifest ?? {}) as any;
  const errors = headerErrors(object, 'MetricTemplate');
  const spec = metricTemplateSpecSchema.safeParse(object.spec ?? {});
  if (!spec.success) {
    errors.push(
      ...spec.error.issues.map(issue => {
        const field = ['spec', ...issue.path.map(String)].join('.');
        return { field, message: `${field} ${issue.message}` };
      }),
    );
  }
  return errors.length
    ? { valid: false, errors }
    : { valid: true, manifest: object };
}
