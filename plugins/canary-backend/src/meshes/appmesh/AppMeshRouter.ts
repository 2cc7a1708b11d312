import type { Canary } from '@vane/plugin-canary-common';
import type {
  KubernetesObjectLike,
  MeshRouter,
  MeshRouterContext,
  MeshRoutes,
} from '@vane/plugin-canary-node';
import { applyRoutingObject } from '../../routers/applyRoutingObject';
import { finalizeRoutingObject } from '../../routers/finalizeRoutingObject';
import { INITIAL_ROUTES } from '../../routers/INITIAL_ROUTES';
import { kubernetesObjectRef } from '../../routers/kubernetesObjectRef';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import { primarySelector } from '../../workloads/buildPrimaryWorkload';
import { appMeshRefusals } from './appMeshRefusals';
import {
  APPMESH_API_VERSION,
  buildAppMeshObjects,
} from './buildAppMeshObjects';
import { readVirtualRouterRoutes } from './readVirtualRouterRoutes';

/**
 * The fields App Mesh's controller sets on its objects (the mesh a namespace belongs to, the
 * object's name in App Mesh): kept as they are, as Flagger keeps them, since the controller's
 * webhook refuses a change of either.
 */
const CONTROLLER_FIELDS = ['meshRef', 'awsName'];

/**
 * Routes a canary through AWS App Mesh (appmesh.k8s.aws/v1beta2, Flagger's appmesh:v1beta2):
 * VirtualNodes for primary and canary, VirtualRouters with weighted targets (header routes for
 * A/B and Argo Rollouts' setHeaderRoute), and VirtualServices on them (buildAppMeshObjects).
 * What App Mesh cannot do (mirroring, session affinity, rewrites, ...) is refused
 * (appMeshRefusals) before anything is written.
 */
export class AppMeshRouter implements MeshRouter {
  static readonly provider = 'appmesh';

  static readonly refuse = appMeshRefusals;

  constructor(private readonly context: MeshRouterContext) {}

  async reconcile(canary: Canary): Promise<void> {
    // Keep the weights in flight: reconcile runs on every tick, not only at initialisation.
    await this.apply(canary, (await this.readRoutes(canary)) ?? INITIAL_ROUTES);
  }

  async setRoutes(canary: Canary, routes: MeshRoutes): Promise<void> {
    await this.apply(canary, routes);
  }

  async getRoutes(canary: Canary): Promise<MeshRoutes> {
    const routes = await this.readRoutes(canary);
    if (!routes) {
      const { namespace, apexName, primaryName, canaryName } =
        readCanaryRouting(canary);
      throw new Error(
        `VirtualRouter ${namespace}/${apexName} in cluster ${this.context.clusterName} is missing or has no route with weighted targets ${primaryName} and ${canaryName}; reconcile the Canary to create it`,
      );
    }
    return routes;
  }

  async finalize(canary: Canary): Promise<void> {
    const { namespace, apexName, primaryName, canaryName } =
      readCanaryRouting(canary);
    // The VirtualServices first: App Mesh refuses to delete a router a service still names.
    for (const [kind, name] of [
      ['VirtualService', apexName],
      ['VirtualService', canaryName],
      ['VirtualRouter', apexName],
      ['VirtualRouter', canaryName],
      ['VirtualNode', primaryName],
      ['VirtualNode', canaryName],
    ]) {
      await finalizeRoutingObject(this.context, canary, {
        apiVersion: APPMESH_API_VERSION,
        kind,
        namespace,
        name,
      });
    }
  }

  private async apply(canary: Canary, routes: MeshRoutes): Promise<void> {
    const objects = buildAppMeshObjects(
      canary,
      routes,
      await this.podSelectors(canary),
    );
    for (const desired of objects) {
      const current = await this.context.reader.get(
        kubernetesObjectRef(desired),
      );
      await applyRoutingObject(
        this.context,
        canary,
        withControllerFields(desired, current),
      );
    }
  }

  /** The VirtualNodes' pods: the target's selector, and the primary's (its values suffixed). */
  private async podSelectors(canary: Canary) {
    const { namespace } = readCanaryRouting(canary);
    const targetRef = canary.spec?.targetRef;
    const target = await this.context.reader.get({
      apiVersion: 'apps/v1',
      kind: targetRef?.kind ?? 'Deployment',
      namespace,
      name: targetRef?.name ?? canary.metadata.name,
    });
    const labels = (target?.spec as any)?.selector?.matchLabels;
    if (!target || !labels || Object.keys(labels).length === 0) {
      throw new Error(
        `${targetRef?.kind ?? 'Deployment'} ${namespace}/${
          targetRef?.name
        } in cluster ${
          this.context.clusterName
        } is missing or has no spec.selector.matchLabels: App Mesh VirtualNodes select the pods of the target and its primary by them; create the target first`,
      );
    }
    return { canary: { ...labels }, primary: primarySelector(target) };
  }

  private async readRoutes(canary: Canary): Promise<MeshRoutes | undefined> {
    const { namespace, apexName, primaryName, canaryName } =
      readCanaryRouting(canary);
    const current = await this.context.reader.get({
      apiVersion: APPMESH_API_VERSION,
      kind: 'VirtualRouter',
      namespace,
      name: apexName,
    });
    return current
      ? readVirtualRouterRoutes(current, { primaryName, canaryName })
      : undefined;
  }
}

/** The desired object with the controller's fields of the current one (CONTROLLER_FIELDS). */
function withControllerFields(
  desired: KubernetesObjectLike,
  current: KubernetesObjectLike | undefined,
): KubernetesObjectLike {
  const currentSpec = (current?.spec ?? {}) as Record<string, unknown>;
  const kept = CONTROLLER_FIELDS.filter(f => currentSpec[f] !== undefined);
  if (kept.length === 0) return desired;
  return {
    ...desired,
    spec: {
      ...(desired.spec as Record<string, unknown>),
      ...Object.fromEntries(kept.map(f => [f, currentSpec[f]])),
    },
  };
}
