import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, WarningPanel } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import Typography from '@material-ui/core/Typography';
import {
  CanaryRollout,
  canaryRolloutUpdatePermission,
  EntityRolloutsResponse,
} from '@vane/plugin-canary-common';
import { Fragment, ReactNode, useEffect } from 'react';
import { useLiveEntityRollouts } from '../../hooks/useLiveEntityRollouts';
import { useRolloutActions } from '../../hooks/useRolloutActions';
import { CanaryLinks } from '../CanaryLinks/CanaryLinks';
import { useLinkedCanaries } from '../CanaryLinks/useLinkedCanaries';
import { RolloutRow } from '../RolloutRow/RolloutRow';
import { rolloutKey } from '../RolloutRow/rolloutKey';

/**
 * The live rollouts of an entity, shared by the card and the Rollouts tab: the template link when
 * the entity has none, one panel per unreachable cluster above the rollouts the other clusters
 * report, and each rollout's row with the actions the signed-in user may take. `renderRollout`
 * places the row (the tab adds the timeline, charts and events around it).
 */
export function LiveEntityRollouts(props: {
  entity: Entity;
  renderRollout?: (rollout: CanaryRollout, row: ReactNode) => ReactNode;
  /** Called with every answer of the stream, for views that follow the rollouts' changes. */
  onChange?: (data: EntityRolloutsResponse) => void;
}) {
  const { entity, renderRollout = (_rollout, row) => row, onChange } = props;
  const entityRef = stringifyEntityRef(entity);
  const linked = useLinkedCanaries(entity);
  const linkedToRollouts =
    linked.kind === 'explicit' || linked.kind === 'workloads';
  // Resource permission on the entity: the backend's policy grants it to the entity's owners.
  const { allowed: canAct } = usePermission({
    permission: canaryRolloutUpdatePermission,
    resourceRef: entityRef,
  });
  const rollouts = useLiveEntityRollouts(entityRef, {
    enabled: linkedToRollouts,
  });
  const { act, inFlight } = useRolloutActions(entityRef);
  useEffect(() => {
    if (rollouts.value) onChange?.(rollouts.value);
    // Only a new answer is news; a new callback identity is not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rollouts.value]);

  if (!linkedToRollouts) {
    return <CanaryLinks entity={entity} />;
  }
  const data = rollouts.value;
  if (!data) {
    if (rollouts.error) {
      return (
        <WarningPanel
          severity="error"
          title="Rollouts could not be loaded"
          message={rollouts.error.message}
        />
      );
    }
    return <Progress />;
  }
  return (
    <>
      {rollouts.error && (
        <Typography variant="caption" color="error" role="status">
          Live updates interrupted ({rollouts.error.message}); reconnecting. The
          rollouts below may be out of date.
        </Typography>
      )}
      {data.errors.map(error => (
        <WarningPanel
          key={`${error.cluster ?? error.entityRef ?? ''}: ${error.message}`}
          severity="error"
          title={
            error.cluster
              ? `Cluster ${error.cluster} is unreachable`
              : 'Some rollouts could not be read'
          }
          message={error.message}
        />
      ))}
      {data.items.length === 0 && data.errors.length === 0 && (
        <CanaryLinks entity={entity} />
      )}
      {data.items.map(rollout => (
        <Fragment key={rolloutKey(rollout)}>
          {renderRollout(
            rollout,
            <RolloutRow
              rollout={rollout}
              canAct={canAct}
              ownerHint={`Only owners of ${entity.metadata.name} may act on its rollouts`}
              busy={inFlight === rolloutKey(rollout)}
              onAction={action => act(rollout, action)}
            />,
          )}
        </Fragment>
      ))}
    </>
  );
}
