/**
 * Turns the JSON Schema that zod emits into a Kubernetes structural schema
 * (apiextensions.k8s.io/v1): every node typed, int-or-string unions marked as such, open maps
 * preserved, and nothing the API server rejects (`$schema`, `default` (the engine applies
 * defaults, so stored objects stay as the user wrote them), `anyOf` of scalar types).
 */
export function toStructuralSchema(node: unknown): Record<string, unknown> {
  if (typeof node !== 'object' || node === null) {
    return { 'x-kubernetes-preserve-unknown-fields': true };
  }
  const source = node as Record<string, any>;

  if (Array.isArray(source.anyOf)) {
    const types = source.anyOf.map((option: any) => option.type).sort();
    if (types.join(',') === 'integer,string') {
      return { 'x-kubernetes-int-or-string': true };
    }
    throw new Error(
      `Cannot express anyOf of ${types.join(', ')} in a structural schema`,
    );
  }

  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    switch (key) {
      case '$schema':
      case 'default':
        break;
      case 'maximum':
        // zod's .int() emits Number.MAX_SAFE_INTEGER: no information worth keeping.
        if (value !== Number.MAX_SAFE_INTEGER) out.maximum = value;
        break;
      case 'minimum':
        if (value !== Number.MIN_SAFE_INTEGER) out.minimum = value;
        break;
      case 'properties':
        out.properties = Object.fromEntries(
          Object.entries(value as Record<string, unknown>).map(
            ([name, child]) => [name, toStructuralSchema(child)],
          ),
        );
        break;
      case 'items':
        out.items = toStructuralSchema(value);
        break;
      case 'additionalProperties':
        if (value === false) {
          break;
        }
        if (
          typeof value === 'object' &&
          value !== null &&
          Object.keys(value).length > 0 &&
          !source.properties
        ) {
          out.additionalProperties = toStructuralSchema(value);
        } else {
          // An open object (zod passthrough or a record of unknown): keep what users write.
          out['x-kubernetes-preserve-unknown-fields'] = true;
        }
        break;
      default:
        out[key] = value;
    }
  }
  if (!out.type && !out['x-kubernetes-preserve-unknown-fields']) {
    // z.unknown(): any value.
    out['x-kubernetes-preserve-unknown-fields'] = true;
  }
  return out;
}
