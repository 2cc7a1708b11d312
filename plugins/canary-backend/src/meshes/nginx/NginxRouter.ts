import type { Canary } from '@vane/plugin-canary-common';
import type {
  KubernetesObjectLike,
  MeshRouter,
  MeshRouterContext,
  MeshRoutes,
} from '@vane/plugin-canary-node';
import { finalizeRoutingObject } from '../../routers/finalizeRoutingObject';
import { INITIAL_ROUTES } from '../../routers/INITIAL_ROUTES';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import { applyCanaryIngress } from './applyCanaryIngress';
import { buildCanaryIngress, INGRESS_API_VERSION } from './buildCanaryIngress';
import { nginxRefusals } from './nginxRefusals';
import { readCanaryIngressRoutes } from './readCanaryIngressRoutes';

/**
 * Routes a canary through ingress-nginx, as Flagger's nginx provider: beside the Ingress that
 * `spec.ingressRef` names (never written; it keeps sending to the apex Service, which selects
 * the primary), a canary Ingress `<ingress>-canary` sends the canary's share to
 * `<apex>-canary` by ingress-nginx's canary annotations (buildCanaryIngress).
 */
export class NginxRouter implements MeshRouter {
  static readonly provider = 'nginx';

  static readonly refuse = nginxRefusals;

  constructor(private readonly context: MeshRouterContext) {}

  async reconcile(canary: Canary): Promise<void> {
    const ingress = await this.ingressOf(canary);
    // Keep the routes in flight: the copy follows the Ingress whenever it is reconciled.
    const routes = (await this.readRoutes(canary)) ?? INITIAL_ROUTES;
    await applyCanaryIngress(
      this.context,
      buildCanaryIngress(canary, ingress, routes),
    );
  }

  async setRoutes(canary: Canary, routes: MeshRoutes): Promise<void> {
    const ingress = await this.ingressOf(canary);
    await applyCanaryIngress(
      this.context,
      buildCanaryIngress(canary, ingress, routes),
    );
  }

  async getRoutes(canary: Canary): Promise<MeshRoutes> {
    const routes = await this.readRoutes(canary);
    if (!routes) {
      throw new Error(
        `Ingress ${this.canaryIngressRef(canary).namespace}/${
          this.canaryIngressRef(canary).name
        } in cluster ${
          this.context.clusterName
        } is missing or has no nginx.ingress.kubernetes.io/canary-weight; reconcile the Canary to create it`,
      );
    }
    return routes;
  }

  async finalize(canary: Canary): Promise<void> {
    await finalizeRoutingObject(
      this.context,
      canary,
      this.canaryIngressRef(canary),
    );
  }

  private ingressName(canary: Canary): string {
    return (canary.spec as { ingressRef?: { name?: string } }).ingressRef
      ?.name as string;
  }

  private canaryIngressRef(canary: Canary) {
    return {
      apiVersion: INGRESS_API_VERSION,
      kind: 'Ingress',
      namespace: canary.metadata.namespace,
      name: `${this.ingressName(canary)}-canary`,
    };
  }

  private async ingressOf(canary: Canary): Promise<KubernetesObjectLike> {
    const routing = readCanaryRouting(canary);
    const name = this.ingressName(canary);
    const ingress = name
      ? await this.context.reader.get({
          apiVersion: INGRESS_API_VERSION,
          kind: 'Ingress',
          namespace: routing.namespace,
          name,
        })
      : undefined;
    if (!ingress) {
      throw new Error(
        `Canary ${routing.id}: Ingress ${routing.namespace}/${name} (spec.ingressRef) not found in cluster ${this.context.clusterName}; create it with a path to Service ${routing.apexName}, or fix spec.ingressRef.name`,
      );
    }
    return ingress;
  }

  private async readRoutes(canary: Canary): Promise<MeshRoutes | undefined> {
    const current = await this.context.reader.get(
      this.canaryIngressRef(canary),
    );
    return current
      ? readCanaryIngressRoutes(current, {
          abTesting: readCanaryRouting(canary).analysisMatch.length > 0,
        })
      : undefined;
  }
}
