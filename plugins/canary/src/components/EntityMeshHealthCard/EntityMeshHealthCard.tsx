import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type { EntityHealthResponse } from '@vane/plugin-canary-common';
import { useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { canaryApiRef } from '../../api/CanaryApi';
import { useLiveEntityRollouts } from '../../hooks/useLiveEntityRollouts';
import { isCanaryAvailable } from '../CanaryLinks/isCanaryAvailable';
import { describeRequestError } from '../RolloutRow/describeRequestError';
import { rolloutKey } from '../RolloutRow/rolloutKey';
import { HealthStatusChip } from './HealthStatusChip';
import { WorkloadHealthItem } from './WorkloadHealthItem';

/** Health comes from Prometheus, not from the stream: ask again this often. */
const REFRESH_MS = 10_000;

const WINDOWS = ['5m', '15m', '1h'];

/**
 * The mesh health of the entity's workloads over a window the user picks: rate, success rate and
 * latency with their trends, the primary and the canary apart while a rollout runs, and the
 * Kiali-style status. Asked again every few seconds and whenever a rollout of the entity changes.
 */
export function EntityMeshHealthCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const canaryApi = useApi(canaryApiRef);
  const available = isCanaryAvailable(entity);
  const [healthWindow, setHealthWindow] = useState(WINDOWS[0]);
  // A rollout that starts or moves on splits or merges workloads: follow it at once.
  const rollouts = useLiveEntityRollouts(entityRef, {
    enabled: available,
    initialRequest: false,
  });
  const rolloutsKey = rollouts.value?.items
    .map(
      r =>
        `${rolloutKey(r)}:${r.status.phase}:${r.status.canaryWeight}:${
          r.status.lastTransitionTime
        }`,
    )
    .join('|');
  const health = useAsyncRetry(
    async () =>
      available
        ? canaryApi.getEntityHealth(entityRef, { window: healthWindow })
        : undefined,
    [canaryApi, entityRef, healthWindow, available, rolloutsKey],
  );
  useInterval(health.retry, available ? REFRESH_MS : null);
  // A failed refresh (Prometheus restarting) keeps the last answer on screen, marked as such.
  const lastAnswer = useRef<EntityHealthResponse>();
  if (health.value) lastAnswer.current = health.value;
  const data = health.value ?? lastAnswer.current;
  let body;
  if (!available) {
    body = (
      <Typography variant="body2" color="textSecondary">
        {entity.metadata.name} is not linked to any workload: add the
        vane.dev/canary or backstage.io/kubernetes-id annotation.
      </Typography>
    );
  } else if (!data && health.error) {
    body = (
      <WarningPanel
        severity="error"
        title="Mesh health could not be loaded"
        message={describeRequestError(health.error)}
      />
    );
  } else if (!data) {
    body = <Progress />;
  } else {
    body = (
      <>
        {data.errors.map(error => (
          <WarningPanel
            key={`${error.cluster ?? ''}: ${error.message}`}
            severity="error"
            title={
              error.cluster
                ? `Cluster ${error.cluster}: health unavailable`
                : 'Some health data is unavailable'
            }
            message={error.message}
          />
        ))}
        {data.items.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No workload of {entity.metadata.name} reported any mesh metrics.
          </Typography>
        ) : (
          <Box
            component="ul"
            aria-label="Workload health"
            m={0}
            p={0}
            style={{ listStyle: 'none' }}
          >
            {data.items.map(workload => (
              <WorkloadHealthItem
                key={`${workload.cluster}/${workload.namespace}/${workload.workload}`}
                workload={workload}
              />
            ))}
          </Box>
        )}
        {health.error && (
          <Typography variant="caption" color="error" role="status">
            Refresh failed ({describeRequestError(health.error)}); showing the
            last answer.
          </Typography>
        )}
      </>
    );
  }

  return (
    <InfoCard
      title="Mesh health"
      action={
        <Box
          display="flex"
          alignItems="center"
          style={{ gap: 8 }}
          mt={1}
          mr={1}
        >
          <HealthStatusChip status={data?.status ?? 'unknown'} />
          <TextField
            select
            id="mesh-health-window"
            size="small"
            label="Window"
            value={healthWindow}
            onChange={event => setHealthWindow(event.target.value)}
            disabled={!available}
          >
            {WINDOWS.map(option => (
              <MenuItem key={option} value={option}>
                {option}
              </MenuItem>
            ))}
          </TextField>
        </Box>
      }
    >
      {body}
    </InfoCard>
  );
}
