import type { MeshRoutes } from '@vane/plugin-canary-node';
import { mergeMatches } from '../../routers/mergeMatches';
import { stepRouteMatches } from '../../routers/stepRouteMatches';
import { toHttpRouteMatches } from './toHttpRouteMatches';

/** The parts of the HTTPRoute that buildHttpRoute shares with the rules of the steps. */
export interface HttpRouteRuleParts {
  primaryName: string;
  canaryName: string;
  port: number;
  /** `spec.service.match` as HTTPRouteMatches (the prefix `/` without one). */
  serviceMatches: Array<Record<string, unknown>>;
  backendRef: (name: string, weight: number) => Record<string, unknown>;
  /** The rule with `spec.service`'s filters and timeouts, and `more` filters after them. */
  withOptions: (
    rule: Record<string, unknown>,
    more?: Array<Record<string, unknown>>,
  ) => Record<string, unknown>;
}

/**
 * The HTTPRoute rules of Argo Rollouts' `setHeaderRoute` and `setMirrorRoute` steps in effect,
 * in the order they were set: a header route's rule sends requests with any of its header
 * matches to the canary alone; a mirror route's rule serves its matching requests by the current
 * weights, with a RequestMirror filter (`percent` from `percentage`) to the canary. Each match is
 * combined with each of `spec.service.match`. Gateway API takes the most specific matching rule
 * first (a rule with more header matches, a longer path prefix or a method wins), so these win
 * over the weighted rule whatever their place; they come after it. What Gateway API cannot
 * express is refused beforehand (gatewayApiStepRefusals).
 */
export function buildHttpRouteStepRules(
  routes: MeshRoutes,
  parts: HttpRouteRuleParts,
): Array<Record<string, unknown>> {
  const withService = (matches: Array<Record<string, unknown>>) =>
    mergeMatches(matches, parts.serviceMatches);
  const headerRules = (routes.headerRoutes ?? []).map(route =>
    parts.withOptions({
      matches: withService(
        toHttpRouteMatches(
          stepRouteMatches(route),
          `setHeaderRoute ${route.name}`,
        ),
      ),
      backendRefs: [parts.backendRef(parts.canaryName, 100)],
    }),
  );
  const mirrorRules = (routes.mirrorRoutes ?? []).map(route =>
    parts.withOptions(
      {
        matches: withService(
          toHttpRouteMatches(
            stepRouteMatches(route),
            `setMirrorRoute ${route.name}`,
          ),
        ),
        backendRefs: [
          parts.backendRef(parts.primaryName, 100 - routes.canaryWeight),
          parts.backendRef(parts.canaryName, routes.canaryWeight),
        ],
      },
      [
        {
          type: 'RequestMirror',
          requestMirror: {
            backendRef: {
              group: '',
              kind: 'Service',
              name: parts.canaryName,
              port: parts.port,
            },
            percent: route.percentage ?? 100,
          },
        },
      ],
    ),
  );
  return [...headerRules, ...mirrorRules];
}
