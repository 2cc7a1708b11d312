import type { CanaryNotifier } from '@vane/plugin-canary-node';
import { slackMessage } from './slackMessage';

/** Slack incoming webhooks. */
export const slackNotifier: CanaryNotifier = {
  type: 'slack',
  request: (alert, provider) => ({
    url: provider.url,
    body: {
      ...(provider.channel ? { channel: provider.channel } : {}),
      ...slackMessage(alert, provider.username),
    },
  }),
};
