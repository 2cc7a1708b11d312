import {
  CanaryCondition,
  CanaryGateWait,
  CanaryPhase,
  CanaryStatus,
  CanaryStep,
  CanaryStepPlan,
  CanaryStepTraffic,
  plannedCanaryWeights,
  stepPlan,
  VANE_APPROVAL_URL,
  ValidCanarySpec,
} from '@vane/plugin-canary-common';
import { workloadReadiness } from '../workloads/workloadReadiness';
import { CheckReads } from './CheckReads';
import type { CheckResults, MetricCheckResult } from './CheckResults';
import { classifyRevision } from './classifyRevision';
import { isPaused } from './isPaused';
import { settleStepStatus } from './settleStepStatus';
import type { OperatorRequest } from './readOperatorRequests';
import type { EngineAction } from './EngineAction';
import type { ObservedWorld } from './ObservedWorld';
import { statusOfRoutes } from './statusOfRoutes';

/** What the engine does this tick and the status it writes afterwards. */
export interface Decision {
  actions: EngineAction[];
  status: CanaryStatus;
}

/** The Canary as the decision sees it: identity, validated spec and current status. */
export interface DecisionInput {
  name: string;
  namespace: string;
  spec: ValidCanarySpec;
  status: CanaryStatus;
  /**
   * The mesh provider routing the Canary (`spec.provider`, the cluster's default or discovery).
   * On `kubernetes`, which switches a Service selector, blue/green does not move the traffic to
   * the canary before the promotion, as in Flagger; unset, the provider is taken for a mesh.
   */
  provider?: string;
}

const NO_CHECKS: CheckResults = { webhooks: {} };

/** A pause step as a tick finds it. */
interface PauseState {
  /** Whether it started at an earlier tick (the status records it). */
  started: boolean;
  startTime: string;
  /** For a timed pause. */
  endTime?: string;
  /** A timed pause whose end has come. */
  over: boolean;
}

/** One tick's reasoning; a class only to keep the many small rules readable. */
class Step {
  private readonly target: string;
  private readonly primary: string;
  private readonly actions: EngineAction[] = [];
  /** The gate that holds the rollout this tick, if one does. */
  private heldAt?: Omit<CanaryGateWait, 'since'>;
  /** Whether this tick looked at gates at all (if not, a recorded wait is kept as it is). */
  private gatesEvaluated = false;

  constructor(
    private readonly canary: DecisionInput,
    private readonly observed: ObservedWorld,
    private readonly checks: CheckReads,
  ) {
    this.target = `${canary.name}.${canary.namespace}`;
    this.primary = `${canary.name}-primary.${canary.namespace}`;
  }

  decide(): Decision {
    const { spec, status } = this.canary;
    if (spec.suspend) {
      return this.stay({ reason: 'Suspended: spec.suspend is true' });
    }
    if (!this.observed.target.exists) {
      return this.stay({
        reason: `Target ${spec.targetRef.kind} ${this.target} not found`,
      });
    }
    const request = this.observed.operator?.request;
    if (request && request.raw !== status.lastHandledRequest) {
      const decision = this.handle(request);
      decision.status.lastHandledRequest = request.raw;
      return decision;
    }
    if (isPaused(status, this.observed)) {
      const waiting =
        status.phase === 'Progressing'
          ? `the analysis holds at weight ${status.canaryWeight ?? 0}`
          : 'the rollout waits';
      return this.stay({
        reason: `Paused by ${
          this.observed.operator!.pausedBy
        }: ${waiting} until resumed`,
      });
    }
    switch (status.phase) {
      case undefined:
      case 'Initializing':
        return this.initialize();
      case 'Initialized':
      case 'Succeeded':
      case 'Failed':
        return this.idle();
      case 'Waiting':
        return this.waitForRolloutApproval();
      case 'Progressing':
      case 'WaitingPromotion':
        // Flagger analyses a release held at confirm-promotion as it analyses one in progress:
        // a canary that degrades while it waits for an approval is rolled back, not left
        // serving its traffic unjudged.
        return this.analyse();
      case 'Promoting':
        return this.promoting();
      case 'Finalising':
        return this.finalise();
      default:
        return this.stay({});
    }
  }

  // --- Operator requests ------------------------------------------------------------------

  /** Abort, promote or retry, asked for by an operator; a request that does not fit is ignored. */
  private handle(request: OperatorRequest): Decision {
    const phase = this.canary.status.phase;
    const underWay =
      phase === 'Progressing' ||
      phase === 'Waiting' ||
      phase === 'WaitingPromotion';
    if (request.action === 'abort' && underWay) {
      this.event(
        'Warning',
        `Rolling back ${this.target}: aborted by ${request.user}`,
      );
      return this.rollback(`Aborted by ${request.user}`);
    }
    if (
      request.action === 'promote' &&
      underWay &&
      this.canaryReadiness().ready
    ) {
      return this.promote(`Promotion requested by ${request.user}: copying`);
    }
    if (request.action === 'resume') {
      const resumed = this.resumeStepPause(request);
      if (resumed) {
        return resumed;
      }
    }
    if (
      request.action === 'retry' &&
      phase === 'Failed' &&
      this.observed.target.revision === this.canary.status.lastAppliedSpec
    ) {
      return this.startRollout(
        `Retry requested by ${request.user}: scaling up`,
      );
    }
    this.event(
      'Normal',
      `Ignored ${request.action} by ${request.user}: ${this.target} is ${
        phase ?? 'not initialised'
      }`,
    );
    return this.stay({});
  }

  // --- Initialisation ---------------------------------------------------------------------

  private initialize(): Decision {
    const { primary, target } = this.observed;
    if (!primary.exists) {
      this.actions.push({ type: 'createPrimary' });
      return this.moveTo('Initializing', {
        reason: `Creating ${this.primary} from ${this.target}`,
      });
    }
    const readiness = this.primaryReadiness();
    if (!readiness.ready) {
      return this.moveTo('Initializing', {
        reason: `Waiting for ${this.primary} to be ready: ${readiness.reason}`,
      });
    }
    this.actions.push(
      { type: 'reconcileServices' },
      { type: 'reconcileRoutes' },
      {
        type: 'setRoutes',
        primaryWeight: 100,
        canaryWeight: 0,
        mirrored: false,
      },
      { type: 'scaleTarget', to: 0 },
    );
    this.event('Normal', `Initialization done! ${this.target}`);
    return this.moveTo('Initialized', {
      canaryWeight: 0,
      failedChecks: 0,
      iterations: 0,
      lastAppliedSpec: target.revision,
      lastPromotedSpec: target.revision,
      reason: undefined,
    });
  }

  // --- Waiting for a new revision ----------------------------------------------------------

  private idle(): Decision {
    const revision = classifyRevision(this.canary.status, this.observed);
    if (revision === 'reverted') {
      return this.stay({ lastAppliedSpec: this.observed.target.revision });
    }
    if (revision !== 'new') {
      return this.stay({});
    }
    const primaryDown = this.primaryNotReady();
    if (primaryDown) {
      return primaryDown;
    }
    const gate = this.failedGate('confirm-rollout');
    if (gate) {
      this.event(
        'Normal',
        `Halt advancement ${this.target} waiting for approval ${gate}`,
      );
      return this.moveTo('Waiting', {
        reason: this.waitingForApproval('confirm-rollout', gate),
      });
    }
    return this.startRollout('New revision detected! Scaling up');
  }

  private waitForRolloutApproval(): Decision {
    if (classifyRevision(this.canary.status, this.observed) === 'reverted') {
      return this.cancel();
    }
    // Flagger's scheduler names Waiting among the phases whose rollback hooks it asks, but
    // returns at the confirm-rollout gate before it gets there; Vane asks them, so a release
    // held at the gate can be aborted by its rollback hook.
    const primaryDown = this.primaryNotReady();
    if (primaryDown) {
      return primaryDown;
    }
    const abort = this.rollbackRequested();
    if (abort) {
      return abort;
    }
    const gate = this.failedGate('confirm-rollout');
    if (gate) {
      return this.stay({
        reason: this.waitingForApproval('confirm-rollout', gate),
      });
    }
    return this.startRollout('Confirm-rollout passed! Scaling up');
  }

  private startRollout(verb: string): Decision {
    this.actions.push({ type: 'scaleTarget', to: 'primaryReplicas' });
    this.event('Normal', `${verb} ${this.target}`);
    return this.moveTo('Progressing', {
      canaryWeight: 0,
      failedChecks: 0,
      iterations: 0,
      lastAppliedSpec: this.observed.target.revision,
      startedAt: this.observed.now,
      reason: undefined,
      metrics: [],
    });
  }

  // --- Analysis ------------------------------------------------------------------------------

  /** A tick of analysis, in Progressing or held at confirm-promotion (WaitingPromotion). */
  private analyse(): Decision {
    const { spec, status } = this.canary;
    const primaryDown = this.primaryNotReady();
    if (primaryDown) {
      return primaryDown;
    }
    const revision = classifyRevision(status, this.observed);
    if (revision === 'reverted') {
      return this.cancel();
    }
    if (revision === 'new') {
      this.actions.push(
        {
          type: 'setRoutes',
          primaryWeight: 100,
          canaryWeight: 0,
          mirrored: false,
        },
        { type: 'scaleTarget', to: 'primaryReplicas' },
      );
      this.event(
        'Normal',
        `New revision detected! Restarting analysis for ${this.target}`,
      );
      return this.moveTo('Progressing', {
        canaryWeight: 0,
        failedChecks: 0,
        iterations: 0,
        lastAppliedSpec: this.observed.target.revision,
        startedAt: this.observed.now,
        reason: undefined,
        metrics: [],
      });
    }

    const failedChecks = status.failedChecks ?? 0;
    if (failedChecks >= spec.analysis.threshold) {
      this.event(
        'Warning',
        `Rolling back ${this.target} failed checks threshold reached ${failedChecks}`,
      );
      return this.rollback(
        `${status.reason ?? 'analysis failed'} (${failedChecks} of ${
          spec.analysis.threshold
        } failed checks)`,
      );
    }

    const canary = this.canaryReadiness();
    if (!canary.ready) {
      const deadlineMs = spec.progressDeadlineSeconds * 1000;
      const since = Date.parse(status.lastTransitionTime ?? this.observed.now);
      if (Date.parse(this.observed.now) - since > deadlineMs) {
        this.event(
          'Warning',
          `Progress deadline exceeded canary ${spec.targetRef.kind.toLowerCase()} ${
            this.target
          } not ready`,
        );
        return this.rollback(
          `Canary ${spec.targetRef.kind.toLowerCase()} ${
            this.target
          } not ready within progressDeadlineSeconds (${
            spec.progressDeadlineSeconds
          }s): ${canary.reason}`,
        );
      }
      return this.stay({
        reason: `Waiting for ${this.target} to be ready: ${canary.reason}`,
      });
    }

    // As in Flagger, skipping the analysis skips its hooks too, the rollback hooks included.
    if (spec.skipAnalysis) {
      return this.promote('Skipping analysis: promoting');
    }
    const abort = this.rollbackRequested();
    if (abort) {
      return abort;
    }
    if (spec.analysis.steps) {
      return this.progressSteps(stepPlan(spec.analysis.steps));
    }
    return spec.analysis.iterations !== undefined
      ? this.progressIterations(spec.analysis.iterations)
      : this.progressWeights();
  }

  /** A rollback, when a rollback hook asks for one (answers 200-202). */
  private rollbackRequested(): Decision | undefined {
    const abort = this.checks.webhooks('rollback').find(hook => hook.passed);
    if (!abort) {
      return undefined;
    }
    this.event('Warning', `Rolling back ${this.target} manual webhook invoked`);
    return this.rollback(`Rolled back by the rollback webhook ${abort.name}`);
  }

  private progressWeights(): Decision {
    const { spec, status } = this.canary;
    const weights = plannedCanaryWeights(spec.analysis);
    const weight = status.canaryWeight ?? 0;

    if (weight === 0 && !status.mirrored) {
      // No traffic reaches the canary yet: nothing to measure, the pre-rollout hooks instead.
      const failed = this.failedWebhook('pre-rollout');
      if (failed) {
        return this.failCheck(failed);
      }
      const start = () =>
        this.event('Normal', `Starting canary analysis for ${this.target}`);
      // With mirror, Flagger's first step mirrors the traffic at weight 0, the next one shifts.
      return spec.analysis.mirror
        ? this.increaseTo(0, undefined, { onStart: start, mirrored: true })
        : this.increaseTo(weights[0], undefined, { onStart: start });
    }

    const { failure, metrics } = this.analysisVerdict();
    if (failure) {
      return this.failCheck(failure, metrics);
    }
    if (weight === 0) {
      // The mirror step passed: the first weight, without mirroring. Flagger asks no
      // confirm-traffic-increase gate while the traffic is mirrored.
      return this.increaseTo(weights[0], metrics, { gated: false });
    }
    const next = weights.find(w => w > weight);
    if (next === undefined) {
      return this.promoteWhenConfirmed(metrics);
    }
    return this.increaseTo(next, metrics);
  }

  /**
   * The next weight (or, `mirrored`, the mirror step at weight 0), once the
   * confirm-traffic-increase gates let it through. Flagger asks them before every increase, the
   * first step included; it also asks them at maxWeight, where no increase follows: Vane asks
   * only where traffic would increase.
   */
  private increaseTo(
    weight: number,
    metrics: CanaryStatus['metrics'] | undefined,
    step: { onStart?: () => void; mirrored?: boolean; gated?: boolean } = {},
  ): Decision {
    const gate =
      step.gated === false
        ? undefined
        : this.failedGate('confirm-traffic-increase');
    if (gate) {
      return this.stay({
        reason: this.waitingForApproval('confirm-traffic-increase', gate),
        ...(metrics ? { metrics } : {}),
      });
    }
    step.onStart?.();
    const mirrored = step.mirrored === true;
    this.actions.push({
      type: 'setRoutes',
      primaryWeight: 100 - weight,
      canaryWeight: weight,
      mirrored,
    });
    this.event(
      'Normal',
      mirrored
        ? `Advance ${this.target} canary weight 0, mirroring ${
            this.canary.spec.analysis.mirrorWeight ?? 100
          }% of the traffic to the canary`
        : `Advance ${this.target} canary weight ${weight}`,
    );
    return this.moveTo('Progressing', {
      canaryWeight: weight,
      reason: undefined,
      ...(metrics ? { metrics } : {}),
    });
  }

  /**
   * A/B testing (`match`: matching requests go to the canary), mirroring (`mirror`: a copy of
   * the traffic goes to the canary) or blue/green (the canary is tested on its own Service):
   * `iterations` successful analyses, then promotion. Blue/green first routes all traffic to the
   * canary (iteration N+1, as Flagger counts it) and copies the spec to the primary only at the
   * next tick, so no request in flight is dropped while the primary rolls out.
   */
  private progressIterations(total: number): Decision {
    const { spec, status } = this.canary;
    const iteration = status.iterations ?? 0;

    if (iteration === 0) {
      const failed = this.failedWebhook('pre-rollout');
      if (failed) {
        return this.failCheck(failed);
      }
      if (spec.analysis.match) {
        // With match routes the weights apply to matching requests only.
        this.actions.push({
          type: 'setRoutes',
          primaryWeight: 0,
          canaryWeight: 100,
          mirrored: false,
        });
      } else if (spec.analysis.mirror) {
        this.actions.push({
          type: 'setRoutes',
          primaryWeight: 100,
          canaryWeight: 0,
          mirrored: true,
        });
      }
      this.event('Normal', `Starting canary analysis for ${this.target}`);
      this.event(
        'Normal',
        `Advance ${this.target} canary iteration 1/${total}`,
      );
      return this.moveTo('Progressing', { iterations: 1, reason: undefined });
    }

    const { failure, metrics } = this.analysisVerdict();
    if (failure) {
      return this.failCheck(failure, metrics);
    }
    if (spec.analysis.match) {
      if (iteration >= total) {
        return this.promoteWhenConfirmed(metrics);
      }
    } else if (iteration === total) {
      return this.switchToCanary(metrics);
    } else if (iteration > total) {
      // The traffic is on the canary since the last tick, whose confirm-promotion gates let it
      // get there; Flagger asks them again here, Vane does not ask an owner to approve the same
      // promotion twice.
      return this.promote('Copying', metrics);
    }
    this.event(
      'Normal',
      `Advance ${this.target} canary iteration ${iteration + 1}/${total}`,
    );
    return this.moveTo('Progressing', {
      iterations: iteration + 1,
      reason: undefined,
      ...(metrics ? { metrics } : {}),
    });
  }

  /**
   * Blue/green's last iteration is analysed: once the confirm-promotion gates pass, all traffic
   * goes to the canary (mirroring stops) and the primary is updated at the next tick. On
   * `kubernetes` the Service keeps selecting the primary, as in Flagger: only the count moves.
   */
  private switchToCanary(metrics: CanaryStatus['metrics'] | undefined) {
    const gate = this.failedGate('confirm-promotion');
    if (gate) {
      return this.waitForPromotionApproval(gate, metrics);
    }
    const iterations = (this.canary.status.iterations ?? 0) + 1;
    if (this.canary.provider === 'kubernetes') {
      return this.moveTo('Progressing', {
        iterations,
        reason: undefined,
        ...(metrics ? { metrics } : {}),
      });
    }
    this.actions.push({
      type: 'setRoutes',
      primaryWeight: 0,
      canaryWeight: 100,
      mirrored: false,
    });
    this.event(
      'Normal',
      this.canary.spec.analysis.mirror
        ? `Stop traffic mirroring and route all traffic to canary ${this.target}`
        : `Routing all traffic to canary ${this.target}`,
    );
    return this.moveTo('Progressing', {
      iterations,
      // The weight the routes carry, from which the promotion hands traffic back.
      canaryWeight: 100,
      reason: undefined,
      ...(metrics ? { metrics } : {}),
    });
  }

  // --- Argo Rollouts' steps (analysis.steps) -------------------------------------------------

  /**
   * A tick of Argo Rollouts' steps. Before the first step, the pre-rollout hooks; after it, the
   * analysis every tick while the canary receives traffic (at a pause too: a failed check counts
   * and rolls back at `threshold`) and before the promotion, so nothing is promoted unjudged;
   * then the steps from the current one (runSteps).
   */
  private progressSteps(plan: CanaryStepPlan): Decision {
    const index = this.canary.status.currentStepIndex;
    if (index === undefined) {
      const failed = this.failedWebhook('pre-rollout');
      if (failed) {
        return this.failCheck(failed);
      }
      return this.runSteps(plan, 0, {}, true);
    }
    let analysed: Partial<CanaryStatus> = {};
    if (
      receivesTraffic(plan.trafficBefore(index)) ||
      index >= plan.steps.length
    ) {
      const { failure, metrics } = this.analysisVerdict();
      if (failure) {
        return this.failCheck(failure, metrics);
      }
      analysed = metrics ? { metrics } : {};
    }
    return this.runSteps(plan, index, analysed, false);
  }

  /**
   * Runs the steps from `from` until one holds the rollout, as Argo Rollouts completes one step
   * after another: a pause holds until its end (its start is in the status, so a restart waits
   * only the rest) or until an owner resumes it; a step that changes the traffic (setWeight,
   * setHeaderRoute, setMirrorRoute) is applied at once, and the step after it waits for the
   * next tick, so every change of traffic is analysed before the next one and before the
   * promotion. After the last step, the promotion (confirm-promotion first).
   */
  private runSteps(
    plan: CanaryStepPlan,
    from: number,
    analysed: Partial<CanaryStatus>,
    starting: boolean,
  ): Decision {
    const count = plan.steps.length;
    let changes: Partial<CanaryStatus> = { ...analysed };
    let trafficChanged = false;
    // Before the first step, the tick that runs one starts the analysis (Flagger's event).
    let beforeFirst = starting;
    const begin = () => {
      if (beforeFirst) {
        beforeFirst = false;
        this.event('Normal', `Starting canary analysis for ${this.target}`);
      }
    };
    for (let index = from; ; index++) {
      if (index >= count) {
        if (trafficChanged) {
          return this.moveTo('Progressing', {
            ...changes,
            currentStepIndex: count,
          });
        }
        begin();
        return this.promoteWhenConfirmed(changes.metrics);
      }
      const planned = plan.steps[index];
      if (planned.kind === 'pause') {
        const pause = this.pauseAt(index, planned.pauseMs);
        if (!pause.over) {
          begin();
          return this.holdAtPause(index, count, planned.label, pause, changes);
        }
        this.event(
          'Normal',
          `Step ${index + 1} of ${count} (${planned.label}) is over for ${
            this.target
          }`,
        );
        changes = { ...changes, stepPause: undefined };
        continue;
      }
      if (trafficChanged) {
        return this.moveTo('Progressing', {
          ...changes,
          currentStepIndex: index,
        });
      }
      const weight = this.canary.status.canaryWeight ?? 0;
      if (planned.traffic.canaryWeight > weight) {
        const gate = this.failedGate('confirm-traffic-increase');
        if (gate) {
          return this.stay({
            ...changes,
            reason: this.waitingForApproval('confirm-traffic-increase', gate),
            ...(beforeFirst ? {} : { currentStepIndex: index }),
          });
        }
      }
      begin();
      this.routeStepTraffic(planned.traffic, planned.step);
      changes = {
        ...changes,
        canaryWeight: planned.traffic.canaryWeight,
        currentStepIndex: index + 1,
        reason: undefined,
      };
      trafficChanged = true;
    }
  }

  /** The pause at `index`: when it started (now, if it starts this tick), ends, and if it is over. */
  private pauseAt(index: number, pauseMs: number | undefined): PauseState {
    const recorded =
      this.canary.status.stepPause?.step === index
        ? this.canary.status.stepPause
        : undefined;
    const startTime = recorded?.startTime ?? this.observed.now;
    const endTime =
      pauseMs === undefined
        ? undefined
        : new Date(Date.parse(startTime) + pauseMs).toISOString();
    return {
      started: !!recorded,
      startTime,
      endTime,
      over:
        !!recorded &&
        endTime !== undefined &&
        Date.parse(this.observed.now) >= Date.parse(endTime),
    };
  }

  /** Holds the rollout at a pause step, saying until when (or until an owner resumes it). */
  private holdAtPause(
    index: number,
    count: number,
    label: string,
    pause: PauseState,
    changes: Partial<CanaryStatus>,
  ): Decision {
    const at = `step ${index + 1} of ${count} (${label})`;
    if (!pause.started) {
      this.event(
        'Normal',
        pause.endTime
          ? `Pausing ${this.target} at ${at} until ${pause.endTime}`
          : `Pausing ${this.target} at ${at} until an owner resumes it`,
      );
    }
    return this.stay({
      ...changes,
      currentStepIndex: index,
      stepPause: {
        step: index,
        startTime: pause.startTime,
        ...(pause.endTime ? { endTime: pause.endTime } : {}),
      },
      reason: pause.endTime
        ? `Paused at ${at} until ${pause.endTime}`
        : `Paused at ${at} until an owner resumes it or promotes the rollout`,
    });
  }

  /** Routes what the steps so far leave the canary: its weight, header and mirror routes. */
  private routeStepTraffic(traffic: CanaryStepTraffic, step: CanaryStep) {
    this.actions.push({
      type: 'setRoutes',
      primaryWeight: 100 - traffic.canaryWeight,
      canaryWeight: traffic.canaryWeight,
      mirrored: false,
      ...(traffic.headerRoutes.length > 0
        ? { headerRoutes: traffic.headerRoutes }
        : {}),
      ...(traffic.mirrorRoutes.length > 0
        ? { mirrorRoutes: traffic.mirrorRoutes }
        : {}),
    });
    if (step.setWeight !== undefined) {
      this.event(
        'Normal',
        `Advance ${this.target} canary weight ${step.setWeight}`,
      );
    } else if (step.setHeaderRoute) {
      const { name, match } = step.setHeaderRoute;
      this.event(
        'Normal',
        match?.length
          ? `Route requests matching header route ${name} to ${this.target}`
          : `Remove header route ${name} of ${this.target}`,
      );
    } else if (step.setMirrorRoute) {
      const { name, match, percentage } = step.setMirrorRoute;
      this.event(
        'Normal',
        match?.length
          ? `Mirror ${
              percentage ?? 100
            }% of the requests matching mirror route ${name} to ${this.target}`
          : `Remove mirror route ${name} of ${this.target}`,
      );
    }
  }

  /**
   * An owner's resume of the pause step that holds the rollout (the request names it): the
   * rollout moves past it, and the next tick runs the step after it. Undefined when the request
   * names another pause, or none holds the rollout.
   */
  private resumeStepPause(request: OperatorRequest): Decision | undefined {
    const { status, spec } = this.canary;
    const pause = status.stepPause;
    const steps = spec.analysis.steps;
    if (
      status.phase !== 'Progressing' ||
      !steps ||
      !pause ||
      pause.step !== request.pause?.step ||
      pause.startTime !== request.pause.since
    ) {
      return undefined;
    }
    this.event(
      'Normal',
      `Resumed ${this.target} at step ${pause.step + 1} of ${steps.length} by ${
        request.user
      }`,
    );
    return this.stay({
      currentStepIndex: pause.step + 1,
      stepPause: undefined,
      reason: undefined,
    });
  }

  /** One more failed check, in the phase the analysis is in; the status keeps any gate wait. */
  private failCheck(
    reason: string,
    metrics?: CanaryStatus['metrics'],
  ): Decision {
    const failedChecks = (this.canary.status.failedChecks ?? 0) + 1;
    this.event('Warning', `Halt ${this.target} advancement ${reason}`);
    return this.stay({
      failedChecks,
      reason,
      ...(metrics ? { metrics } : {}),
    });
  }

  // --- Promotion -----------------------------------------------------------------------------

  /**
   * The last step or iteration is analysed: the confirm-promotion gates, asked here only, as in
   * Flagger. While they hold, the rollout waits in WaitingPromotion and is analysed every tick.
   */
  private promoteWhenConfirmed(
    metrics: CanaryStatus['metrics'] | undefined,
  ): Decision {
    const gate = this.failedGate('confirm-promotion');
    if (gate) {
      return this.waitForPromotionApproval(gate, metrics);
    }
    return this.promote('Copying', metrics);
  }

  /** A confirm-promotion gate holds: WaitingPromotion, analysed every tick. */
  private waitForPromotionApproval(
    gate: string,
    metrics: CanaryStatus['metrics'] | undefined,
  ): Decision {
    if (this.canary.status.phase !== 'WaitingPromotion') {
      this.event(
        'Normal',
        `Halt advancement ${this.target} waiting for promotion approval ${gate}`,
      );
    }
    return this.moveTo('WaitingPromotion', {
      reason: this.waitingForApproval('confirm-promotion', gate),
      ...(metrics ? { metrics } : {}),
    });
  }

  private promote(verb: string, metrics?: CanaryStatus['metrics']): Decision {
    this.actions.push({ type: 'promotePrimary' });
    this.event(
      'Normal',
      `${verb} ${this.target} template spec to ${this.primary}`,
    );
    return this.moveTo('Promoting', {
      reason: undefined,
      ...(metrics ? { metrics } : {}),
    });
  }

  private promoting(): Decision {
    const { spec, status } = this.canary;
    const { primary } = this.observed;
    const readiness = this.primaryReadiness();
    if (primary.revision !== status.lastAppliedSpec || !readiness.ready) {
      return this.stay({
        reason: `Waiting for ${this.primary} to roll out the promoted revision${
          readiness.reason ? `: ${readiness.reason}` : ''
        }`,
      });
    }
    const weight = status.canaryWeight ?? 0;
    const step = spec.analysis.stepWeightPromotion;
    if (step && weight > step) {
      // Hand traffic back to the primary gradually, as stepWeightPromotion asks.
      const next = weight - step;
      this.actions.push({
        type: 'setRoutes',
        primaryWeight: 100 - next,
        canaryWeight: next,
        mirrored: false,
      });
      this.event(
        'Normal',
        `Advance ${this.primary} primary weight ${100 - next}`,
      );
      // The primary has rolled out: the wait's reason is over.
      return this.stay({ canaryWeight: next, reason: undefined });
    }
    this.actions.push({
      type: 'setRoutes',
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: false,
    });
    this.event('Normal', 'Routing all traffic to primary');
    return this.moveTo('Finalising', { canaryWeight: 0, reason: undefined });
  }

  private finalise(): Decision {
    this.actions.push(
      { type: 'scaleTarget', to: 0 },
      { type: 'runWebhooks', webhookType: 'post-rollout' },
    );
    this.event('Normal', `Promotion completed! Scaling down ${this.target}`);
    return this.moveTo('Succeeded', {
      canaryWeight: 0,
      failedChecks: 0,
      iterations: 0,
      lastPromotedSpec: this.canary.status.lastAppliedSpec,
      reason: undefined,
    });
  }

  // --- Rollback and cancellation -----------------------------------------------------------------

  private rollback(reason: string): Decision {
    this.actions.push(
      {
        type: 'setRoutes',
        primaryWeight: 100,
        canaryWeight: 0,
        mirrored: false,
      },
      { type: 'scaleTarget', to: 0 },
      { type: 'runWebhooks', webhookType: 'post-rollout' },
    );
    this.event('Warning', `Canary failed! Scaling down ${this.target}`);
    return this.moveTo('Failed', {
      canaryWeight: 0,
      iterations: 0,
      reason,
      // A release stopped at confirm-rollout was never applied: it fails as the target's
      // revision, so the next tick does not take it for a new one (and retry can restart it).
      ...(this.canary.status.phase === 'Waiting'
        ? { lastAppliedSpec: this.observed.target.revision }
        : {}),
    });
  }

  private cancel(): Decision {
    this.actions.push(
      {
        type: 'setRoutes',
        primaryWeight: 100,
        canaryWeight: 0,
        mirrored: false,
      },
      { type: 'scaleTarget', to: 0 },
    );
    this.event(
      'Normal',
      `Rollout cancelled: ${this.target} is back to the promoted revision`,
    );
    return this.moveTo('Succeeded', {
      canaryWeight: 0,
      failedChecks: 0,
      iterations: 0,
      lastAppliedSpec: this.observed.target.revision,
      reason: `Rollout cancelled: ${this.target} was reverted to the promoted revision`,
    });
  }

  // --- Readiness -------------------------------------------------------------------------------

  /** The canary workload's readiness at `analysis.canaryReadyThreshold` (default 100%). */
  private canaryReadiness(): { ready: boolean; reason?: string } {
    return workloadReadiness(
      this.observed.target.pods,
      this.canary.spec.analysis.canaryReadyThreshold,
    );
  }

  /** The primary's readiness at `analysis.primaryReadyThreshold` (default 100%). */
  private primaryReadiness(): { ready: boolean; reason?: string } {
    return workloadReadiness(
      this.observed.primary.pods,
      this.canary.spec.analysis.primaryReadyThreshold,
    );
  }

  /**
   * As in Flagger's scheduler, a rollout neither starts nor advances while the primary, which
   * serves the rest of the traffic and takes it all back on a rollback, is below its ready
   * threshold: it holds with the reason (no check asked, no failure counted). Flagger skips this
   * with skipAnalysis, and so does Vane. Flagger also rolls back once the primary stays not ready
   * past progressDeadlineSeconds; Vane holds instead of sending every request to it.
   */
  private primaryNotReady(): Decision | undefined {
    if (this.canary.spec.skipAnalysis) {
      return undefined;
    }
    const readiness = this.primaryReadiness();
    return readiness.ready
      ? undefined
      : this.stay({
          reason: `Waiting for ${this.primary} to be ready: ${readiness.reason}`,
        });
  }

  // --- Checks ----------------------------------------------------------------------------------

  /** The first failed webhook of a type, as a reason; undefined when all passed or none ran. */
  private failedWebhook(type: 'pre-rollout' | 'rollout'): string | undefined {
    const failed = this.checks.webhooks(type).find(hook => !hook.passed);
    return failed
      ? `${type} webhook ${failed.name} failed: ${
          failed.message ?? 'no reason given'
        }`
      : undefined;
  }

  /**
   * The name of the first gate (confirm-* webhook) of a type that has not passed, in spec order,
   * remembered as the wait this tick records. A gate Vane serves passes when the Canary carries
   * an approval of exactly the wait recorded last tick; other gates pass by their HTTP answer.
   */
  private failedGate(type: CanaryGateWait['type']): string | undefined {
    this.gatesEvaluated = true;
    const { status, spec } = this.canary;
    const waitAt = (name: string, servedByVane: boolean) => ({
      type,
      name,
      revision: this.observed.target.revision ?? status.lastAppliedSpec ?? '',
      ...(type === 'confirm-traffic-increase'
        ? { canaryWeight: status.canaryWeight ?? 0 }
        : {}),
      servedByVane,
    });
    const failed = this.checks.webhooks(type).filter(hook => !hook.passed);
    const declared = spec.analysis.webhooks.filter(hook => hook.type === type);
    for (const hook of declared) {
      if (hook.url === VANE_APPROVAL_URL) {
        const wait = waitAt(hook.name, true);
        if (!this.approved(wait)) {
          this.heldAt = wait;
          return hook.name;
        }
      } else if (failed.some(result => result.name === hook.name)) {
        this.heldAt = waitAt(hook.name, false);
        return hook.name;
      }
    }
    const undeclared = failed.find(
      result => !declared.some(hook => hook.name === result.name),
    );
    if (undeclared) {
      this.heldAt = waitAt(undeclared.name, false);
    }
    return undeclared?.name;
  }

  /**
   * Whether the operator's approval opens this wait: it must name the wait the status recorded
   * (gate, revision, step and since), so an approval of an earlier wait never opens a later one.
   */
  private approved(wait: Omit<CanaryGateWait, 'since'>): boolean {
    const recorded = this.canary.status.gate;
    const approval = this.observed.operator?.approval;
    return (
      !!recorded &&
      !!approval &&
      sameWait(recorded, wait) &&
      approval.gate === wait.type &&
      approval.name === wait.name &&
      approval.revision === wait.revision &&
      approval.weight === wait.canaryWeight &&
      approval.since === recorded.since
    );
  }

  /** The status reason while a manual gate holds the rollout. */
  private waitingForApproval(type: string, gate: string): string {
    return this.heldAt?.servedByVane
      ? `Waiting for approval: ${type} gate ${gate} waits for an owner to approve it in the portal`
      : `Waiting for approval: ${type} webhook ${gate} has not passed`;
  }

  /**
   * Rollout webhooks, then metrics, stopping at the first that fails as Flagger does (a load test
   * that failed leaves nothing worth measuring): the failure as a reason, and the metrics as
   * measured when they were.
   */
  private analysisVerdict(): {
    failure?: string;
    metrics?: CanaryStatus['metrics'];
  } {
    const webhook = this.failedWebhook('rollout');
    if (webhook) {
      return { failure: webhook };
    }
    const measured = this.checks.metrics();
    const metrics = this.metricStatus(measured);
    const failed = measured.filter(m => !m.passed);
    return failed.length > 0
      ? { failure: failed.map(m => m.reason).join('; '), metrics }
      : { metrics };
  }

  /** The status' metrics for what was measured; the last ones kept when there is nothing. */
  private metricStatus(measured: MetricCheckResult[]): CanaryStatus['metrics'] {
    if (measured.length === 0) {
      return this.canary.status.metrics;
    }
    return measured.map(m => ({
      name: m.name,
      ...(m.value === undefined ? {} : { value: m.value }),
      ...(m.thresholdRange ? { thresholdRange: m.thresholdRange } : {}),
      passed: m.passed,
      ...(m.passed ? {} : { reason: m.reason }),
      measuredAt: this.observed.now,
    }));
  }

  // --- Status --------------------------------------------------------------------------------

  private event(severity: 'Normal' | 'Warning', message: string) {
    this.actions.push({ type: 'event', severity, message });
  }

  /** Same phase; the transition time only moves when the phase does. */
  private stay(changes: Partial<CanaryStatus>): Decision {
    return this.result(this.canary.status.phase ?? 'Initializing', changes);
  }

  private moveTo(phase: CanaryPhase, changes: Partial<CanaryStatus>): Decision {
    return this.result(phase, changes);
  }

  private result(phase: CanaryPhase, changes: Partial<CanaryStatus>): Decision {
    const previous = this.canary.status;
    const moved = previous.phase !== phase;
    const status: CanaryStatus = {
      ...previous,
      ...changes,
      phase,
      lastTransitionTime: moved
        ? this.observed.now
        : previous.lastTransitionTime ?? this.observed.now,
    };
    // A tick writes routes at most once; the status keeps what they carry.
    const routes = this.actions.filter(
      (action): action is Extract<EngineAction, { type: 'setRoutes' }> =>
        action.type === 'setRoutes',
    );
    Object.assign(
      status,
      statusOfRoutes(this.canary, status, routes[routes.length - 1]),
    );
    status.gate = this.gateWait(previous, status, moved);
    // The step fields follow the phase, whichever rule moved it (a promotion, a rollback...).
    settleStepStatus(status, previous, this.canary.spec.analysis.steps?.length);
    for (const key of Object.keys(status) as (keyof CanaryStatus)[]) {
      if (status[key] === undefined) {
        delete status[key];
      }
    }
    status.conditions = [
      promotedCondition(previous.conditions, status, moved, this.observed.now),
    ];
    return { actions: this.actions, status };
  }

  /**
   * The gate wait to record: the one that holds the rollout now (keeping its `since` while it is
   * the same wait), none once the rollout moved on, and the recorded one when this tick did not
   * look at gates (paused, waiting for readiness) and nothing moved.
   */
  private gateWait(
    previous: CanaryStatus,
    next: CanaryStatus,
    moved: boolean,
  ): CanaryGateWait | undefined {
    if (this.heldAt) {
      const since =
        previous.gate && sameWait(previous.gate, this.heldAt)
          ? previous.gate.since
          : this.observed.now;
      return { ...this.heldAt, since };
    }
    const unchanged =
      !moved &&
      !this.gatesEvaluated &&
      next.canaryWeight === previous.canaryWeight &&
      next.lastAppliedSpec === previous.lastAppliedSpec;
    return unchanged ? previous.gate : undefined;
  }
}

/** Whether the mesh sends the canary any requests: by weight, or by a header or mirror route. */
function receivesTraffic(traffic: CanaryStepTraffic): boolean {
  return (
    traffic.canaryWeight > 0 ||
    traffic.headerRoutes.length > 0 ||
    traffic.mirrorRoutes.length > 0
  );
}

function sameWait(
  a: Omit<CanaryGateWait, 'since'>,
  b: Omit<CanaryGateWait, 'since'>,
): boolean {
  return (
    a.type === b.type &&
    a.name === b.name &&
    a.revision === b.revision &&
    a.canaryWeight === b.canaryWeight &&
    a.servedByVane === b.servedByVane
  );
}

/**
 * Flagger's `Promoted` condition: True once a rollout succeeded, False when it failed, Unknown
 * while one is under way; its reason is the phase and its message the status reason.
 */
function promotedCondition(
  previous: CanaryCondition[] | undefined,
  status: CanaryStatus,
  moved: boolean,
  now: string,
): CanaryCondition {
  const before = previous?.find(c => c.type === 'Promoted');
  let value: CanaryCondition['status'] = 'Unknown';
  if (status.phase === 'Succeeded' || status.phase === 'Initialized') {
    value = 'True';
  } else if (status.phase === 'Failed') {
    value = 'False';
  }
  return {
    type: 'Promoted',
    status: value,
    reason: status.phase,
    message: status.reason ?? defaultMessage(status.phase),
    lastUpdateTime: now,
    lastTransitionTime:
      moved || !before?.lastTransitionTime ? now : before.lastTransitionTime,
  };
}

function defaultMessage(phase: CanaryPhase | undefined): string {
  switch (phase) {
    case 'Initialized':
      return 'Deployment initialization completed.';
    case 'Succeeded':
      return 'Canary analysis completed successfully, promotion finished.';
    case 'Progressing':
      return 'Canary analysis in progress.';
    case 'Promoting':
      return 'Canary analysis completed, starting primary rolling update.';
    case 'Finalising':
      return 'Canary analysis completed, routing all traffic to primary.';
    default:
      return `${phase ?? 'Initializing'}.`;
  }
}

/**
 * The rollout engine's decision, with Flagger's algorithm and semantics: from the Canary, the
 * observed world and the results of the checks planChecks asked for, the actions to take and
 * the next status. Pure: no clock, no I/O; every transition has a table test.
 *
 * @param checks - the results measured this tick; reading a check that was not measured throws.
 *   planChecks passes a CheckReads instead, to learn which checks the decision reads.
 */
export function decideNextStep(
  canary: DecisionInput,
  observed: ObservedWorld,
  checks: CheckResults | CheckReads = NO_CHECKS,
): Decision {
  const reads =
    checks instanceof CheckReads ? checks : CheckReads.measured(checks);
  return new Step(canary, observed, reads).decide();
}
