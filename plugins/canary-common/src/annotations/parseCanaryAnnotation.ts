import { CANARY_ANNOTATIONS } from './annotations';

/**
 * A Canary named by a catalog annotation.
 *
 * @public
 */
export interface CanaryRef {
  namespace: string;
  name: string;
}

/** Kubernetes object names and namespaces are RFC 1123 labels / subdomains. */
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Parses the value of the `vane.dev/canary` annotation: `<namespace>/<name>` entries separated by
 * commas. Throws an error that names the offending entry and the expected form, so a typo in
 * catalog-info.yaml is reported instead of silently showing no rollouts.
 *
 * @public
 */
export function parseCanaryAnnotation(value: string): CanaryRef[] {
  return parseObjectRefs(CANARY_ANNOTATIONS.canary, value);
}

/**
 * Parses the value of the `vane.dev/rollout` annotation (Argo Rollouts and Flagger Canaries) with
 * the same rules and messages as `parseCanaryAnnotation`.
 *
 * @public
 */
export function parseRolloutAnnotation(value: string): CanaryRef[] {
  return parseObjectRefs(CANARY_ANNOTATIONS.rollout, value);
}

function parseObjectRefs(annotation: string, value: string): CanaryRef[] {
  const refs: CanaryRef[] = [];
  const seen = new Set<string>();
  for (const raw of value.split(',')) {
    const entry = raw.trim();
    if (!entry) {
      continue;
    }
    const parts = entry.split('/');
    if (parts.length !== 2) {
      throw new Error(
        `${annotation}: "${entry}" must have the form <namespace>/<name>`,
      );
    }
    const [namespace, name] = parts;
    if (!DNS_LABEL.test(namespace) || namespace.length > 63) {
      throw new Error(
        `${annotation}: namespace "${namespace}" in "${entry}" is not a valid Kubernetes namespace (lowercase letters, digits and '-', at most 63 characters)`,
      );
    }
    if (!DNS_SUBDOMAIN.test(name) || name.length > 253) {
      throw new Error(
        `${annotation}: name "${name}" in "${entry}" is not a valid Kubernetes object name (lowercase letters, digits, '-' and '.')`,
      );
    }
    const key = `${namespace}/${name}`;
    if (!seen.has(key)) {
      seen.add(key);
      refs.push({ namespace, name });
    }
  }
  if (refs.length === 0) {
    throw new Error(
      `${annotation}: the annotation is empty; expected <namespace>/<name>[,<namespace>/<name>...]`,
    );
  }
  return refs;
}
