import { ConfigReader } from '@backstage/config';
import { NotifierRegistry } from './NotifierRegistry';
import { readAlertProviders } from './readAlertProviders';

const BUILT_IN = new NotifierRegistry().types();
const read = (alertProviders: any[], types: string[] = BUILT_IN) =>
  readAlertProviders(new ConfigReader({ canary: { alertProviders } }), types);

describe('readAlertProviders', () => {
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
  ])('refuses %j: %s', (providers, message) => {
    expect(() => read(providers)).toThrow(message);
  });
});
