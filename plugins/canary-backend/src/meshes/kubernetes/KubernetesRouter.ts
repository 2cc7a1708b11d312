import type { Canary } from '@vane/plugin-canary-common';
import type {
  KubernetesObjectLike,
  MeshRouter,
  MeshRouterContext,
  MeshRoutes,
} from '@vane/plugin-canary-node';
import { createMergePatch } from '../../routers/createMergePatch';
import { INITIAL_ROUTES } from '../../routers/INITIAL_ROUTES';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import {
  buildBlueGreenService,
  type BlueGreenSelectors,
} from './buildBlueGreenService';
import { throwIfRefused } from '../../routers/throwIfRefused';
import { kubernetesRefusals } from './kubernetesRefusals';

/** Phases in which the engine may have switched the Service to the canary. */
const SWITCHING_PHASES = new Set<string>([
  'Progressing',
  'WaitingPromotion',
  'Promoting',
  'Finalising',
]);

function selectorOf(service: KubernetesObjectLike): Record<string, string> {
  const spec = (service.spec ?? {}) as { selector?: Record<string, string> };
  return spec.selector ?? {};
}

function sameSelector(a: Record<string, string>, b: Record<string, string>) {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length && keys.every(k => a[k] === b[k])
  );
}

/**
 * Blue/green without a mesh: switches the apex Service's selector between the primary's pods and
 * the canary's. Weights are 100/0 or 0/100; A/B, mirroring and progressive shifting are refused.
 */
export class KubernetesRouter implements MeshRouter {
  static readonly provider = 'kubernetes';

  static readonly refuse = kubernetesRefusals;

  constructor(private readonly context: MeshRouterContext) {}

  async reconcile(canary: Canary): Promise<void> {
    throwIfRefused(
      KubernetesRouter.provider,
      readCanaryRouting(canary).id,
      kubernetesRefusals(canary),
    );
    const { apex, selectors } = await this.readServices(canary);
    // Before initialisation the apex selects the target's pods, which is also what the canary
    // Service selects: only a rollout in progress may keep traffic on the canary.
    const inFlight = SWITCHING_PHASES.has(canary.status?.phase ?? '')
      ? this.routesOf(apex, selectors)
      : undefined;
    await this.write(canary, apex, inFlight ?? INITIAL_ROUTES, selectors);
  }

  async setRoutes(canary: Canary, routes: MeshRoutes): Promise<void> {
    // write() builds the Service with buildBlueGreenService, which refuses a split a selector
    // cannot carry before anything is written.
    const { apex, selectors } = await this.readServices(canary);
    await this.write(canary, apex, routes, selectors);
  }

  async getRoutes(canary: Canary): Promise<MeshRoutes> {
    const { apex, selectors } = await this.readServices(canary);
    const routes = this.routesOf(apex, selectors);
    if (!routes) {
      const { id, namespace, apexName } = readCanaryRouting(canary);
      throw new Error(
        `Service ${namespace}/${apexName} in cluster ${this.context.clusterName} selects neither the primary nor the canary pods of Canary ${id}; reconcile the Canary to point it at the primary`,
      );
    }
    return routes;
  }

  /** Points the Service back at the target's own pods, which outlive the Canary. */
  async finalize(canary: Canary): Promise<void> {
    const { apex, selectors } = await this.readServices(canary);
    const patch = createMergePatch(
      { selector: selectorOf(apex) },
      { selector: selectors.canary },
    );
    if (patch)
      await this.context.writer.patch(
        this.ref(canary, readCanaryRouting(canary).apexName),
        { spec: patch },
      );
  }

  private routesOf(
    apex: KubernetesObjectLike,
    selectors: BlueGreenSelectors,
  ): MeshRoutes | undefined {
    const selector = selectorOf(apex);
    if (sameSelector(selector, selectors.primary)) return INITIAL_ROUTES;
    if (sameSelector(selector, selectors.canary)) {
      return { primaryWeight: 0, canaryWeight: 100, mirrored: false };
    }
    return undefined;
  }

  private async write(
    canary: Canary,
    apex: KubernetesObjectLike,
    routes: MeshRoutes,
    selectors: BlueGreenSelectors,
  ): Promise<void> {
    const desired = buildBlueGreenService(canary, routes, selectors);
    const patch = createMergePatch(
      { selector: selectorOf(apex) },
      desired.spec as Record<string, unknown>,
    );
    if (patch) {
      await this.context.writer.patch(this.ref(canary, desired.metadata.name), {
        spec: patch,
      });
    }
  }

  private ref(canary: Canary, name: string) {
    return {
      apiVersion: 'v1',
      kind: 'Service',
      namespace: canary.metadata.namespace,
      name,
    };
  }

  private async readServices(canary: Canary): Promise<{
    apex: KubernetesObjectLike;
    selectors: BlueGreenSelectors;
  }> {
    const { namespace, apexName, primaryName, canaryName } =
      readCanaryRouting(canary);
    const read = async (name: string) => {
      const service = await this.context.reader.get(this.ref(canary, name));
      if (!service) {
        throw new Error(
          `Service ${namespace}/${name} not found in the cache of cluster ${this.context.clusterName}; the engine creates it when it initialises the Canary`,
        );
      }
      return service;
    };
    const apex = await read(apexName);
    const primary = selectorOf(await read(primaryName));
    const canarySelector = selectorOf(await read(canaryName));
    for (const [name, selector] of [
      [primaryName, primary],
      [canaryName, canarySelector],
    ] as const) {
      if (Object.keys(selector).length === 0) {
        throw new Error(
          `Service ${namespace}/${name} in cluster ${this.context.clusterName} has no pod selector, so provider kubernetes cannot tell which pods to switch to`,
        );
      }
    }
    return { apex, selectors: { primary, canary: canarySelector } };
  }
}
