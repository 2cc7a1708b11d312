import type { CanaryWebhookType } from '@vane/plugin-canary-common';
import type {
  CheckResults,
  MetricCheckResult,
  PlannedCheck,
  WebhookResult,
} from './CheckResults';

/**
 * The decision's only way to a check's result: every read is recorded, so the checks the engine
 * runs are exactly those the decision reads (planChecks), never a restatement of its logic.
 *
 * Deciding, a read of a check that was not measured throws: a gate read without its answer
 * would count as open, and the engine never promotes on missing data. Planning, a check not
 * measured yet reads as passed (a rollback hook: not asking for one), the outcome under which the
 * decision goes furthest and so reads every check it could need.
 */
export class CheckReads {
  private readonly reads: PlannedCheck[] = [];

  private constructor(
    private readonly results: CheckResults,
    private readonly planning: boolean,
  ) {}

  /** For the decision: the results of the checks that were run this tick. */
  static measured(results: CheckResults): CheckReads {
    return new CheckReads(results, false);
  }

  /** For planning: the results measured so far; the rest read as passed. */
  static planning(measuredSoFar: CheckResults): CheckReads {
    return new CheckReads(measuredSoFar, true);
  }

  /** The checks read, in the order first read. */
  get read(): readonly PlannedCheck[] {
    return this.reads;
  }

  webhooks(type: CanaryWebhookType): WebhookResult[] {
    this.note(type);
    return this.results.webhooks[type] ?? this.unmeasured(type, []);
  }

  metrics(): MetricCheckResult[] {
    this.note('metrics');
    return this.results.metrics ?? this.unmeasured('metrics', []);
  }

  private note(check: PlannedCheck) {
    if (!this.reads.includes(check)) {
      this.reads.push(check);
    }
  }

  private unmeasured<T>(check: PlannedCheck, passed: T): T {
    if (this.planning) {
      return passed;
    }
    throw new Error(
      `the decision read ${
        check === 'metrics' ? 'the metrics' : `the ${check} webhooks`
      }, which were not run this tick: planChecks and decideNextStep disagree`,
    );
  }
}
