import type { CanaryRolloutAlert } from '@vane/plugin-canary-node';

const COLORS = { info: 'good', warn: 'warning', error: 'danger' } as const;

/** The body of a Slack incoming webhook (also what Discord's `/slack` endpoint takes). */
export function slackMessage(alert: CanaryRolloutAlert, username = 'vane') {
  return {
    username,
    text: alert.message,
    attachments: [
      {
        color: COLORS[alert.severity],
        title: `${alert.name}.${alert.namespace}`,
        ...(alert.reason ? { text: alert.reason } : {}),
        fields: [
          { title: 'Cluster', value: alert.cluster, short: true },
          { title: 'Phase', value: alert.phase, short: true },
          {
            title: 'Canary weight',
            value: `${alert.canaryWeight}%`,
            short: true,
          },
        ],
      },
    ],
  };
}
