import type { Canary } from '@vane/plugin-canary-common';
import type {
  KubernetesObjectLike,
  MeshRoutes,
} from '@vane/plugin-canary-node';
import { canaryOwnerReference } from '../../routers/canaryOwnerReference';
import { readCanaryRouting } from '../../routers/readCanaryRouting';
import { readSessionAffinity } from '../../routers/readSessionAffinity';
import { routingObjectMetadata } from '../../routers/routingObjectMetadata';
import { buildHttpRouteStepRules } from './buildHttpRouteStepRules';
import { httpRouteRuleOptions } from './httpRouteRuleOptions';
import { httpRouteSessionAffinityRules } from './httpRouteSessionAffinityRules';
import { toHttpRouteMatches } from './toHttpRouteMatches';

/** The Gateway API version Vane writes (served by every Gateway API release since 0.5). */
export const GATEWAY_API_VERSION = 'gateway.networking.k8s.io/v1beta1';

const PARENT_REF_FIELDS = [
  'group',
  'kind',
  'namespace',
  'name',
  'sectionName',
  'port',
];

/**
 * Builds the HTTPRoute `<name>` that carries the given routes, with Flagger's semantics:
 * - parentRefs are `spec.service.gatewayRefs`; without them the route attaches to the apex
 *   Service itself (GAMMA, the service-mesh form of Gateway API used by Linkerd and Istio);
 * - hostnames are `spec.service.hosts`; requests match `spec.service.match` or the prefix `/`;
 * - one rule with weighted backendRefs to primary and canary, plus a RequestMirror filter to
 *   the canary when mirrored (`percent` from `analysis.mirrorWeight`);
 * - with `analysis.match` (A/B), the weighted rule matches those headers/query parameters and a
 *   second rule sends everything else to the primary;
 * - after them, the rules of the header and mirror routes of `analysis.steps` in effect
 *   (buildHttpRouteStepRules);
 * - every rule carries the filters and timeouts of `spec.service` (httpRouteRuleOptions), and the
 *   route the labels and annotations of `spec.service.apex`, as Flagger's gatewayapi:v1 router;
 * - with `analysis.sessionAffinity`, the cookie rules of httpRouteSessionAffinityRules around
 *   the weighted rule.
 */
export function buildHttpRoute(
  canary: Canary,
  routes: MeshRoutes,
): KubernetesObjectLike {
  const routing = readCanaryRouting(canary);
  const { apexName, primaryName, canaryName, namespace, port } = routing;

  const parentRefs =
    routing.gatewayRefs.length > 0
      ? routing.gatewayRefs.map(ref =>
          Object.fromEntries(
            PARENT_REF_FIELDS.filter(f => ref[f] !== undefined).map(f => [
              f,
              ref[f],
            ]),
          ),
        )
      : [{ group: '', kind: 'Service', name: apexName, port }];

  const backendRef = (name: string, weight: number) => ({
    group: '',
    kind: 'Service',
    name,
    port,
    weight,
  });
  const serviceMatches =
    routing.serviceMatch.length > 0
      ? toHttpRouteMatches(routing.serviceMatch, 'service.match')
      : [{ path: { type: 'PathPrefix', value: '/' } }];

  const { filters, timeouts } = httpRouteRuleOptions(routing);
  const withOptions = (
    rule: Record<string, unknown>,
    more: Array<Record<string, unknown>> = [],
  ): Record<string, unknown> => ({
    ...rule,
    ...(filters.length + more.length > 0
      ? { filters: [...filters, ...more] }
      : {}),
    ...(timeouts ? { timeouts } : {}),
  });

  const mirrorFilters: Array<Record<string, unknown>> = [];
  if (routes.mirrored) {
    mirrorFilters.push({
      type: 'RequestMirror',
      requestMirror: {
        backendRef: { group: '', kind: 'Service', name: canaryName, port },
        ...(routing.mirrorWeight !== undefined
          ? { percent: routing.mirrorWeight }
          : {}),
      },
    });
  }
  const weightedRule = withOptions(
    {
      matches: serviceMatches,
      backendRefs: [
        backendRef(primaryName, routes.primaryWeight),
        backendRef(canaryName, routes.canaryWeight),
      ],
    },
    mirrorFilters,
  );

  // Session affinity applies to weight steps only (the schema refuses it with iterations).
  const cookies = readSessionAffinity(canary, routes.canaryWeight);
  const rules: Array<Record<string, unknown>> = cookies
    ? httpRouteSessionAffinityRules(weightedRule, cookies)
    : [weightedRule];
  if (routing.analysisMatch.length > 0) {
    const analysisMatches = toHttpRouteMatches(
      routing.analysisMatch,
      'analysis.match',
    );
    // Each A/B condition applies within each of the Service's own matches (a path prefix, say).
    weightedRule.matches = analysisMatches.flatMap(a =>
      serviceMatches.map(s => ({ ...s, ...a })),
    );
    rules.push(
      withOptions({
        matches: serviceMatches,
        backendRefs: [backendRef(primaryName, 100)],
      }),
    );
  }

  rules.push(
    ...buildHttpRouteStepRules(routes, {
      primaryName,
      canaryName,
      port,
      serviceMatches,
      backendRef,
      withOptions,
    }),
  );

  return {
    apiVersion: GATEWAY_API_VERSION,
    kind: 'HTTPRoute',
    metadata: {
      name: apexName,
      namespace,
      ...routingObjectMetadata(routing.apexMetadata),
      ownerReferences: [canaryOwnerReference(canary)],
    },
    spec: {
      parentRefs,
      ...(routing.hosts.length > 0 ? { hostnames: routing.hosts } : {}),
      rules,
    },
  };
}
