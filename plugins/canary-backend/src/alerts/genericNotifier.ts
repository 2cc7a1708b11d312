import type { CanaryNotifier } from '@vane/plugin-canary-node';

/** Any HTTP endpoint: the alert as JSON, for a service of your own. */
export const genericNotifier: CanaryNotifier = {
  type: 'generic',
  request: (alert, provider) => ({ url: provider.url, body: alert }),
};
