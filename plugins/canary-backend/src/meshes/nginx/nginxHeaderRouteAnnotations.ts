import type { CanaryHeaderRoute } from '@vane/plugin-canary-common';
import { UnsupportedRoutingError } from '@vane/plugin-canary-node';
import { nginxMatchAnnotations } from './nginxMatchAnnotations';

/**
 * The canary annotations of an Argo Rollouts header route (setHeaderRoute): its one header
 * match, as nginxMatchAnnotations writes a header condition.
 */
export function nginxHeaderRouteAnnotations(
  route: CanaryHeaderRoute,
  field: string,
): Record<string, string> {
  const matches = route.match ?? [];
  if (matches.length !== 1) {
    throw new UnsupportedRoutingError(
      'nginx',
      `${field}.match`,
      `${field}.match is not supported by provider nginx with ${matches.length} matches: ingress-nginx sends to the canary the requests of one header (canary-by-header); keep one match`,
    );
  }
  const [{ headerName, headerValue }] = matches;
  return nginxMatchAnnotations(
    [{ headers: { [headerName]: { ...headerValue } } }],
    `${field}.match`,
  );
}
