import type { ParentRefLike } from './binding/parentRefAttachesToListener';
import { compileStringMatch } from './compileStringMatch';
import { RequestMatch, ResponseHeaderOperations, RouteBackend, RouteRule, RouteTable } from './RouteTable';

interface HeaderFilterLike {
  set?: Array<{ name?: string; value?: string }>;
  add?: Array<{ name?: string; value?: string }>;
  remove?: string[];
}

interface FilterLike {
  type?: string;
  requestMirror?: { backendRef?: BackendRefLike; percent?: number; fraction?: { numerator?: number; denominator?: number } };
  responseHeaderModifier?: HeaderFilterLike;
}

interface BackendRefLike {
  group?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  port?: number;
  weight?: number;
  filters?: FilterLike[];
}

/** The ResponseHeaderModifier filters of a rule or backendRef, in order, as one set of operations. */
function responseHeaders(filters: FilterLike[] | undefined): ResponseHeaderOperations | undefined {
  const modifiers = (filters ?? []).filter(f => f.type === 'ResponseHeaderModifier' && f.responseHeaderModifier);
  if (modifiers.length === 0) return undefined;
  const pairs = (list: HeaderFilterLike['set']): Array<[string, string]> =>
    (list ?? []).filter(h => h.name).map(h => [h.name!.toLowerCase(), h.value ?? '']);
  return {
    set: modifiers.flatMap(m => pairs(m.responseHeaderModifier!.set)),
    add: modifiers.flatMap(m => pairs(m.responseHeaderModifier!.add)),
    remove: modifiers.flatMap(m => (m.responseHeaderModifier!.remove ?? []).map(name => name.toLowerCase())),
  };
}

/** The parts of a gateway.networking.k8s.io HTTPRoute the data plane reads. */
export interface HttpRouteLike {
  metadata?: { name?: string; namespace?: string };
  spec?: {
    parentRefs?: ParentRefLike[];
    hostnames?: string[];
    rules?: Array<{
      matches?: Array<{
        path?: { type?: string; value?: string };
        headers?: Array<{ type?: string; name?: string; value?: string }>;
        method?: string;
      }>;
      backendRefs?: BackendRefLike[];
      filters?: FilterLike[];
    }>;
  };
}

/**
 * Compiles an HTTPRoute's rules (weighted backendRefs, path/header/method matches, RequestMirror,
 * ResponseHeaderModifier on rules and backendRefs).
 */
export function parseHttpRoute(route: HttpRouteLike): RouteTable {
  const namespace = route.metadata?.namespace ?? 'default';
  const backend = (ref: BackendRefLike | undefined, weight: number): RouteBackend | undefined => {
    if (!ref?.name) return undefined;
    if ((ref.kind ?? 'Service') !== 'Service' || (ref.group ?? '') !== '') return undefined;
    const operations = responseHeaders(ref.filters);
    return {
      service: ref.name,
      namespace: ref.namespace ?? namespace,
      port: ref.port,
      weight,
      ...(operations ? { responseHeaders: operations } : {}),
    };
  };
  const rules: RouteRule[] = (route.spec?.rules ?? [{}]).map(rule => {
    const backends = (rule.backendRefs ?? [])
      .map(ref => backend(ref, ref.weight ?? 1))
      .filter((b): b is RouteBackend => Boolean(b));
    // No matches in a rule means "PathPrefix /", i.e. everything.
    const matches: RequestMatch[] = (rule.matches ?? []).map(m => ({
      path: pathMatch(m.path),
      headers: (m.headers ?? []).flatMap(h => {
        if (!h.name || h.value === undefined) return [];
        const match =
          h.type === 'RegularExpression'
            ? compileStringMatch({ regex: h.value })
            : compileStringMatch({ exact: h.value });
        return match ? [{ name: h.name.toLowerCase(), match }] : [];
      }),
      method: m.method,
    }));
    const mirrorFilter = (rule.filters ?? []).find(f => f.type === 'RequestMirror');
    const mirrorBackend = backend(mirrorFilter?.requestMirror?.backendRef, 100);
    const fraction = mirrorFilter?.requestMirror?.fraction;
    const percent =
      mirrorFilter?.requestMirror?.percent ??
      (fraction?.numerator !== undefined ? (100 * fraction.numerator) / (fraction.denominator ?? 100) : 100);
    const operations = responseHeaders(rule.filters);
    return {
      matches,
      backends,
      ...(mirrorBackend ? { mirror: { backend: mirrorBackend, percent } } : {}),
      ...(operations ? { responseHeaders: operations } : {}),
    };
  });
  return { source: { kind: 'HTTPRoute', namespace, name: route.metadata?.name ?? '' }, rules };
}

function pathMatch(path: { type?: string; value?: string } | undefined) {
  if (!path?.value) return undefined;
  if (path.type === 'Exact') return compileStringMatch({ exact: path.value });
  if (path.type === 'RegularExpression') return compileStringMatch({ regex: path.value });
  if (path.value === '/') return undefined;
  // PathPrefix matches whole path elements: /api matches /api and /api/x, not /apix.
  const prefix = path.value.replace(/\/$/, '');
  return compileStringMatch({ regex: `${escapeRegex(prefix)}(/.*)?` });
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
