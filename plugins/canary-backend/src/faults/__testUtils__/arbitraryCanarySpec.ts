import fc from 'fast-check';
import { buildCrds } from '../../crds/buildCrds';
import { arbitraryFromSchema } from './arbitraryFromSchema';

/** The spec schema of the Canary CRD Vane installs (the schema the validator is built from). */
function canarySpecSchema(): any {
  const crd = buildCrds().find(c => c.spec.names.kind === 'Canary')!;
  return crd.spec.versions[0].schema.openAPIV3Schema.properties.spec;
}

/** The seed walkthrough's Canary spec (Flagger's podinfo on Istio), valid. */
export function seedCanarySpec(name = 'podinfo'): Record<string, any> {
  return {
    provider: 'istio',
    targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
    service: { port: 9898 },
    analysis: {
      interval: '30s',
      threshold: 3,
      maxWeight: 80,
      stepWeight: 20,
      metrics: [
        {
          name: 'request-success-rate',
          thresholdRange: { min: 99 },
          interval: '1m',
        },
      ],
    },
  };
}

/**
 * Canary specs as users write them, valid and invalid, from the CRD's schema: whole specs
 * generated field by field, and the seed spec with one field (top level, or below `service` or
 * `analysis`) replaced by a generated value, which keeps most of them close to valid so the
 * rules behind the first one are reached too.
 */
export function arbitraryCanarySpec(name = 'podinfo'): fc.Arbitrary<unknown> {
  const schema = canarySpecSchema();
  const paths: string[][] = [
    ...Object.keys(schema.properties).map(key => [key]),
    ...['service', 'analysis'].flatMap(parent =>
      Object.keys(schema.properties[parent].properties).map(key => [
        parent,
        key,
      ]),
    ),
  ];
  const mutatedSeed = fc.constantFrom(...paths).chain(path => {
    const fieldSchema = path.reduce((s: any, key) => s.properties[key], schema);
    return arbitraryFromSchema(fieldSchema, { wrongWeight: 3 }).map(value => {
      const spec = seedCanarySpec(name);
      const parent = path.slice(0, -1).reduce((o: any, key) => o[key], spec);
      parent[path[path.length - 1]] = value;
      return spec;
    });
  });
  return fc.oneof(
    { arbitrary: arbitraryFromSchema(schema), weight: 1 },
    { arbitrary: mutatedSeed, weight: 3 },
  );
}
