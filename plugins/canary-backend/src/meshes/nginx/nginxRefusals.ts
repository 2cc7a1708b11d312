import type { Canary, CanaryHeaderRoute } from '@vane/plugin-canary-common';
import type { MeshRouterRefusal } from '@vane/plugin-canary-node';
import { UnsupportedRoutingError } from '@vane/plugin-canary-node';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import { refuseProviderVersion } from '../../routers/refuseProviderVersion';
import { refuseSetFields } from '../../routers/refuseSetFields';
import { nginxHeaderRouteAnnotations } from './nginxHeaderRouteAnnotations';
import { nginxMatchAnnotations } from './nginxMatchAnnotations';

const IN_THE_INGRESS =
  'the canary Ingress is a copy of the Ingress ingressRef names, whose rules, hosts and annotations route the traffic; set it on that Ingress, or use provider istio or gatewayapi';

/** The refusal of what `build` throws as UnsupportedRoutingError, none when it builds. */
function refusalsOf(build: () => unknown): MeshRouterRefusal[] {
  try {
    build();
    return [];
  } catch (error) {
    if (error instanceof UnsupportedRoutingError) {
      return [{ field: error.field, message: error.message }];
    }
    throw error;
  }
}

/**
 * What the nginx router refuses (MeshRouterFactory's `refuse`). It writes one canary Ingress
 * beside the one `ingressRef` names (required), and ingress-nginx routes to that canary by
 * weight, one header and one cookie: so A/B matches beyond that, mirroring, session affinity,
 * route options (which belong to the Ingress) and setMirrorRoute steps are refused; of
 * setHeaderRoute steps, one route with one header match.
 */
export function nginxRefusals(canary: Canary): MeshRouterRefusal[] {
  const routing = readCanaryRouting(canary);
  const ingressRef = (canary.spec as { ingressRef?: { name?: string } })
    ?.ingressRef;
  const refusals: MeshRouterRefusal[] = [
    ...refuseProviderVersion(canary, {
      names: ['nginx'],
      versions: [],
      writes: 'networking.k8s.io/v1 canary Ingresses for ingress-nginx',
    }),
  ];
  if (!ingressRef?.name) {
    refusals.push({
      field: 'ingressRef',
      message:
        "ingressRef is required by provider nginx: it names the Ingress (networking.k8s.io/v1, in the Canary's namespace) whose canary copy <ingress>-canary takes the canary's share; set ingressRef: {apiVersion: networking.k8s.io/v1, kind: Ingress, name: <your Ingress>}",
    });
  }
  refusals.push(
    ...refuseSetFields(canary, 'nginx', {
      notSupported: {
        'analysis.mirror':
          "ingress-nginx mirrors only with the Ingress's own mirror-target annotation (all of its requests), and Flagger's nginx router does not mirror either; remove it, or use provider istio or gatewayapi",
        'analysis.sessionAffinity':
          "ingress-nginx cannot set a cookie on the canary's answers without a configuration snippet, which it disables by default, so it cannot keep users on the canary; use provider istio or gatewayapi",
        'service.gateways': IN_THE_INGRESS,
        'service.gatewayRefs': IN_THE_INGRESS,
        'service.hosts': IN_THE_INGRESS,
        'service.match': IN_THE_INGRESS,
        'service.rewrite': IN_THE_INGRESS,
        'service.timeout': IN_THE_INGRESS,
        'service.backendTimeout': IN_THE_INGRESS,
        'service.retries': IN_THE_INGRESS,
        'service.headers': IN_THE_INGRESS,
        'service.corsPolicy': IN_THE_INGRESS,
        'service.trafficPolicy': IN_THE_INGRESS,
        'service.delegation':
          'it makes the Istio VirtualService a delegate, and an Ingress is not one; remove it, or use provider istio',
      },
    }),
    ...refusalsOf(() =>
      nginxMatchAnnotations(routing.analysisMatch, 'analysis.match'),
    ),
  );

  let headerRouteName: string | undefined;
  routing.steps.forEach((step, index) => {
    const at = `analysis.steps[${index}]`;
    if (step.setMirrorRoute !== undefined) {
      refusals.push({
        field: `${at}.setMirrorRoute`,
        message: `${at}.setMirrorRoute is not supported by provider nginx: ingress-nginx cannot mirror requests to the canary's copy of the Ingress; use setWeight, pause and setHeaderRoute steps, or provider istio or gatewayapi`,
      });
    }
    const route = step.setHeaderRoute as CanaryHeaderRoute | undefined;
    if (!route) return;
    if (headerRouteName !== undefined && route.name !== headerRouteName) {
      refusals.push({
        field: `${at}.setHeaderRoute.name`,
        message: `${at}.setHeaderRoute.name is not supported by provider nginx as a second header route ("${route.name}" beside "${headerRouteName}"): the canary Ingress carries one header (canary-by-header); set and remove one header route`,
      });
    }
    headerRouteName ??= route.name;
    // Without match the step removes the route.
    if ((route.match ?? []).length > 0) {
      refusals.push(
        ...refusalsOf(() =>
          nginxHeaderRouteAnnotations(route, `${at}.setHeaderRoute`),
        ),
      );
    }
  });
  return refusals;
}
