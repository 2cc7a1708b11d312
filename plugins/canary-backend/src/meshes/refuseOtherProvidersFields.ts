import type { Canary } from '@vane/plugin-canary-common';
import type { MeshRouterRefusal } from '@vane/plugin-canary-node';

/**
 * Fields of Flagger's Canary that name an object only one provider routes through: any other
 * provider refuses them, so a Canary moved to another mesh does not keep one that does nothing.
 */
const PROVIDER_FIELDS: ReadonlyArray<{
  field: string;
  provider: string;
  names: string;
}> = [
  {
    field: 'ingressRef',
    provider: 'nginx',
    names: 'the Ingress whose canary copy provider nginx writes',
  },
];

/** The refusals of the fields of other providers (PROVIDER_FIELDS) a Canary sets. */
export function refuseOtherProvidersFields(
  canary: Canary,
  provider: string,
): MeshRouterRefusal[] {
  const spec = (canary.spec ?? {}) as unknown as Record<string, unknown>;
  return PROVIDER_FIELDS.filter(
    f =>
      f.provider !== provider &&
      spec[f.field] !== undefined &&
      spec[f.field] !== null,
  ).map(f => ({
    field: f.field,
    message: `${f.field} is not supported by provider ${provider}: it names ${f.names}; remove it, or use provider ${f.provider}`,
  }));
}
