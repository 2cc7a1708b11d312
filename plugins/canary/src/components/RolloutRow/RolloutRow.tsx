import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type { CanaryRollout } from '@vane/plugin-canary-common';
import type { CanaryRolloutAction } from '../../api/CanaryApi';
import { actionsFor } from './actionsFor';
import { ArgoRolloutFacts } from './ArgoRolloutFacts';
import { ControllerChip } from './ControllerChip';
import { FlaggerGatesNote } from './FlaggerGatesNote';
import { PhaseChip } from './PhaseChip';
import { rolloutKey } from './rolloutKey';
import { TimeInPhase } from './TimeInPhase';
import { WeightBar } from './WeightBar';
import { describeProgress } from './describeProgress';

const BUTTON_LABELS: Record<CanaryRolloutAction, string> = {
  pause: 'Pause',
  resume: 'Resume',
  abort: 'Abort',
  promote: 'Promote',
  retry: 'Retry',
  approve: 'Approve',
  'promote-full': 'Promote full',
  restart: 'Restart',
};

const imagesOf = (images: CanaryRollout['images']['primary']) =>
  images.map(i => i.image).join(', ') || 'none';

/**
 * One rollout, whatever drives it: the controller, phase, weight split with the step reached,
 * time in phase, failed checks and the reason the rollout halted or failed (an Argo Rollout: its
 * set and actual weight, pauses and analysis instead), who paused it, the gate it waits at,
 * images old to new, and the actions its controller takes that fit its phase (disabled with the
 * reason when the user may not act).
 */
export function RolloutRow(props: {
  rollout: CanaryRollout;
  canAct: boolean;
  ownerHint: string;
  busy?: boolean;
  onAction: (action: CanaryRolloutAction) => void;
}) {
  const { rollout, canAct, ownerHint, busy, onAction } = props;
  const { status, spec, argoRollouts } = rollout;
  const progress = describeProgress(rollout);
  const failing = status.phase === 'Failed' || status.failedChecks > 0;
  // The engine's Valid=False condition: an invalid spec, or what the Canary's mesh refuses.
  const invalid = status.conditions.find(
    c => c.type === 'Valid' && c.status === 'False',
  );
  return (
    <Box
      mb={2}
      aria-label={`Rollout ${rollout.namespace}/${rollout.name}`}
      role="group"
      data-testid={`rollout-row-${rolloutKey(rollout)}`}
      data-controller={rollout.controller}
    >
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="subtitle1">
          {rollout.namespace}/{rollout.name}{' '}
          <Typography component="span" variant="caption" color="textSecondary">
            {rollout.cluster}
            {/* Argo Rollouts route through their own traffic routers, not a Vane provider. */}
            {!argoRollouts && ` · ${rollout.provider ?? 'no mesh'}`} ·{' '}
            {spec.strategy ?? 'invalid'}
          </Typography>
        </Typography>
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <ControllerChip controller={rollout.controller} />
          <PhaseChip phase={status.phase} />
        </Box>
      </Box>
      <Box display="flex" alignItems="center" mt={1}>
        <Box flexGrow={1} mr={2}>
          <WeightBar canaryWeight={status.canaryWeight} steps={spec.steps} />
        </Box>
        <Typography variant="body2">
          {argoRollouts
            ? `set weight ${argoRollouts.setWeight}% / actual weight ${argoRollouts.actualWeight}%`
            : `primary ${100 - status.canaryWeight}% / canary ${
                status.canaryWeight
              }%`}
          {progress && ` · ${progress}`}
        </Typography>
      </Box>
      <Typography variant="body2" color="textSecondary">
        {status.lastTransitionTime ? (
          <TimeInPhase phase={status.phase} since={status.lastTransitionTime} />
        ) : (
          status.phase ?? 'Not initialised'
        )}
        {/* Argo Rollouts count no failed checks: its AnalysisRuns say how the analysis goes. */}
        {!argoRollouts && (
          <>
            {' · '}
            <Typography
              component="span"
              variant="body2"
              color={failing ? 'error' : 'inherit'}
            >
              Failed checks: {status.failedChecks} of {spec.threshold ?? '?'}
            </Typography>
          </>
        )}
      </Typography>
      {invalid && (
        <Typography variant="body2" color="error" role="alert">
          Not valid, the engine does not act on it: {invalid.message}
        </Typography>
      )}
      {/* The engine writes its refusal as the reason too: say it once. */}
      {status.reason && status.reason !== invalid?.message && (
        <Typography
          variant="body2"
          color={status.phase === 'Failed' ? 'error' : 'textPrimary'}
        >
          {status.reason}
        </Typography>
      )}
      {status.pausedBy && !status.reason?.includes(status.pausedBy) && (
        <Typography variant="body2">Paused by {status.pausedBy}</Typography>
      )}
      {/* The engine's reason usually names the gate or who paused already: say it once. */}
      {status.pendingGate &&
        !status.reason?.includes(status.pendingGate.name) && (
          <Typography variant="body2">
            Waiting for approval: {status.pendingGate.name}
            {!status.pendingGate.approvableInPortal &&
              ` (${status.pendingGate.type}, answered outside the portal)`}
          </Typography>
        )}
      {!spec.valid && !invalid && (
        <Typography variant="body2" color="error">
          Invalid Canary spec: {(spec.errors ?? []).join('; ')}
        </Typography>
      )}
      {argoRollouts && (
        <ArgoRolloutFacts rollout={argoRollouts} reason={status.reason} />
      )}
      {rollout.controller === 'flagger' && spec.suspend && (
        <Typography variant="body2">
          Suspended (spec.suspend): Flagger holds the analysis until resumed
        </Typography>
      )}
      <Typography variant="body2" color="textSecondary">
        Images{argoRollouts ? ' (stable → canary)' : ''}:{' '}
        {argoRollouts && rollout.images.primary.length === 0
          ? 'unknown (no stable ReplicaSet in the cluster)'
          : imagesOf(rollout.images.primary)}{' '}
        → {imagesOf(rollout.images.canary)}
      </Typography>
      <Box mt={1} display="flex" style={{ gap: 8 }}>
        {actionsFor(rollout).map(action => (
          <Tooltip key={action} title={canAct ? '' : ownerHint}>
            <span>
              <Button
                size="small"
                variant={action === 'approve' ? 'contained' : 'outlined'}
                color={action === 'approve' ? 'primary' : 'default'}
                disabled={!canAct || busy}
                onClick={() => onAction(action)}
              >
                {BUTTON_LABELS[action]}
              </Button>
            </span>
          </Tooltip>
        ))}
        {rollout.controller === 'flagger' && <FlaggerGatesNote />}
      </Box>
    </Box>
  );
}
