import type { Notifier } from './Notifier';
import { slackMessage } from './slackMessage';

/** Slack incoming webhooks. */
export const slackNotifier: Notifier = {
  type: 'slack',
  request: (alert, provider) => ({
    url: provider.url,
    body: {
      ...(provider.channel ? { channel: provider.channel } : {}),
      ...slackMessage(alert, provider.username),
    },
  }),
};
