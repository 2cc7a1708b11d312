import { createHash } from 'node:crypto';
import { stableJson } from './stableJson';

/**
 * A SHA-256 of a ConfigMap's or Secret's `data` and `binaryData` (key order does not matter). A
 * missing object digests as one with no data, so creating it later is a change too.
 */
export function configDataDigest(
  config: { data?: unknown; binaryData?: unknown } | undefined,
): string {
  return createHash('sha256')
    .update(
      stableJson({
        data: config?.data ?? {},
        binaryData: config?.binaryData ?? {},
      }),
    )
    .digest('hex');
}
