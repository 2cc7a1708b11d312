import type { Canary } from '@vane/plugin-canary-common';
import { UnsupportedRoutingError } from '@vane/plugin-canary-node';
import { readCanaryRouting } from './readCanaryRouting';

/** Sticky canary sessions need cookie-setting routes that no Vane router writes yet. */
export function refuseSessionAffinity(provider: string, canary: Canary): void {
  const routing = readCanaryRouting(canary);
  if (routing.sessionAffinity) {
    throw new UnsupportedRoutingError(
      provider,
      'analysis.sessionAffinity',
      `Canary ${routing.id}: provider ${provider} does not support analysis.sessionAffinity yet; remove it to run the analysis without sticky sessions`,
    );
  }
}
