import type {
  KubernetesObjectLike,
  KubernetesObjectReader,
  KubernetesObjectWriter,
} from '@vane/plugin-canary-node';
import { kubernetesObjectRef } from '../routers/kubernetesObjectRef';
import {
  canaryServiceUpdate,
  CanaryServiceUpdateOptions,
} from './canaryServiceUpdate';

/**
 * Creates the Services buildCanaryServices built, or brings the existing ones up to date
 * (canaryServiceUpdate). The current Services come from the informer cache, so Services already
 * up to date cost no request: this runs on every tick of an initialised Canary, as Flagger's
 * reconcileService does.
 */
export async function applyCanaryServices(
  context: { reader: KubernetesObjectReader; writer: KubernetesObjectWriter },
  services: KubernetesObjectLike[],
  options: CanaryServiceUpdateOptions & {
    /** Not the apex's selector (CanaryServiceUpdateOptions.keepSelector); the others' always. */
    keepApexSelector?: boolean;
  },
): Promise<void> {
  const [apex] = services;
  for (const service of services) {
    const ref = kubernetesObjectRef(service);
    const keepSelector = service === apex && options.keepApexSelector;
    const current = await context.reader.get(ref);
    if (!current) {
      if ((await context.writer.create(service)) === 'created') continue;
      // The cache has not seen it yet: its ports and selector, the rest at the next tick.
      const { ports, selector } = service.spec as Record<string, unknown>;
      await context.writer.patch(ref, {
        spec: keepSelector ? { ports } : { ports, selector },
      });
      continue;
    }
    const patch = canaryServiceUpdate(current, service, {
      ...options,
      keepSelector,
    });
    if (patch) {
      await context.writer.patch(ref, patch);
    }
  }
}
