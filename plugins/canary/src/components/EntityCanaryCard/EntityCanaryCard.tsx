import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { canaryRolloutUpdatePermission } from '@vane/plugin-canary-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { canaryApiRef, CanaryRolloutAction } from '../../api/CanaryApi';
import { CanaryLinks } from '../CanaryLinks/CanaryLinks';
import { useLinkedCanaries } from '../CanaryLinks/useLinkedCanaries';
import { RolloutRow } from '../RolloutRow/RolloutRow';

/** The rollouts of the current entity, for its overview page. */
export function EntityCanaryCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const linked = useLinkedCanaries(entity);
  const canaryApi = useApi(canaryApiRef);
  const alertApi = useApi(alertApiRef);
  const { allowed: canAct } = usePermission({
    permission: canaryRolloutUpdatePermission,
    resourceRef: entityRef,
  });
  const rollouts = useAsyncRetry(
    () =>
      linked.kind === 'explicit' || linked.kind === 'workloads'
        ? canaryApi.getEntityRollouts(entityRef)
        : Promise.resolve(undefined),
    [entityRef, linked.kind],
  );
  // Cheap: the backend answers from its caches, never from the cluster.
  useInterval(() => rollouts.retry(), linked.kind === 'none' ? null : 5000);

  const act = async (
    rollout: Parameters<typeof canaryApi.act>[1],
    action: CanaryRolloutAction,
  ) => {
    try {
      const { message } = await canaryApi.act(entityRef, rollout, action);
      alertApi.post({ message, severity: 'success', display: 'transient' });
      rollouts.retry();
    } catch (error) {
      alertApi.post({ message: (error as Error).message, severity: 'error' });
    }
  };

  const data = rollouts.value;
  let body;
  if (linked.kind === 'none' || linked.kind === 'invalid') {
    body = <CanaryLinks entity={entity} />;
  } else if (!data && rollouts.loading) {
    body = <Progress />;
  } else if (rollouts.error) {
    body = (
      <WarningPanel
        title="Rollouts could not be loaded"
        message={rollouts.error.message}
      />
    );
  } else {
    // Unreachable clusters are shown above whatever the other clusters report.
    body = (
      <>
        {data?.errors.map(e => (
          <WarningPanel
            key={e.message}
            title={`Cluster ${e.cluster ?? ''} unavailable`}
            message={e.message}
          />
        ))}
        {!data || data.items.length === 0 ? (
          <CanaryLinks entity={entity} />
        ) : (
          data.items.map(rollout => (
            <RolloutRow
              key={`${rollout.cluster}/${rollout.namespace}/${rollout.name}`}
              rollout={rollout}
              paused={/^Paused by /.test(rollout.status.reason ?? '')}
              canAct={canAct}
              ownerHint={`Only owners of ${entity.metadata.name} can act on its rollouts`}
              onAction={action => act(rollout, action)}
            />
          ))
        )}
      </>
    );
  }
  return <InfoCard title="Rollouts">{body}</InfoCard>;
}
