import { ConfigReader } from '@backstage/config';
import { NotifierRegistry } from './NotifierRegistry';
import { readAlertProviders } from './readAlertProviders';

const BUILT_IN = new NotifierRegistry().types();
const read = (alertProviders: any[], types: string[] = BUILT_IN) =>
  readAlertProviders(new ConfigReader({ canary: { alertProviders } }), types);

describe('readAlertProviders', () => {
  it("reads Flagger's AlertProvider fields under their names here: channel and username for Slack, username for Discord", () => {
    expect(
      read([
        {
          name: 'slack',
          type: 'slack',
          url: 'https://hooks.example.test/s',
          channel: 'on-call',
          username: 'flagger',
        },
        {
          name: 'discord',
          type: 'discord',
          url: 'https://discord.test/api/webhooks/x',
          username: 'flagger',
        },
        { name: 'teams', type: 'msteams', url: 'https://teams.example.test/x' },
      ]).map(p => [p.type, p.channel, p.username]),
    ).toEqual([
      ['slack', 'on-call', 'flagger'],
      ['discord', undefined, 'flagger'],
      ['msteams', undefined, undefined],
    ]);
  });

  it('reads the providers, with optional channel, username and severity', () => {
    expect(
      read([
        {
          name: 'releases',
          type: 'slack',
          url: 'https://hooks.example.test/x',
          channel: 'releases',
          severity: 'warn',
        },
        { name: 'audit', type: 'generic', url: 'http://127.0.0.1:9/alerts' },
      ]),
    ).toEqual([
      {
        name: 'releases',
        type: 'slack',
        url: 'https://hooks.example.test/x',
        channel: 'releases',
        severity: 'warn',
      },
      { name: 'audit', type: 'generic', url: 'http://127.0.0.1:9/alerts' },
    ]);
    expect(readAlertProviders(new ConfigReader({}), BUILT_IN)).toEqual([]);
    // A type a module added (createNotifierModule) is as good as a built-in one.
    expect(
      read(
        [{ name: 'pages', type: 'pagerduty', url: 'https://events.test/v2' }],
        [...BUILT_IN, 'pagerduty'],
      ),
    ).toEqual([
      { name: 'pages', type: 'pagerduty', url: 'https://events.test/v2' },
    ]);
  });

  it.each([
    [
      [{ name: 'a', type: 'pager', url: 'https://x.test' }],
      'canary.alertProviders[0].type must be one of slack, msteams, discord, generic (got "pager")',
    ],
    [
      [{ name: 'a', type: 'slack', url: 'hooks.slack.com/x' }],
      'canary.alertProviders[0].url must be an http or https URL',
    ],
    [
      [{ name: 'a', type: 'slack', url: 'https://x.test', severity: 'all' }],
      'canary.alertProviders[0].severity must be one of info, warn, error (got "all")',
    ],
    [
      [
        { name: 'a', type: 'slack', url: 'https://x.test' },
        { name: 'a', type: 'generic', url: 'https://y.test' },
      ],
      'canary.alertProviders[1].name must be unique (got "a" twice)',
    ],
    [
      [{ name: 'a', type: 'slack', address: 'https://hooks.slack.com/x' }],
      'canary.alertProviders[0].address is the AlertProvider field of Flagger; here the webhook URL is url (url: ${SLACK_WEBHOOK_URL})',
    ],
    [
      [
        {
          name: 'a',
          type: 'slack',
          url: 'https://x.test',
          secretRef: { name: 'slack-url' },
        },
      ],
      'canary.alertProviders[0].secretRef is not supported: the webhook URL is a credential of the backend, written as url from the environment (url: ${SLACK_WEBHOOK_URL}), not read from a Secret in the cluster',
    ],
    [
      [
        {
          name: 'a',
          type: 'slack',
          url: 'https://x.test',
          proxy: 'http://proxy.test:3128',
        },
      ],
      'canary.alertProviders[0].proxy is not supported yet: alerts are posted directly; remove it, or let the backend reach the provider',
    ],
    [
      [{ name: 'a', type: 'gchat', url: 'https://chat.googleapis.com/x' }],
      'canary.alertProviders[0].type must be one of slack, msteams, discord, generic (got "gchat"): Google Chat is not supported yet; use generic with an endpoint of your own, or add a notifier module (createNotifierModule)',
    ],
    [
      [{ name: 'a', type: 'rocket', url: 'https://rocket.test/hooks/x' }],
      'canary.alertProviders[0].type must be one of slack, msteams, discord, generic (got "rocket"): Rocket.Chat is not supported yet; use generic with an endpoint of your own, or add a notifier module (createNotifierModule)',
    ],
    [
      [
        {
          name: 'a',
          type: 'msteams',
          url: 'https://x.test',
          channel: 'releases',
        },
      ],
      'canary.alertProviders[0].channel is not supported by type msteams: its message has no channel (channel is for slack); remove it',
    ],
    [
      [{ name: 'a', type: 'generic', url: 'https://x.test', username: 'vane' }],
      'canary.alertProviders[0].username is not supported by type generic: its message has no username (username is for slack and discord); remove it',
    ],
    [
      [{ name: 'a', type: 'slack', url: 'https://x.test', chanel: 'releases' }],
      'canary.alertProviders[0].chanel is not a setting of an alert provider (settings: name, type, url, channel, username, severity)',
    ],
  ])('refuses %j: %s', (providers, message) => {
    expect(() => read(providers)).toThrow(message);
  });
});
