import type { CanaryAlertProvider } from '@vane/plugin-canary-node';
import type { CanaryAlert } from '@vane/plugin-canary-common';
import { alertProvidersFor } from './alertProvidersFor';

const provider = (
  name: string,
  severity?: CanaryAlertProvider['severity'],
): CanaryAlertProvider => ({
  name,
  type: 'slack',
  url: `http://127.0.0.1/${name}`,
  ...(severity ? { severity } : {}),
});
const alert = (
  providerName: string,
  severity?: CanaryAlert['severity'],
): CanaryAlert => ({
  name: providerName,
  providerRef: { name: providerName },
  ...(severity ? { severity } : {}),
});

describe('alertProvidersFor', () => {
  const providers = [
    provider('team-slack'),
    provider('oncall', 'error'),
    provider('everything', 'info'),
  ];
  const names = (
    severity: CanaryAlert['severity'] & string,
    alerts: CanaryAlert[],
  ) =>
    alertProvidersFor(severity, alerts, providers).providers.map(p => p.name);

  it("sends to the Canary's providers at their severity or worse (info gets all, warn gets warn and error, error only errors)", () => {
    expect(names('info', [alert('team-slack')])).toEqual([
      'team-slack',
      'everything',
    ]);
    expect(names('info', [alert('team-slack', 'warn')])).toEqual([
      'everything',
    ]);
    expect(names('warn', [alert('team-slack', 'warn')])).toEqual([
      'team-slack',
      'everything',
    ]);
    expect(names('error', [alert('team-slack', 'warn')])).toEqual([
      'team-slack',
      'oncall',
      'everything',
    ]);
  });

  it('sends once to a provider named twice or also configured for every Canary', () => {
    expect(
      names('error', [alert('oncall', 'info'), alert('oncall', 'error')]),
    ).toEqual(['oncall', 'everything']);
  });

  it('returns the names no provider answers to, once each', () => {
    expect(
      alertProvidersFor('info', [alert('nope'), alert('nope')], []),
    ).toEqual({ providers: [], unknown: ['nope'] });
  });
});
