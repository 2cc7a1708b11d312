import type { Canary } from '@vane/plugin-canary-common';
import type { MeshRouterRefusal } from '@vane/plugin-canary-node';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import { refuseProviderVersion } from '../../routers/refuseProviderVersion';
import { refuseSetFields } from '../../routers/refuseSetFields';

/** The fields of Istio's HTTPMatchRequest (networking.istio.io/v1beta1). */
const MATCH_FIELDS = new Set([
  'name',
  'uri',
  'scheme',
  'method',
  'authority',
  'headers',
  'port',
  'sourceLabels',
  'gateways',
  'queryParams',
  'ignoreUriCase',
  'withoutHeaders',
  'sourceNamespace',
  'statPrefix',
]);
const STRING_MATCH_FIELDS = ['uri', 'scheme', 'method', 'authority'];
const STRING_MATCH_MAPS = ['headers', 'queryParams', 'withoutHeaders'];
const STRING_MATCH_KINDS = new Set(['exact', 'prefix', 'regex']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What Istio's VirtualService cannot take from Flagger's match conditions: Flagger's CRD allows a
 * `suffix` string match, which Istio's StringMatch does not have (Istio would drop it and match
 * more than asked), and Istio rejects fields its HTTPMatchRequest does not have.
 */
function matchRefusals(
  matches: Array<Record<string, unknown>>,
  field: string,
): MeshRouterRefusal[] {
  const refusals: MeshRouterRefusal[] = [];
  const refuse = (at: string, why: string) =>
    refusals.push({
      field: at,
      message: `${at} is not supported by provider istio: ${why}`,
    });
  const checkStringMatch = (at: string, value: unknown) => {
    for (const kind of Object.keys(isRecord(value) ? value : {})) {
      if (!STRING_MATCH_KINDS.has(kind)) {
        refuse(
          `${at}.${kind}`,
          "Istio's StringMatch matches exact, prefix or regex; write it as a regex",
        );
      }
    }
  };
  matches.forEach((match, index) => {
    const at = `${field}[${index}]`;
    for (const [key, value] of Object.entries(match)) {
      if (!MATCH_FIELDS.has(key)) {
        refuse(`${at}.${key}`, "it is not a field of Istio's HTTPMatchRequest");
      } else if (STRING_MATCH_FIELDS.includes(key)) {
        checkStringMatch(`${at}.${key}`, value);
      } else if (STRING_MATCH_MAPS.includes(key) && isRecord(value)) {
        for (const [name, condition] of Object.entries(value)) {
          checkStringMatch(`${at}.${key}.${name}`, condition);
        }
      }
    }
  });
  return refusals;
}

/** A delegate VirtualService has no hosts or gateways of its own, as Flagger refuses them. */
function delegationRefusals(
  routing: ReturnType<typeof readCanaryRouting>,
): MeshRouterRefusal[] {
  if (!routing.delegation) return [];
  return (['hosts', 'gateways'] as const)
    .filter(field => routing[field].length > 0)
    .map(field => ({
      field: `service.${field}`,
      message: `service.${field} cannot be combined with service.delegation on provider istio: a delegate VirtualService has no ${field}, the VirtualService that delegates to it has them; remove service.${field}, or delegation`,
    }));
}

/**
 * What the Istio router refuses (MeshRouterFactory's `refuse`): Gateway API's gatewayRefs and
 * backendTimeout, the rewrite type (a Gateway API path modifier), hosts or gateways beside
 * delegation, match
 * conditions Istio cannot express, and a version suffix on the provider.
 */
export function istioRefusals(canary: Canary): MeshRouterRefusal[] {
  const routing = readCanaryRouting(canary);
  return [
    ...refuseProviderVersion(canary, {
      names: ['istio'],
      versions: [],
      writes:
        'networking.istio.io/v1beta1 VirtualServices and DestinationRules',
    }),
    ...refuseSetFields(canary, 'istio', {
      notSupported: {
        'service.gatewayRefs':
          'gatewayRefs attach a Gateway API HTTPRoute to Gateways; list the Istio gateways of the VirtualService in service.gateways, or use provider gatewayapi',
        'service.backendTimeout':
          "it is Gateway API's per-backend timeout (rules[].timeouts.backendRequest), which an Istio route does not have; set service.timeout, or use provider gatewayapi",
        'service.rewrite.type':
          "it is a Gateway API path modifier: Istio's rewrite.uri replaces the matched prefix (the whole path of an exact match) and Flagger's Istio router ignores the type; remove it, or use provider gatewayapi",
      },
    }),
    ...delegationRefusals(routing),
    ...matchRefusals(routing.serviceMatch, 'service.match'),
    ...matchRefusals(routing.analysisMatch, 'analysis.match'),
  ];
}
