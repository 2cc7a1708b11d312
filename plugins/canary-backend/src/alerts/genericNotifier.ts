import type { Notifier } from './Notifier';

/** Any HTTP endpoint: the alert as JSON, for a service of your own. */
export const genericNotifier: Notifier = {
  type: 'generic',
  request: (alert, provider) => ({ url: provider.url, body: alert }),
};
