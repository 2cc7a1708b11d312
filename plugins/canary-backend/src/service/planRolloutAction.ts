import { OPERATOR_ANNOTATIONS } from '../engine/readOperatorRequests';

/** The operator actions the portal offers on a rollout. */
export const ROLLOUT_ACTIONS = [
  'pause',
  'resume',
  'abort',
  'promote',
  'retry',
] as const;
export type RolloutAction = (typeof ROLLOUT_ACTIONS)[number];

/** Phases in which an analysis (or a gate before or after it) is under way. */
const UNDER_WAY = new Set(['Progressing', 'Waiting', 'WaitingPromotion']);

/**
 * What an operator action writes on a Canary (annotations the engine reads on its next tick), or
 * why it does not fit the Canary's state. Pure: the route checks permissions and writes.
 */
export function planRolloutAction(options: {
  action: string;
  phase?: string;
  annotations?: Record<string, string>;
  user: string;
  now: string;
}):
  | { patch: Record<string, unknown>; message: string }
  | { conflict: string }
  | { invalid: string } {
  const { action, phase, annotations, user, now } = options;
  const pausedBy = annotations?.[OPERATOR_ANNOTATIONS.pausedBy];
  const annotate = (values: Record<string, string | null>) => ({
    metadata: { annotations: values },
  });
  const request = (name: string) =>
    annotate({
      [OPERATOR_ANNOTATIONS.request]: JSON.stringify({
        action: name,
        user,
        at: now,
      }),
    });
  const state = phase ?? 'not initialised';

  switch (action) {
    case 'pause':
      if (pausedBy)
        return { conflict: `The rollout is already paused by ${pausedBy}` };
      if (phase === 'Promoting' || phase === 'Finalising')
        return {
          conflict: `A ${phase} rollout cannot be paused: the promotion is already under way`,
        };
      return {
        patch: annotate({ [OPERATOR_ANNOTATIONS.pausedBy]: user }),
        message: `Paused by ${user}`,
      };
    case 'resume':
      if (!pausedBy) return { conflict: 'The rollout is not paused' };
      return {
        patch: annotate({ [OPERATOR_ANNOTATIONS.pausedBy]: null }),
        message: `Resumed by ${user}`,
      };
    case 'abort':
      if (!phase || !UNDER_WAY.has(phase))
        return {
          conflict: `Only a rollout under way can be aborted; this one is ${state}`,
        };
      return { patch: request('abort'), message: `Abort requested by ${user}` };
    case 'promote':
      if (!phase || !UNDER_WAY.has(phase))
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
    default:
      return {
        invalid: `Unknown action "${action}"; one of ${ROLLOUT_ACTIONS.join(
          ', ',
        )}`,
      };
  }
}
