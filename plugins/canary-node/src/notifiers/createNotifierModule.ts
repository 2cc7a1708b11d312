import { createBackendModule } from '@backstage/backend-plugin-api';
import { canaryNotifiersExtensionPoint } from './canaryNotifiersExtensionPoint';
import type { CanaryNotifier } from './CanaryNotifier';

/** Notifier types end up in app-config and in module ids: keep them to DNS-label form. */
const NOTIFIER_TYPE = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * Packages a notifier as a backend module, so a new alert provider type (PagerDuty, Opsgenie, a
 * chat of your own) is one `backend.add(...)` line; `canary.alertProviders` entries then use its
 * `type`.
 *
 * @public
 */
export function createNotifierModule(notifier: CanaryNotifier) {
  if (!NOTIFIER_TYPE.test(notifier.type)) {
    throw new Error(
      `Notifier type "${notifier.type}" is not valid: use lowercase letters, digits and '-', starting with a letter`,
    );
  }
  return createBackendModule({
    pluginId: 'canary',
    moduleId: `notifier-${notifier.type}`,
    register(reg) {
      reg.registerInit({
        deps: { notifiers: canaryNotifiersExtensionPoint },
        async init({ notifiers }) {
          notifiers.addNotifier(notifier);
        },
      });
    },
  });
}
