import { WarningPanel } from '@backstage/core-components';
import type { CanaryRolloutError } from '@vane/plugin-canary-common';

function where(error: CanaryRolloutError): string {
  if (error.cluster && error.entityRef) {
    return `${error.entityRef} in cluster ${error.cluster}: `;
  }
  if (error.cluster) return `Cluster ${error.cluster}: `;
  if (error.entityRef) return `${error.entityRef}: `;
  return '';
}

/**
 * Why some rollouts are missing: an unreachable cluster, a malformed annotation. The rollouts of
 * the other clusters still show below.
 */
export function ClusterErrorsPanel(props: { errors: CanaryRolloutError[] }) {
  const { errors } = props;
  if (errors.length === 0) {
    return null;
  }
  return (
    <div data-testid="cluster-errors">
      <WarningPanel
        severity="error"
        title={`Some rollouts could not be read (${errors.length} ${
          errors.length === 1 ? 'problem' : 'problems'
        })`}
        defaultExpanded
      >
        <ul>
          {errors.map(error => (
            <li key={`${error.cluster}/${error.entityRef}/${error.message}`}>
              {where(error)}
              {error.message}
            </li>
          ))}
        </ul>
      </WarningPanel>
    </div>
  );
}
