/** Flagger's webhook payload (v1beta1 CanaryWebhookPayload) as flagger-loadtester decodes it. */
export interface FlaggerWebhookPayload {
  name: string;
  namespace: string;
  phase: string;
  checksum: string;
  metadata: Record<string, string>;
}

const STRING_FIELDS = ['name', 'namespace', 'phase', 'checksum'] as const;

/**
 * Decodes a request body the way flagger-loadtester's `json.Unmarshal` into
 * CanaryWebhookPayload does, so the lab accepts and refuses the same bodies: a JSON object (or
 * `null`), keys matched case-insensitively, unknown keys ignored, absent or null fields left
 * empty, and `metadata` a map of strings. Throws Go's error message otherwise (the server then
 * answers 400 with an empty body, as flagger-loadtester does).
 */
export function parseWebhookPayload(body: string): FlaggerWebhookPayload {
  const payload: FlaggerWebhookPayload = {
    name: '',
    namespace: '',
    phase: '',
    checksum: '',
    metadata: {},
  };
  if (body.trim() === '') throw new Error('unexpected end of JSON input');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    throw new Error(`invalid JSON: ${(e as Error).message}`);
  }
  if (value === null) return payload;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(
      `json: cannot unmarshal ${jsonKind(value)} into Go value of type v1beta1.CanaryWebhookPayload`,
    );
  }
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    const name = key.toLowerCase();
    const stringField = STRING_FIELDS.find(f => f === name);
    if (stringField) {
      if (field === null) continue;
      if (typeof field !== 'string') throw typeError(field, stringField, 'string');
      payload[stringField] = field;
    } else if (name === 'metadata') {
      if (field === null) continue;
      if (typeof field !== 'object' || Array.isArray(field)) {
        throw typeError(field, 'metadata', 'map[string]string');
      }
      for (const [k, v] of Object.entries(field as Record<string, unknown>)) {
        if (v !== null && typeof v !== 'string') throw typeError(v, `metadata.${k}`, 'string');
        payload.metadata[k] = v ?? '';
      }
    }
  }
  return payload;
}

function typeError(value: unknown, field: string, goType: string): Error {
  return new Error(
    `json: cannot unmarshal ${jsonKind(value)} into Go struct field CanaryWebhookPayload.${field} of type ${goType}`,
  );
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}
