import type { CanaryNotifier } from '@vane/plugin-canary-node';

const COLORS = { info: '2EB886', warn: 'DAA038', error: 'A30200' } as const;

/** Microsoft Teams incoming webhooks (an Office 365 connector MessageCard). */
export const msteamsNotifier: CanaryNotifier = {
  type: 'msteams',
  request: (alert, provider) => ({
    url: provider.url,
    body: {
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      themeColor: COLORS[alert.severity],
      summary: alert.message,
      sections: [
        {
          activityTitle: alert.message,
          activitySubtitle: `${alert.name}.${alert.namespace}`,
          facts: [
            { name: 'Cluster', value: alert.cluster },
            { name: 'Phase', value: alert.phase },
            { name: 'Canary weight', value: `${alert.canaryWeight}%` },
            ...(alert.reason ? [{ name: 'Reason', value: alert.reason }] : []),
          ],
        },
      ],
    },
  }),
};
