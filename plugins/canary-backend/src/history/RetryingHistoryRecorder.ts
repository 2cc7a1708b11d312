import type { LoggerService } from '@backstage/backend-plugin-api';
import type { RolloutHistoryRecorder } from './RolloutHistoryRecorder';

interface HeldWrite {
  description: string;
  write: () => Promise<void>;
}

/**
 * The engine's writes to the rollout history, in the order the transitions happened, held and
 * retried while the database cannot be written (PostgreSQL restarting, a network cut), so the
 * rows appear once it is back instead of leaving a gap. The rollouts never wait for it: a write
 * that fails is held and the transition goes on. The store's writes are idempotent (one row per
 * start, a weight never lowered, the first end wins), so a write retried after a lost answer lands once.
 *
 * Held writes live in this replica's memory: if it dies while the database is away they are lost,
 * and so are the oldest beyond `maxHeld`; both are logged as errors naming the rollouts.
 */
export class RetryingHistoryRecorder implements RolloutHistoryRecorder {
  private readonly held: HeldWrite[] = [];
  private draining: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly history: RolloutHistoryRecorder,
    private readonly options: {
      logger: LoggerService;
      retryEveryMs?: number;
      maxHeld?: number;
    },
  ) {}

  recordStart(
    start: Parameters<RolloutHistoryRecorder['recordStart']>[0],
  ): Promise<void> {
    return this.enqueue({
      description: `the start of the rollout of ${start.canary.namespace}/${start.canary.name} (revision ${start.revision})`,
      write: () => this.history.recordStart(start),
    });
  }

  recordProgress(
    progress: Parameters<RolloutHistoryRecorder['recordProgress']>[0],
  ): Promise<void> {
    return this.enqueue({
      description: `the weight ${progress.weightReached}% reached by the rollout of ${progress.canary.namespace}/${progress.canary.name} (revision ${progress.revision})`,
      write: () => this.history.recordProgress(progress),
    });
  }

  recordEnd(
    end: Parameters<RolloutHistoryRecorder['recordEnd']>[0],
  ): Promise<void> {
    return this.enqueue({
      description: `the end (${end.result}) of the rollout of ${end.canary.namespace}/${end.canary.name} (revision ${end.revision})`,
      write: () => this.history.recordEnd(end),
    });
  }

  /** How many writes wait for the database. */
  get heldCount(): number {
    return this.held.length;
  }

  /** Stops retrying (backend shutdown); what is still held is logged as lost. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    for (const write of this.held.splice(0)) {
      this.options.logger.error(
        `The rollout history is missing ${write.description}: the backend stopped before the database could be written`,
      );
    }
  }

  private async enqueue(write: HeldWrite): Promise<void> {
    this.held.push(write);
    const maxHeld = this.options.maxHeld ?? 1000;
    while (this.held.length > maxHeld) {
      const dropped = this.held.shift()!;
      this.options.logger.error(
        `The rollout history is missing ${dropped.description}: more than ${maxHeld} writes waited for the database`,
      );
    }
    await this.drain();
  }

  /** Writes the held rows in order; one drain at a time, so the order holds. */
  private drain(): Promise<void> {
    if (!this.draining) {
      this.draining = this.writeHeld().finally(() => {
        this.draining = undefined;
      });
    }
    return this.draining;
  }

  private async writeHeld(): Promise<void> {
    while (this.held.length > 0 && !this.stopped) {
      const next = this.held[0];
      try {
        await next.write();
      } catch (error) {
        this.scheduleRetry(next, error as Error);
        return;
      }
      this.held.shift();
      if (this.retryTimer && this.held.length === 0) {
        clearTimeout(this.retryTimer);
        this.retryTimer = undefined;
        this.options.logger.info(
          'The rollout history is written again; every held write has landed',
        );
      }
    }
  }

  private scheduleRetry(failed: HeldWrite, error: Error) {
    if (this.retryTimer || this.stopped) {
      return;
    }
    const retryEveryMs = this.options.retryEveryMs ?? 5000;
    this.options.logger.warn(
      `Could not write ${failed.description} to the rollout history (${error.message}); holding ${this.held.length} write(s) and retrying every ${retryEveryMs} ms`,
    );
    const retry = () => {
      this.retryTimer = setTimeout(async () => {
        await this.drain();
        if (this.held.length > 0 && !this.stopped) {
          retry();
        }
      }, retryEveryMs);
      this.retryTimer.unref?.();
    };
    retry();
  }
}
