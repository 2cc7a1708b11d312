import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  Canary,
  CanaryStatus,
  ValidCanarySpec,
} from '@vane/plugin-canary-common';
import type { AlertSender } from '../alerts/AlertSender';
import { decideRolloutAlert } from '../alerts/decideRolloutAlert';
import type { RolloutHistoryRecorder } from '../history/RolloutHistoryRecorder';
import { rolloutHistoryChange } from '../history/rolloutHistoryChange';
import { workloadImages } from '../workloads/workloadImages';

/** A status the engine just wrote, with what it replaced. */
export interface StatusChange {
  canary: Canary;
  spec: ValidCanarySpec;
  previous: CanaryStatus;
  next: CanaryStatus;
  /** The target and primary workloads as cached this tick, for the images the history keeps. */
  primary?: any;
  target?: any;
}

/**
 * What follows a status change, once it is stored: the rollout's start, progress or end in the history,
 * and the alert the transition raises. Neither holds the rollout: a history that cannot be written
 * is logged, and alerts are sent without waiting (AlertSender logs its failures).
 */
export class StatusChangeEffects {
  constructor(
    private readonly deps: {
      clusterName: string;
      logger: LoggerService;
      history?: RolloutHistoryRecorder;
      alerts?: Pick<AlertSender, 'send'>;
    },
  ) {}

  async follow(change: StatusChange): Promise<void> {
    await this.recordHistory(change);
    const { namespace, name } = change.canary.metadata;
    const alert = decideRolloutAlert(
      { cluster: this.deps.clusterName, namespace, name },
      change.previous,
      change.next,
      change.spec.analysis.webhooks,
    );
    if (alert) {
      void this.deps.alerts?.send(alert, change.spec.analysis.alerts);
    }
  }

  private async recordHistory(change: StatusChange) {
    const { history, logger } = this.deps;
    const rollout = rolloutHistoryChange(change.previous, change.next);
    if (!history || !rollout) {
      return;
    }
    const { canary } = change;
    const key = {
      cluster: this.deps.clusterName,
      namespace: canary.metadata.namespace,
      name: canary.metadata.name,
    };
    const images = {
      primary: workloadImages(change.primary),
      canary: workloadImages(change.target),
    };
    // Kept with the rollout so the history outlives the Canary for entities linked to the target.
    const target = canary.spec.targetRef.name;
    try {
      if (rollout.kind === 'started') {
        await history.recordStart({ canary: key, target, ...rollout, images });
      } else if (rollout.kind === 'progressed') {
        const { kind, ...progress } = rollout;
        await history.recordProgress({ canary: key, ...progress });
      } else {
        const { kind, ...end } = rollout;
        await history.recordEnd({ canary: key, target, ...end, images });
      }
    } catch (error) {
      const what = { started: 'start', progressed: 'progress', ended: 'end' };
      logger.warn(
        `Could not record the ${what[rollout.kind]} of the rollout of ${
          key.namespace
        }/${key.name} in the history: ${(error as Error).message}`,
      );
    }
  }
}
