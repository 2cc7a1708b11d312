import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  Canary,
  CANARY_API,
  validateCanarySpec,
  ValidCanarySpec,
} from '@vane/plugin-canary-common';
import type { MeshRouter } from '@vane/plugin-canary-node';
import type { AlertSender } from '../alerts/AlertSender';
import type { DigestedConfig } from '../cluster/withDataDigest';
import type { RolloutHistoryRecorder } from '../history/RolloutHistoryRecorder';
import type { MeshRouterRegistry } from '../meshes/MeshRouterRegistry';
import { refusedRouting } from '../meshes/refusedRouting';
import type { MeshProviderChoice } from '../meshes/chooseMeshProvider';
import { CANARY_FINALIZER } from './CANARY_FINALIZER';
import { CanaryEventRecorder } from './CanaryEventRecorder';
import { CanaryStatusWriter } from './CanaryStatusWriter';
import type { CheckRunner } from './CheckRunner';
import { decideFinalization } from './decideFinalization';
import { decideFinalizer } from './decideFinalizer';
import { decideNextStep, DecisionInput } from './decideNextStep';
import type { EngineAction } from './EngineAction';
import type { EngineCluster } from './EngineCluster';
import type {
  ActionExecutors,
  ExecutionContext,
} from './executors/ActionExecutors';
import { createActionExecutors } from './executors/createActionExecutors';
import { PrimaryWorkload } from './executors/PrimaryWorkload';
import { setCanaryFinalizer } from './executors/setCanaryFinalizer';
import type { ObservedWorld } from './ObservedWorld';
import { observeWorld } from './observeWorld';
import { readOperatorRequests } from './readOperatorRequests';
import { runPlannedChecks } from './runPlannedChecks';
import { StatusChangeEffects } from './StatusChangeEffects';
import type { WorkloadKind } from '../workloads/WorkloadKind';
import { workloadKindOf } from '../workloads/workloadKindOf';

/** A Canary the engine can drive: its validated spec, its target's kind and its mesh's router. */
interface Admitted {
  spec: ValidCanarySpec;
  workload: WorkloadKind;
  choice: MeshProviderChoice;
  router: MeshRouter;
}

/** A Canary the engine refuses, with the message for its status and the bare reason. */
interface Refused {
  refused: string;
  reason: string;
}

/** One tick's view of a Canary: what the decision and the executors work from. */
interface CanaryTick extends Admitted {
  canary: Canary;
  input: DecisionInput;
  observed: ObservedWorld;
  target: any;
  primary: any;
}

/**
 * One tick for one Canary, as a pipeline over one tick context (the shape of Argo Rollouts'
 * rolloutContext): read it from the cache, admit it (valid spec, a router for its mesh), observe
 * its world, run the checks the decision reads, decide (pure), execute the actions, write the
 * status once, then what follows a status change (history, alerts).
 */
export class CanaryReconciler {
  private readonly events: CanaryEventRecorder;
  private readonly status: CanaryStatusWriter;
  private readonly effects: StatusChangeEffects;
  private readonly executors: ActionExecutors;

  constructor(
    private readonly deps: EngineCluster & {
      clusterName: string;
      defaultProvider?: string;
      routers: MeshRouterRegistry;
      checks: CheckRunner;
      logger: LoggerService;
      /** Where rollout starts and ends are recorded; none in tests that do not look. */
      history?: RolloutHistoryRecorder;
      /** Where rollout alerts go (canary.alertProviders); none when nothing is configured. */
      alerts?: Pick<AlertSender, 'send'>;
      now?: () => Date;
    },
  ) {
    const { cache, writer, logger } = deps;
    this.events = new CanaryEventRecorder({ writer, logger, now: deps.now });
    this.status = new CanaryStatusWriter({
      writer,
      events: this.events,
      logger,
    });
    this.effects = new StatusChangeEffects(deps);
    this.executors = createActionExecutors({
      cache,
      writer,
      checks: deps.checks,
      events: this.events,
      primary: new PrimaryWorkload(deps),
    });
  }

  async reconcile(namespace: string, name: string): Promise<void> {
    const canary = this.deps.cache.getNow({
      apiVersion: `${CANARY_API.group}/${CANARY_API.version}`,
      kind: CANARY_API.kind,
      namespace,
      name,
    }) as unknown as Canary | undefined;
    if (!canary) {
      return;
    }
    const clock = this.deps.now?.() ?? new Date();
    if (this.status.isStale(canary, clock)) {
      return;
    }
    if (canary.metadata.deletionTimestamp) {
      await this.reconcileDeletion(canary, clock);
      return;
    }
    const admitted = this.admit(canary);
    if ('refused' in admitted) {
      await this.status.reportInvalid(canary, admitted.refused, clock);
      return;
    }

    const tick = this.observe(canary, admitted, clock);
    const results = await runPlannedChecks(tick.input, tick.observed, {
      webhooks: type => this.deps.checks.runWebhooks(canary, tick.spec, type),
      metrics: () =>
        this.deps.checks.runMetrics(canary, tick.spec, tick.choice.metrics),
    });
    const decision = decideNextStep(tick.input, tick.observed, results);

    try {
      await this.execute(
        [
          ...this.finalizerActions(tick),
          ...this.serviceActions(tick, decision.actions),
          ...decision.actions,
        ],
        this.executionContext(tick, decision.status),
      );
    } catch (error) {
      await this.status.writeFailure(
        canary,
        tick.input.status,
        `Canary ${namespace}/${name}: ${(error as Error).message}`,
      );
      return;
    }

    if (await this.status.write(canary, decision.status, clock)) {
      await this.effects.follow({
        canary,
        spec: tick.spec,
        previous: tick.input.status,
        next: decision.status,
        primary: tick.primary,
        target: tick.target,
      });
    }
  }

  /**
   * A deleted Canary: with the engine's finalizer, hand the service back to the target
   * (decideFinalization) and then let the deletion go on; without it there is nothing to do,
   * and no rollout is started or advanced for a Canary on its way out.
   */
  private async reconcileDeletion(canary: Canary, clock: Date) {
    const { namespace, name } = canary.metadata;
    if (!canary.metadata.finalizers?.includes(CANARY_FINALIZER)) {
      return;
    }
    const admitted = this.admit(canary);
    if ('refused' in admitted) {
      // A Canary refused has not been routed by this spec: nothing to revert that can be known.
      await this.events.record(
        canary,
        'Warning',
        `Deleting canary ${name}.${namespace} without handing traffic back: ${admitted.reason}`,
      );
      await setCanaryFinalizer(this.deps.writer, canary, false);
      return;
    }
    const tick = this.observe(canary, admitted, clock);
    const decision = decideFinalization(
      {
        name,
        namespace,
        targetKind: tick.spec.targetRef.kind,
        targetName: tick.spec.targetRef.name,
        progressDeadlineSeconds: tick.spec.progressDeadlineSeconds,
        canaryReadyThreshold: tick.spec.analysis.canaryReadyThreshold,
        deletionTimestamp: canary.metadata.deletionTimestamp!,
        status: canary.status ?? {},
      },
      tick.observed,
    );
    try {
      await this.execute(decision.actions, this.executionContext(tick));
    } catch (error) {
      this.deps.logger.warn(
        `Canary ${namespace}/${name}: handing traffic back failed, retrying at the next tick: ${
          (error as Error).message
        }`,
      );
      return;
    }
    if (decision.status) {
      await this.status.write(canary, decision.status, clock);
    }
  }

  /**
   * A valid spec and the router of the Canary's mesh, or why the engine refuses it. Nothing is
   * created for a Canary refused here.
   */
  private admit(canary: Canary): Admitted | Refused {
    const { namespace, name } = canary.metadata;
    const validation = validateCanarySpec(canary.spec);
    if (!validation.valid) {
      const reason = validation.errors.map(e => e.message).join('; ');
      return {
        refused: `Invalid Canary ${namespace}/${name}: ${reason}`,
        reason,
      };
    }
    const spec = validation.spec;
    try {
      const { choice, router } = this.chooseRouter(spec);
      // What the chosen mesh cannot do is refused here, before anything is created, as an
      // invalid spec is.
      const refused = refusedRouting(
        this.deps.routers.get(choice.provider),
        canary,
      );
      if (refused) {
        return {
          refused: `Canary ${namespace}/${name}: ${refused}`,
          reason: refused,
        };
      }
      const workload = workloadKindOf(spec.targetRef.kind);
      if (!workload) {
        // The validator lets through only the kinds Vane releases.
        throw new Error(
          `targetRef.kind ${spec.targetRef.kind} is not a kind Vane releases`,
        );
      }
      return { spec, workload, choice, router };
    } catch (error) {
      const reason = (error as Error).message;
      return { refused: `Canary ${namespace}/${name}: ${reason}`, reason };
    }
  }

  /** The mesh provider for a Canary and its router; throws when no provider fits. */
  private chooseRouter(spec: ValidCanarySpec): {
    choice: MeshProviderChoice;
    router: MeshRouter;
  } {
    const choice = this.deps.routers.choose({
      specProvider: spec.provider,
      clusterDefault: this.deps.defaultProvider,
      apiGroups: this.deps.cache.apiGroups,
      clusterName: this.deps.clusterName,
    });
    const router = this.deps.routers.get(choice.provider).create({
      clusterName: this.deps.clusterName,
      reader: this.deps.cache,
      writer: this.deps.writer,
    });
    return { choice, router };
  }

  /** The tick's view of the Canary's target, primary, configs and operator requests. */
  private observe(canary: Canary, admitted: Admitted, clock: Date): CanaryTick {
    const { namespace, name, annotations } = canary.metadata;
    const { spec, workload } = admitted;
    const target = this.workload(workload, namespace, spec.targetRef.name);
    const primary = this.workload(
      workload,
      namespace,
      `${spec.targetRef.name}-primary`,
    );
    const observed = observeWorld({
      now: clock.toISOString(),
      workload,
      target,
      primary,
      // ConfigMaps and Secrets are cached as DigestedConfig (KUBERNETES_RESOURCES).
      findConfig: (kind, configName) =>
        this.deps.cache.getNow({
          apiVersion: 'v1',
          kind,
          namespace,
          name: configName,
        }) as DigestedConfig | undefined,
    });
    const operator = readOperatorRequests(annotations);
    if (operator.invalid) {
      this.deps.logger.warn(`Canary ${namespace}/${name}: ${operator.invalid}`);
    }
    observed.operator = operator;
    const status = this.status.decidableStatus(canary);
    return {
      ...admitted,
      canary,
      input: {
        name,
        namespace,
        spec,
        status,
        provider: admitted.choice.provider,
      },
      observed,
      target,
      primary,
    };
  }

  /**
   * The finalizer first: a Canary that must be reverted on deletion holds it before the engine
   * creates anything a deletion would have to undo.
   */
  private finalizerActions({ canary, spec }: CanaryTick): EngineAction[] {
    const finalizer = decideFinalizer({
      revertOnDeletion: spec.revertOnDeletion,
      finalizers: canary.metadata.finalizers,
    });
    if (!finalizer) {
      return [];
    }
    return [{ type: finalizer === 'add' ? 'addFinalizer' : 'removeFinalizer' }];
  }

  /**
   * As Flagger's advanceCanary, every tick of an initialised Canary first brings its Services to
   * the spec and the target (labels, annotations, discovered ports); Services already up to date
   * cost no request. The apex's selector is left to the router (provider kubernetes switches it).
   */
  private serviceActions(
    { spec, target, input }: CanaryTick,
    decided: EngineAction[],
  ): EngineAction[] {
    const phase = input.status.phase;
    const initialised =
      phase !== undefined &&
      phase !== 'Initializing' &&
      phase !== 'Terminating' &&
      phase !== 'Terminated';
    if (
      !target ||
      spec.suspend ||
      !initialised ||
      decided.some(action => action.type === 'reconcileServices')
    ) {
      return [];
    }
    return [{ type: 'reconcileServices', keepApexSelector: true }];
  }

  private executionContext(
    tick: CanaryTick,
    decided?: ExecutionContext['decided'],
  ): ExecutionContext {
    return {
      canary: tick.canary,
      spec: tick.spec,
      router: tick.router,
      workload: tick.workload,
      target: tick.target,
      revision: tick.observed.target.revision,
      ...(decided ? { decided } : {}),
    };
  }

  /** The actions in order, each by its executor; the first that fails stops the rest. */
  private async execute(actions: EngineAction[], context: ExecutionContext) {
    for (const action of actions) {
      const executor = this.executors[action.type] as (
        action: EngineAction,
        context: ExecutionContext,
      ) => Promise<void>;
      await executor(action, context);
    }
  }

  private workload(kind: WorkloadKind, namespace: string, name: string): any {
    return this.deps.cache.getNow({
      apiVersion: kind.apiVersion,
      kind: kind.kind,
      namespace,
      name,
    });
  }
}
