import {
  CanaryGateWait,
  CanaryStepPause,
  isAnalysisUnderWay,
} from '@vane/plugin-canary-common';
import {
  OPERATOR_ANNOTATIONS,
  readOperatorRequests,
} from '../engine/readOperatorRequests';

/** The actions on a Vane Canary. */
export const VANE_ROLLOUT_ACTIONS = [
  'pause',
  'resume',
  'abort',
  'promote',
  'retry',
  'approve',
] as const;

/**
 * What an operator action writes on a Canary (annotations the engine reads on its next tick), or
 * why it does not fit the Canary's state. Pure: the route checks permissions and writes.
 */
export function planRolloutAction(options: {
  action: string;
  phase?: string;
  annotations?: Record<string, string>;
  /** The manual gate the rollout waits at (`status.gate`), if any. */
  gate?: CanaryGateWait;
  /** The pause step of `analysis.steps` holding the rollout (`status.stepPause`), if any. */
  stepPause?: CanaryStepPause;
  user: string;
  now: string;
}):
  | { patch: Record<string, unknown>; message: string }
  | { conflict: string }
  | { invalid: string } {
  const { action, phase, annotations, gate, stepPause, user, now } = options;
  const pausedBy = annotations?.[OPERATOR_ANNOTATIONS.pausedBy];
  const annotate = (values: Record<string, string | null>) => ({
    metadata: { annotations: values },
  });
  const request = (name: string, more: Record<string, unknown> = {}) =>
    annotate({
      [OPERATOR_ANNOTATIONS.request]: JSON.stringify({
        action: name,
        ...more,
        user,
        at: now,
      }),
    });
  const state = phase ?? 'not initialised';

  switch (action) {
    case 'pause':
      if (pausedBy)
        return { conflict: `The rollout is already paused by ${pausedBy}` };
      if (phase === 'Terminating')
        return {
          conflict:
            'A Terminating canary cannot be paused: it is being deleted, and traffic is being handed back to its target',
        };
      if (phase === 'Promoting' || phase === 'Finalising')
        return {
          conflict: `A ${phase} rollout cannot be paused: the promotion is already under way`,
        };
      return {
        patch: annotate({ [OPERATOR_ANNOTATIONS.pausedBy]: user }),
        message: `Paused by ${user}`,
      };
    case 'resume':
      if (pausedBy)
        return {
          patch: annotate({ [OPERATOR_ANNOTATIONS.pausedBy]: null }),
          message: `Resumed by ${user}`,
        };
      // A pause step: the request names it, so it resumes that pause and no later one.
      if (stepPause && phase === 'Progressing')
        return {
          patch: request('resume', {
            step: stepPause.step,
            since: stepPause.startTime,
          }),
          message: `Step ${stepPause.step + 1} resumed by ${user}`,
        };
      return { conflict: 'The rollout is not paused' };
    case 'abort':
      if (!isAnalysisUnderWay(phase))
        return {
          conflict: `Only a rollout under way can be aborted; this one is ${state}`,
        };
      return { patch: request('abort'), message: `Abort requested by ${user}` };
    case 'promote':
      if (!isAnalysisUnderWay(phase))
        return {
          conflict: `Only a rollout under way can be promoted; this one is ${state}`,
        };
      return {
        patch: request('promote'),
        message: `Promotion requested by ${user}`,
      };
    case 'retry':
      if (phase !== 'Failed')
        return {
          conflict: `Only a failed rollout can be retried; this one is ${state}`,
        };
      return { patch: request('retry'), message: `Retry requested by ${user}` };
    case 'approve': {
      if (!gate || !isAnalysisUnderWay(phase))
        return {
          conflict: `Only a rollout waiting at a manual gate can be approved; this one is ${state} and waits at no gate`,
        };
      if (!gate.servedByVane)
        return {
          conflict: `The rollout waits at the ${gate.type} webhook ${gate.name}, which its own service opens; only gates with url vane://approval are approved in the portal`,
        };
      const approval = {
        gate: gate.type,
        name: gate.name,
        revision: gate.revision,
        ...(gate.canaryWeight === undefined
          ? {}
          : { weight: gate.canaryWeight }),
        since: gate.since,
      };
      const given = readOperatorRequests(annotations).approval;
      if (
        given &&
        given.gate === gate.type &&
        given.name === gate.name &&
        given.revision === gate.revision &&
        given.weight === gate.canaryWeight &&
        given.since === gate.since
      )
        return {
          conflict: `The ${gate.type} gate ${gate.name} is already approved by ${given.user}`,
        };
      return {
        patch: annotate({
          [OPERATOR_ANNOTATIONS.approval]: JSON.stringify({
            ...approval,
            user,
            at: now,
          }),
        }),
        message: `${gate.type} gate ${gate.name} approved by ${user}`,
      };
    }
    default:
      return {
        invalid: `Unknown action "${action}"; one of ${VANE_ROLLOUT_ACTIONS.join(
          ', ',
        )}`,
      };
  }
}
