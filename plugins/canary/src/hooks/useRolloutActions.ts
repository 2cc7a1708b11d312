import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import type { CanaryRollout } from '@vane/plugin-canary-common';
import { useCallback, useState } from 'react';
import { canaryApiRef, CanaryRolloutAction } from '../api/CanaryApi';
import { describeRequestError } from '../components/RolloutRow/describeRequestError';
import { rolloutKey } from '../components/RolloutRow/rolloutKey';

/**
 * Operator actions on an entity's rollouts: sends one, says what the backend answered (its
 * message, or why it refused: 403 for a non-owner, 409 when the phase moved on), and tells which
 * rollout has an action in flight so its buttons wait. The result itself arrives by the stream.
 */
export function useRolloutActions(entityRef: string) {
  const canaryApi = useApi(canaryApiRef);
  const alertApi = useApi(alertApiRef);
  const [inFlight, setInFlight] = useState<string>();

  const act = useCallback(
    async (rollout: CanaryRollout, action: CanaryRolloutAction) => {
      const key = rolloutKey(rollout);
      setInFlight(key);
      try {
        const { message, warnings } = await canaryApi.act(
          entityRef,
          rollout,
          action,
        );
        alertApi.post({ message, severity: 'success', display: 'transient' });
        for (const warning of warnings ?? []) {
          alertApi.post({ message: warning, severity: 'warning' });
        }
      } catch (error) {
        alertApi.post({
          message: `Could not ${action} ${rollout.namespace}/${
            rollout.name
          }: ${describeRequestError(error)}`,
          severity: 'error',
        });
      } finally {
        setInFlight(current => (current === key ? undefined : current));
      }
    },
    [alertApi, canaryApi, entityRef],
  );

  return { act, inFlight };
}
