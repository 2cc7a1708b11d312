import { mockServices } from '@backstage/backend-test-utils';
import { AlertSender } from './AlertSender';
import { NotifierRegistry } from './NotifierRegistry';
import { failedRolloutAlert } from './__testUtils__/failedRolloutAlert';
import { startAlertReceiver } from './__testUtils__/startAlertReceiver';

const alert = failedRolloutAlert;

describe('AlertSender', () => {
  it("posts to every provider that wants the alert, logs a provider's failure without its URL, and reports unknown provider names", async () => {
    const hooks = await startAlertReceiver({ '/broken': 500 });
    const logger = mockServices.logger.mock();
    try {
      const sender = new AlertSender({
        providers: [
          { name: 'ok', type: 'generic', url: `${hooks.url}/ok` },
          {
            name: 'broken',
            type: 'generic',
            url: `${hooks.url}/broken`,
            severity: 'error',
          },
          { name: 'quiet', type: 'generic', url: `${hooks.url}/quiet` },
        ],
        notifiers: new NotifierRegistry(),
        logger,
      });
      await sender.send(alert, [
        { name: 'team', severity: 'info', providerRef: { name: 'ok' } },
        { name: 'typo', severity: 'info', providerRef: { name: 'okay' } },
      ]);
      expect(hooks.received.map(r => r.path).sort()).toEqual([
        '/broken',
        '/ok',
      ]);
      expect(hooks.received[0].body).toEqual(alert);
      const warnings = logger.warn.mock.calls.map(call => String(call[0]));
      expect(warnings).toEqual(
        expect.arrayContaining([
          'Canary test/podinfo: analysis.alerts names alert provider "okay", which is not in canary.alertProviders; its alerts go nowhere',
          'Could not deliver the error alert about test/podinfo to alert provider broken (generic): HTTP 500',
        ]),
      );
      expect(warnings.join('\n')).not.toContain(hooks.url);
    } finally {
      await hooks.close();
    }
  });

  it("sends a module's notifier's request, with its headers, as JSON", async () => {
    const hooks = await startAlertReceiver();
    try {
      const notifiers = new NotifierRegistry();
      notifiers.add({
        type: 'pagerduty',
        request: (a, provider) => ({
          url: `${provider.url}/enqueue`,
          headers: { 'x-routing-key': 'team-a' },
          body: { summary: a.message, severity: 'critical' },
        }),
      });
      const sender = new AlertSender({
        providers: [
          {
            name: 'pages',
            type: 'pagerduty',
            url: hooks.url,
            severity: 'error',
          },
        ],
        notifiers,
        logger: mockServices.logger.mock(),
      });
      await sender.send(alert);
      expect(hooks.received).toEqual([
        {
          path: '/enqueue',
          body: { summary: alert.message, severity: 'critical' },
          headers: expect.objectContaining({
            'x-routing-key': 'team-a',
            'content-type': 'application/json',
          }),
        },
      ]);
      expect(() => notifiers.add({ ...notifiers.get('slack')! })).toThrow(
        'A notifier for alert provider type "slack" is already registered',
      );
    } finally {
      await hooks.close();
    }
  });
});
