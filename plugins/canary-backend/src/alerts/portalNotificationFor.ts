import type { CanaryRolloutAlert } from '@vane/plugin-canary-node';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import { parseEntityRef } from '@backstage/catalog-model';

const SEVERITY = { info: 'normal', warn: 'high', error: 'critical' } as const;

/**
 * The Backstage notification of a rollout alert: the alert's sentence, the reason, a link to the
 * entity's Rollouts tab, and a scope per Canary so its next alert updates this one.
 */
export function portalNotificationFor(
  alert: CanaryRolloutAlert,
  entityRef: string,
): NotificationPayload {
  const entity = parseEntityRef(entityRef);
  return {
    title: alert.message,
    description: [
      alert.reason,
      `Cluster ${alert.cluster}, phase ${alert.phase}, canary weight ${alert.canaryWeight}%.`,
    ]
      .filter(Boolean)
      .join(' '),
    link: `/catalog/${entity.namespace}/${entity.kind.toLocaleLowerCase(
      'en-US',
    )}/${entity.name}/rollouts`,
    severity: SEVERITY[alert.severity],
    topic: 'Rollouts',
    scope: `canary:${alert.cluster}/${alert.namespace}/${alert.name}`,
  };
}
