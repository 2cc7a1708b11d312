import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ValidCanarySpec } from '@vane/plugin-canary-common';
import type {
  KubernetesObjectLike,
  KubernetesOwnerReference,
} from '@vane/plugin-canary-node';
import { canaryOwnerReference } from '../../routers/canaryOwnerReference';
import { kubernetesObjectRef } from '../../routers/kubernetesObjectRef';
import { buildPrimaryAutoscaler } from '../../workloads/buildPrimaryAutoscaler';
import {
  buildPrimaryDeployment,
  PRIMARY_REVISION_ANNOTATION,
  primaryTemplate,
} from '../../workloads/buildPrimaryDeployment';
import { configReferences } from '../../workloads/configReferences';
import { primaryAutoscalerUpdate } from '../../workloads/primaryAutoscalerUpdate';
import type { EngineCluster } from '../EngineCluster';
import type { ExecutionContext } from './ActionExecutors';

/**
 * The `<name>-primary` workload: the Deployment, the ConfigMaps/Secrets it reads (copied as
 * `<name>-primary`) and the HorizontalPodAutoscaler of `spec.autoscalerRef`; created at
 * initialisation and brought up to the target on promotion.
 */
export class PrimaryWorkload {
  constructor(
    private readonly deps: EngineCluster & {
      clusterName: string;
      logger: LoggerService;
    },
  ) {}

  async create(context: ExecutionContext): Promise<void> {
    const { spec, target, revision } = context;
    const owner = await this.reconcileDependencies(context);
    await this.deps.writer.create(
      buildPrimaryDeployment({
        target,
        primaryName: `${spec.targetRef.name}-primary`,
        revision: revision ?? '',
        owner,
      }),
    );
  }

  async promote(context: ExecutionContext): Promise<void> {
    const { canary, spec, target, revision } = context;
    await this.reconcileDependencies(context);
    await this.deps.writer.patch(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: canary.metadata.namespace,
        name: `${spec.targetRef.name}-primary`,
      },
      {
        metadata: { annotations: { [PRIMARY_REVISION_ANNOTATION]: revision } },
        spec: { template: primaryTemplate(target) },
      },
    );
  }

  /**
   * The autoscaler and the configs the primary reads, before its Deployment is written: the
   * autoscaler first, so that a missing autoscalerRef HPA leaves the cluster untouched.
   */
  private async reconcileDependencies({
    canary,
    spec,
    target,
  }: ExecutionContext): Promise<KubernetesOwnerReference> {
    const owner = canaryOwnerReference(canary);
    await this.reconcileAutoscaler(canary.metadata.namespace, spec, owner);
    await this.copyConfigs(target, owner);
    return owner;
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
        await this.deps.writer.patch(kubernetesObjectRef(copy), {
          data: source.data ?? null,
          binaryData: source.binaryData ?? null,
        });
      }
    }
  }

  /**
   * Creates `<hpa>-primary` from the HorizontalPodAutoscaler `spec.autoscalerRef` names, or
   * brings its spec up to date with it. Throws before writing anything when that HPA is missing:
   * the Canary waits with the reason on its status until it exists.
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
    const existing = cache.getNow(kubernetesObjectRef(primary));
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
      await writer.patch(kubernetesObjectRef(primary), update);
      logger.info(
        `${namespace}/${owner.name}: HorizontalPodAutoscaler ${name} updated`,
      );
    }
  }
}
