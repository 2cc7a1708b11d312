import type { MeshRouterRefusal } from '@vane/plugin-canary-node';
import type { CanaryRouting } from '../../routers/readCanaryRouting';

const HEADER_MATCH =
  'Gateway API matches headers exactly or by regex, not by prefix; write it as a regex';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function entries(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/**
 * What Gateway API cannot express of Argo Rollouts' step routes: a header matched by prefix (in
 * setHeaderRoute and setMirrorRoute), and a method matched other than exactly; paths match
 * exactly, by prefix or by regex as in Argo Rollouts. A ReplacePrefixMatch rewrite also needs
 * every rule to have a single PathPrefix match, so a step route of several matches is refused
 * beside it.
 */
export function gatewayApiStepRefusals(
  routing: CanaryRouting,
): MeshRouterRefusal[] {
  const refusals: MeshRouterRefusal[] = [];
  const refuse = (field: string, why: string) =>
    refusals.push({
      field,
      message: `${field} is not supported by provider gatewayapi: ${why}`,
    });
  const prefixRewrite =
    routing.routeOptions.rewrite?.type === 'ReplacePrefixMatch';
  routing.steps.forEach((step, index) => {
    for (const kind of ['setHeaderRoute', 'setMirrorRoute'] as const) {
      const route = isRecord(step[kind]) ? step[kind] : undefined;
      const matches = entries(route?.match);
      const at = `analysis.steps[${index}].${kind}`;
      if (prefixRewrite && matches.length > 1) {
        refuse(
          `${at}.match`,
          'a ReplacePrefixMatch rewrite (service.rewrite.type) needs each rule to have a single match, and this route has several; use ReplaceFullPath, or one match per route',
        );
      }
      matches.forEach((match, m) => {
        if (kind === 'setHeaderRoute') {
          if (isRecord(match.headerValue) && 'prefix' in match.headerValue) {
            refuse(`${at}.match[${m}].headerValue.prefix`, HEADER_MATCH);
          }
          return;
        }
        if (isRecord(match.method) && !('exact' in match.method)) {
          refuse(
            `${at}.match[${m}].method`,
            'Gateway API matches a method exactly; write it with exact',
          );
        }
        const headers = isRecord(match.headers) ? match.headers : {};
        for (const [name, value] of Object.entries(headers)) {
          if (isRecord(value) && 'prefix' in value) {
            refuse(`${at}.match[${m}].headers.${name}.prefix`, HEADER_MATCH);
          }
        }
      });
    }
  });
  return refusals;
}
