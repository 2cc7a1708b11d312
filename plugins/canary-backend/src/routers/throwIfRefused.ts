import type { MeshRouterRefusal } from '@vane/plugin-canary-node';
import { UnsupportedRoutingError } from '@vane/plugin-canary-node';

/**
 * The routers' own guard for what their `refuse` reports: the engine refuses such a Canary
 * before anything is created, so reaching this means a caller skipped that check.
 */
export function throwIfRefused(
  provider: string,
  canaryId: string,
  refusals: MeshRouterRefusal[],
): void {
  if (refusals.length > 0) {
    throw new UnsupportedRoutingError(
      provider,
      refusals[0].field,
      `Canary ${canaryId}: ${refusals.map(r => r.message).join('; ')}`,
    );
  }
}
