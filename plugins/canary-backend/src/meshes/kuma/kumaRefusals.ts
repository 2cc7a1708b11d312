import type { Canary } from '@vane/plugin-canary-common';
import type { MeshRouterRefusal } from '@vane/plugin-canary-node';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import { refuseProviderVersion } from '../../routers/refuseProviderVersion';
import { refuseSetFields } from '../../routers/refuseSetFields';

const SPLIT_ONLY =
  "a TrafficRoute splits all of the apex service's traffic in the mesh between tagged destinations";
const OTHER_POLICY = (policy: string) =>
  `Kuma sets it by its ${policy} policy, which Vane does not write yet; set that policy yourself, and remove it`;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The match conditions of a TrafficRoute http section, with the StringMatcher each takes. */
const MATCH_FIELDS: Record<string, string> = {
  headers: 'headers',
  method: 'method',
  uri: 'path',
};
const STRING_MATCHERS = ['exact', 'prefix', 'regex'];

/**
 * What the Kuma router refuses (MeshRouterFactory's `refuse`): what a TrafficRoute cannot carry
 * (mirroring, cookies set for session affinity, CORS, Istio's gateways, traffic policy and
 * delegation, Gateway API's gatewayRefs, hosts, a service-wide URI match, rewrites), what Kuma
 * sets by other policies (timeouts and retries), match conditions other than headers, method and
 * URI by exact, prefix or regex, setMirrorRoute steps, and any provider version: Flagger's
 * `kuma` has none.
 */
export function kumaRefusals(canary: Canary): MeshRouterRefusal[] {
  const routing = readCanaryRouting(canary);
  const refusals: MeshRouterRefusal[] = [
    ...refuseProviderVersion(canary, {
      names: ['kuma'],
      versions: [],
      writes: 'kuma.io/v1alpha1 TrafficRoutes',
    }),
    ...refuseSetFields(canary, 'kuma', {
      notSupported: {
        'analysis.mirror':
          'a TrafficRoute cannot mirror traffic to the canary; remove it, or use provider istio or gatewayapi',
        'analysis.sessionAffinity':
          'a TrafficRoute sets no cookies, so it cannot keep a user on the canary (sticky sessions); remove it, or use provider istio or gatewayapi',
        'service.gateways':
          'it lists the Istio gateways of a VirtualService, which provider kuma does not write; remove it',
        'service.gatewayRefs':
          'it attaches a Gateway API HTTPRoute, which provider kuma does not write; remove it, or use provider gatewayapi',
        'service.hosts': `${SPLIT_ONLY}, addressed by its Service; it names no hosts (Flagger's kuma router ignores them); remove it`,
        'service.match': `${SPLIT_ONLY}, not the requests of some URIs only (Flagger's kuma router ignores it); remove it, or use provider istio or gatewayapi`,
        'service.rewrite': `${SPLIT_ONLY}; Vane writes no rewrite in it; remove it, or use provider istio or gatewayapi`,
        'service.corsPolicy': `${SPLIT_ONLY}, with no CORS policy; remove it, or use provider istio or gatewayapi`,
        'service.trafficPolicy':
          'it is copied to Istio DestinationRules, which provider kuma does not write; remove it',
        'service.delegation':
          'it makes the Istio VirtualService a delegate, and a TrafficRoute is not one; remove it, or use provider istio',
      },
      notYet: {
        'service.timeout': OTHER_POLICY('Timeout'),
        'service.backendTimeout': OTHER_POLICY('Timeout'),
        'service.retries': OTHER_POLICY('Retry'),
        'service.headers': `${SPLIT_ONLY}, and Vane writes no header modifications in it; remove it, or use provider istio or gatewayapi`,
      },
    }),
  ];

  routing.analysisMatch.forEach((match, index) => {
    for (const [key, value] of Object.entries(match)) {
      const at = `analysis.match[${index}].${key}`;
      if (!MATCH_FIELDS[key]) {
        refusals.push({
          field: at,
          message: `${at} is not supported by provider kuma: a TrafficRoute matches headers, the method and the path only; remove it, or use provider istio or gatewayapi`,
        });
        continue;
      }
      const conditions =
        key === 'headers' && isRecord(value)
          ? Object.entries(value).map(
              ([name, c]) => [`${at}.${name}`, c] as const,
            )
          : [[at, value] as const];
      for (const [field, condition] of conditions) {
        const kinds = isRecord(condition) ? Object.keys(condition) : [];
        if (
          kinds.length !== 1 ||
          !STRING_MATCHERS.includes(kinds[0]) ||
          typeof (condition as Record<string, unknown>)[kinds[0]] !== 'string'
        ) {
          refusals.push({
            field,
            message: `${field} is not supported by provider kuma: a TrafficRoute matches by one of exact, prefix or regex; write it with one of them`,
          });
        }
      }
    }
  });

  routing.steps.forEach((step, index) => {
    if (step.setMirrorRoute !== undefined) {
      refusals.push({
        field: `analysis.steps[${index}].setMirrorRoute`,
        message: `analysis.steps[${index}].setMirrorRoute is not supported by provider kuma: a TrafficRoute cannot mirror requests to the canary; use setWeight, setHeaderRoute and pause steps, or provider istio or gatewayapi`,
      });
    }
  });
  return refusals;
}
