import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { CanaryNotifier } from './CanaryNotifier';

/**
 * Lets backend modules add alert provider types (notifiers) to the canary plugin.
 *
 * @public
 */
export interface CanaryNotifiersExtensionPoint {
  addNotifier(notifier: CanaryNotifier): void;
}

/**
 * The extension point through which modules register notifiers.
 *
 * @public
 */
export const canaryNotifiersExtensionPoint =
  createExtensionPoint<CanaryNotifiersExtensionPoint>({
    id: 'canary.notifiers',
  });
