import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { canaryNotifiersExtensionPoint } from './canaryNotifiersExtensionPoint';
import type { CanaryNotifier } from './CanaryNotifier';
import { createNotifierModule } from './createNotifierModule';

const echo: CanaryNotifier['request'] = (alert, provider) => ({
  url: provider.url,
  body: alert,
});

describe('createNotifierModule', () => {
  it('registers the notifier with the canary plugin before the plugin starts', async () => {
    const registered: string[] = [];
    let seenAtInit: string[] = [];
    // Stands in for the canary backend: it provides the extension point and reads it at init.
    const canaryPluginStandIn = createBackendPlugin({
      pluginId: 'canary',
      register(reg) {
        reg.registerExtensionPoint(canaryNotifiersExtensionPoint, {
          addNotifier: notifier => registered.push(notifier.type),
        });
        reg.registerInit({
          deps: {},
          async init() {
            seenAtInit = [...registered];
          },
        });
      },
    });

    const backend = await startTestBackend({
      features: [
        canaryPluginStandIn,
        createNotifierModule({ type: 'pagerduty', request: echo }),
        createNotifierModule({ type: 'opsgenie', request: echo }),
      ],
    });
    await backend.stop();

    expect(seenAtInit.sort()).toEqual(['opsgenie', 'pagerduty']);
  });

  it.each(['PagerDuty', '', 'page_duty', '1chat'])(
    'refuses the type %j with a message saying what is allowed',
    type => {
      expect(() => createNotifierModule({ type, request: echo })).toThrow(
        `Notifier type "${type}" is not valid: use lowercase letters, digits and '-', starting with a letter`,
      );
    },
  );
});
