/**
 * Where a router keeps the spec of a routing object it adopted (one a user created before the
 * Canary), so finalize can hand the object back as it was. Flagger does the same with
 * `flagger.kubernetes.app/original-configuration`.
 */
export const ORIGINAL_SPEC_ANNOTATION = 'delivery.vane.dev/original-spec';
