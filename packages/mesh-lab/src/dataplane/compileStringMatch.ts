import { StringMatch } from './RouteTable';

/**
 * Compiles a routing API's string match. Regexes are RE2 in Istio and Envoy and must match the
 * whole value, so they are anchored here.
 */
export function compileStringMatch(
  spec: { exact?: string; prefix?: string; regex?: string } | undefined,
): StringMatch | undefined {
  if (!spec) return undefined;
  if (typeof spec.exact === 'string') return { exact: spec.exact };
  if (typeof spec.prefix === 'string') return { prefix: spec.prefix };
  if (typeof spec.regex === 'string') return { regex: new RegExp(`^(?:${spec.regex})$`) };
  return undefined;
}
