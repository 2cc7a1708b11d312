import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ValidCanarySpec } from '@vane/plugin-canary-common';
import type {
  KubernetesObjectLike,
  KubernetesOwnerReference,
} from '@vane/plugin-canary-node';
import { canaryOwnerReference } from '../../routers/canaryOwnerReference';
import { kubernetesObjectRef } from '../../routers/kubernetesObjectRef';
import { autoscalerKindOf } from '../../autoscalers/autoscalerKindOf';
import { primaryAutoscalerUpdate } from '../../autoscalers/primaryAutoscalerUpdate';
import { configReferences } from '../../workloads/configReferences';
import type { EngineCluster } from '../EngineCluster';
import type { ExecutionContext } from './ActionExecutors';

/**
 * The `<name>-primary` workload: the Deployment or DaemonSet (of the target's kind), the
 * ConfigMaps/Secrets it reads (copied as `<name>-primary`) and the copy of `spec.autoscalerRef`
 * (HorizontalPodAutoscaler or KEDA ScaledObject); created at initialisation and brought up to the
 * target on promotion.
 */
export class PrimaryWorkload {
  constructor(
    private readonly deps: EngineCluster & {
      clusterName: string;
      logger: LoggerService;
    },
  ) {}

  async create(context: ExecutionContext): Promise<void> {
    const { spec, target, revision, workload } = context;
    // Built before anything is written: a target its kind cannot release (a DaemonSet updated
    // OnDelete) leaves the cluster untouched.
    const primary = workload.buildPrimary({
      target,
      primaryName: `${spec.targetRef.name}-primary`,
      revision: revision ?? '',
      owner: canaryOwnerReference(context.canary),
    });
    await this.reconcileDependencies(context);
    await this.deps.writer.create(primary);
  }

  async promote(context: ExecutionContext): Promise<void> {
    const { canary, spec, target, revision, workload } = context;
    await this.reconcileDependencies(context);
    await this.deps.writer.patch(
      {
        apiVersion: workload.apiVersion,
        kind: workload.kind,
        namespace: canary.metadata.namespace,
        name: `${spec.targetRef.name}-primary`,
      },
      workload.promotion(target, revision ?? ''),
    );
  }

  /**
   * The autoscaler and the configs the primary reads, before the primary is written: the
   * autoscaler first, so that a missing autoscalerRef HPA leaves the cluster untouched.
   */
  private async reconcileDependencies({
    canary,
    spec,
    target,
    workload,
  }: ExecutionContext): Promise<KubernetesOwnerReference> {
    const owner = canaryOwnerReference(canary);
    await this.reconcileAutoscaler(canary.metadata.namespace, spec, owner);
    await this.copyConfigs(target, workload.releasedTemplate(target), owner);
    return owner;
  }

  /**
   * Copies the ConfigMaps/Secrets the target reads as `<name>-primary` for the primary. Their
   * data is read from the API server here: the cache holds only digests of it.
   */
  private async copyConfigs(
    target: any,
    released: unknown,
    owner: KubernetesOwnerReference,
  ) {
    const namespace = target.metadata.namespace;
    for (const ref of configReferences(released)) {
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
        await this.deps.writer.patch(kubernetesObjectRef(copy), {
          data: source.data ?? null,
          binaryData: source.binaryData ?? null,
        });
      }
    }
  }

  /**
   * Creates the `<name>-primary` copy of the autoscaler `spec.autoscalerRef` names (an HPA or a
   * KEDA ScaledObject), or brings its spec up to date with it. Throws before writing anything
   * when that autoscaler is missing: the Canary waits with the reason on its status until it
   * exists.
   */
  private async reconcileAutoscaler(
    namespace: string,
    spec: ValidCanarySpec,
    owner: KubernetesOwnerReference,
  ): Promise<void> {
    const ref = spec.autoscalerRef;
    if (!ref) {
      return;
    }
    const { cache, writer, logger } = this.deps;
    const kind = autoscalerKindOf(ref.kind);
    const apiVersion = kind.servedVersion(ref, cache);
    if (!apiVersion) {
      throw new Error(`cluster ${this.deps.clusterName} ${kind.unserved}`);
    }
    const autoscaler = cache.getNow({
      apiVersion,
      kind: ref.kind,
      namespace,
      name: ref.name,
    });
    if (!autoscaler) {
      throw new Error(
        `${ref.kind} ${ref.name}.${namespace} (spec.autoscalerRef) not found: create it, or remove autoscalerRef from the Canary`,
      );
    }
    const primary = kind.buildPrimary({
      autoscaler,
      apiVersion,
      ref,
      targetName: spec.targetRef.name,
      primaryName: `${spec.targetRef.name}-primary`,
      owner,
    });
    const existing = cache.getNow(kubernetesObjectRef(primary));
    const name = `${primary.metadata.name}.${namespace}`;
    if (!existing && (await writer.create(primary)) === 'created') {
      logger.info(`${namespace}/${owner.name}: ${ref.kind} ${name} created`);
      return;
    }
    // Not cached yet but already there (a write the cache has not seen): the full spec.
    const update = primaryAutoscalerUpdate(existing, primary);
    if (update) {
      await writer.patch(kubernetesObjectRef(primary), update);
      logger.info(`${namespace}/${owner.name}: ${ref.kind} ${name} updated`);
    }
  }
}
