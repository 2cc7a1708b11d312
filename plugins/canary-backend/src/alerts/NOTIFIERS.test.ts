import type { CanaryAlertProvider } from '@vane/plugin-canary-node';
import { NOTIFIERS } from './NOTIFIERS';
import { failedRolloutAlert } from './__testUtils__/failedRolloutAlert';

const failed = failedRolloutAlert;
const provider = (
  type: CanaryAlertProvider['type'],
  extra: Partial<CanaryAlertProvider> = {},
): CanaryAlertProvider => ({
  name: type,
  type,
  url: 'https://hooks.example.test/T000/B000',
  ...extra,
});

describe('NOTIFIERS', () => {
  it('slack: text, a danger attachment with the reason and the facts, the channel and username when set', () => {
    expect(
      NOTIFIERS.slack.request(
        failed,
        provider('slack', { channel: 'releases', username: 'flagger' }),
      ),
    ).toEqual({
      url: 'https://hooks.example.test/T000/B000',
      body: {
        channel: 'releases',
        username: 'flagger',
        text: failed.message,
        attachments: [
          {
            color: 'danger',
            title: 'podinfo.test',
            text: failed.reason,
            fields: [
              { title: 'Cluster', value: 'lab', short: true },
              { title: 'Phase', value: 'Failed', short: true },
              { title: 'Canary weight', value: '0%', short: true },
            ],
          },
        ],
      },
    });
  });

  it("discord: the Slack body to the webhook's Slack-compatible endpoint", () => {
    const request = NOTIFIERS.discord.request(
      { ...failed, severity: 'info', reason: undefined },
      provider('discord', {
        url: 'https://discord.example.test/api/webhooks/1/x/',
      }),
    );
    expect(request.url).toBe(
      'https://discord.example.test/api/webhooks/1/x/slack',
    );
    expect(request.body).toMatchObject({
      username: 'vane',
      attachments: [{ color: 'good', title: 'podinfo.test' }],
    });
    expect((request.body as any).attachments[0]).not.toHaveProperty('text');
  });

  it('msteams: a MessageCard with the facts and the reason', () => {
    expect(NOTIFIERS.msteams.request(failed, provider('msteams'))).toEqual({
      url: 'https://hooks.example.test/T000/B000',
      body: {
        '@type': 'MessageCard',
        '@context': 'https://schema.org/extensions',
        themeColor: 'A30200',
        summary: failed.message,
        sections: [
          {
            activityTitle: failed.message,
            activitySubtitle: 'podinfo.test',
            facts: [
              { name: 'Cluster', value: 'lab' },
              { name: 'Phase', value: 'Failed' },
              { name: 'Canary weight', value: '0%' },
              { name: 'Reason', value: failed.reason },
            ],
          },
        ],
      },
    });
  });

  it('generic: the alert itself', () => {
    expect(NOTIFIERS.generic.request(failed, provider('generic'))).toEqual({
      url: 'https://hooks.example.test/T000/B000',
      body: failed,
    });
  });
});
