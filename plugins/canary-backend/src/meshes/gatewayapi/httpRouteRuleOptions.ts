import { parseDuration } from '@vane/plugin-canary-common';
import type { CanaryRouting } from '../../routers/readCanaryRouting';

type HeaderOperations = {
  add?: Record<string, string>;
  set?: Record<string, string>;
  remove?: string[];
};

/** Istio's header map as Gateway API's list of HTTPHeaders, sorted by name as Flagger sorts it. */
function headerList(headers: Record<string, string> | undefined) {
  return Object.entries(headers ?? {})
    .map(([name, value]) => ({ name, value }))
    .sort(
      (a, b) => a.name.localeCompare(b.name) || a.value.localeCompare(b.value),
    );
}

/** An HTTPHeaderFilter from Istio's header operations; omitted lists stay omitted. */
function headerFilter(operations: HeaderOperations) {
  const add = headerList(operations.add);
  const set = headerList(operations.set);
  const remove = operations.remove ?? [];
  return {
    ...(add.length > 0 ? { add } : {}),
    ...(set.length > 0 ? { set } : {}),
    ...(remove.length > 0 ? { remove } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Istio's CorsPolicy as Gateway API's HTTPCORSFilter, as Flagger's gatewayapi:v1 router maps it. */
function corsFilter(policy: Record<string, unknown>) {
  const filter: Record<string, unknown> = {};
  for (const [from, to] of [
    ['allowOrigin', 'allowOrigins'],
    ['allowMethods', 'allowMethods'],
    ['allowHeaders', 'allowHeaders'],
    ['exposeHeaders', 'exposeHeaders'],
  ]) {
    const values = policy[from];
    if (Array.isArray(values) && values.length > 0) filter[to] = values;
  }
  if (policy.allowCredentials === true) filter.allowCredentials = true;
  if (typeof policy.maxAge === 'string' && policy.maxAge !== '') {
    // Gateway API counts whole seconds; gatewayApiRefusals refuses less than one.
    filter.maxAge = Math.floor(parseDuration(policy.maxAge) / 1000);
  }
  return filter;
}

/**
 * The filters and timeouts every rule of the HTTPRoute carries, from `spec.service`, in the order
 * Flagger's gatewayapi:v1 router writes them: RequestHeaderModifier (`headers.request`),
 * ResponseHeaderModifier (`headers.response`), URLRewrite (`rewrite`: `authority` as the
 * hostname, `uri` as the full path, or the matched prefix with `type: ReplacePrefixMatch`), CORS
 * (`corsPolicy`); and `timeouts` with `request` (`timeout`) and `backendRequest`
 * (`backendTimeout`). What Gateway API cannot express is refused first (gatewayApiRefusals).
 */
export function httpRouteRuleOptions(routing: CanaryRouting): {
  filters: Array<Record<string, unknown>>;
  timeouts?: Record<string, string>;
} {
  const { headers, rewrite, corsPolicy, timeout, backendTimeout } =
    routing.routeOptions;
  const filters: Array<Record<string, unknown>> = [];
  if (isRecord(headers?.request)) {
    filters.push({
      type: 'RequestHeaderModifier',
      requestHeaderModifier: headerFilter(headers!.request as HeaderOperations),
    });
  }
  if (isRecord(headers?.response)) {
    filters.push({
      type: 'ResponseHeaderModifier',
      responseHeaderModifier: headerFilter(
        headers!.response as HeaderOperations,
      ),
    });
  }
  if (rewrite) {
    const urlRewrite: Record<string, unknown> = {};
    if (typeof rewrite.authority === 'string' && rewrite.authority !== '') {
      urlRewrite.hostname = rewrite.authority;
    }
    if (typeof rewrite.uri === 'string' && rewrite.uri !== '') {
      // Flagger's HTTPRewrite.GetType: anything but ReplacePrefixMatch replaces the full path.
      urlRewrite.path =
        rewrite.type === 'ReplacePrefixMatch'
          ? { type: 'ReplacePrefixMatch', replacePrefixMatch: rewrite.uri }
          : { type: 'ReplaceFullPath', replaceFullPath: rewrite.uri };
    }
    filters.push({ type: 'URLRewrite', urlRewrite });
  }
  if (corsPolicy) {
    filters.push({ type: 'CORS', cors: corsFilter(corsPolicy) });
  }
  const timeouts = {
    ...(timeout ? { request: timeout } : {}),
    ...(backendTimeout ? { backendRequest: backendTimeout } : {}),
  };
  return Object.keys(timeouts).length > 0 ? { filters, timeouts } : { filters };
}
