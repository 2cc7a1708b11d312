import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Canary } from '@vane/plugin-canary-common';
import type { KubernetesObjectLike } from '@vane/plugin-canary-node';
import { buildCanaryEvent } from '../checks/buildCanaryEvent';
import type { EngineCluster } from './EngineCluster';

/** Records what the engine does to a Canary as a Kubernetes Event on it, and in the log. */
export class CanaryEventRecorder {
  constructor(
    private readonly deps: {
      writer: EngineCluster['writer'];
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  async record(
    canary: Canary,
    severity: 'Normal' | 'Warning',
    message: string,
  ): Promise<void> {
    try {
      await this.deps.writer.createEvent(
        buildCanaryEvent({
          canary,
          severity,
          message,
          now: this.deps.now?.() ?? new Date(),
        }) as unknown as KubernetesObjectLike,
      );
    } catch (error) {
      // An event that cannot be written must not stop a rollback.
      this.deps.logger.warn(
        `Could not record event "${message}": ${(error as Error).message}`,
      );
    }
    this.deps.logger.info(
      `${canary.metadata.namespace}/${canary.metadata.name}: ${message}`,
    );
  }
}
