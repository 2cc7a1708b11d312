import type { Canary } from '@vane/plugin-canary-common';
import type { MeshRouterFactory } from '@vane/plugin-canary-node';
import { refuseOtherProvidersFields } from './refuseOtherProvidersFields';

/**
 * What the router chosen for a Canary refuses (MeshRouterFactory's `refuse`, and the fields that
 * name another provider's objects: refuseOtherProvidersFields), as one message for
 * a `Valid=False` condition or an API error; undefined when it refuses nothing. Checked before
 * anything is created, by the engine and by the apply API.
 */
export function refusedRouting(
  factory: MeshRouterFactory,
  canary: Canary,
): string | undefined {
  let refusals;
  try {
    refusals = [
      ...refuseOtherProvidersFields(canary, factory.provider),
      ...(factory.refuse?.(canary) ?? []),
    ];
  } catch (error) {
    // A module's refuse() that throws must not let the Canary through unchecked.
    return `provider ${factory.provider} could not check the Canary: ${
      (error as Error).message
    }`;
  }
  return refusals.length > 0
    ? refusals.map(refusal => refusal.message).join('; ')
    : undefined;
}
