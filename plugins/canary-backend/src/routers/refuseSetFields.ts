import type { Canary } from '@vane/plugin-canary-common';
import type { MeshRouterRefusal } from '@vane/plugin-canary-node';

/** The Flagger fields some mesh routers write into their routing objects and others cannot. */
export type RoutedField =
  | 'service.gateways'
  | 'service.gatewayRefs'
  | 'service.hosts'
  | 'service.match'
  | 'service.rewrite'
  | 'service.rewrite.type'
  | 'service.timeout'
  | 'service.backendTimeout'
  | 'service.delegation'
  | 'service.retries'
  | 'service.headers'
  | 'service.corsPolicy'
  | 'service.trafficPolicy'
  | 'analysis.match'
  | 'analysis.mirror'
  | 'analysis.sessionAffinity';

/** Set, as Flagger reads it: anything but Go's zero value (false, 0, "", empty list or map). */
function isSet(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.values(value).some(isSet);
  return true;
}

function valueAt(canary: Canary, field: RoutedField): unknown {
  const spec = (canary.spec ?? {}) as unknown as Record<string, any>;
  const [section, ...path] = field.split('.');
  // Flagger's older manifests call the analysis `canaryAnalysis`.
  const holder =
    section === 'service' ? spec.service : spec.analysis ?? spec.canaryAnalysis;
  return path.reduce((value, name) => value?.[name], holder);
}

/**
 * The refusals of a router for the fields it cannot carry that a Canary sets, as
 * `<field> is not supported [yet] by provider <provider>: <why>`. `notSupported` is for what the
 * mesh cannot do; `notYet` for what the router does not write yet.
 */
export function refuseSetFields(
  canary: Canary,
  provider: string,
  fields: {
    notSupported?: Partial<Record<RoutedField, string>>;
    notYet?: Partial<Record<RoutedField, string>>;
  },
): MeshRouterRefusal[] {
  const refusals: MeshRouterRefusal[] = [];
  for (const [kind, why] of [
    ['', fields.notSupported ?? {}],
    ['yet ', fields.notYet ?? {}],
  ] as const) {
    for (const [field, reason] of Object.entries(why)) {
      if (isSet(valueAt(canary, field as RoutedField))) {
        refusals.push({
          field,
          message: `${field} is not supported ${kind}by provider ${provider}: ${reason}`,
        });
      }
    }
  }
  return refusals;
}
