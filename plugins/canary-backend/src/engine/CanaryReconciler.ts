import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  Canary,
  CANARY_API,
  CanaryStatus,
  validateCanarySpec,
  ValidCanarySpec,
} from '@vane/plugin-canary-common';
import type {
  KubernetesObjectLike,
  KubernetesOwnerReference,
} from '@vane/plugin-canary-node';
import type { AlertSender } from '../alerts/AlertSender';
import { decideRolloutAlert } from '../alerts/decideRolloutAlert';
import { buildCanaryEvent } from '../checks/buildCanaryEvent';
import type { ClusterCache } from '../cluster/ClusterCache';
import type { ClusterWriter } from '../cluster/ClusterWriter';
import type { DigestedConfig } from '../cluster/withDataDigest';
import type { MeshRouterRegistry } from '../mesh/MeshRouterRegistry';
import { refusedRouting } from '../mesh/refusedRouting';
import { chooseMeshProvider } from '../routers/chooseMeshProvider';
import { applyCanaryServices } from '../workloads/applyCanaryServices';
import { buildCanaryServices } from '../workloads/buildCanaryServices';
import { buildPrimaryAutoscaler } from '../workloads/buildPrimaryAutoscaler';
import { primaryAutoscalerUpdate } from '../workloads/primaryAutoscalerUpdate';
import {
  buildPrimaryDeployment,
  PRIMARY_REVISION_ANNOTATION,
  primarySelector,
  primaryTemplate,
} from '../workloads/buildPrimaryDeployment';
import { configReferences } from '../workloads/configReferences';
import { deploymentImages } from '../workloads/deploymentImages';
import type { RolloutHistoryRecorder } from '../history/RolloutHistoryRecorder';
import { rolloutHistoryChange } from '../history/rolloutHistoryChange';
import type { CheckResults } from './CheckResults';
import type { CheckRunner } from './CheckRunner';
import { CANARY_FINALIZER } from './CANARY_FINALIZER';
import { decideFinalization } from './decideFinalization';
import { decideFinalizer } from './decideFinalizer';
import { decideNextStep } from './decideNextStep';
import type { EngineAction } from './EngineAction';
import { observeWorld } from './observeWorld';
import { planChecks } from './planChecks';
import { readOperatorRequests } from './readOperatorRequests';
import { statusChanged } from './statusChanged';

/**
 * How long a cached Canary still at the version this engine last wrote a status over is taken for
 * a cache that has not seen the write yet (a watch event is milliseconds behind). Past it, the
 * write is assumed to have changed nothing and the Canary is decided again.
 */
const STALE_CACHE_GRACE_MS = 30_000;

/** The condition an invalid or unroutable Canary gets; the engine touches nothing else. */
const VALID_CONDITION = 'Valid';

/**
 * One tick for one Canary: read from the cache, validate, plan and run the checks, decide (pure),
 * execute the decided actions through small executors, and write the status when it changed.
 */
export class CanaryReconciler {
  /** Per Canary, the resourceVersion this engine last decided from and wrote a status over. */
  private readonly lastWritten = new Map<
    string,
    { resourceVersion: string; atMs: number }
  >();

  constructor(
    private readonly deps: {
      clusterName: string;
      defaultProvider?: string;
      cache: ClusterCache;
      writer: ClusterWriter;
      routers: MeshRouterRegistry;
      checks: CheckRunner;
      logger: LoggerService;
      /** Where rollout starts and ends are recorded; none in tests that do not look. */
      history?: RolloutHistoryRecorder;
      /** Where rollout alerts go (canary.alertProviders); none when nothing is configured. */
      alerts?: AlertSender;
      now?: () => Date;
    },
  ) {}

  async reconcile(namespace: string, name: string): Promise<void> {
    const { cache } = this.deps;
    const canary = cache.getNow({
      apiVersion: `${CANARY_API.group}/${CANARY_API.version}`,
      kind: CANARY_API.kind,
      namespace,
      name,
    }) as unknown as Canary | undefined;
    if (!canary) {
      return;
    }
    const clock = this.deps.now?.() ?? new Date();
    const now = clock.toISOString();
    // A tick triggered before the cache saw this engine's last status write would decide again
    // from the old status: start the same rollout twice, record it twice in the history.
    const key = `${namespace}/${name}`;
    const written = this.lastWritten.get(key);
    if (
      written &&
      written.resourceVersion === canary.metadata.resourceVersion &&
      clock.getTime() - written.atMs < STALE_CACHE_GRACE_MS
    ) {
      return;
    }

    if (canary.metadata.deletionTimestamp) {
      await this.finalize(canary, now);
      return;
    }

    const validation = validateCanarySpec(canary.spec);
    if (!validation.valid) {
      await this.reportInvalid(
        canary,
        `Invalid Canary ${namespace}/${name}: ${validation.errors
          .map(e => e.message)
          .join('; ')}`,
        now,
      );
      return;
    }
    const spec = validation.spec;

    let routing;
    try {
      routing = this.chooseRouter(spec);
    } catch (error) {
      await this.reportInvalid(
        canary,
        `Canary ${namespace}/${name}: ${(error as Error).message}`,
        now,
      );
      return;
    }
    const { choice, router } = routing;
    // What the chosen mesh cannot do is refused here, before anything is created.
    const refused = refusedRouting(
      this.deps.routers.get(choice.provider),
      canary,
    );
    if (refused) {
      await this.reportInvalid(
        canary,
        `Canary ${namespace}/${name}: ${refused}`,
        now,
      );
      return;
    }

    const target = this.deployment(namespace, spec.targetRef.name);
    const observed = this.observe(namespace, spec, target, now);
    const operator = readOperatorRequests(canary.metadata.annotations);
    if (operator.invalid) {
      this.deps.logger.warn(`Canary ${namespace}/${name}: ${operator.invalid}`);
    }
    observed.operator = operator;
    const status: CanaryStatus = withoutValidCondition(canary.status ?? {});
    const planned = planChecks(spec, status, observed);
    const results: CheckResults = {
      webhooks:
        planned.webhookTypes.length > 0
          ? await this.deps.checks.runWebhooks(
              canary,
              spec,
              planned.webhookTypes,
            )
          : [],
      metrics: planned.metrics
        ? await this.deps.checks.runMetrics(canary, spec, choice.metrics)
        : [],
    };
    const decision = decideNextStep(
      { name, namespace, spec, status },
      observed,
      results,
    );
    // The finalizer first: a Canary that must be reverted on deletion holds it before the engine
    // creates anything a deletion would have to undo.
    const finalizer = decideFinalizer({
      revertOnDeletion: spec.revertOnDeletion,
      finalizers: canary.metadata.finalizers,
    });
    const actions: EngineAction[] = finalizer
      ? [
          { type: finalizer === 'add' ? 'addFinalizer' : 'removeFinalizer' },
          ...decision.actions,
        ]
      : [...decision.actions];
    // As Flagger's advanceCanary, every tick of an initialised Canary brings its Services to the
    // spec and the target (labels, annotations, discovered ports) before anything else; Services
    // already up to date cost no request.
    if (
      target &&
      !spec.suspend &&
      isInitialised(status.phase) &&
      !actions.some(action => action.type === 'reconcileServices')
    ) {
      actions.splice(finalizer ? 1 : 0, 0, {
        type: 'reconcileServices',
        keepApexSelector: true,
      });
    }

    try {
      for (const action of actions) {
        await this.execute(action, {
          canary,
          spec,
          target,
          router,
          revision: observed.target.revision,
          nextStatus: decision.status,
        });
      }
    } catch (error) {
      // Nothing of the decided status is written: the next tick decides again from the same
      // state, and the failure is visible on the Canary meanwhile.
      const message = `Canary ${namespace}/${name}: ${
        (error as Error).message
      }`;
      this.deps.logger.warn(message);
      if (status.reason !== message) {
        await this.deps.writer.patchStatus(this.ref(canary), {
          ...status,
          reason: message,
        });
      }
      return;
    }

    if (statusChanged(canary.status, decision.status)) {
      const { gate } = decision.status;
      await this.deps.writer.patchStatus(this.ref(canary), {
        ...decision.status,
        // A merge patch only removes what it sets to null, in nested objects too.
        ...(decision.status.reason === undefined ? { reason: null } : {}),
        gate: gate
          ? { ...gate, canaryWeight: gate.canaryWeight ?? null }
          : null,
      } as any);
      if (canary.metadata.resourceVersion) {
        this.lastWritten.set(key, {
          resourceVersion: canary.metadata.resourceVersion,
          atMs: clock.getTime(),
        });
      }
      await this.recordHistory(canary, status, decision.status, {
        primary: this.deployment(namespace, `${spec.targetRef.name}-primary`),
        target,
      });
      const alert = decideRolloutAlert(
        { cluster: this.deps.clusterName, namespace, name },
        status,
        decision.status,
        spec.analysis.webhooks,
      );
      if (alert) {
        // Not awaited: a slow alert provider must not hold the rollout (AlertSender logs failures).
        void this.deps.alerts?.send(alert, spec.analysis.alerts);
      }
    }
  }

  /**
   * A deleted Canary: with the engine's finalizer, hand the service back to the target
   * (decideFinalization) and then let the deletion go on; without it there is nothing to do,
   * and no rollout is started or advanced for a Canary on its way out.
   */
  private async finalize(canary: Canary, now: string) {
    const { namespace, name } = canary.metadata;
    if (!canary.metadata.finalizers?.includes(CANARY_FINALIZER)) {
      return;
    }
    const validation = validateCanarySpec(canary.spec);
    let router;
    try {
      if (!validation.valid) {
        throw new Error(
          validation.errors.map(error => error.message).join('; '),
        );
      }
      router = this.chooseRouter(validation.spec).router;
    } catch (error) {
      // An invalid Canary has not been routed by this spec: nothing to revert that can be known.
      await this.recordEvent(
        canary,
        'Warning',
        `Deleting canary ${name}.${namespace} without handing traffic back: ${
          (error as Error).message
        }`,
      );
      await this.setFinalizer(canary, false);
      return;
    }
    const spec = validation.spec;
    const target = this.deployment(namespace, spec.targetRef.name);
    const observed = this.observe(namespace, spec, target, now);
    const status = canary.status ?? {};
    const decision = decideFinalization(
      {
        name,
        namespace,
        targetName: spec.targetRef.name,
        progressDeadlineSeconds: spec.progressDeadlineSeconds,
        deletionTimestamp: canary.metadata.deletionTimestamp!,
        status,
      },
      observed,
    );
    try {
      for (const action of decision.actions) {
        await this.execute(action, { canary, spec, target, router });
      }
    } catch (error) {
      this.deps.logger.warn(
        `Canary ${namespace}/${name}: handing traffic back failed, retrying at the next tick: ${
          (error as Error).message
        }`,
      );
      return;
    }
    if (decision.status && statusChanged(canary.status, decision.status)) {
      await this.deps.writer.patchStatus(this.ref(canary), {
        ...decision.status,
      } as any);
    }
  }

  /** The decision's view of a Canary's target, primary and the configs the target reads. */
  private observe(
    namespace: string,
    spec: ValidCanarySpec,
    target: any,
    now: string,
  ) {
    return observeWorld({
      now,
      target,
      primary: this.deployment(namespace, `${spec.targetRef.name}-primary`),
      // ConfigMaps and Secrets are cached as DigestedConfig (KUBERNETES_RESOURCES).
      findConfig: (kind, configName) =>
        this.deps.cache.getNow({
          apiVersion: 'v1',
          kind,
          namespace,
          name: configName,
        }) as DigestedConfig | undefined,
    });
  }

  /** The mesh provider for a Canary and its router; throws when no provider fits. */
  private chooseRouter(spec: ValidCanarySpec) {
    const choice = chooseMeshProvider({
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

  /**
   * Writes a rollout's start or end to the history once its status is stored. A history that
   * cannot be written is logged, never a reason to hold a rollout.
   */
  private async recordHistory(
    canary: Canary,
    previous: CanaryStatus,
    next: CanaryStatus,
    deployments: { primary?: any; target?: any },
  ) {
    const { history } = this.deps;
    const change = rolloutHistoryChange(previous, next);
    if (!history || !change) {
      return;
    }
    const key = {
      cluster: this.deps.clusterName,
      namespace: canary.metadata.namespace,
      name: canary.metadata.name,
    };
    const images = {
      primary: deploymentImages(deployments.primary),
      canary: deploymentImages(deployments.target),
    };
    // Kept with the rollout so the history outlives the Canary for entities linked to the target.
    const target = canary.spec.targetRef.name;
    try {
      if (change.kind === 'started') {
        await history.recordStart({ canary: key, target, ...change, images });
      } else {
        const { kind, ...end } = change;
        await history.recordEnd({ canary: key, target, ...end, images });
      }
    } catch (error) {
      this.deps.logger.warn(
        `Could not record the ${
          change.kind === 'started' ? 'start' : 'end'
        } of the rollout of ${key.namespace}/${key.name} in the history: ${
          (error as Error).message
        }`,
      );
    }
  }

  private async execute(
    action: EngineAction,
    context: {
      canary: Canary;
      spec: ValidCanarySpec;
      target: any;
      router?: ReturnType<ReturnType<MeshRouterRegistry['get']>['create']>;
      revision?: string;
      nextStatus?: CanaryStatus;
    },
  ): Promise<void> {
    const { canary, spec, target, router } = context;
    const namespace = canary.metadata.namespace;
    const primaryName = `${spec.targetRef.name}-primary`;
    const owner = ownerOf(canary);
    const { writer } = this.deps;
    switch (action.type) {
      case 'createPrimary': {
        // First, so that a missing autoscalerRef HPA leaves the cluster untouched.
        await this.reconcilePrimaryAutoscaler(namespace, spec, owner);
        await this.copyConfigs(target, owner);
        const primary = buildPrimaryDeployment({
          target,
          primaryName,
          revision: context.revision ?? '',
          owner,
        });
        await writer.create(primary);
        return;
      }
      case 'reconcileServices': {
        const services = buildCanaryServices({
          name: spec.service.name ?? spec.targetRef.name,
          namespace,
          service: spec.service,
          containers: target.spec?.template?.spec?.containers,
          primarySelector: primarySelector(target),
          canarySelector: target.spec?.selector?.matchLabels ?? {},
          owner,
        });
        await applyCanaryServices(
          { reader: this.deps.cache, writer },
          services,
          {
            canary,
            unmanagedMetadata: spec.service.unmanagedMetadata,
            keepApexSelector: action.keepApexSelector,
          },
        );
        return;
      }
      case 'reconcileRoutes':
        await router!.reconcile(canary);
        return;
      case 'setRoutes':
        await router!.setRoutes(canary, {
          primaryWeight: action.primaryWeight,
          canaryWeight: action.canaryWeight,
          mirrored: action.mirrored,
        });
        return;
      case 'scaleTarget': {
        const primary = this.deployment(namespace, primaryName);
        const replicas = action.to === 0 ? 0 : primary?.spec?.replicas ?? 1;
        if ((target.spec?.replicas ?? 1) !== replicas) {
          await writer.patch(
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              namespace,
              name: spec.targetRef.name,
            },
            { spec: { replicas } },
          );
        }
        return;
      }
      case 'promotePrimary':
        await this.reconcilePrimaryAutoscaler(namespace, spec, owner);
        await this.copyConfigs(target, owner);
        await writer.patch(
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            namespace,
            name: primaryName,
          },
          {
            metadata: {
              annotations: { [PRIMARY_REVISION_ANNOTATION]: context.revision },
            },
            spec: { template: primaryTemplate(target) },
          },
        );
        return;
      case 'runWebhooks':
        // post-rollout hooks are told the phase the rollout ended in.
        await this.deps.checks.runWebhooks(
          { ...canary, status: context.nextStatus },
          spec,
          [action.webhookType],
        );
        return;
      case 'handBackTraffic':
        await router!.finalize(canary);
        await this.handApexServiceBack(canary, spec, target);
        return;
      case 'addFinalizer':
      case 'removeFinalizer':
        await this.setFinalizer(canary, action.type === 'addFinalizer');
        return;
      case 'event':
        await this.recordEvent(canary, action.severity, action.message);
        await this.deps.checks.notify(
          canary,
          spec,
          action.severity,
          action.message,
        );
        return;
      default:
    }
  }

  /** Adds or removes the engine's finalizer, keeping everyone else's. */
  private async setFinalizer(canary: Canary, present: boolean) {
    const others = (canary.metadata.finalizers ?? []).filter(
      f => f !== CANARY_FINALIZER,
    );
    const finalizers = present ? [...others, CANARY_FINALIZER] : others;
    // resourceVersion makes the list replacement conditional: a finalizer someone else added
    // meanwhile is never dropped (409, and the next tick decides again).
    await this.deps.writer.patch(this.ref(canary), {
      metadata: {
        finalizers: finalizers.length > 0 ? finalizers : null,
        resourceVersion: canary.metadata.resourceVersion,
      },
    });
  }

  /**
   * Points the apex Service at the target's pods and takes the Canary off its owners, so that
   * garbage collection, which takes the primary, leaves the Service serving the target.
   */
  private async handApexServiceBack(
    canary: Canary,
    spec: ValidCanarySpec,
    target: any,
  ) {
    const selector = target?.spec?.selector?.matchLabels;
    const ref = {
      apiVersion: 'v1',
      kind: 'Service',
      namespace: canary.metadata.namespace,
      name: spec.service.name ?? spec.targetRef.name,
    };
    const apex = this.deps.cache.getNow(ref);
    if (!apex || !selector) {
      return;
    }
    const owners = (apex.metadata.ownerReferences ?? []).filter(
      (owner: KubernetesOwnerReference) => owner.uid !== canary.metadata.uid,
    );
    await this.deps.writer.patch(ref, {
      metadata: { ownerReferences: owners.length > 0 ? owners : null },
      // A merge patch merges maps: the primary's labels are removed by name.
      spec: {
        selector: {
          ...Object.fromEntries(
            Object.keys((apex.spec as any)?.selector ?? {}).map(key => [
              key,
              null,
            ]),
          ),
          ...selector,
        },
      },
    });
  }

  /**
   * Copies the ConfigMaps/Secrets the target reads as `<name>-primary` for the primary. Their
   * data is read from the API server here: the cache holds only digests of it.
   */
  private async copyConfigs(target: any, owner: KubernetesOwnerReference) {
    const namespace = target.metadata.namespace;
    for (const ref of configReferences(target.spec?.template)) {
      const source: any = await this.deps.cache.fetch({
        apiVersion: 'v1',
        kind: ref.kind,
        namespace,
        name: ref.name,
      });
      if (!source) {
        continue;
      }
      const copy: KubernetesObjectLike = {
        apiVersion: 'v1',
        kind: ref.kind,
        metadata: {
          name: `${ref.name}-primary`,
          namespace,
          labels: source.metadata.labels,
          ownerReferences: [owner],
        },
        ...(source.data ? { data: source.data } : {}),
        ...(source.binaryData ? { binaryData: source.binaryData } : {}),
        ...(ref.kind === 'Secret' && source.type ? { type: source.type } : {}),
      };
      if ((await this.deps.writer.create(copy)) === 'exists') {
        await this.deps.writer.patch(refOf(copy), {
          data: source.data ?? null,
          binaryData: source.binaryData ?? null,
        });
      }
    }
  }

  private async reportInvalid(canary: Canary, message: string, now: string) {
    const current = canary.status?.conditions?.find(
      c => c.type === VALID_CONDITION,
    );
    if (current?.status === 'False' && current.message === message) {
      return;
    }
    this.deps.logger.warn(message);
    const others = (canary.status?.conditions ?? []).filter(
      c => c.type !== VALID_CONDITION,
    );
    await this.deps.writer.patchStatus(this.ref(canary), {
      reason: message,
      conditions: [
        ...others,
        {
          type: VALID_CONDITION,
          status: 'False',
          reason: 'InvalidSpec',
          message,
          lastUpdateTime: now,
          lastTransitionTime: now,
        },
      ],
    });
    await this.recordEvent(canary, 'Warning', message);
  }

  private async recordEvent(
    canary: Canary,
    severity: 'Normal' | 'Warning',
    message: string,
  ) {
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

  private deployment(namespace: string, name: string): any {
    return this.deps.cache.getNow({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace,
      name,
    });
  }

  private ref(canary: Canary) {
    return {
      apiVersion: canary.apiVersion,
      kind: canary.kind,
      namespace: canary.metadata.namespace,
      name: canary.metadata.name,
    };
  }

  /**
   * Creates `<hpa>-primary` from the HorizontalPodAutoscaler `spec.autoscalerRef` names, or
   * brings its spec up to date with it. Throws before writing anything when that HPA is missing:
   * the Canary waits with the reason on its status until it exists.
   */
  private async reconcilePrimaryAutoscaler(
    namespace: string,
    spec: ValidCanarySpec,
    owner: KubernetesOwnerReference,
  ): Promise<void> {
    const ref = spec.autoscalerRef;
    if (!ref) {
      return;
    }
    if (ref.kind !== 'HorizontalPodAutoscaler') {
      throw new Error(
        `spec.autoscalerRef must reference a HorizontalPodAutoscaler (got kind ${ref.kind}); point it at an HPA or remove it`,
      );
    }
    const { cache, writer, logger } = this.deps;
    // autoscalerRef's version when the cache watches it; otherwise the version the cluster
    // serves (autoscaling/v2 or v2beta2, the same fields), so a Canary written for one works
    // on a cluster that serves the other.
    const apiVersion =
      ref.apiVersion && cache.serves(ref.apiVersion, ref.kind)
        ? ref.apiVersion
        : cache.watchedVersion('autoscaling', ref.kind);
    if (!apiVersion) {
      throw new Error(
        `cluster ${this.deps.clusterName} serves neither autoscaling/v2 nor autoscaling/v2beta2 HorizontalPodAutoscalers (spec.autoscalerRef)`,
      );
    }
    const autoscaler = cache.getNow({
      apiVersion,
      kind: ref.kind,
      namespace,
      name: ref.name,
    });
    if (!autoscaler) {
      throw new Error(
        `HorizontalPodAutoscaler ${ref.name}.${namespace} (spec.autoscalerRef) not found: create it, or remove autoscalerRef from the Canary`,
      );
    }
    const primary = buildPrimaryAutoscaler({
      autoscaler,
      apiVersion,
      primaryName: `${spec.targetRef.name}-primary`,
      owner,
    });
    const existing = cache.getNow(refOf(primary));
    const name = `${primary.metadata.name}.${namespace}`;
    if (!existing && (await writer.create(primary)) === 'created') {
      logger.info(
        `${namespace}/${owner.name}: HorizontalPodAutoscaler ${name} created`,
      );
      return;
    }
    // Not cached yet but already there (a write the cache has not seen): the full spec.
    const update = primaryAutoscalerUpdate(existing, primary);
    if (update) {
      await writer.patch(refOf(primary), update);
      logger.info(
        `${namespace}/${owner.name}: HorizontalPodAutoscaler ${name} updated`,
      );
    }
  }
}

function ownerOf(canary: Canary): KubernetesOwnerReference {
  return {
    apiVersion: canary.apiVersion,
    kind: canary.kind,
    name: canary.metadata.name,
    uid: canary.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

function refOf(object: KubernetesObjectLike) {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    namespace: object.metadata.namespace ?? '',
    name: object.metadata.name,
  };
}

/** Whether the Services of a Canary in this phase exist (its initialisation is done). */
function isInitialised(phase: CanaryStatus['phase']): boolean {
  return (
    phase !== undefined &&
    phase !== 'Initializing' &&
    phase !== 'Terminating' &&
    phase !== 'Terminated'
  );
}

function withoutValidCondition(status: CanaryStatus): CanaryStatus {
  if (!status.conditions?.some(c => c.type === VALID_CONDITION)) {
    return status;
  }
  return {
    ...status,
    conditions: status.conditions.filter(c => c.type !== VALID_CONDITION),
  };
}
