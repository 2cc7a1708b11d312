import { stringifyEntityRef } from '@backstage/catalog-model';
import { Content } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { canaryApiRef } from '../../api/CanaryApi';
import { LiveEntityRollouts } from '../LiveEntityRollouts/LiveEntityRollouts';
import { describeRequestError } from '../RolloutRow/describeRequestError';
import { RolloutSection } from './RolloutSection';

/** How many past rollouts the tab lists. */
const HISTORY_LIMIT = 100;

/** The Rollouts tab of an entity: per rollout its timeline, analysis charts, events and history. */
export function EntityRolloutsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const canaryApi = useApi(canaryApiRef);
  const [historyVersion, setHistoryVersion] = useState('');
  const history = useAsyncRetry(
    () => canaryApi.getHistory(entityRef, { limit: HISTORY_LIMIT }),
    [canaryApi, entityRef, historyVersion],
  );

  return (
    <Content>
      <LiveEntityRollouts
        entity={entity}
        onChange={data =>
          // A history row changes with the weight reached, a terminal phase or an operator
          // action (on another controller's rollout: a pause, a step, an abort): ask again when
          // one of those shows in the stream, not at every answer.
          setHistoryVersion(
            data.items
              .map(
                r =>
                  `${r.status.phase}:${r.status.canaryWeight}:${
                    r.status.pausedBy ?? ''
                  }:${r.spec.suspend}:${r.argoRollouts?.paused ?? ''}:${
                    r.argoRollouts?.currentStepIndex ?? ''
                  }:${r.argoRollouts?.aborted ?? ''}`,
              )
              .join('|'),
          )
        }
        renderRollout={(rollout, row) => (
          <RolloutSection
            entityRef={entityRef}
            rollout={rollout}
            row={row}
            history={history.value?.items.filter(
              entry =>
                rollout.controller === 'vane' &&
                entry.cluster === rollout.cluster &&
                entry.namespace === rollout.namespace &&
                entry.name === rollout.name,
            )}
            portalActions={history.value?.otherControllerActions?.filter(
              action =>
                action.controller === rollout.controller &&
                action.cluster === rollout.cluster &&
                action.namespace === rollout.namespace &&
                action.name === rollout.name,
            )}
            historyError={
              history.error ? describeRequestError(history.error) : undefined
            }
          />
        )}
      />
    </Content>
  );
}
