import type { Canary } from '@vane/plugin-canary-common';
import type {
  KubernetesObjectRef,
  MeshRouter,
  MeshRouterContext,
  MeshRoutes,
} from '@vane/plugin-canary-node';
import { applyRoutingObject } from '../../routers/applyRoutingObject';
import { finalizeRoutingObject } from '../../routers/finalizeRoutingObject';
import { INITIAL_ROUTES } from '../../routers/INITIAL_ROUTES';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import { throwIfRefused } from '../../routers/throwIfRefused';
import { buildConsulObjects, CONSUL_API_VERSION } from './buildConsulObjects';
import { chooseConsulProtocol } from './chooseConsulProtocol';
import { consulRefusals } from './consulRefusals';
import { readConsulRoutes } from './readConsulRoutes';

/**
 * Routes a canary through Consul service mesh on Kubernetes (consul-k8s config entry CRDs): a
 * ServiceSplitter of the apex between the `<name>-primary` and `<name>-canary` services, a
 * ServiceRouter for A/B matches, header routes and session affinity cookies, and the
 * ServiceDefaults that make those services http (buildConsulObjects). Writes go in the order
 * Consul accepts them: protocols before the splitter, the splitter before the router.
 */
export class ConsulRouter implements MeshRouter {
  static readonly provider = 'consul';

  static readonly refuse = consulRefusals;

  constructor(private readonly context: MeshRouterContext) {}

  async reconcile(canary: Canary): Promise<void> {
    this.refuseUnsupported(canary);
    // Keep the weights in flight: the engine may reconcile a Canary it already routes.
    await this.apply(canary, (await this.readRoutes(canary)) ?? INITIAL_ROUTES);
  }

  async setRoutes(canary: Canary, routes: MeshRoutes): Promise<void> {
    this.refuseUnsupported(canary);
    await this.apply(canary, routes);
  }

  async getRoutes(canary: Canary): Promise<MeshRoutes> {
    const routes = await this.readRoutes(canary);
    if (!routes) {
      const { namespace, apexName, primaryName, canaryName } =
        readCanaryRouting(canary);
      throw new Error(
        `ServiceSplitter ${namespace}/${apexName} in cluster ${this.context.clusterName} is missing or has no splits to services ${primaryName} and ${canaryName}; reconcile the Canary to create it`,
      );
    }
    return routes;
  }

  async finalize(canary: Canary): Promise<void> {
    const { apexName, primaryName, canaryName } = readCanaryRouting(canary);
    // Routes and splits first: Consul refuses a protocol change under a chain that splits.
    await finalizeRoutingObject(
      this.context,
      canary,
      this.ref(canary, 'ServiceRouter', apexName),
    );
    await finalizeRoutingObject(
      this.context,
      canary,
      this.ref(canary, 'ServiceSplitter', apexName),
    );
    for (const name of [apexName, primaryName, canaryName]) {
      // The apex's is deleted only when this Canary wrote it.
      await finalizeRoutingObject(
        this.context,
        canary,
        this.ref(canary, 'ServiceDefaults', name),
      );
    }
  }

  /** Writes what differs from the cache: an object already as wanted costs no request. */
  private async apply(canary: Canary, routes: MeshRoutes): Promise<void> {
    const { apexName } = readCanaryRouting(canary);
    const protocol = chooseConsulProtocol(
      canary,
      await this.context.reader.get(
        this.ref(canary, 'ServiceDefaults', apexName),
      ),
    );
    const objects = buildConsulObjects(canary, routes, protocol);
    for (const defaults of objects.serviceDefaults) {
      await applyRoutingObject(this.context, canary, defaults);
    }
    await applyRoutingObject(this.context, canary, objects.serviceSplitter);
    if (objects.serviceRouter) {
      await applyRoutingObject(this.context, canary, objects.serviceRouter);
    } else {
      // No request needs a route: the router Vane wrote goes, one it adopted gets its routes back.
      await finalizeRoutingObject(
        this.context,
        canary,
        this.ref(canary, 'ServiceRouter', apexName),
      );
    }
  }

  private ref(canary: Canary, kind: string, name: string): KubernetesObjectRef {
    return {
      apiVersion: CONSUL_API_VERSION,
      kind,
      namespace: canary.metadata.namespace,
      name,
    };
  }

  private refuseUnsupported(canary: Canary) {
    throwIfRefused(
      ConsulRouter.provider,
      readCanaryRouting(canary).id,
      consulRefusals(canary),
    );
  }

  private async readRoutes(canary: Canary): Promise<MeshRoutes | undefined> {
    const routing = readCanaryRouting(canary);
    const current = await this.context.reader.get(
      this.ref(canary, 'ServiceSplitter', routing.apexName),
    );
    return current ? readConsulRoutes(current, routing) : undefined;
  }
}
