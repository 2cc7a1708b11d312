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
 * The pod template the primary runs for a target's released template (its pod template without
 * what the engine writes to scale it): the selector labels suffixed, and ConfigMap/Secret
 * references pointed at their `-primary` copies, so the primary keeps running what was promoted
 * while the canary's config changes.
 */
export function primaryTemplate(target: any, released: unknown): any {
  const template = JSON.parse(JSON.stringify(released ?? {}));
  template.metadata = template.metadata ?? {};
  template.metadata.labels = {
    ...(template.metadata.labels ?? {}),
    ...primarySelector(target),
  };
  visitConfigReferences(template, ref => `${ref.name}-primary`);
  return template;
}

/**
 * The `<name>-primary` workload created from the target at initialisation, of the target's kind:
 * its labels and selector suffixed, the primary template, owned by the Canary, and the fields of
 * the kind's spec (`spec`: replicas and strategy of a Deployment, updateStrategy of a DaemonSet).
 */
export function buildPrimaryWorkload(options: {
  kind: 'Deployment' | 'DaemonSet';
  target: any;
  released: unknown;
  primaryName: string;
  revision: string;
  owner: KubernetesOwnerReference;
  spec: Record<string, unknown>;
}): KubernetesObjectLike {
  const { kind, target, released, primaryName, revision, owner, spec } =
    options;
  const selector = primarySelector(target);
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: {
      name: primaryName,
      namespace: target.metadata.namespace,
      labels: { ...(target.metadata.labels ?? {}), ...selector },
      annotations: { [PRIMARY_REVISION_ANNOTATION]: revision },
      ownerReferences: [owner],
    },
    spec: {
      ...spec,
      selector: { matchLabels: selector },
      template: primaryTemplate(target, released),
    },
  };
}
