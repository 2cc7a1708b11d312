import type {
  KubernetesObjectLike,
  KubernetesOwnerReference,
} from '@vane/plugin-canary-node';
import { visitConfigReferences } from './configReferences';

/** Annotation on the primary: the target revision its template was copied from. */
export const PRIMARY_REVISION_ANNOTATION = 'delivery.vane.dev/revision';

/** Labels of the target's selector, with `-primary` appended to each value. */
export function primarySelector(target: any): Record<string, string> {
  const labels: Record<string, string> =
    target?.spec?.selector?.matchLabels ?? {};
  return Object.fromEntries(
    Object.entries(labels).map(([key, value]) => [key, `${value}-primary`]),
  );
}

/**
 * The pod template the primary runs for a target template: the selector labels suffixed, and
 * ConfigMap/Secret references pointed at their `-primary` copies, so the primary keeps running
 * what was promoted while the canary's config changes.
 */
export function primaryTemplate(target: any): any {
  const template = JSON.parse(JSON.stringify(target?.spec?.template ?? {}));
  template.metadata = template.metadata ?? {};
  template.metadata.labels = {
    ...(template.metadata.labels ?? {}),
    ...primarySelector(target),
  };
  visitConfigReferences(template, ref => `${ref.name}-primary`);
  return template;
}

/** The `<name>-primary` Deployment created from the target at initialisation. */
export function buildPrimaryDeployment(options: {
  target: any;
  primaryName: string;
  revision: string;
  owner: KubernetesOwnerReference;
}): KubernetesObjectLike {
  const { target, primaryName, revision, owner } = options;
  const selector = primarySelector(target);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: primaryName,
      namespace: target.metadata.namespace,
      labels: { ...(target.metadata.labels ?? {}), ...selector },
      annotations: { [PRIMARY_REVISION_ANNOTATION]: revision },
      ownerReferences: [owner],
    },
    spec: {
      replicas: target.spec?.replicas ?? 1,
      selector: { matchLabels: selector },
      ...(target.spec?.strategy ? { strategy: target.spec.strategy } : {}),
      ...(target.spec?.minReadySeconds
        ? { minReadySeconds: target.spec.minReadySeconds }
        : {}),
      template: primaryTemplate(target),
    },
  };
}
