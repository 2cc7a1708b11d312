import type { CanaryNotifier } from '@vane/plugin-canary-node';
import { slackMessage } from './slackMessage';

/** Discord webhooks, through their Slack-compatible endpoint (`<webhook>/slack`), as Flagger does. */
export const discordNotifier: CanaryNotifier = {
  type: 'discord',
  request: (alert, provider) => ({
    url: provider.url.endsWith('/slack')
      ? provider.url
      : `${provider.url.replace(/\/+$/, '')}/slack`,
    body: slackMessage(alert, provider.username),
  }),
};
