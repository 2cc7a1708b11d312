import fc from 'fast-check';

// Values a Canary's strings take in Flagger's docs, so that generated specs reach past the first
// rule of each field: durations, names, URLs, header values; plus arbitrary text.
const STRING_SAMPLES = [
  '1m',
  '30s',
  '10s',
  '500ms',
  '0s',
  '1h',
  '-1s',
  'podinfo',
  'podinfo-canary',
  'test',
  'Deployment',
  'apps/v1',
  'istio',
  'gatewayapi',
  'smi',
  'kubernetes',
  'http://flagger-loadtester.test/',
  'request-success-rate',
  'request-duration',
  '^(.*?;)?(canary=always)(;.*)?$',
  'insider',
  '',
];

/** A value of a wrong JSON type for any field. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
);

/**
 * Generates values for a structural (OpenAPI v3) schema, the CRD's own: mostly of the right
 * shape, with wrong types, missing required fields, out-of-range numbers and unknown keys mixed
 * in at every level, so that both valid and invalid specs come out in numbers.
 *
 * @param wrongWeight - how often (out of 20) a field gets a value of a wrong type.
 */
export function arbitraryFromSchema(
  schema: any,
  options: { wrongWeight?: number; depth?: number } = {},
): fc.Arbitrary<unknown> {
  const { wrongWeight = 1, depth = 0 } = options;
  const right = rightShape(schema, { wrongWeight, depth });
  return wrongWeight > 0
    ? fc.oneof(
        { arbitrary: right, weight: 20 - wrongWeight },
        { arbitrary: wrongType, weight: wrongWeight },
      )
    : right;
}

function rightShape(
  schema: any,
  options: { wrongWeight: number; depth: number },
): fc.Arbitrary<unknown> {
  const child = (s: any) =>
    arbitraryFromSchema(s, { ...options, depth: options.depth + 1 });
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  if (schema['x-kubernetes-int-or-string']) {
    return fc.oneof(
      fc.integer({ min: 0, max: 10000 }),
      fc.constantFrom(...STRING_SAMPLES),
    );
  }
  switch (schema.type) {
    case 'object': {
      if (schema.properties && options.depth < 6) {
        const properties: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [key, value] of Object.entries(schema.properties)) {
          properties[key] = child(value);
        }
        const required: string[] = (schema.required ?? []).filter(
          (key: string) => key in properties,
        );
        const record = (requiredKeys: string[]) =>
          fc.record(properties, { requiredKeys });
        return fc
          .tuple(
            fc.oneof(
              { arbitrary: record(required), weight: 9 },
              { arbitrary: record([]), weight: 1 },
            ),
            fc.oneof(
              { arbitrary: fc.constant({}), weight: 19 },
              {
                arbitrary: fc.dictionary(
                  fc.constantFrom('unknownField', 'weight', 'spec'),
                  fc.jsonValue({ maxDepth: 1 }),
                  { maxKeys: 1 },
                ),
                weight: 1,
              },
            ),
          )
          .map(([known, unknown]) => ({ ...unknown, ...(known as object) }));
      }
      if (schema.additionalProperties && options.depth < 6) {
        return fc.dictionary(
          fc.constantFrom('app', 'x-canary', 'cookie', 'team', 'a.b/c'),
          child(schema.additionalProperties),
          { maxKeys: 2 },
        );
      }
      return fc.dictionary(
        fc.string({ maxLength: 6 }),
        fc.jsonValue({ maxDepth: 2 }),
        { maxKeys: 2 },
      );
    }
    case 'array':
      return options.depth < 6 && schema.items
        ? fc.array(child(schema.items), { maxLength: 3 })
        : fc.constant([]);
    case 'string':
      return fc.oneof(
        { arbitrary: fc.constantFrom(...STRING_SAMPLES), weight: 4 },
        { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
      );
    case 'integer':
      return fc.oneof(
        { arbitrary: fc.integer({ min: 0, max: 100 }), weight: 4 },
        { arbitrary: fc.integer({ min: -100, max: 100000 }), weight: 1 },
      );
    case 'number':
      return fc.double({ min: -10, max: 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
